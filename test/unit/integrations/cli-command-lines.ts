// The integration examples (Jenkinsfile, GitHub workflow) cannot run here, so their `imageforge …`
// command lines are checked with the real CLI parser instead: the commander program of
// src/cli/main.ts with every command's action replaced by a recorder, so flags, subcommands and
// value parsers (--progress, --timeout, ...) are judged exactly as a user's run would, and nothing runs.
import { parseCommandLine } from '../../support/doc-cli-check.js';

/** What a shell variable or a CI expression stands for when a line is checked. */
const PLACEHOLDER = 'placeholder';

/** Shell lines of a script, with backslash-newline continuations joined. */
export function shellLines(script: string): string[] {
  return script
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim());
}

/**
 * Splits one shell line into words, like the shell would for a simple command: quotes removed,
 * `$VAR`, `${VAR}` and `${{ expr }}` replaced by a placeholder; stops at the first operator or
 * redirection (`>`, `|`, `&&`, `;`, `2>` ...) or comment.
 */
export function shellWords(line: string): string[] {
  const text = line.replace(/\$\{\{[^}]*\}\}/g, PLACEHOLDER).replace(/\$\{[^}]*\}|\$\w+/g, PLACEHOLDER);
  const words: string[] = [];
  let word: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, index + 1);
      if (end < 0) throw new Error(`unterminated ${char} in: ${line}`);
      word = (word ?? '') + text.slice(index + 1, end);
      index = end;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (/[<>|;&]/.test(char) || (word === undefined && /^(#|\d+>)/.test(text.slice(index)))) {
      break;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The argv (after `imageforge`) of every line of `text` whose command is `imageforge`. */
export function imageforgeInvocations(text: string): string[][] {
  return shellLines(text)
    .map((line) => (/^imageforge(\s|$)/.test(line) ? shellWords(line) : undefined))
    .filter((words): words is string[] => words !== undefined)
    .map((words) => words.slice(1));
}

export interface ParsedInvocation {
  argv: string[];
  /** The command the parser dispatched to, e.g. `build` or `config validate`; `--version`/`--help` for those. */
  command?: string;
  /** The parser's complaint, when it rejected the line. */
  error?: string;
}

/** Parses `argv` with the real CLI program (test/support/doc-cli-check.ts); runs no command. */
export async function parseInvocation(argv: string[]): Promise<ParsedInvocation> {
  return { argv, ...(await parseCommandLine(argv)) };
}
