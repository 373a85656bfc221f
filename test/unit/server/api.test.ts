// The JSON API as a client sees it: runs newest first, filters, paging, one run, trends, and a
// 400 {error, field} for every bad input instead of a guess.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type ServerFixture } from './server-fixture.js';

let fixture: ServerFixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.close();
});

interface RunsBody {
  runs: Array<{ runId: string; status: string; gitBranch?: string }>;
  nextBefore?: string;
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fixture.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

describe('GET /api/runs', () => {
  it('lists runs newest first', async () => {
    const { status, body } = await getJson('/api/runs');
    expect(status).toBe(200);
    expect((body as RunsBody).runs.map((run) => run.runId)).toEqual([
      '20240503T120000Z-ccc333',
      '20240502T120000Z-bbb222',
      '20240501T120000Z-aaa111',
    ]);
  });

  it('filters by status, branch and image', async () => {
    const failed = (await getJson('/api/runs?status=failed')).body as RunsBody;
    expect(failed.runs.map((run) => run.runId)).toEqual(['20240501T120000Z-aaa111']);
    const branch = (await getJson('/api/runs?branch=feature%2Fx')).body as RunsBody;
    expect(branch.runs.map((run) => run.runId)).toEqual(['20240502T120000Z-bbb222']);
    const image = (await getJson('/api/runs?image=agent')).body as RunsBody;
    expect(image.runs.map((run) => run.runId)).toEqual(['20240501T120000Z-aaa111']);
  });

  it('pages with limit and before, pointing at the next page', async () => {
    const first = (await getJson('/api/runs?limit=2')).body as RunsBody;
    expect(first.runs).toHaveLength(2);
    expect(first.nextBefore).toBe('20240502T120000Z-bbb222');
    const second = (await getJson(`/api/runs?limit=2&before=${first.nextBefore}`)).body as RunsBody;
    expect(second.runs.map((run) => run.runId)).toEqual(['20240501T120000Z-aaa111']);
    expect(second.nextBefore).toBeUndefined();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['status=exploded', 'status'],
    ['status=failed&status=succeeded', 'status'],
    [`branch=${'x'.repeat(201)}`, 'branch'],
  ])('answers 400 with the field for %s', async (query, field) => {
    const { status, body } = await getJson(`/api/runs?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ field });
    expect((body as { error: string }).error).toMatch(new RegExp(`^${field}: `));
  });
});

describe('GET /api/runs/:runId', () => {
  it('returns the run with its image builds', async () => {
    const { status, body } = await getJson('/api/runs/20240501T120000Z-aaa111');
    expect(status).toBe(200);
    const run = body as {
      status: string;
      imageBuilds: Array<{ image: string; status: string; attempts: number }>;
    };
    expect(run.status).toBe('failed');
    expect(run.imageBuilds.find((image) => image.image === 'agent')).toMatchObject({
      status: 'failed',
      attempts: 2,
    });
  });

  it('answers 404 for an unknown run', async () => {
    const { status, body } = await getJson('/api/runs/20990101T000000Z-nope');
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'run 20990101T000000Z-nope not found', field: 'runId' });
  });
});

describe('GET /api/trends', () => {
  it('aggregates one image over a window', async () => {
    const { status, body } = await getJson(
      '/api/trends?since=2024-04-01T00:00:00Z&until=2024-06-01&image=base',
    );
    expect(status).toBe(200);
    const trends = body as { images: Array<{ image: string; builds: number }>; series: unknown[] };
    expect(trends.images.find((image) => image.image === 'base')?.builds).toBe(2);
    expect(trends.series.length).toBeGreaterThan(0);
  });

  it.each([
    ['since=yesterday-ish', 'since'],
    ['until=2024-13-45', 'until'],
    ['bucket=week', 'bucket'],
    ['since=2024-06-01&until=2024-05-01', 'since'],
    ['top=0', 'top'],
  ])('answers 400 with the field for %s', async (query, field) => {
    const { status, body } = await getJson(`/api/trends?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ field });
  });
});

describe('unknown API routes', () => {
  it('answer 404 as JSON', async () => {
    const { status, body } = await getJson('/api/nothing-here');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: 'no such page: GET /api/nothing-here' });
  });
});
