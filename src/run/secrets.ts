// Resolves build secrets before a run starts: each must exist, and its value is remembered only to
// redact it from everything imageforge writes (logs, reports). Values never go on a command line.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImageConfig } from '../config/types.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';

const MAX_REDACTED_FILE_BYTES = 64 * 1024;

export interface ResolvedSecrets {
  /** Known secret values (env values, small file contents and their lines). */
  values: string[];
}

export async function resolveSecrets(
  images: ImageConfig[],
  env: Record<string, string | undefined>,
  configFile: string,
): Promise<ResolvedSecrets> {
  const values = new Set<string>();
  for (const image of images) {
    for (const [id, source] of Object.entries(image.secrets)) {
      const field = `images.${image.name}.secrets.${id}`;
      if (source.env !== undefined) {
        const value = env[source.env];
        if (value === undefined || value === '')
          throw missing(field, `environment variable ${source.env} is not set`, configFile);
        values.add(value);
        continue;
      }
      const file = path.resolve(path.dirname(configFile), source.file);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw missing(field, `file ${file} does not exist`, configFile);
      if (info.size <= MAX_REDACTED_FILE_BYTES) {
        const content = await readFile(file, 'utf8');
        values.add(content.trim());
        for (const line of content.split('\n')) if (line.trim().length >= 8) values.add(line.trim());
      }
    }
  }
  return { values: [...values].filter((value) => value.length >= 4) };
}

function missing(field: string, what: string, configFile: string): ImageforgeError {
  return new ImageforgeError(`${field}: ${what}`, {
    code: ErrorCode.SecretMissing,
    category: 'config',
    location: { file: configFile, path: field },
    hint: 'provide the secret (export the variable or create the file) before building',
  });
}
