// A strict, DOM-less markup check for the HTML report and its SVG charts: every tag closed in order,
// every attribute quoted, no raw `<` or stray `&` in text. Returns the problems; empty means well-formed.

const VOID_ELEMENTS = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'col', 'wbr']);
const BOOLEAN_ATTRIBUTES = new Set(['open', 'hidden']);
const TOKEN =
  /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*(\/?)>|<|[^<]+/gi;
const ATTRIBUTE = /\s+([^\s=/>]+)(?:="([^"]*)")?/g;
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|#39|#\d+|#x[0-9a-f]+);)/i;

export function markupProblems(markup: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (const match of markup.matchAll(TOKEN)) {
    const [token, closing, opening, attributes = '', selfClosing] = match;
    if (token.startsWith('<!')) continue;
    if (closing !== undefined) {
      const expected = open.pop();
      if (expected !== closing.toLowerCase())
        problems.push(`</${closing}> closes <${expected ?? 'nothing'}>`);
    } else if (opening !== undefined) {
      problems.push(...attributeProblems(opening, attributes));
      const name = opening.toLowerCase();
      if (selfClosing === '' && !VOID_ELEMENTS.has(name)) open.push(name);
    } else if (token === '<') {
      problems.push(`raw "<" at ${match.index}`);
    } else if (BAD_AMPERSAND.test(token) || token.includes('>')) {
      problems.push(`unescaped text: ${token.slice(0, 60)}`);
    }
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(' > ')}`);
  return problems;
}

function attributeProblems(element: string, attributes: string): string[] {
  const problems: string[] = [];
  for (const [, name = '', value] of attributes.matchAll(ATTRIBUTE)) {
    if (value === undefined && !BOOLEAN_ATTRIBUTES.has(name)) problems.push(`${element}: ${name} unquoted`);
    if (value !== undefined && BAD_AMPERSAND.test(value)) problems.push(`${element}: ${name} has a raw &`);
  }
  return problems;
}
