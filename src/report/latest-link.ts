// `<reports>/latest` always names the newest run. It is swapped with rename(2) so a reader following
// it concurrently sees the old run or the new one, never a missing or half-made link.
import { randomBytes } from 'node:crypto';
import { rm, symlink, rename } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';

export const LATEST_LINK_NAME = 'latest';

/** Points `<dirname(runDir)>/latest` at `runDir` with a relative link; returns the link's path. */
export async function pointLatestAt(runDir: string): Promise<string> {
  const parent = dirname(runDir);
  const link = join(parent, LATEST_LINK_NAME);
  const target = relative(parent, runDir) || basename(runDir);
  const temporary = join(parent, `.${LATEST_LINK_NAME}.${process.pid}.${randomBytes(4).toString('hex')}`);
  await symlink(target, temporary, 'dir');
  try {
    await rename(temporary, link);
  } catch (error: unknown) {
    await rm(temporary, { force: true });
    throw error;
  }
  return link;
}
