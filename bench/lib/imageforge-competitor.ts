// An imageforge competitor whose runs also yield imageforge's own figures: the node process is started
// with process-usage-preload.mjs (its CPU time and peak RSS at exit), and the run's report.json gives
// the phase timings and the built / up-to-date counts.
import path from 'node:path';
import { collectRunFigures, USAGE_FILE_ENV, USAGE_PRELOAD_ARGS, type FigureFiles } from './run-figures.js';
import type { Competitor, RunFigures } from './types.js';

export interface MeasuredImageforgeOptions {
  id: string;
  label: string;
  /** Repository root: the competitor's cwd. */
  root: string;
  /** imageforge.yaml, relative to the root. */
  configFile: string;
  /** Where the usage file goes (absolute). */
  workDir: string;
  /** e.g. `['--force']`. */
  extraArgs?: string[];
  env?: Record<string, string>;
}

export interface MeasuredCompetitor {
  competitor: Competitor;
  files: FigureFiles;
}

export function measuredImageforge(options: MeasuredImageforgeOptions): MeasuredCompetitor {
  const usageFile = path.join(options.workDir, `usage-${options.id}.json`);
  const projectDir = path.dirname(path.resolve(options.root, options.configFile));
  return {
    competitor: {
      id: options.id,
      label: options.label,
      command: 'node',
      args: [
        ...USAGE_PRELOAD_ARGS,
        'bin/imageforge.js',
        'build',
        '-f',
        options.configFile,
        '--progress',
        'quiet',
        ...(options.extraArgs ?? []),
      ],
      env: { ...options.env, [USAGE_FILE_ENV]: usageFile },
    },
    files: {
      usageFile,
      reportFile: path.join(projectDir, '.imageforge', 'runs', 'latest', 'report.json'),
    },
  };
}

/** A ScenarioSpec `collect` hook: figures for the measured competitors, nothing for the others. */
export function collectFor(
  measured: readonly MeasuredCompetitor[],
): (competitor: Competitor) => Promise<RunFigures | undefined> {
  const files = new Map(measured.map((item) => [item.competitor.id, item.files]));
  return async (competitor) => {
    const own = files.get(competitor.id);
    return own === undefined ? undefined : collectRunFigures(own);
  };
}
