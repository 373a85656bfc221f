// Throwaway imageforge projects on disk for integration tests: real files, real Dockerfiles.
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportSchema, type Report } from '../../src/report/report-types.js';

export const BASE_IMAGE = 'localhost:5000/base/busybox:latest';

export interface TestProject {
  dir: string;
  /** A unique string that appears in every path of this project (for orphan checks). */
  marker: string;
  write(file: string, content: string): Promise<void>;
  latestReport(): Promise<Report>;
  cleanup(): Promise<void>;
}

export async function createProject(files: Record<string, string>): Promise<TestProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imageforge-itg-'));
  const project: TestProject = {
    dir,
    marker: path.basename(dir),
    write: async (file, content) => {
      const target = path.join(dir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    },
    latestReport: async () => {
      const text = await readFile(path.join(dir, '.imageforge/runs/latest/report.json'), 'utf8');
      return reportSchema.parse(JSON.parse(text));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  for (const [file, content] of Object.entries(files)) await project.write(file, content);
  return project;
}

/** A unique lowercase tag suffix so concurrent or repeated runs never share images. */
export function uniqueTag(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Processes (other than the test runner) whose command line mentions `marker`. */
export function processesMentioning(marker: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(marker)) found.push(`${entry}: ${cmdline.trim()}`);
    } catch {
      // process ended meanwhile
    }
  }
  return found;
}

export function imageEntry(report: Report, name: string) {
  const entry = report.images.find((image) => image.name === name);
  if (!entry) throw new Error(`no image ${name} in report`);
  return entry;
}
