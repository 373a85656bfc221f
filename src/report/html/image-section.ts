// One image of the run as a collapsible section: what was built and where, why it failed, its step
// timeline, cache use, attempts, gates, failing logs and warnings. Opens by default unless skipped.
import { markup, type SafeHtml } from '../../html/html-template.js';
import { formatCacheFigures, formatDuration, shortDigest } from '../human-format.js';
import type { Attempt, ImageResult } from '../report-types.js';
import { cachePanel } from './cache-panel.js';
import { gatesPanel } from './gates-panel.js';
import { alert, badge, facts, formatTimestamp, table } from './html-fragments.js';
import { failingLogExcerpts } from './log-excerpts.js';
import { stepTimeline } from './step-timeline.js';
import { stripAnsi } from '../strip-ansi.js';

/** A fragment id unique in the page whatever characters the image name has. */
export function imageAnchor(image: ImageResult, index: number): string {
  return `image-${index + 1}-${image.name.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;
}

export function imageSection(image: ImageResult, index: number): SafeHtml {
  const ran = image.attempts.length > 0 || image.steps.length > 0;
  return markup`<details class="panel image" id="${imageAnchor(image, index)}"${image.status === 'skipped' ? '' : markup` open`}>
<summary>${imageHeading(image)}</summary>
${imageFacts(image)}
${image.error === undefined ? '' : alert('failure', image.error.message, [markup`<code>${image.error.code}</code> (${image.error.kind})`], image.error.hint)}
${logsBlock(image)}
${ran ? imageBuild(image) : ''}
${image.gates === undefined ? '' : gatesPanel(image.gates)}
${warningsBlock(image.warnings)}
</details>`;
}

function imageHeading(image: ImageResult): SafeHtml {
  const meta = [
    image.reason,
    image.durationMs > 0 ? formatDuration(image.durationMs) : undefined,
    image.attempts.length > 1 ? `${image.attempts.length} attempts` : undefined,
    image.cache.totalSteps > 0 ? `cache ${formatCacheFigures(image.cache)}` : undefined,
  ].filter(Boolean);
  return markup`<h2>${image.name}</h2>${badge(image.status)}${image.upToDate === true ? badge('up to date') : ''}<span class="summary-meta">${meta.join(' · ')}</span>`;
}

function imageFacts(image: ImageResult): SafeHtml {
  const builder = image.node === undefined ? image.builder : `${image.builder ?? ''} (${image.node})`;
  const push =
    image.push.status === 'not-requested'
      ? undefined
      : markup`${badge(image.push.status)} ${image.push.durationMs > 0 ? formatDuration(image.push.durationMs) : ''}`;
  return facts([
    [
      'Tags',
      image.tags.length === 0 ? undefined : markup`${image.tags.map((tag) => markup`<code>${tag}</code> `)}`,
    ],
    [
      'Digest',
      image.digest === undefined
        ? undefined
        : markup`<code title="${image.digest}">${shortDigest(image.digest)}</code>`,
    ],
    ['Platforms', image.platforms.join(', ')],
    ['Target', image.target],
    ['Method', image.method],
    ['Builder', builder],
    ['Depends on', image.dependsOn.join(', ')],
    ['Push', push],
  ]);
}

function imageBuild(image: ImageResult): SafeHtml {
  return markup`<section class="block"><h3>Steps</h3>${stepTimeline(image.name, image.steps)}</section>
<div class="grid-2 block"><section><h3>Cache</h3>${cachePanel(image.name, image.cache)}</section>
<section><h3>Attempts</h3>${attemptsTable(image.attempts)}</section></div>`;
}

function attemptsTable(attempts: Attempt[]): SafeHtml {
  if (attempts.length === 0) return markup`<p class="muted">No attempts.</p>`;
  const rows = attempts.map(
    (attempt) =>
      markup`<tr><td class="num">${attempt.number}</td><td>${badge(attempt.outcome)}</td><td class="num">${formatDuration(attempt.durationMs)}</td><td>${attempt.error === undefined ? markup`<span class="muted">${formatTimestamp(attempt.startedAt)}</span>` : markup`${attempt.error.message} <span class="muted">(${attempt.error.kind})</span>`}</td></tr>`,
  );
  return table([['#', 'num'], 'Outcome', ['Time', 'num'], 'Detail'], rows);
}

function logsBlock(image: ImageResult): SafeHtml | undefined {
  const excerpts = failingLogExcerpts(image);
  return excerpts === undefined
    ? undefined
    : markup`<section class="block"><h3>Failing log excerpts</h3>${excerpts}</section>`;
}

function warningsBlock(warnings: string[]): SafeHtml | undefined {
  if (warnings.length === 0) return undefined;
  return markup`<section class="block"><h3>Warnings</h3><ul class="plain warnings">${warnings.map((warning) => markup`<li>${stripAnsi(warning)}</li>`)}</ul></section>`;
}
