// Docker-style variable substitution for the words BuildKit expands with build args (FROM image
// references, ARG defaults, --from values): `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+v}`, `${X+v}`,
// quotes and the escape character, following moby/buildkit frontend/dockerfile/shell/lex.go.

/** Variables in scope: a missing key means unset. */
export type VariableScope = Readonly<Record<string, string>>;

/** A variable name, or positional digits (always unset here), as in BuildKit's processName. */
const NAME = /[A-Za-z_][A-Za-z0-9_]*|[0-9]+/y;

/** Expands variables in one word; unset variables expand to the empty string, as in Docker. */
export function expandVariables(word: string, scope: VariableScope, escapeCharacter = '\\'): string {
  return new WordExpander(word, scope, escapeCharacter).expandUntil(undefined);
}

class WordExpander {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly scope: VariableScope,
    private readonly escape: string,
  ) {}

  /** Expands until `stop` (not consumed) or the end of the text. */
  expandUntil(stop: string | undefined): string {
    let output = '';
    while (this.position < this.text.length) {
      const char = this.text.charAt(this.position);
      if (char === stop) return output;
      if (char === this.escape) {
        this.position += 1;
        output += this.text.charAt(this.position);
        this.position += 1;
      } else if (char === "'") {
        output += this.readSingleQuoted();
      } else if (char === '"') {
        output += this.readDoubleQuoted();
      } else if (char === '$') {
        output += this.readVariable();
      } else {
        output += char;
        this.position += 1;
      }
    }
    return output;
  }

  private readSingleQuoted(): string {
    const end = this.text.indexOf("'", this.position + 1);
    const closing = end < 0 ? this.text.length : end;
    const literal = this.text.slice(this.position + 1, closing);
    this.position = closing + 1;
    return literal;
  }

  private readDoubleQuoted(): string {
    let output = '';
    this.position += 1;
    while (this.position < this.text.length && this.text.charAt(this.position) !== '"') {
      const char = this.text.charAt(this.position);
      const next = this.text.charAt(this.position + 1);
      if (char === this.escape && (next === '"' || next === '$' || next === this.escape)) {
        output += next;
        this.position += 2;
      } else if (char === '$') {
        output += this.readVariable();
      } else {
        output += char;
        this.position += 1;
      }
    }
    this.position += 1;
    return output;
  }

  private readName(): string | undefined {
    NAME.lastIndex = this.position;
    const match = NAME.exec(this.text);
    if (!match) return undefined;
    this.position += match[0].length;
    return match[0];
  }

  private readVariable(): string {
    this.position += 1;
    if (this.text.charAt(this.position) === '{') return this.readBraced();
    const name = this.readName();
    return name === undefined ? '$' : (this.scope[name] ?? '');
  }

  /** `${NAME}` and `${NAME<modifier>word}`; the position is just after `{`. */
  private readBraced(): string {
    this.position += 1;
    const name = this.readName() ?? '';
    const value = Object.hasOwn(this.scope, name) ? this.scope[name] : undefined;
    if (this.text.charAt(this.position) === '}') {
      this.position += 1;
      return value ?? '';
    }
    const colon = this.text.charAt(this.position) === ':';
    if (colon) this.position += 1;
    const modifier = this.text.charAt(this.position);
    this.position += 1;
    const word = this.expandUntil('}');
    this.position += 1;
    const isSet = value !== undefined && (!colon || value !== '');
    if (modifier === '-') return isSet ? (value ?? '') : word;
    if (modifier === '+') return isSet ? word : '';
    // `?` (error when unset) and the pattern modifiers (#, %, /) keep the plain value: good enough for
    // finding base images, and BuildKit reports the real error at build time.
    return value ?? '';
  }
}
