// `${NAME}` substitution in config strings: variables first, then the environment, then the
// `${NAME:-default}`. Kept separate from loading so the rules are testable on plain strings.

/** Looks a name up; undefined = not set. */
export type VariableLookup = (name: string) => string | undefined;

export type InterpolationResult =
  | { ok: true; value: string }
  /** `message` is undefined when the failure was already reported (a variable that itself failed). */
  | { ok: false; message: string | undefined };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Expands `${NAME}`, `${NAME:-default}` (unset or empty), `${NAME-default}` (unset only) and
 * `${NAME:?message}` (fail with message). `$${` is a literal `${`; a lone `$` is kept.
 * Defaults may themselves contain references.
 */
export function interpolate(
  text: string,
  lookup: VariableLookup,
  failed: ReadonlySet<string> = new Set(),
): InterpolationResult {
  let output = '';
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      output += '${';
      index += 3;
    } else if (text.startsWith('${', index)) {
      const end = findClosingBrace(text, index + 2);
      if (end < 0)
        return {
          ok: false,
          message: `unterminated \`\${\` in "${text}" (write \`$\${\` for a literal \`\${\`)`,
        };
      const expanded = expandReference(text.slice(index + 2, end), lookup, failed);
      if (!expanded.ok) return expanded;
      output += expanded.value;
      index = end + 1;
    } else {
      output += text[index];
      index += 1;
    }
  }
  return { ok: true, value: output };
}

export function hasReference(text: string): boolean {
  return text.replaceAll('$${', '').includes('${');
}

function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  for (let index = from; index < text.length; index += 1) {
    if (text.startsWith('${', index)) {
      depth += 1;
      index += 1;
    } else if (text[index] === '}') {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  return -1;
}

function expandReference(
  body: string,
  lookup: VariableLookup,
  failed: ReadonlySet<string>,
): InterpolationResult {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) return { ok: false, message: `invalid variable reference \`\${${body}}\`` };
  const rest = body.slice(name.length);
  const value = lookup(name);
  const operator = /^(:-|-|:\?|\?)?/.exec(rest)?.[0] ?? '';
  if (rest !== '' && operator === '')
    return { ok: false, message: `invalid variable reference \`\${${body}}\`` };
  const operand = rest.slice(operator.length);
  const missing = operator.startsWith(':') ? value === undefined || value === '' : value === undefined;
  if (!missing && value !== undefined) return { ok: true, value };
  if (failed.has(name)) return { ok: false, message: undefined };
  if (operator === ':-' || operator === '-') return interpolate(operand, lookup, failed);
  if (operator.endsWith('?')) return { ok: false, message: `variable \`${name}\` is required: ${operand}` };
  return {
    ok: false,
    message: `variable \`${name}\` is not set; define it under \`variables:\`, export it, or write \`\${${name}:-default}\``,
  };
}
