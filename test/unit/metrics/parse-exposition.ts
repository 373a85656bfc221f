// Reads rendered exposition text back into families and samples, so tests assert what a scraper
// sees instead of comparing whole strings. Handles only what the text format allows us to write.

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  help: Map<string, string>;
  types: Map<string, string>;
  samples: ParsedSample[];
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): ParsedExposition {
  const parsed: ParsedExposition = { help: new Map(), types: new Map(), samples: [] };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta?.[1] === 'HELP') parsed.help.set(meta[2] ?? '', meta[3] ?? '');
    else if (meta?.[1] === 'TYPE') parsed.types.set(meta[2] ?? '', meta[3] ?? '');
    else parsed.samples.push(parseSample(line));
  }
  return parsed;
}

function parseSample(line: string): ParsedSample {
  const match = SAMPLE_LINE.exec(line);
  if (!match?.[1] || match[3] === undefined) throw new Error(`not a sample line: ${line}`);
  const labels: Record<string, string> = {};
  for (const pair of (match[2] ?? '').matchAll(LABEL_PAIR)) {
    labels[pair[1] ?? ''] = (pair[2] ?? '').replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
  }
  return { name: match[1], labels, value: parseValue(match[3]) };
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** The samples of one series name (e.g. `imageforge_build_duration_seconds_bucket`). */
export function samplesOf(parsed: ParsedExposition, name: string): ParsedSample[] {
  return parsed.samples.filter((sample) => sample.name === name);
}
