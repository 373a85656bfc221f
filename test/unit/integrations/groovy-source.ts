// Just enough Groovy lexing to check the example Jenkinsfile without a Jenkins: comments and string
// literals are told apart from code, so braces can be matched and each string's quoting is known.

export interface GroovyString {
  start: number;
  end: number;
  /** `'`, `"`, `'''` or `"""`: single quotes never interpolate, double quotes do (`${...}`). */
  quote: string;
  body: string;
}

export interface GroovySource {
  text: string;
  /** The text with comments and string contents blanked out (same length, quotes kept). */
  code: string;
  strings: GroovyString[];
}

const QUOTES = ["'''", '"""', "'", '"'];

export function lexGroovy(text: string): GroovySource {
  const code = text.split('');
  const strings: GroovyString[] = [];
  const blank = (from: number, to: number) => {
    for (let index = from; index < to; index++) if (code[index] !== '\n') code[index] = ' ';
  };
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      const stop = end < 0 ? text.length : end;
      blank(index, stop);
      index = stop;
      continue;
    }
    if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      if (end < 0) throw new Error(`unterminated comment at offset ${index}`);
      blank(index, end + 2);
      index = end + 2;
      continue;
    }
    const quote = QUOTES.find((candidate) => text.startsWith(candidate, index));
    if (quote === undefined) {
      index++;
      continue;
    }
    const bodyStart = index + quote.length;
    const end = closingQuote(text, bodyStart, quote);
    if (end < 0) throw new Error(`unterminated ${quote} string at offset ${index}`);
    strings.push({ start: index, end: end + quote.length, quote, body: text.slice(bodyStart, end) });
    blank(bodyStart, end);
    index = end + quote.length;
  }
  return { text, code: code.join(''), strings };
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let index = from; index < text.length; index++) {
    if (text.charAt(index) === '\\') {
      index++;
      continue;
    }
    if (quote.length === 1 && text.charAt(index) === '\n') return -1;
    if (text.startsWith(quote, index)) return index;
  }
  return -1;
}

/** Offset of the bracket closing the one at `open` (`{`/`(`/`[`), in code only. */
export function matchingBracket(source: GroovySource, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const stack: string[] = [];
  for (let index = open; index < source.code.length; index++) {
    const char = source.code.charAt(index);
    if (pairs[char] !== undefined) stack.push(pairs[char]);
    else if (Object.values(pairs).includes(char)) {
      if (stack.pop() !== char) throw new Error(`unbalanced ${char} at offset ${index}`);
      if (stack.length === 0) return index;
    }
  }
  throw new Error(`bracket at offset ${open} is never closed`);
}

/** The text of the `{ ... }` block that follows `<keyword>(...)` or `<keyword>`, e.g. `stage('Build')`. */
export function blocks(source: GroovySource, keyword: string): { name?: string; body: string }[] {
  const found: { name?: string; body: string }[] = [];
  const pattern = new RegExp(`\\b${keyword}\\b\\s*(\\([^)]*\\))?\\s*\\{`, 'g');
  for (const match of source.code.matchAll(pattern)) {
    const open = match.index + match[0].length - 1;
    const close = matchingBracket(source, open);
    const argument = match[1] ? source.text.slice(match.index, open) : undefined;
    const name = argument ? /\(\s*['"]([^'"]*)['"]\s*\)/.exec(argument)?.[1] : undefined;
    found.push({ ...(name !== undefined ? { name } : {}), body: source.text.slice(open + 1, close) });
  }
  return found;
}
