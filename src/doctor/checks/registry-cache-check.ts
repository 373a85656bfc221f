// Every registry that images.*.cache.registry names: reachable, and accepting the credentials the
// docker config holds. Credentials only go into request headers, never into findings.
import { resolveRegistryCredentials } from '../../cache/registry-credentials.js';
import { RegistryClient } from '../../cache/registry-client.js';
import type { DoctorContext } from '../doctor-context.js';
import type { CheckOutcome, DoctorCheck } from '../doctor-types.js';

export function registryCacheCheck(context: DoctorContext): DoctorCheck {
  return {
    id: 'registry-cache',
    title: 'registry cache',
    run: async () => {
      const config = await context.config();
      if (!config.ok) return { status: 'skip', finding: 'imageforge.yaml is invalid (see the config check)' };
      const prefixes = [
        ...new Set(Object.values(config.value?.images ?? {}).flatMap((image) => image.cache?.registry ?? [])),
      ];
      if (prefixes.length === 0) return { status: 'skip', finding: 'no registry cache configured' };
      const hosts = [...new Set(prefixes.map((prefix) => prefix.split('/')[0] ?? prefix))];
      const results = await Promise.all(hosts.map((host) => probe(host, context)));
      const failed = results.filter((result) => result.status !== 'ok');
      const details = {
        registries: results.map(({ host, status, httpStatus, authenticated }) => ({
          host,
          status,
          httpStatus,
          authenticated,
        })),
      };
      if (failed.length > 0)
        return {
          status: 'fail',
          finding: failed.map((result) => `${result.host}: ${result.finding}`).join('; '),
          hint: failed.find((result) => result.hint !== undefined)?.hint,
          details,
        } satisfies CheckOutcome;
      return {
        status: 'ok',
        finding: results.map((result) => `${result.host}: ${result.finding}`).join('; '),
        details,
      };
    },
  };
}

interface RegistryProbe {
  host: string;
  status: 'ok' | 'fail';
  finding: string;
  hint?: string;
  httpStatus?: number;
  authenticated: boolean;
}

async function probe(host: string, context: DoctorContext): Promise<RegistryProbe> {
  const credentials = await resolveRegistryCredentials(host, context.env).catch(() => undefined);
  const authenticated = credentials !== undefined;
  try {
    const httpStatus = await new RegistryClient({
      host,
      credentials,
      timeoutMs: context.probeTimeoutMs,
    }).ping();
    if (httpStatus === 200)
      return {
        host,
        status: 'ok',
        finding: `reachable${authenticated ? ', credentials accepted' : ''}`,
        httpStatus,
        authenticated,
      };
    if (httpStatus === 401 || httpStatus === 403)
      return {
        host,
        status: 'fail',
        finding: authenticated
          ? `credentials refused (HTTP ${httpStatus})`
          : `needs credentials (HTTP ${httpStatus})`,
        hint: `docker login ${host} (imageforge reads the docker config, DOCKER_CONFIG)`,
        httpStatus,
        authenticated,
      };
    return {
      host,
      status: 'fail',
      finding: `GET /v2/ answered HTTP ${httpStatus}`,
      hint: 'is this a registry (HTTP API v2)?',
      httpStatus,
      authenticated,
    };
  } catch (error: unknown) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return {
      host,
      status: 'fail',
      finding: `unreachable: ${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}`,
      hint: 'start the registry or fix images.*.cache.registry; builds still run, without shared cache',
      authenticated,
    };
  }
}
