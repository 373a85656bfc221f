// The output of what failed, as plain text: ANSI colours stripped and every character escaped, so a
// build that prints markup shows that markup instead of running it.
import { markup, type SafeHtml } from '../../html/html-template.js';
import type { ImageResult } from '../report-types.js';
import { stripAnsi } from '../strip-ansi.js';

/** A dark `<pre>` with the lines as text. */
export function logBlock(lines: string[]): SafeHtml {
  const text = lines.map((line) => stripAnsi(line).replace(/\r(?!\n)/g, '\n')).join('\n');
  return markup`<pre class="log">${text}</pre>`;
}

/** Each failed step: its name, BuildKit's error, and the last lines it printed. */
export function failingLogExcerpts(image: ImageResult): SafeHtml | undefined {
  const failed = image.steps.filter((step) => step.error !== undefined || (step.logTail ?? []).length > 0);
  if (failed.length === 0) return undefined;
  return markup`${failed.map(
    (step) =>
      markup`<div class="log-excerpt"><h4><code>${step.name}</code></h4>${step.error === undefined ? '' : markup`<p class="log-error">${stripAnsi(step.error)}</p>`}${(step.logTail ?? []).length > 0 ? logBlock(step.logTail ?? []) : ''}</div>`,
  )}`;
}
