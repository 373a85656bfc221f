// The last lines a container printed, attached to a failed check so the report shows why without a
// second run. Reading them never turns a check result into an error.
import type { ContainerClient } from '../../docker/container-client.js';

export const LOG_TAIL_LINES = 50;

export async function lastLogLines(
  client: ContainerClient,
  containerId: string,
  count = LOG_TAIL_LINES,
): Promise<string[]> {
  try {
    const output = await client.containerLogs(containerId, { tail: count });
    return output.lines.map((line) => line.text);
  } catch {
    return [];
  }
}
