// How old a registry cache export is. Distribution 2.8 sends no Last-Modified (nor any push time)
// for manifests or blobs, so the age comes from inside the export: BuildKit annotates every cache
// layer with `buildkit/createdat`, the time that layer was created. The newest of them is when the
// cache last gained content; a re-export that adds nothing new keeps the old time.

const CREATED_AT = 'buildkit/createdat';

/**
 * Newest `buildkit/createdat` among the layers (image-manifest=true) or manifests entries (OCI
 * index / docker list export); undefined when the manifest carries none.
 */
export function cacheCreatedAt(manifest: unknown): Date | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const descriptors = [...arrayField(manifest, 'layers'), ...arrayField(manifest, 'manifests')];
  let newest: number | undefined;
  for (const descriptor of descriptors) {
    const created = annotation(descriptor, CREATED_AT);
    const ms = created === undefined ? Number.NaN : Date.parse(created);
    if (!Number.isNaN(ms) && (newest === undefined || ms > newest)) newest = ms;
  }
  return newest === undefined ? undefined : new Date(newest);
}

function arrayField(value: object, key: string): unknown[] {
  const field = (value as Record<string, unknown>)[key];
  return Array.isArray(field) ? (field as unknown[]) : [];
}

function annotation(descriptor: unknown, key: string): string | undefined {
  if (typeof descriptor !== 'object' || descriptor === null) return undefined;
  const annotations = (descriptor as Record<string, unknown>).annotations;
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const value = (annotations as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
