// Refuses (exit 3) a run whose images need a platform this host cannot emulate — only for engines on
// this machine, whose binfmt registrations we can see.
import type { ImageConfig } from '../config/types.js';
import type { PreflightResult } from '../preflight/preflight.js';
import { checkEmulation } from '../preflight/emulation.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ErrorCode } from '../errors/codes.js';

export async function assertEmulation(images: ImageConfig[], preflight: PreflightResult): Promise<void> {
  if (preflight.method !== 'buildkit' || !preflight.endpoint.host.startsWith('unix://')) return;
  const platforms = images.flatMap((image) => image.platforms);
  if (platforms.length === 0) return;
  const { missing, nativeArch } = await checkEmulation(platforms);
  if (missing.length === 0) return;
  const names = missing.map((item) => item.platform).join(', ');
  throw new ImageforgeError(
    `${names} cannot be built on this ${nativeArch} host: no QEMU emulation is registered`,
    {
      code: ErrorCode.BuildkitUnavailable,
      category: 'environment',
      hint: `install qemu-user-static and binfmt-support, then \`update-binfmts --enable ${missing[0]?.handler ?? 'qemu-aarch64'}\` (scripts/engine.sh up does both)`,
    },
  );
}
