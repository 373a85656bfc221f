// `test.files`: reads each path from a created, never started container through the engine's archive
// endpoint, so nothing runs in the image and nothing is added to it.
import type { ContainerClient } from '../../docker/container-client.js';
import type { TestCheck } from '../gate-report.js';
import { parseAccountFile, ownerNeedsNames, type Accounts } from './account-names.js';
import { errorMessage } from './check-messages.js';
import { checkFromProblems, failedCheck } from './check-result.js';
import { removeContainerQuietly } from './cleanup.js';
import { describeFileMismatches } from './file-expectations.js';
import { readFirstArchiveEntry } from './read-archive-entry.js';
import { enterStage, type TestContext } from './test-context.js';
import type { FileExpectation } from './test-spec-schema.js';

/** Content checks read at most this much of a file (a 90 MB .war is not read to find a version). */
export const FILE_CONTENT_LIMIT = 1024 * 1024;
const ACCOUNT_FILE_LIMIT = 256 * 1024;

/** The container is created but never started: its entrypoint only has to be syntactically there. */
const NEVER_STARTED = ['/imageforge-file-checks-never-start'];

export async function checkFiles(context: TestContext, files: FileExpectation[]): Promise<void> {
  if (files.length === 0) return;
  enterStage(context, 'file', 'files');
  const { client } = context;
  const id = await client.createContainer({
    image: context.image,
    labels: context.labels,
    entrypoint: NEVER_STARTED,
  });
  try {
    const needsNames = files.some((file) => file.owner !== undefined && ownerNeedsNames(file.owner));
    const accounts = needsNames ? await readAccounts(client, id) : { users: [], groups: [] };
    for (const file of files) {
      context.signal.throwIfAborted();
      const startedAt = enterStage(context, 'file', `file ${file.path}`);
      context.record(await checkFile(context, id, file, accounts, startedAt));
    }
  } finally {
    await removeContainerQuietly(client, id);
  }
}

async function checkFile(
  context: TestContext,
  containerId: string,
  file: FileExpectation,
  accounts: Accounts,
  startedAt: number,
): Promise<TestCheck> {
  const name = `file ${file.path}`;
  try {
    const archive = await context.client.getArchive(containerId, file.path);
    const limit = file.contains === undefined ? 0 : FILE_CONTENT_LIMIT;
    const entry = archive && (await readFirstArchiveEntry(archive, limit));
    return checkFromProblems('file', name, startedAt, describeFileMismatches(file, entry, accounts));
  } catch (error: unknown) {
    context.signal.throwIfAborted();
    return failedCheck('file', name, startedAt, `${name}: could not read it: ${errorMessage(error)}`);
  }
}

/** The image's own user and group names; an image without the files has none. */
async function readAccounts(client: ContainerClient, containerId: string): Promise<Accounts> {
  const read = async (path: string): Promise<string> => {
    const archive = await client.getArchive(containerId, path);
    const entry = archive && (await readFirstArchiveEntry(archive, ACCOUNT_FILE_LIMIT));
    return entry?.content.toString('utf8') ?? '';
  };
  return {
    users: parseAccountFile(await read('/etc/passwd')),
    groups: parseAccountFile(await read('/etc/group')),
  };
}
