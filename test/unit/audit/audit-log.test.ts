import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  appendAuditRecord,
  AuditErrorCode,
  DEFAULT_AUDIT_LOG,
  defaultAuditLogFile,
  readAuditLog,
} from '../../../src/audit/index.js';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import { sampleRecord } from './fixtures/sample-record.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imageforge-audit-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const NOW = new Date('2025-01-02T03:04:05.000Z');
const ENV = { GITHUB_ACTOR: 'octocat', SUDO_USER: 'alice' };

describe('audit log', () => {
  it('lives in the project by default', () => {
    expect(DEFAULT_AUDIT_LOG).toBe('.imageforge/audit.jsonl');
    expect(defaultAuditLogFile('/p')).toBe('/p/.imageforge/audit.jsonl');
  });

  it('appends one JSON line per build and reads them back', async () => {
    const file = path.join(await tempDir(), '.imageforge', 'audit.jsonl');
    const first = await appendAuditRecord(file, sampleRecord(), { now: NOW, env: ENV });
    await appendAuditRecord(
      file,
      { ...sampleRecord(), runId: 'second', status: 'refused' },
      { now: NOW, env: ENV },
    );
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0] ?? '')).toEqual(first);
    expect(first).toMatchObject({
      schemaVersion: 1,
      at: '2025-01-02T03:04:05.000Z',
      who: { sudoUser: 'alice', ci: { actor: 'octocat', variable: 'GITHUB_ACTOR' } },
      gates: [],
    });
    expect(first.who.user).not.toBe('');
    expect(first.host).not.toBe('');
    const log = await readAuditLog(file);
    expect(log.problems).toEqual([]);
    expect(log.records.map((record) => [record.runId, record.status])).toEqual([
      ['20250102-030405-abcd', 'succeeded'],
      ['second', 'refused'],
    ]);
  });

  it('never writes a secret value: redaction reaches every string, keys included', async () => {
    const file = path.join(await tempDir(), 'audit.jsonl');
    const secret = 's3cr3t-t0ken';
    const record = {
      ...sampleRecord(),
      images: [{ name: 'app', tags: [`registry/app:${secret}`], status: `failed: token ${secret} rejected` }],
      gates: [{ name: 'scan', status: 'failed', message: `auth ${secret}` }],
      policy: {
        violations: [{ rule: 'pinned-base-images' as const, image: 'app', message: `FROM x:${secret}` }],
        warnings: [],
        resolvedBaseImages: { [`x:${secret}`]: `x:${secret}@sha256:${'0'.repeat(64)}` },
      },
    };
    await appendAuditRecord(file, record, { redact: (text) => text.replaceAll(secret, '***'), env: {} });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('registry/app:***');
    expect(text).toContain('"x:***"');
  });

  it('refuses an invalid record without writing anything', async () => {
    const file = path.join(await tempDir(), 'audit.jsonl');
    const error = await appendAuditRecord(file, { ...sampleRecord(), configHash: 'md5:1' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ImageforgeError);
    expect((error as ImageforgeError).message).toMatch(/^invalid audit record: configHash:/);
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('fails with a clear error when the log cannot be written', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'audit.jsonl'));
    const error = await appendAuditRecord(path.join(dir, 'audit.jsonl'), sampleRecord()).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: AuditErrorCode.AuditWriteFailed, category: 'environment' });
    expect((error as Error).message).toMatch(/^cannot append to the audit log .*audit\.jsonl: EISDIR/);
  });

  it('reads a missing log as empty', async () => {
    expect(await readAuditLog(path.join(await tempDir(), 'none.jsonl'))).toEqual({
      records: [],
      problems: [],
    });
  });

  it('keeps every whole record when the last line is torn, and reports it', async () => {
    const file = path.join(await tempDir(), 'audit.jsonl');
    await appendAuditRecord(file, sampleRecord());
    await appendFile(file, 'not json at all\n');
    await appendAuditRecord(file, { ...sampleRecord(), runId: 'third' });
    await appendFile(file, '{"schemaVersion":1,"at":"2025-');
    const log = await readAuditLog(file);
    expect(log.records.map((record) => record.runId)).toEqual(['20250102-030405-abcd', 'third']);
    expect(log.problems).toEqual([
      { line: 2, message: 'not valid JSON', torn: false },
      { line: 4, message: 'not valid JSON', torn: true },
    ]);
  });

  it('keeps every line intact when several processes append at once', async () => {
    const file = path.join(await tempDir(), 'audit.jsonl');
    const script = fileURLToPath(new URL('fixtures/append-records.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const writers = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    const perWriter = 25;
    const exits = await Promise.all(
      writers.map(
        (writer) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', script, file, writer, String(perWriter)],
              {
                cwd: root,
                stdio: ['ignore', 'ignore', 'pipe'],
              },
            );
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.on('close', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    expect(exits).toEqual(writers.map(() => ({ code: 0, stderr: '' })));
    const log = await readAuditLog(file);
    expect(log.problems).toEqual([]);
    expect(log.records).toHaveLength(writers.length * perWriter);
    const expected = writers.flatMap((writer) =>
      Array.from({ length: perWriter }, (_, index) => `${writer}-${index}`),
    );
    expect(log.records.map((record) => record.runId).sort()).toEqual(expected.sort());
    for (const writer of writers) {
      const order = log.records
        .filter((record) => record.runId.startsWith(`${writer}-`))
        .map((record) => record.runId);
      expect(order).toEqual(Array.from({ length: perWriter }, (_, index) => `${writer}-${index}`));
    }
  }, 60_000);
});
