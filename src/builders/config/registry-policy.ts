// Which registries a builder may reach over plain HTTP, and its mirrors: the production policy
// allows plain HTTP only to loopback registries and reports every host it refused.
import type { BuildkitdSettings } from '../../config/types.js';
import { isLoopbackHost } from './loopback.js';

export interface RegistryPolicy {
  /** Registry host → mirror hosts (scheme stripped), sorted by registry. */
  mirrors: Record<string, string[]>;
  /** Hosts reached over plain HTTP, sorted. */
  plainHttp: string[];
  /** Hosts whose plain HTTP the production policy refused, sorted. */
  refused: string[];
}

/** `https://mirror.example.com/` → `mirror.example.com`; keeps a path such as `/proxy.docker.io`. */
export function stripScheme(host: string): string {
  return host
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '');
}

export function resolveRegistryPolicy(settings: BuildkitdSettings, production: boolean): RegistryPolicy {
  const mirrors: Record<string, string[]> = {};
  for (const registry of Object.keys(settings.mirrors).sort()) {
    const hosts = unique((settings.mirrors[registry] ?? []).map(stripScheme));
    if (hosts.length > 0) mirrors[stripScheme(registry)] = hosts;
  }
  const requested = unique(settings.insecureRegistries.map(stripScheme)).sort();
  const plainHttp = requested.filter((host) => !production || isLoopbackHost(host));
  const refused = requested.filter((host) => !plainHttp.includes(host));
  return { mirrors, plainHttp, refused };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}
