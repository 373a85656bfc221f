// Live readings spawn buildx and query the engine; reusing one for a few seconds keeps a page
// reload or a Prometheus scrape every second from spawning a process each time.
/** Remembers a reading for `ttlMs`; callers within that time share one (possibly in-flight) call. */
export function memoizeFor<T>(ttlMs: number, read: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= ttlMs) cached = { at: now, value: read() };
    return cached.value;
  };
}
