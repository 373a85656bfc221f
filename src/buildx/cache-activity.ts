// What the build cache did in one build, read from the rawjson stream: which cache refs were
// imported (found or missing), whether exports failed, how many bytes the build context and the
// pulled layers took. Vertex and status names are BuildKit's ("importing cache manifest from X",
// "exporting cache to registry", "transferring context: 2.05kB").
import type { VertexStatus } from './rawjson.js';

export interface CacheImport {
  ref: string;
  /** The ref existed and its manifest was read; a missing cache is normal, not an error. */
  found: boolean;
}

export interface CacheExport {
  /** e.g. "exporting cache to registry". */
  name: string;
  error: string | undefined;
}

export interface CacheActivity {
  imports: CacheImport[];
  exports: CacheExport[];
  /** Bytes of build context sent to BuildKit. */
  contextBytes: number;
  /** Bytes of layers downloaded (cache layers and base images). */
  bytesPulled: number;
}

export interface VertexSummary {
  name: string;
  completed: boolean;
  error: string | undefined;
}

const IMPORT_PREFIX = 'importing cache manifest from ';

/** Largest progress seen per (vertex, status id): BuildKit resends statuses as they grow. */
export class StatusBytes {
  private readonly seen = new Map<string, { id: string; bytes: number }>();

  add(status: VertexStatus): void {
    const key = `${status.vertex}\u0000${status.id}`;
    const bytes = Math.max(status.current ?? 0, status.completed ? (status.total ?? 0) : 0);
    const previous = this.seen.get(key);
    if (!previous || bytes > previous.bytes) this.seen.set(key, { id: status.id, bytes });
  }

  sum(predicate: (id: string) => boolean): number {
    let total = 0;
    for (const { id, bytes } of this.seen.values()) if (predicate(id)) total += bytes;
    return total;
  }
}

export function summarizeCacheActivity(vertexes: VertexSummary[], statuses: StatusBytes): CacheActivity {
  const imports = vertexes
    .filter((vertex) => vertex.name.startsWith(IMPORT_PREFIX))
    .map((vertex) => ({
      ref: vertex.name.slice(IMPORT_PREFIX.length).trim(),
      found: vertex.completed && !vertex.error,
    }));
  const exports = vertexes
    .filter((vertex) => vertex.name.startsWith('exporting cache'))
    .map((vertex) => ({ name: vertex.name, error: vertex.error }));
  return {
    imports,
    exports,
    contextBytes: statuses.sum((id) => id.startsWith('transferring context')),
    bytesPulled: statuses.sum((id) => id.startsWith('sha256:')),
  };
}
