// The one gate in front of state-changing routes: a bearer token compared in constant time, with
// state changes switched off entirely when no token is configured.
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_ENV = 'IMAGEFORGE_SERVE_TOKEN';

export type TokenCheck = { ok: true } | { ok: false; statusCode: 401 | 403; error: string };

/** Whether `authorization` (the request's header) carries `token`; never echoes either. */
export function checkBearerToken(authorization: string | undefined, token: string | undefined): TokenCheck {
  if (token === undefined)
    return {
      ok: false,
      statusCode: 403,
      error:
        `state-changing routes are disabled: start imageforge serve with ${TOKEN_ENV} set ` +
        '(or --token-file <path>) and send "Authorization: Bearer <token>"',
    };
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (presented === undefined)
    return {
      ok: false,
      statusCode: 401,
      error: 'missing bearer token: send "Authorization: Bearer <token>"',
    };
  // Hashing first gives equal-length buffers, so the comparison time does not reveal the length.
  if (!timingSafeEqual(digest(presented), digest(token)))
    return { ok: false, statusCode: 401, error: 'wrong bearer token' };
  return { ok: true };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
