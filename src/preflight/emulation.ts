// Non-native platforms (linux/arm64 on an amd64 host) build through QEMU user emulation registered
// with binfmt_misc. Without it every RUN step fails with "exec format error"; say so up front.
import { readdir } from 'node:fs/promises';
import os from 'node:os';

const QEMU_NAMES: Record<string, string[]> = {
  arm64: ['qemu-aarch64'],
  amd64: ['qemu-x86_64'],
  arm: ['qemu-arm'],
  ppc64le: ['qemu-ppc64le'],
  s390x: ['qemu-s390x'],
  riscv64: ['qemu-riscv64'],
  386: ['qemu-i386'],
};

const NODE_TO_DOCKER_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  ia32: '386',
};

export interface EmulationCheck {
  nativeArch: string;
  /** Platforms that need emulation and have none registered. */
  missing: Array<{ platform: string; handler: string }>;
}

export async function checkEmulation(
  platforms: string[],
  binfmtDir = '/proc/sys/fs/binfmt_misc',
): Promise<EmulationCheck> {
  const nativeArch = NODE_TO_DOCKER_ARCH[os.arch()] ?? os.arch();
  const registered = new Set(await readdir(binfmtDir).catch(() => []));
  const missing: EmulationCheck['missing'] = [];
  for (const platform of new Set(platforms)) {
    const arch = platform.split('/')[1] ?? '';
    if (arch === '' || arch === nativeArch || (nativeArch === 'amd64' && arch === '386')) continue;
    const handlers = QEMU_NAMES[arch] ?? [`qemu-${arch}`];
    if (!handlers.some((handler) => registered.has(handler)))
      missing.push({ platform, handler: handlers[0] ?? arch });
  }
  return { nativeArch, missing };
}
