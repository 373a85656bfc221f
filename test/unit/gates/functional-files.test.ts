// File tests: archive entries read from real tar streams, and the wording of every difference.
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { describeFileMismatches } from '../../../src/gates/functional/file-expectations.js';
import {
  readFirstArchiveEntry,
  type ArchiveEntry,
} from '../../../src/gates/functional/read-archive-entry.js';
import type { FileExpectation } from '../../../src/gates/functional/test-spec-schema.js';

const noAccounts = { users: [], groups: [] };

function expectation(overrides: Partial<FileExpectation>): FileExpectation {
  return {
    path: '/opt/app.jar',
    exists: true,
    type: undefined,
    mode: undefined,
    owner: undefined,
    contains: undefined,
    ...overrides,
  };
}

function entry(overrides: Partial<ArchiveEntry>): ArchiveEntry {
  return {
    type: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: 0,
    linkTarget: undefined,
    content: Buffer.alloc(0),
    truncated: false,
    ...overrides,
  };
}

/** A tar stream shaped like the engine's archive of a directory: the directory first, then its tree. */
async function archiveOf(
  entries: Array<{
    name: string;
    type?: 'file' | 'directory' | 'symlink';
    body?: string;
    linkname?: string;
    mode?: number;
    uid?: number;
  }>,
): Promise<Readable> {
  const tar = pack();
  for (const { body, ...header } of entries) {
    await new Promise<void>((resolve, reject) =>
      tar.entry(header, body ?? '', (error) => (error ? reject(error) : resolve())),
    );
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(Buffer.from(chunk as Uint8Array));
  return Readable.from([Buffer.concat(chunks)]);
}

describe('readFirstArchiveEntry', () => {
  it('reads the header of the first entry and stops before the rest of a tree', async () => {
    const archive = await archiveOf([
      { name: 'www', type: 'directory', mode: 0o755 },
      { name: 'www/login', body: 'x'.repeat(10_000) },
    ]);
    expect(await readFirstArchiveEntry(archive, 1024)).toMatchObject({
      type: 'directory',
      mode: 0o755,
      content: Buffer.alloc(0),
      truncated: false,
    });
  });

  it('keeps a symlink as a link with its target', async () => {
    const archive = await archiveOf([
      { name: 'current', type: 'symlink', linkname: '/opt/app/app.properties' },
    ]);
    expect(await readFirstArchiveEntry(archive, 1024)).toMatchObject({
      type: 'symlink',
      linkTarget: '/opt/app/app.properties',
    });
  });

  it('reads content up to the limit and marks the rest as not read', async () => {
    const archive = await archiveOf([
      { name: 'app.properties', body: 'version=2.462\n', mode: 0o640, uid: 1000 },
    ]);
    const read = await readFirstArchiveEntry(archive, 7);
    expect(read).toMatchObject({ type: 'file', mode: 0o640, uid: 1000, size: 14, truncated: true });
    expect(read?.content.toString()).toBe('version');
  });

  it('is undefined for an empty archive', async () => {
    expect(await readFirstArchiveEntry(await archiveOf([]), 10)).toBeUndefined();
  });
});

describe('describeFileMismatches', () => {
  it('passes a matching entry', () => {
    const file = expectation({ type: 'file', mode: 0o644, owner: '0:0', contains: '^version=2' });
    expect(
      describeFileMismatches(file, entry({ content: Buffer.from('name=x\nversion=2.1\n') }), noAccounts),
    ).toEqual([]);
  });

  it('words missing and unexpected paths', () => {
    expect(describeFileMismatches(expectation({}), undefined, noAccounts)).toEqual([
      'file /opt/app.jar: expected to exist, not found',
    ]);
    expect(describeFileMismatches(expectation({ exists: false }), undefined, noAccounts)).toEqual([]);
    expect(
      describeFileMismatches(expectation({ exists: false }), entry({ type: 'directory' }), noAccounts),
    ).toEqual(['file /opt/app.jar: expected not to exist, found a directory']);
  });

  it('joins every difference of one path', () => {
    const file = expectation({ type: 'file', mode: 0o755, owner: '1000' });
    expect(
      describeFileMismatches(
        file,
        entry({ type: 'symlink', linkTarget: '/app/x.jar', mode: 0o777 }),
        noAccounts,
      ),
    ).toEqual([
      'file /opt/app.jar: expected a file, found a symlink to /app/x.jar; expected mode 0755, got 0777; expected owner 1000, got 0:0',
    ]);
  });

  it('shows the start of the content and how much was checked', () => {
    const file = expectation({ contains: 'Jenkins-Version: 2\\.4' });
    const big = entry({ content: Buffer.from('Manifest-Version: 1.0\n'), size: 90_000_000, truncated: true });
    expect(describeFileMismatches(file, big, noAccounts)).toEqual([
      'file /opt/app.jar: expected content matching /Jenkins-Version: 2\\.4/, got "Manifest-Version: 1.0" (first 22 of 90000000 bytes checked)',
    ]);
    expect(describeFileMismatches(file, entry({ type: 'directory' }), noAccounts)).toEqual([
      'file /opt/app.jar: content check needs a regular file, found a directory',
    ]);
  });
});
