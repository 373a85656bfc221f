// The dashboard pages as a browser receives them: status, the strict CSP header, what each page
// lists, and hostile values from history (an image named `<script>…`) arriving as text, not markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineLiveFacts } from '../../../src/server/engine-live-facts.js';
import { HOSTILE, startFixture, type ServerFixture } from './server-fixture.js';

const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const CSP =
  "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";

let fixture: ServerFixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.close();
});

async function page(
  url: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const response = await fixture.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.body, headers: response.headers };
}

/** No markup the CSP would block, and no hostile value that turned into markup. */
function expectSafe(body: string): void {
  expect(body).not.toContain(HOSTILE);
  expect(body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
}

describe('runs list /', () => {
  it('shows every run newest first, with the CSP header', async () => {
    const { status, body, headers } = await page('/');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toBe(CSP);
    const order = ['20240503T120000Z-ccc333', '20240502T120000Z-bbb222', '20240501T120000Z-aaa111'].map(
      (id) => body.indexOf(`href="/runs/${id}"`),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toContain('feature/x');
    expect(body).toContain(`&lt;b&gt;${ESCAPED}&lt;/b&gt;`);
    expectSafe(body);
  });

  it('filters by status and keeps the filter in the form', async () => {
    const { body } = await page('/?status=failed&branch=&image=');
    expect(body).toContain('/runs/20240501T120000Z-aaa111');
    expect(body).not.toContain('/runs/20240502T120000Z-bbb222');
    expect(body).toContain('<option value="failed" selected>');
  });

  it('pages with an "Older runs" link that keeps the filters', async () => {
    const first = await page('/?limit=2');
    expect(first.body).toContain('href="/?limit=2&amp;before=20240502T120000Z-bbb222"');
    const second = await page('/?limit=2&before=20240502T120000Z-bbb222');
    expect(second.body).toContain('/runs/20240501T120000Z-aaa111');
    expect(second.body).not.toContain('/runs/20240503T120000Z-ccc333');
    expect(second.body).toContain('← Newest');
  });

  it('answers 400 with a page naming the bad filter', async () => {
    const { status, body } = await page('/?limit=9999');
    expect(status).toBe(400);
    expect(body).toContain('limit: expected at most 500');
  });
});

describe('run detail /runs/:runId', () => {
  it('shows each image with status, attempts, error code and slowest steps', async () => {
    const { status, body } = await page('/runs/20240501T120000Z-aaa111');
    expect(status).toBe(200);
    for (const image of ['base', 'controller', 'agent', 'agent-x'])
      expect(body).toContain(`href="/images/${image}"`);
    expect(body).toContain('IMAGEFORGE_BUILD_FAILED');
    expect(body).toMatch(/<td class="num text-warning">2<\/td>/);
    expect(body).toContain('Slowest steps');
    expect(body).toContain('[2/2] RUN make');
    expect(body).toContain('<svg');
    expectSafe(body);
  });

  it('escapes a hostile image name in text and links', async () => {
    const { status, body } = await page('/runs/20240503T120000Z-ccc333');
    expect(status).toBe(200);
    expect(body).toContain(ESCAPED);
    expect(body).toContain(`href="/images/${encodeURIComponent(HOSTILE)}"`);
    expectSafe(body);
  });

  it('answers 404 for an unknown run', async () => {
    const { status, body } = await page('/runs/20990101T000000Z-nope');
    expect(status).toBe(404);
    expect(body).toContain('No run 20990101T000000Z-nope in history.');
  });
});

describe('image trends /images/:image', () => {
  it('shows figures, duration and cache charts, and recent builds', async () => {
    const { status, body } = await page('/images/base');
    expect(status).toBe(200);
    expect(body).toContain('Median duration');
    expect(body.match(/<svg[^>]*class="chart chart-lines/g)).toHaveLength(2);
    expect(body).toContain('Recent builds');
    expect(body).toContain('href="/runs/20240502T120000Z-bbb222"');
    expectSafe(body);
  });

  it('escapes a hostile image name', async () => {
    const { status, body } = await page(`/images/${encodeURIComponent(HOSTILE)}`);
    expect(status).toBe(200);
    expect(body).toContain(ESCAPED);
    expectSafe(body);
  });

  it('says when an image has no builds', async () => {
    const { status, body } = await page('/images/never-built');
    expect(status).toBe(200);
    expect(body).toContain('No builds of this image are recorded.');
  });
});

describe('live pages', () => {
  it('/cache shows usage against the limit', async () => {
    const { status, body } = await page('/cache');
    expect(status).toBe(200);
    expect(body).toContain('2.50 GB');
    expect(body).toContain('50% of 5.00 GB limit');
    expectSafe(body);
  });

  it('/cache says clearly when the engine is unreachable, and still answers 200', async () => {
    const offline = await startFixture({
      live: engineLiveFacts({
        env: { DOCKER_HOST: 'unix:///nonexistent/imageforge/docker.sock' },
        timeoutMs: 5000,
      }),
    });
    try {
      const response = await offline.app.inject({ method: 'GET', url: '/cache' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Engine unreachable');
      expect(response.body).toContain(
        'cannot reach the Docker daemon at unix:///nonexistent/imageforge/docker.sock',
      );
    } finally {
      await offline.close();
    }
  });

  it('/builders shows which builders answer', async () => {
    const { status, body } = await page('/builders');
    expect(status).toBe(200);
    expect(body).toContain('1 of 2 answering');
    expect(body).toContain('<span class="badge tone-success">up</span>');
    expect(body).toContain('<span class="badge tone-failure">down</span>');
    expect(body).toContain(ESCAPED);
    expectSafe(body);
  });
});

describe('assets and unknown pages', () => {
  it('serves the stylesheet as CSS', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/assets/style.css' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.body).toContain('.topbar');
  });

  it('answers 404 with a page for an unknown path', async () => {
    const { status, body } = await page('/nowhere');
    expect(status).toBe(404);
    expect(body).toContain('no such page: GET /nowhere');
  });
});

describe('image names with a registry path', () => {
  it('route /images/team%2Fapp to the image team/app', async () => {
    const { status, body } = await page('/images/team%2Fapp');
    expect(status).toBe(200);
    expect(body).toContain('<span class="mono">team/app</span>');
  });
});
