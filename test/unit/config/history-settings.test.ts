// settings.history / settings.metrics: the postgres shorthand, paths against the project, retention.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, load, loadFailure } from './project-fixture.js';

describe('history and metrics settings', () => {
  it('accepts `history: postgres://…` as a shorthand and keeps the URL as written', async () => {
    const dir = await createProject([
      'version: 1',
      'settings:',
      '  history: postgres://imageforge@db.internal:5432/imageforge',
      'images: {app: {}}',
    ]);
    expect((await load(dir)).settings.history).toMatchObject({
      enabled: true,
      url: 'postgres://imageforge@db.internal:5432/imageforge',
    });
  });

  it('resolves sqlite paths and metrics files against the project; retention durations in ms', async () => {
    const dir = await createProject([
      'version: 1',
      'settings:',
      '  history: {url: "sqlite:state/h.db", retention: {maxAge: 30d, maxRuns: 500}}',
      '  metrics: {textfile: out/imageforge.prom, pushgateway: "http://127.0.0.1:9091", job: ci}',
      'images: {app: {}}',
    ]);
    const { settings } = await load(dir);
    expect(settings.history).toEqual({
      enabled: true,
      url: path.join(dir, 'state/h.db'),
      retention: { maxAgeMs: 30 * 86_400_000, maxRuns: 500 },
    });
    expect(settings.metrics).toEqual({
      textfile: path.join(dir, 'out/imageforge.prom'),
      pushgateway: 'http://127.0.0.1:9091',
      job: 'ci',
    });
  });

  it('names a bad retention or pushgateway value with file:line', async () => {
    const { lines } = await loadFailure(
      await createProject([
        'version: 1',
        'settings:',
        '  history: {retention: {maxAge: forever}}',
        '  metrics: {pushgateway: not a url}',
        'images: {app: {}}',
      ]),
    );
    expect(lines[0]).toMatch(/^imageforge\.yaml:3: settings\.history\.retention\.maxAge: invalid duration/);
    expect(lines[1]).toMatch(/^imageforge\.yaml:4: settings\.metrics\.pushgateway: /);
  });
});
