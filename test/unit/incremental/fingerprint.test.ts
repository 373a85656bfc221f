import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { digestContext } from '../../../src/incremental/context-digest.js';
import { fingerprint } from '../../../src/incremental/fingerprint.js';

async function context(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-ctx-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

describe('digestContext', () => {
  it('changes with content, names and the executable bit, not with ignored files', async () => {
    const dir = await context({
      Dockerfile: 'FROM x\n',
      'src/a.sh': 'echo a\n',
      '.dockerignore': 'tmp\n*.log\n',
      'tmp/x': '1',
    });
    const dockerfile = path.join(dir, 'Dockerfile');
    const first = await digestContext(dir, dockerfile);
    await writeFile(path.join(dir, 'tmp/x'), '2');
    await writeFile(path.join(dir, 'build.log'), 'noise');
    expect(await digestContext(dir, dockerfile)).toBe(first);
    await chmod(path.join(dir, 'src/a.sh'), 0o755);
    const executable = await digestContext(dir, dockerfile);
    expect(executable).not.toBe(first);
    await writeFile(path.join(dir, 'src/a.sh'), 'echo b\n');
    expect(await digestContext(dir, dockerfile)).not.toBe(executable);
  });

  it('prefers the Dockerfile-specific ignore file', async () => {
    const dir = await context({
      'app.Dockerfile': 'FROM x\n',
      'app.Dockerfile.dockerignore': 'secret.txt\n',
      'secret.txt': 'a',
    });
    const dockerfile = path.join(dir, 'app.Dockerfile');
    const before = await digestContext(dir, dockerfile);
    await writeFile(path.join(dir, 'secret.txt'), 'b');
    expect(await digestContext(dir, dockerfile)).toBe(before);
  });

  it("ignores imageforge's own state folder inside a `context: .` project", async () => {
    const dir = await context({ Dockerfile: 'FROM x\n', '.imageforge/runs/1/report.json': '{}' });
    const dockerfile = path.join(dir, 'Dockerfile');
    const before = await digestContext(dir, dockerfile);
    await writeFile(path.join(dir, '.imageforge/history.db'), 'changes on every run');
    expect(await digestContext(dir, dockerfile)).toBe(before);
  });
});

describe('fingerprint', () => {
  it('depends on every base image digest, not on their order', () => {
    const a = fingerprint('static', { 'x:1': 'sha256:1', 'y:1': 'sha256:2' });
    expect(fingerprint('static', { 'y:1': 'sha256:2', 'x:1': 'sha256:1' })).toBe(a);
    expect(fingerprint('static', { 'x:1': 'sha256:9', 'y:1': 'sha256:2' })).not.toBe(a);
  });
});
