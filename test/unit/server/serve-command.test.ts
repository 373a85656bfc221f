// `imageforge serve` refuses unsafe or impossible setups before listening, with exit 2 and a reason.
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { main } from '../../../src/cli/main.js';
import { registerServe } from '../../../src/cli/commands/serve.js';

async function serve(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(['node', 'imageforge', 'serve', ...args], {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: { NO_COLOR: '1', ...env },
  });
  return { code, stdout, stderr };
}

describe('imageforge serve', () => {
  it('registers a serve command with its flags', () => {
    const program = new Command('imageforge');
    registerServe(program, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: {},
      setExitCode: () => {},
    });
    const command = program.commands.find((candidate) => candidate.name() === 'serve');
    expect(command?.options.map((option) => option.long)).toEqual(
      expect.arrayContaining(['--port', '--host', '--history', '--token-file', '--file']),
    );
  });

  it('refuses --host 0.0.0.0 without a token: exit 2, saying why', async () => {
    const run = await serve(['--host', '0.0.0.0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--host 0.0.0.0: refusing to listen beyond this machine without a token');
    expect(run.stderr).toContain('IMAGEFORGE_SERVE_TOKEN');
  });

  it('rejects a bad port and an empty token file with exit 2', async () => {
    const port = await serve(['--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port: expected a port number from 0 to 65535, got "http"');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-token-'));
    const file = path.join(dir, 'token');
    await writeFile(file, '\n');
    const empty = await serve(['--token-file', file]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the file is empty');
    const blank = await serve(['--host', '0.0.0.0'], { IMAGEFORGE_SERVE_TOKEN: ' ' });
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('IMAGEFORGE_SERVE_TOKEN is set but empty');
  });
});
