// `imageforge scan`: the scan gates on their own — a local image (`scan IMAGE`) or a Trivy JSON report
// made elsewhere (`scan --report trivy.json`), judged by the same policy as a build: exit 0 pass, 1 fail.
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { createColors } from 'picocolors';
import type { ImageScanConfig } from '../../config/types.js';
import { resolveDockerEndpoint } from '../../docker/docker-endpoint.js';
import { DEFAULT_IMAGE_SCAN, resolveScanSettings } from '../../gates/resolve-gate-config.js';
import { evaluateReportFile, scanLocalImage } from '../../gates/verify-image.js';
import { formatDecision } from '../../gates/policy/decision-text.js';
import { readIgnoreFile } from '../../gates/ignore-file.js';
import type { Severity } from '../../gates/scan/findings.js';
import type { IgnoreRule } from '../../gates/policy/scan-policy.js';
import { colorEnabled } from '../../progress/progress-mode.js';
import { ExitCode } from '../exit-code.js';
import type { CliIo } from '../io.js';
import { addConfigFlags, parseChoice, usageError, type ConfigFlags } from '../options.js';
import { renderScanGates } from '../gates/render-gates.js';
import { resolveStandaloneTarget } from '../gates/standalone-target.js';
import { writeJunitFile } from '../gates/write-junit.js';
import { SCAN_SUITE_NAME, scanCase } from '../../gates/gate-junit.js';
import type { ImageGates } from '../../gates/gate-report.js';
import type { JunitSuite } from '../../report/junit.js';

const FAIL_ON = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;

interface ScanFlags extends ConfigFlags {
  report?: string;
  failOn?: Severity | 'NONE';
  ignoreUnfixed?: boolean;
  ignoreFile?: string;
  secrets: boolean;
  vulnerabilities: boolean;
  sbom?: Array<'cyclonedx' | 'spdx-json'>;
  outputDir?: string;
  json?: boolean;
  junit?: string;
}

export function registerScan(program: Command, io: CliIo): void {
  const command = program
    .command('scan')
    .description('scan a local image, or judge a Trivy JSON report, against the scan policy')
    .argument('[image]', 'an image of imageforge.yaml, or any local image reference');
  addConfigFlags(command)
    .option('--report <file>', 'judge this Trivy JSON report instead of scanning an image')
    .option(
      '--fail-on <severity>',
      'CRITICAL | HIGH | MEDIUM | LOW | NONE',
      parseChoice('--fail-on', FAIL_ON),
    )
    .option('--ignore-unfixed', 'vulnerabilities without a fixed version do not fail the gate')
    .option(
      '--ignore-file <file>',
      'YAML/JSON list of ignores {id, reason, package?, purl?, path?, expires?}',
    )
    .option('--no-vulnerabilities', 'skip the vulnerability scan (image mode)')
    .option('--no-secrets', 'skip the secret scan (image mode)')
    .option(
      '--sbom <format>',
      'also write an SBOM: cyclonedx | spdx-json (repeatable)',
      (value: string, previous: Array<'cyclonedx' | 'spdx-json'> = []) => [
        ...previous,
        parseChoice('--sbom', ['cyclonedx', 'spdx-json'] as const)(value),
      ],
    )
    .option('--output-dir <dir>', 'where raw scanner reports and SBOMs go (image mode)')
    .option('--json', 'print the decision as JSON')
    .option('--junit <file>', 'also write the gate results as JUnit XML')
    .action(async (image: string | undefined, flags: ScanFlags) => {
      if (flags.report !== undefined && image !== undefined)
        throw usageError('give either an image or --report, not both');
      if (flags.report !== undefined) io.setExitCode(await judgeReport(flags.report, flags, io));
      else if (image !== undefined) io.setExitCode(await scanImage(image, flags, io));
      else
        throw usageError(
          'nothing to scan',
          'run `imageforge scan IMAGE` or `imageforge scan --report trivy.json`',
        );
    });
}

async function ignoresFrom(flags: ScanFlags, fromConfig: IgnoreRule[]): Promise<IgnoreRule[]> {
  return flags.ignoreFile === undefined
    ? fromConfig
    : [...fromConfig, ...(await readIgnoreFile(flags.ignoreFile))];
}

async function judgeReport(file: string, flags: ScanFlags, io: CliIo): Promise<number> {
  const policy = {
    failOn: flags.failOn ?? 'CRITICAL',
    ignoreUnfixed: flags.ignoreUnfixed ?? false,
    ignores: await ignoresFrom(flags, []),
  };
  const { scan, decision } = await evaluateReportFile(file, policy);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ artifact: scan.artifact, policy, ...decision }, null, 2)}\n`);
  } else {
    const color = colorEnabled(io.stdout, io.env);
    io.stdout.write(`${createColors(color).bold(`${scan.artifact}`)} (${path.basename(file)})\n`);
    io.stdout.write(`${formatDecision(decision, { color, max: 25 }).join('\n')}\n`);
  }
  if (flags.junit !== undefined) {
    await writeJunitFile(flags.junit, [
      {
        name: 'imageforge.scan',
        timestamp: new Date().toISOString(),
        cases: [
          {
            classname: `imageforge.scan.${scan.artifact}`,
            name: `report ${path.basename(file)} (fail on ${policy.failOn})`,
            durationMs: 0,
            ...(decision.passed
              ? {}
              : {
                  failure: {
                    message: decision.summary,
                    type: 'IMAGEFORGE_SCAN_FAILED',
                    body: formatDecision(decision, {}).join('\n'),
                  },
                }),
          },
        ],
      },
    ]);
  }
  return decision.passed ? ExitCode.Ok : ExitCode.Failed;
}

async function scanImage(argument: string, flags: ScanFlags, io: CliIo): Promise<number> {
  const target = await resolveStandaloneTarget(argument, flags);
  const configured: ImageScanConfig = target.image?.scan ?? DEFAULT_IMAGE_SCAN;
  const scan: ImageScanConfig = {
    vulnerabilities:
      flags.vulnerabilities === false
        ? undefined
        : {
            failOn: flags.failOn ?? configured.vulnerabilities?.failOn ?? 'CRITICAL',
            ignoreUnfixed: flags.ignoreUnfixed ?? configured.vulnerabilities?.ignoreUnfixed ?? false,
          },
    secrets: flags.secrets === false ? undefined : (configured.secrets ?? { failOn: 'HIGH' }),
    sbom: flags.sbom ?? (target.image ? configured.sbom : []),
    ignores: await ignoresFrom(flags, configured.ignores),
  };
  const projectDir = target.config?.projectDir ?? process.cwd();
  const settings = target.config?.settings.scan ?? resolveScanSettings(undefined, projectDir, false);
  const endpoint = await resolveDockerEndpoint(io.env);
  const outDir = flags.outputDir ?? path.join(os.tmpdir(), `imageforge-scan-${Date.now().toString(36)}`);
  const gates = await scanLocalImage({
    reference: target.reference,
    scan,
    settings,
    outDir,
    dockerHost: endpoint.host,
    env: io.env,
  });
  if (flags.json) io.stdout.write(`${JSON.stringify({ image: target.reference, ...gates }, null, 2)}\n`);
  else io.stdout.write(renderScanGates(target.reference, gates, outDir, colorEnabled(io.stdout, io.env)));
  if (flags.junit !== undefined) await writeJunitFile(flags.junit, scanSuites(target.reference, gates));
  return gates.status === 'failed' ? ExitCode.Failed : ExitCode.Ok;
}

function scanSuites(reference: string, gates: ImageGates): JunitSuite[] {
  const cases = (gates.scans ?? []).map((scan) => scanCase(reference, scan));
  return [{ name: SCAN_SUITE_NAME, timestamp: new Date().toISOString(), cases }];
}
