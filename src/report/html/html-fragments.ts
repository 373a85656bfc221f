// Small pieces every section of report.html uses (status badges, alerts, fact lists, links to files
// of the run), so a status reads and looks the same wherever it appears.
import { markup, type HtmlValue, type SafeHtml } from '../../html/html-template.js';

export type Tone = 'success' | 'failure' | 'warning' | 'neutral';

const TONES: Record<string, Tone> = {
  built: 'success',
  succeeded: 'success',
  passed: 'success',
  pushed: 'success',
  signed: 'success',
  verified: 'success',
  'up to date': 'success',
  failed: 'failure',
  error: 'failure',
  cancelled: 'warning',
};

/** success for built/passed/pushed…, failure for failed/error, warning for cancelled, else neutral. */
export function toneOf(status: string): Tone {
  return TONES[status] ?? 'neutral';
}

export function badge(status: string, tone: Tone = toneOf(status)): SafeHtml {
  return markup`<span class="badge tone-${tone}">${status}</span>`;
}

/** A boxed message: what went wrong and, when known, what to do about it. */
export function alert(tone: Tone, title: HtmlValue, lines: HtmlValue[], hint?: string): SafeHtml {
  const paragraphs = lines.map((line) => markup`<p>${line}</p>`);
  const hintLine = hint !== undefined && hint !== '' ? markup`<p class="hint">Hint: ${hint}</p>` : '';
  return markup`<div class="alert tone-${tone}"><p><strong>${title}</strong></p>${paragraphs}${hintLine}</div>`;
}

/** A bordered box inside a section: a heading row (title, status badge, details) and its content. */
export function subpanel(
  title: string,
  status: string | undefined,
  meta: HtmlValue,
  body: HtmlValue,
): SafeHtml {
  return markup`<div class="subpanel"><div class="subpanel-head"><h4>${title}</h4>${status === undefined ? '' : badge(status)}<span class="muted">${meta}</span></div>${body}</div>`;
}

/** `<dl>` of label/value pairs; pairs whose value is missing are left out. */
export function facts(pairs: Array<[string, HtmlValue]>): SafeHtml {
  const shown = pairs.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return markup`<dl class="facts">${shown.map(([label, value]) => markup`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/**
 * A link to a file the run wrote (SBOM, raw scan report), relative to report.html. Anything with a
 * scheme or an absolute path is shown as text: a report must not link out of the run's directory.
 */
export function fileLink(path: string): SafeHtml {
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(path) && !path.startsWith('/') && !path.startsWith('\\');
  const href = path
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
  return relative ? markup`<a href="${href}"><code>${path}</code></a>` : markup`<code>${path}</code>`;
}

/** An https link to an advisory; any other scheme becomes plain text. */
export function externalLink(url: string | undefined, text: string): SafeHtml {
  return url !== undefined && /^https?:\/\//i.test(url)
    ? markup`<a href="${url}" rel="noopener noreferrer">${text}</a>`
    : markup`${text}`;
}

/** `registry/app@sha256:0123456789ab…`: a digest reference short enough for a table cell. */
export function shortReference(reference: string): string {
  return reference.replace(/@(sha256:[0-9a-f]{12})[0-9a-f]{52}$/, '@$1…');
}

/** `2024-05-01 12:00:00 UTC`: the same text whatever the viewer's locale. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A `data` table; rows are already-built `<tr>` elements. */
export function table(headings: Array<string | [string, 'num']>, rows: SafeHtml[]): SafeHtml {
  const head = headings.map((heading) =>
    typeof heading === 'string' ? markup`<th>${heading}</th>` : markup`<th class="num">${heading[0]}</th>`,
  );
  return markup`<div class="table-scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
