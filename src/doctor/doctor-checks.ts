// The doctor's checks, in the order a person troubleshooting a build host would look: tools, the
// daemon, BuildKit, the project's builders, storage, the cache, then what the gates need.
import { buildersCheck } from './checks/builders-check.js';
import { buildkitCheck, buildxCheck } from './checks/buildx-check.js';
import { cachePolicyCheck } from './checks/cache-policy-check.js';
import { cliPluginsCheck } from './checks/cli-plugins-check.js';
import { configCheck } from './checks/config-check.js';
import { containerdStoreCheck } from './checks/containerd-store-check.js';
import { daemonCheck, engineVersionCheck } from './checks/daemon-check.js';
import { dockerCliCheck } from './checks/docker-cli-check.js';
import { emulationCheck } from './checks/emulation-check.js';
import { gcConfigCheck } from './checks/gc-config-check.js';
import { diskCheck, memoryCheck } from './checks/host-resources-check.js';
import { registryCacheCheck } from './checks/registry-cache-check.js';
import { trivyCheck } from './checks/trivy-check.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorCheck } from './doctor-types.js';

export function doctorChecks(context: DoctorContext): DoctorCheck[] {
  return [
    configCheck(context),
    dockerCliCheck(context),
    cliPluginsCheck(context),
    daemonCheck(context),
    engineVersionCheck(context),
    buildxCheck(context),
    buildkitCheck(context),
    buildersCheck(context),
    containerdStoreCheck(context),
    diskCheck(context),
    memoryCheck(),
    cachePolicyCheck(context),
    gcConfigCheck(context),
    registryCacheCheck(context),
    emulationCheck(context),
    trivyCheck(context),
  ];
}

/** Stable ids of every check, in order (documented in docs/doctor.md). */
export const DOCTOR_CHECK_IDS = [
  'config',
  'docker-cli',
  'cli-plugins',
  'daemon',
  'engine-version',
  'buildx',
  'buildkit',
  'builders',
  'containerd-store',
  'disk',
  'memory',
  'cache-size',
  'gc-config',
  'registry-cache',
  'emulation',
  'trivy',
] as const;
