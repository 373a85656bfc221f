// Reads what file tests need from a `GET /containers/{id}/archive` tar stream: the first entry's
// header (type, mode, owner ids, link target) and at most a bounded prefix of its content.
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';

export interface ArchiveEntry {
  /** file, directory, symlink, link, character-device, ... */
  type: string;
  /** Permission bits with setuid, setgid and sticky (mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  linkTarget: string | undefined;
  /** The first `contentLimit` bytes of a regular file; empty for anything else. */
  content: Buffer;
  /** The file is larger than what was read. */
  truncated: boolean;
}

/**
 * The archive of a path starts with the path itself; for a directory the whole tree follows, so
 * reading stops after the first entry and the rest of the stream is discarded.
 */
export async function readFirstArchiveEntry(
  archive: Readable,
  contentLimit: number,
): Promise<ArchiveEntry | undefined> {
  const extractor = extract();
  archive.on('error', (error: Error) => extractor.destroy(error));
  archive.pipe(extractor);
  try {
    for await (const entry of extractor) return await toArchiveEntry(entry.header, entry, contentLimit);
    return undefined;
  } finally {
    archive.destroy();
    extractor.destroy();
  }
}

async function toArchiveEntry(
  header: Header,
  body: AsyncIterable<unknown>,
  contentLimit: number,
): Promise<ArchiveEntry> {
  const type = header.type ?? 'file';
  const size = header.size ?? 0;
  const content =
    type === 'file' && contentLimit > 0 ? await readPrefix(body, contentLimit) : Buffer.alloc(0);
  return {
    type,
    mode: (header.mode ?? 0) & 0o7777,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
    size,
    linkTarget: header.linkname || undefined,
    content,
    truncated: type === 'file' && size > content.length,
  };
}

async function readPrefix(body: AsyncIterable<unknown>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const data of body) {
    const chunk = Buffer.isBuffer(data) ? data : Buffer.from(String(data));
    chunks.push(chunk);
    length += chunk.length;
    if (length >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}
