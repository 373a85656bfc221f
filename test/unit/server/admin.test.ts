// State changes need a token: disabled (403, saying how to enable) without one configured, 401 for a
// missing or wrong one, and with the right one the prune really happens. The token is never echoed.
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type ServerFixture } from './server-fixture.js';

const TOKEN = 's3cret-token-for-tests-0123456789';
let fixture: ServerFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function prune(app: ServerFixture['app'], body: unknown, authorization?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/history/prune',
    headers: authorization === undefined ? {} : { authorization },
    payload: body as Record<string, unknown>,
  });
}

async function runCount(app: ServerFixture['app']): Promise<number> {
  const response = await app.inject({ method: 'GET', url: '/api/runs' });
  return response.json<{ runs: unknown[] }>().runs.length;
}

describe('POST /api/history/prune', () => {
  it('is disabled (403) when no token is configured, and says how to enable it', async () => {
    fixture = await startFixture();
    const response = await prune(fixture.app, { maxRuns: 1 }, `Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: string }>().error).toMatch(/IMAGEFORGE_SERVE_TOKEN/);
    expect(await runCount(fixture.app)).toBe(3);
  });

  it('answers 401 for a missing or wrong token and prunes nothing', async () => {
    fixture = await startFixture({ token: TOKEN });
    const missing = await prune(fixture.app, { maxRuns: 1 });
    expect(missing.statusCode).toBe(401);
    const wrong = await prune(fixture.app, { maxRuns: 1 }, 'Bearer not-the-token');
    expect(wrong.statusCode).toBe(401);
    const almost = await prune(fixture.app, { maxRuns: 1 }, `Bearer ${TOKEN}x`);
    expect(almost.statusCode).toBe(401);
    const basic = await prune(fixture.app, { maxRuns: 1 }, `Basic ${TOKEN}`);
    expect(basic.statusCode).toBe(401);
    for (const response of [missing, wrong, almost, basic]) expect(response.body).not.toContain(TOKEN);
    expect(await runCount(fixture.app)).toBe(3);
  });

  it('prunes with the right token: keeps the newest maxRuns', async () => {
    fixture = await startFixture({ token: TOKEN });
    const response = await prune(fixture.app, { maxRuns: 1 }, `Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ runsDeleted: 2 });
    const runs = (await fixture.app.inject({ method: 'GET', url: '/api/runs' })).json<{
      runs: Array<{ runId: string }>;
    }>();
    expect(runs.runs.map((run) => run.runId)).toEqual(['20240503T120000Z-ccc333']);
    expect(response.body).not.toContain(TOKEN);
  });

  it('prunes by age given as a duration string', async () => {
    fixture = await startFixture({ token: TOKEN });
    const response = await prune(fixture.app, { maxAge: '30d' }, `Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ runsDeleted: 3 });
  });

  it.each([
    [{}, 'body'],
    [{ maxAge: 'a while' }, 'maxAge'],
    [{ maxRuns: 0 }, 'maxRuns'],
    [{ maxRuns: '5' }, 'maxRuns'],
    [{ maxRuns: 5, everything: true }, 'everything'],
  ])('answers 400 for body %j (field %s) after authenticating', async (body, field) => {
    fixture = await startFixture({ token: TOKEN });
    const response = await prune(fixture.app, body, `Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field });
  });

  it('answers 400 as JSON for a body that is not JSON', async () => {
    fixture = await startFixture({ token: TOKEN });
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/history/prune',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: '{"maxRuns":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'body' });
  });
});
