// Removes the containers of image tests: in `finally` after each session, and from the CLI's Ctrl-C
// handler for a whole run. Only containers carrying imageforge's test label are ever touched.
import type { ContainerClient } from '../../docker/container-client.js';
import { RUN_LABEL, SESSION_LABEL, TEST_LABEL } from './container-labels.js';

/**
 * Force-removes (with anonymous volumes) every test container whose session or run id is
 * `sessionOrRunId`. Returns how many were removed.
 */
export async function removeTestContainers(client: ContainerClient, sessionOrRunId: string): Promise<number> {
  const containers = await client.listContainers({ [TEST_LABEL]: 'true' });
  const ours = containers.filter(
    (container) =>
      container.labels[SESSION_LABEL] === sessionOrRunId || container.labels[RUN_LABEL] === sessionOrRunId,
  );
  await Promise.all(
    ours.map((container) => client.removeContainer(container.id, { force: true, volumes: true })),
  );
  return ours.length;
}

/** For `finally` blocks: a failed removal must not hide the check's own result; the session sweep retries. */
export async function removeContainerQuietly(client: ContainerClient, id: string): Promise<void> {
  try {
    await client.removeContainer(id, { force: true, volumes: true });
  } catch {
    // removeTestContainers at the end of the session tries again
  }
}
