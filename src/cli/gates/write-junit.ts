// JUnit output for the standalone gate commands (`scan --junit`, `test --junit`), written atomically.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { toJunitSuitesXml, type JunitSuite } from '../../report/junit.js';

export async function writeJunitFile(file: string, suites: JunitSuite[]): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFileAtomic(file, toJunitSuitesXml(suites));
}
