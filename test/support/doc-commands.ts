// Collects every imageforge command line the docs show (README.md, docs/*.md), so a test can hold
// each one against the real CLI and the docs cannot drift. Pure: markdown text in, entries out.
//
// Three kinds:
// - a command a user can paste (`imageforge plan --json` in a shell block): its argv, shell-split;
// - a reference line with metasyntax (`imageforge history ls [--limit n] [--json]`, `<name>`,
//   `day|hour`, `...`): its synopsis words as written, checked flag by flag;
// - a mention in prose or a table (an inline code span): checked like a reference line, since prose
//   names commands without their required arguments (`imageforge test`).

export interface DocCommand {
  /** The file as given to the extractor, e.g. `docs/cache.md`. */
  file: string;
  /** 1-based line where the command starts. */
  line: number;
  /** The line as shown, continuations and option lines joined by a space. */
  text: string;
  kind: 'command' | 'reference' | 'mention';
  /** The words after the program name: shell-split argv (commands) or synopsis words (references). */
  words: string[];
  /** Variables assigned in front of the command: `TAG=1.4.2 imageforge plan`. */
  env: Record<string, string>;
}

/** Fence info strings whose lines are shell commands; `` ``` `` without one counts too. */
const SHELL_LANGUAGES = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh']);
/** How the docs spell the program: the installed bin, the repository's launcher, npx. */
const PROGRAM = /^(?:imageforge|npx imageforge|node bin\/imageforge\.js)(?=\s|$)/;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S)*\s+/;
/** Brackets, `<name>`, `a|b`, `...`/`…` outside quotes mark a synopsis, not a pasteable line. */
const METASYNTAX = /[[\]…]|<[\w.-]|[\w.-]\|[\w.-]|\.\.\./;
/** Unquoted words that end the imageforge command: pipes, lists, redirections. */
const OPERATOR = /^(?:\|\|?|&&?|;|\d*>>?.*|&>.*|<.*)$/;

interface Fence {
  marker: string;
  language: string;
}

export function extractDocCommands(file: string, markdown: string): DocCommand[] {
  const lines = markdown.split(/\r?\n/);
  const found: DocCommand[] = [];
  let fence: Fence | undefined;
  let current: DocCommand | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fenceMatch = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '```';
      if (!fence) fence = { marker, language: (fenceMatch[2] ?? '').toLowerCase() };
      else if (marker.startsWith(fence.marker) && line.trim() === marker) fence = undefined;
      current = undefined;
      continue;
    }
    if (!fence) {
      found.push(...mentionsOfLine(file, index + 1, line));
      continue;
    }
    if (!SHELL_LANGUAGES.has(fence.language)) continue;
    let text = line;
    const start = index;
    while (/\\\s*$/.test(text) && index + 1 < lines.length) {
      text = `${text.replace(/\\\s*$/, '')} ${(lines[++index] ?? '').trim()}`;
    }
    // under a synopsis in a bare block: indented option lines belong to it, indented prose is skipped
    if (fence.language === '' && current && /^\s/.test(text) && !PROGRAM.test(text.trim())) {
      if (/^\s+[-[]/.test(text)) appendOptionLine(current, text);
      continue;
    }
    current = commandOfLine(file, start + 1, text, fence.language);
    if (current) found.push(current);
  }
  return found;
}

function commandOfLine(file: string, line: number, raw: string, language: string): DocCommand | undefined {
  let text = raw.trim();
  if (language === 'console') {
    if (!text.startsWith('$ ')) return undefined;
    text = text.slice(2).trim();
  } else if (text.startsWith('$ ')) text = text.slice(2).trim();
  const env: Record<string, string> = {};
  for (let match = ENV_ASSIGNMENT.exec(text); match; match = ENV_ASSIGNMENT.exec(text)) {
    const [name = '', ...value] = (shellWords(match[0])[0]?.value ?? '').split('=');
    env[name] = value.join('=');
    text = text.slice(match[0].length);
  }
  const program = PROGRAM.exec(text);
  if (!program) return undefined;
  let rest = text.slice(program[0].length).trim();
  // a bare block is usually a synopsis: `imageforge plan [--json]     what it does`
  if (language === '') rest = withoutDescription(rest);
  const words = shellWords(rest);
  const reference = words.some((word) => METASYNTAX.test(word.unquoted));
  return {
    file,
    line,
    text: `${program[0]} ${rest}`.trim(),
    kind: reference ? 'reference' : 'command',
    words: reference ? synopsisWords(words) : commandWords(words),
    env,
  };
}

/** Inline code spans that start with the program, e.g. `imageforge doctor --fix --yes` in a table. */
function mentionsOfLine(file: string, line: number, text: string): DocCommand[] {
  const mentions: DocCommand[] = [];
  for (const match of text.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
    const span = (match[1] ?? '').trim();
    const program = PROGRAM.exec(span);
    if (!program) continue;
    const words = shellWords(span.slice(program[0].length));
    const reference = words.some((word) => METASYNTAX.test(word.unquoted));
    mentions.push({
      file,
      line,
      text: span,
      kind: 'mention',
      words: reference ? synopsisWords(words) : commandWords(words),
      env: {},
    });
  }
  return mentions;
}

/** Indented `-x, --flag <v>` / `[--flag]` lines under a synopsis belong to it. */
function appendOptionLine(command: DocCommand, raw: string): void {
  const rest = withoutDescription(raw.trim());
  command.text = `${command.text} ${rest}`;
  command.kind = 'reference';
  command.words = [...command.words, ...synopsisWords(shellWords(rest))];
}

/**
 * Drops the description column of a synopsis: segments after a run of two or more spaces are kept
 * only while they look like syntax (`-`, `[`, `<`), e.g. `doctor --fix      [--dry-run]   repairs`.
 */
export function withoutDescription(text: string): string {
  const segments = text.split(/\s{2,}/);
  const kept = [segments[0] ?? ''];
  for (const segment of segments.slice(1)) {
    if (!/^[-[<]/.test(segment)) break;
    kept.push(segment);
  }
  return kept.join(' ').trim();
}

interface ShellWord {
  /** The word with quotes removed. */
  value: string;
  /** Only the characters that were outside quotes. */
  unquoted: string;
}

/** Whitespace-separated words, quote-aware; stops at a `#` comment. */
function shellWords(text: string): ShellWord[] {
  const words: ShellWord[] = [];
  let word: ShellWord | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, index + 1);
      const inner = end < 0 ? text.slice(index + 1) : text.slice(index + 1, end);
      word = { value: (word?.value ?? '') + inner, unquoted: word?.unquoted ?? '' };
      index = end < 0 ? text.length : end;
    } else if (char === '\\' && index + 1 < text.length) {
      word = { value: (word?.value ?? '') + text.charAt(++index), unquoted: word?.unquoted ?? '' };
    } else if (/\s/.test(char)) {
      if (word) words.push(word);
      word = undefined;
    } else if (char === '#' && !word) {
      break;
    } else {
      word = { value: (word?.value ?? '') + char, unquoted: (word?.unquoted ?? '') + char };
    }
  }
  if (word) words.push(word);
  return words;
}

/** The argv up to the first operator; `du;` ends the command too (what follows is another one). */
function commandWords(words: ShellWord[]): string[] {
  const argv: string[] = [];
  for (const word of words) {
    if (word.unquoted !== '' && OPERATOR.test(word.unquoted)) break;
    if (!word.unquoted.endsWith(';')) {
      argv.push(word.value);
      continue;
    }
    if (word.value.length > 1) argv.push(word.value.slice(0, -1));
    break;
  }
  return argv;
}

function synopsisWords(words: ShellWord[]): string[] {
  return words.map((word) => word.value);
}

/** A flag a reference line lists, with how the doc shows its value. */
export interface ReferenceFlag {
  flag: string;
  /** `none`: no value shown; `placeholder`: `<x>`, `NAME`, `n`, `...`; `literal`: `30d`; `choices`: `day|hour`. */
  value: 'none' | 'placeholder' | 'literal' | 'choices';
  /** The literal value or the choices. */
  values: string[];
}

export interface ReferenceSpec {
  /** Words before the first flag or placeholder, each split into its `a|b` alternatives. */
  leading: string[][];
  flags: ReferenceFlag[];
}

/** What a reference line claims: the command words it starts with and the flags it lists. */
export function parseReference(words: string[]): ReferenceSpec {
  const firstSyntax = words.findIndex((word) => /^[-[<]/.test(word));
  const leadingWords = firstSyntax < 0 ? words : words.slice(0, firstSyntax);
  const flags: ReferenceFlag[] = [];
  // `-f, --file <path>`: the short form takes what the long form after it takes
  let aliases: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = (words[index] ?? '').replace(/^\[+/, '');
    const flagMatch = /^(--?[A-Za-z][\w-]*)(?:=(.*))?(\]*)$/.exec(word.replace(/,$/, ''));
    if (!flagMatch?.[1]) continue;
    if (word.endsWith(',')) {
      aliases.push(flagMatch[1]);
      continue;
    }
    const flag = flagMatch[1];
    const next = words[index + 1];
    let found: ReferenceFlag;
    if (flagMatch[2] !== undefined) found = flagValue(flag, flagMatch[2].replace(/\]+$/, ''));
    else if (flagMatch[3] || next === undefined || /^[-[|]/.test(next))
      found = { flag, value: 'none', values: [] };
    else found = flagValue(flag, next.replace(/\]+$/, ''));
    flags.push(...aliases.map((alias) => ({ ...found, flag: alias })), found);
    aliases = [];
  }
  return { leading: leadingWords.map((word) => word.split('|')), flags };
}

function flagValue(flag: string, value: string): ReferenceFlag {
  if (/^[\w.:/-]+(?:\|[\w.:/-]+)+$/.test(value)) return { flag, value: 'choices', values: value.split('|') };
  if (isPlaceholder(value)) return { flag, value: 'placeholder', values: [] };
  return { flag, value: 'literal', values: [value] };
}

/** `<path>`, `NAME`, `n`, `...`, `…`, `ids`-style words are placeholders; `30d`, `8420`, `main` are not. */
function isPlaceholder(value: string): boolean {
  return /^<.*>$|^[A-Z][A-Z0-9_-]*$|^\w$|\.\.\.|…/.test(value);
}
