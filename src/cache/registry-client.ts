// The few registry HTTP API v2 calls cache cleanup needs (catalog, tags, manifest, delete), over
// plain fetch. Handles Basic and Bearer-token auth; credentials never leave the request headers.
import { z } from 'zod';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { CacheErrorCode } from './cache-errors.js';
import type { RegistryCredentials } from './registry-credentials.js';

/** Every manifest kind a cache export can be: OCI index/manifest, docker list/v2. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface RegistryClientOptions {
  /** e.g. "localhost:5000", "registry.example.com". */
  host: string;
  /** Default: http for localhost/127.0.0.1/[::1], https otherwise. */
  scheme?: 'http' | 'https';
  credentials?: RegistryCredentials | undefined;
  timeoutMs?: number;
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  body: unknown;
}

const catalogSchema = z.object({ repositories: z.array(z.string()).nullish() });
const tagsSchema = z.object({ tags: z.array(z.string()).nullish() });

export class RegistryClient {
  private readonly base: string;
  private token: string | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    const scheme = options.scheme ?? (isLoopback(options.host) ? 'http' : 'https');
    this.base = `${scheme}://${options.host}`;
  }

  /** `GET /v2/` with the credentials: the HTTP status the registry ends up answering (200 = usable). */
  async ping(): Promise<number> {
    const response = await this.request('GET', '/v2/', { Accept: 'application/json' });
    await response.body?.cancel();
    return response.status;
  }

  /** Every repository, following `Link: <...>; rel="next"` pages of `n` entries. */
  async catalog(pageSize = 1000): Promise<string[]> {
    return this.paged(`/v2/_catalog?n=${pageSize}`, (body) => catalogSchema.parse(body).repositories ?? []);
  }

  async tags(repository: string, pageSize = 1000): Promise<string[]> {
    return this.paged(
      `/v2/${repository}/tags/list?n=${pageSize}`,
      (body) => tagsSchema.parse(body).tags ?? [],
    );
  }

  /** The manifest a tag (or digest) points at, with the digest the registry reports for it. */
  async manifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    const response = await this.request('GET', `/v2/${repository}/manifests/${reference}`, {
      Accept: MANIFEST_ACCEPT,
    });
    if (response.status === 404) return undefined;
    await this.ensureOk(response, `GET manifest ${repository}:${reference}`);
    const digest = response.headers.get('docker-content-digest') ?? '';
    return { digest, mediaType: response.headers.get('content-type') ?? '', body: await response.json() };
  }

  /** Deletes a manifest by digest: every tag pointing at that digest goes with it. */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const response = await this.request('DELETE', `/v2/${repository}/manifests/${digest}`, {});
    if (response.status === 404) return;
    await this.ensureOk(response, `DELETE manifest ${repository}@${digest}`);
  }

  private async paged(first: string, read: (body: unknown) => string[]): Promise<string[]> {
    const items: string[] = [];
    let next: string | undefined = first;
    while (next !== undefined) {
      const response = await this.request('GET', next, { Accept: 'application/json' });
      if (response.status === 404) return items;
      await this.ensureOk(response, `GET ${next.replace(/\?.*$/, '')}`);
      items.push(...read(await response.json()));
      next = nextLink(response.headers.get('link'));
    }
    return items;
  }

  private async request(method: string, pathAndQuery: string, headers: Record<string, string>) {
    const send = () =>
      fetch(`${this.base}${pathAndQuery}`, {
        method,
        headers: { ...headers, ...this.authorization() },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    let response = await send();
    if (response.status === 401 && (await this.authenticate(response.headers.get('www-authenticate')))) {
      response = await send();
    }
    return response;
  }

  private authorization(): Record<string, string> {
    if (this.token) return { Authorization: `Bearer ${this.token}` };
    const credentials = this.options.credentials;
    if (!credentials) return {};
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    return { Authorization: `Basic ${basic}` };
  }

  /** Token flow of the distribution spec: GET realm?service=..&scope=.. with Basic credentials. */
  private async authenticate(challenge: string | null): Promise<boolean> {
    if (!challenge?.toLowerCase().startsWith('bearer ') || this.token) return false;
    const params = Object.fromEntries(
      [...challenge.slice(7).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    if (!params.realm) return false;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    if (params.scope) url.searchParams.set('scope', params.scope);
    const credentials = this.options.credentials;
    const headers: Record<string, string> = credentials
      ? {
          Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
        }
      : {};
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return false;
    const body = z
      .object({ token: z.string().optional(), access_token: z.string().optional() })
      .safeParse(await response.json());
    this.token = body.success ? (body.data.token ?? body.data.access_token) : undefined;
    return this.token !== undefined;
  }

  private async ensureOk(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    const text = (await response.text()).slice(0, 300);
    const unsupported = response.status === 405 && what.startsWith('DELETE');
    throw new ImageforgeError(`registry ${this.options.host}: ${what} answered ${response.status}`, {
      code: CacheErrorCode.RegistryRequestFailed,
      category: 'environment',
      hint: unsupported
        ? 'the registry does not allow deletes (distribution: storage.delete.enabled: true)'
        : response.status === 401 || response.status === 403
          ? `log in with \`docker login ${this.options.host}\` (credentials are read from the docker config)`
          : 'check the registry address and that it speaks the HTTP API v2',
      details: { status: response.status, body: text },
    });
  }
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]' || name.endsWith('.localhost');
}

/** `</v2/_catalog?last=x&n=2>; rel="next"` → "/v2/_catalog?last=x&n=2". */
export function nextLink(header: string | null): string | undefined {
  const match = header ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(header) : null;
  if (!match?.[1]) return undefined;
  return match[1].startsWith('http') ? new URL(match[1]).pathname + new URL(match[1]).search : match[1];
}
