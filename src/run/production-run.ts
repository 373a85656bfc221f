// What `settings.policy: production` changes in a run: the policy is checked before anything builds
// (a refusal is audited, then exits 2), RUN steps get no network unless an image allows it, builds
// carry max-mode provenance, and every run appends an audit record.
import type { BuildPlan } from '../plan/plan.js';
import type { ImageResult, Report } from '../report/report-types.js';
import {
  assertProductionPolicy,
  productionBuildArgs,
  productionNetwork,
  type PolicyResult,
} from '../policy/index.js';
import { appendAuditRecord, configHash, defaultAuditLogFile } from '../audit/index.js';
import { getGitInfo } from '../config/index.js';
import { isImageforgeError } from '../errors/imageforge-error.js';

export function isProduction(plan: BuildPlan): boolean {
  return plan.config.settings.policy === 'production';
}

/** Checks the policy; a refusal is recorded in the audit log before it is thrown. */
export async function enforceProductionPolicy(
  plan: BuildPlan,
  runId: string,
  redact: (text: string) => string,
): Promise<PolicyResult> {
  try {
    return await assertProductionPolicy(plan, { builders: plan.config.builders });
  } catch (error: unknown) {
    const violations = isImageforgeError(error) ? error.details.violations : undefined;
    await audit(
      plan,
      runId,
      'refused',
      [],
      Array.isArray(violations) ? (violations as PolicyResult['violations']) : [],
      [],
      redact,
    );
    throw error;
  }
}

/** Production builds: RUN without network unless allowed, provenance attestations on. */
export function applyProductionBuildSettings(plan: BuildPlan): string[] {
  for (const name of plan.order) {
    const planned = plan.images[name];
    if (planned) planned.image = { ...planned.image, network: productionNetwork(planned.image) };
  }
  return productionBuildArgs();
}

export async function auditRun(
  plan: BuildPlan,
  report: Report,
  policy: PolicyResult,
  redact: (text: string) => string,
): Promise<void> {
  const status =
    report.status === 'succeeded' ? 'succeeded' : report.status === 'cancelled' ? 'cancelled' : 'failed';
  await audit(plan, report.runId, status, report.images, policy.violations, policy.warnings, redact);
}

async function audit(
  plan: BuildPlan,
  runId: string,
  status: 'succeeded' | 'failed' | 'cancelled' | 'refused',
  images: ImageResult[],
  violations: PolicyResult['violations'],
  warnings: PolicyResult['warnings'],
  redact: (text: string) => string,
): Promise<void> {
  const git = await getGitInfo(plan.config.projectDir);
  const finding = (item: PolicyResult['violations'][number]) => ({
    rule: item.rule,
    message: item.message,
    ...(item.image ? { image: item.image } : {}),
    ...(item.builder ? { builder: item.builder } : {}),
  });
  await appendAuditRecord(
    defaultAuditLogFile(plan.config.projectDir),
    {
      runId,
      status,
      git: {
        ...(git.commit ? { commit: git.commit } : {}),
        ...(git.branch ? { branch: git.branch } : {}),
        ...(git.dirty !== undefined ? { dirty: git.dirty } : {}),
      },
      configFile: plan.config.file,
      configHash: configHash(plan.config, { redact }),
      ...(plan.config.profile ? { profile: plan.config.profile } : {}),
      ...(plan.config.settings.builder ? { builder: plan.config.settings.builder } : {}),
      images: images.map((image) => ({
        name: image.name,
        tags: image.tags,
        status: image.status,
        ...(image.digest ? { digest: image.digest } : {}),
      })),
      policy: { violations: violations.map(finding), warnings: warnings.map(finding) },
    },
    { redact },
  );
}
