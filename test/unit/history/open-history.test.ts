// Opening a store that cannot be reached fails as data: a stable code, the location without the
// password, and a hint.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/codes.js';
import { openHistoryStore } from '../../../src/history/open-history.js';

describe('openHistoryStore', () => {
  it('reports an unreachable PostgreSQL as IMAGEFORGE_HISTORY_UNAVAILABLE without the password', async () => {
    const error: unknown = await openHistoryStore({
      projectDir: '.',
      url: 'postgres://ci:hunter2@127.0.0.1:1/history',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: ErrorCode.HistoryUnavailable,
      category: 'environment',
      details: { location: 'postgres://ci@127.0.0.1:1/history' },
    });
    expect((error as Error).message).toContain('postgres://ci@127.0.0.1:1/history');
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as { hint?: string }).hint).toMatch(/PostgreSQL/);
  });
});
