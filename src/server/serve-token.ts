// Where the dashboard's bearer token comes from: IMAGEFORGE_SERVE_TOKEN, or a file (so the token
// stays out of process listings and shell history). An empty token is a mistake, not "no token".
import { readFile } from 'node:fs/promises';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';
import { TOKEN_ENV } from './bearer-token.js';

export interface ResolveServeTokenOptions {
  env: Record<string, string | undefined>;
  /** Read the token from this file instead of the environment. */
  tokenFile?: string | undefined;
}

/** The configured token, or undefined when none is (state-changing routes stay disabled). */
export async function resolveServeToken(options: ResolveServeTokenOptions): Promise<string | undefined> {
  if (options.tokenFile !== undefined) {
    const token = (await readTokenFile(options.tokenFile)).trim();
    if (token === '') throw tokenError(`--token-file ${options.tokenFile}: the file is empty`);
    return token;
  }
  const fromEnv = options.env[TOKEN_ENV];
  if (fromEnv === undefined) return undefined;
  if (fromEnv.trim() === '') throw tokenError(`${TOKEN_ENV} is set but empty`);
  return fromEnv.trim();
}

async function readTokenFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new ImageforgeError(`--token-file ${file}: cannot read the file`, {
      code: ErrorCode.Usage,
      category: 'usage',
      cause: error,
      hint: 'give a readable file holding only the token',
    });
  }
}

function tokenError(message: string): ImageforgeError {
  return new ImageforgeError(message, {
    code: ErrorCode.Usage,
    category: 'usage',
    hint: `put a long random value there, e.g. \`openssl rand -hex 32\`, or unset ${TOKEN_ENV}`,
  });
}
