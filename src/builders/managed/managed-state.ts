// What `up` recorded about a managed engine (rootless or not, its user, cgroup), so `status` and
// `down` know how it was started without the config at hand.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const stateSchema = z.object({
  rootless: z.boolean().default(false),
  production: z.boolean().default(false),
  user: z.string().optional(),
  cgroupParent: z.string().optional(),
  startedAt: z.string().default(''),
});

export type ManagedState = z.infer<typeof stateSchema>;

const stateFile = (dir: string): string => path.join(dir, 'state.json');

export async function readManagedState(dir: string): Promise<ManagedState | undefined> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(stateFile(dir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeManagedState(dir: string, state: ManagedState): Promise<void> {
  await writeFile(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`);
}
