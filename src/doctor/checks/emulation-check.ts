// Platforms the config builds that this host's CPU cannot run natively need QEMU registered with
// binfmt_misc, or every RUN step fails with "exec format error". --fix registers them.
import { access } from 'node:fs/promises';
import { checkEmulation } from '../../preflight/emulation.js';
import { exec, isSuccess, tail } from '../../exec/exec.js';
import type { DoctorContext } from '../doctor-context.js';
import type { DoctorCheck, Repair } from '../doctor-types.js';

const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';

export function emulationCheck(context: DoctorContext, binfmtDir = BINFMT_DIR): DoctorCheck {
  return {
    id: 'emulation',
    title: 'emulation for other platforms',
    run: async () => {
      const config = await context.config();
      if (!config.ok) return { status: 'skip', finding: 'imageforge.yaml is invalid (see the config check)' };
      const platforms = [
        ...Object.values(config.value?.images ?? {}).flatMap((image) => image.platforms),
        ...Object.values(config.value?.builders ?? {}).flatMap((builder) =>
          builder.nodes.flatMap((node) => node.platforms ?? []),
        ),
      ];
      const check = await checkEmulation(platforms, binfmtDir);
      const needed = [...new Set(platforms)].filter((platform) => !platform.endsWith(`/${check.nativeArch}`));
      const details = {
        nativeArch: check.nativeArch,
        platforms: [...new Set(platforms)],
        missing: check.missing,
      };
      if (needed.length === 0)
        return {
          status: 'skip',
          finding: `no platform other than linux/${check.nativeArch} configured`,
          details,
        };
      if (check.missing.length === 0)
        return { status: 'ok', finding: `${needed.join(', ')} run under registered QEMU handlers`, details };
      const handlers = [...new Set(check.missing.map((missing) => missing.handler))];
      return {
        status: 'fail',
        finding: `no QEMU handler for ${check.missing.map((missing) => missing.platform).join(', ')}: RUN steps will fail with "exec format error"`,
        hint: 'imageforge doctor --fix registers them (needs root and Debian qemu-user-static + binfmt-support)',
        repair: registerHandlers(handlers, binfmtDir, context.env),
        details,
      };
    },
  };
}

function registerHandlers(
  handlers: string[],
  binfmtDir: string,
  env: Record<string, string | undefined>,
): Repair {
  return {
    mode: 'fix',
    description: `register ${handlers.join(', ')} with binfmt_misc (update-binfmts --enable)`,
    apply: async () => {
      const registered = await access(`${binfmtDir}/register`).then(
        () => true,
        () => false,
      );
      if (!registered) {
        const mount = await exec('mount', ['-t', 'binfmt_misc', 'binfmt_misc', binfmtDir], {
          timeoutMs: 10_000,
          env,
        });
        if (!isSuccess(mount)) throw new Error(`mounting binfmt_misc failed: ${tail(mount.stderr, 2)}`);
      }
      for (const handler of handlers) {
        const result = await exec('update-binfmts', ['--enable', handler], { timeoutMs: 15_000, env });
        if (!isSuccess(result))
          throw new Error(
            `update-binfmts --enable ${handler} failed: ${result.spawnError ?? tail(result.stderr, 2)}`,
          );
      }
      return { summary: `registered ${handlers.join(', ')}` };
    },
  };
}
