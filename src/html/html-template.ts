// A tagged template that escapes every interpolated value unless it is already markup, so building
// a page from report data cannot forget an escape: markup`<td>${step.name}</td>`. (Deliberately not
// named `html`: prettier would reformat such templates and change the whitespace they render.)
import { escapeHtml } from './escape-html.js';

/** Markup that is already safe: produced by `markup`, or by a builder that escapes (the SVG charts). */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** Interpolated strings and numbers are escaped, arrays joined, null/undefined/false dropped. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(text);
}

/** Trusts `text` as markup: only for output of builders that escape their own text (svg-charts). */
export function trustedHtml(text: string): SafeHtml {
  return new SafeHtml(text);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item)).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}
