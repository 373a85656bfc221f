// PATH lookup for the engine binaries a managed builder needs, so a missing one is reported by name
// before anything is started.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function findExecutable(
  name: string,
  env: Record<string, string | undefined> = process.env,
  extraDirs: string[] = [],
): string | undefined {
  const dirs = [
    ...(env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':'),
    ...extraDirs,
  ];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
