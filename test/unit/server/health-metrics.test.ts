// What probes and Prometheus see: /healthz names the store and turns 503 when it fails; /metrics is
// the text exposition format with history and live families.
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type ServerFixture } from './server-fixture.js';

let fixture: ServerFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('/healthz', () => {
  it('answers 200 with the history location', async () => {
    fixture = await startFixture();
    const response = await fixture.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', history: fixture.store.location });
    expect(fixture.store.location).toContain('history.db');
  });

  it('answers 503 when the store fails', async () => {
    fixture = await startFixture();
    await fixture.closeStore();
    const response = await fixture.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', history: fixture.store.location });
  });
});

describe('/metrics', () => {
  it('serves the exposition format with build counts and live builder state', async () => {
    fixture = await startFixture();
    const response = await fixture.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toMatch(/^# TYPE imageforge_builds_total counter$/m);
    expect(response.body).toMatch(
      /^imageforge_builds_total\{image="agent",builder="[^"]*",method="buildkit",status="failed"\} 1$/m,
    );
    expect(response.body).toMatch(/^imageforge_builder_up\{builder="ci"\} 1$/m);
    expect(response.body).toMatch(/^imageforge_cache_bytes\{builder="ci"\} 2500000000$/m);
  });
});
