// How well the cache did, for one image or the whole run: the hit ratio as a figure, cached vs
// executed steps as bars, and the import/export refs that explain a cold cache.
import { markup, trustedHtml, type SafeHtml } from '../../html/html-template.js';
import { barsSvg } from '../../html/svg-charts.js';
import { formatBytes, formatDuration, formatPercent } from '../human-format.js';
import type { CacheFigures } from '../report-types.js';
import { badge, facts } from './html-fragments.js';

/** Two bars on the same scale: steps served from cache and steps executed. */
export function cacheBars(cache: CacheFigures, title: string, width = 360): SafeHtml {
  if (cache.totalSteps === 0) return markup`<p class="muted">No cacheable steps.</p>`;
  const executed = Math.max(cache.totalSteps - cache.cachedSteps, 0);
  const svg = barsSvg(
    [
      { label: 'from cache', value: cache.cachedSteps, max: cache.totalSteps, className: 'is-cached' },
      { label: 'executed', value: executed, max: cache.totalSteps, className: 'is-executed' },
    ],
    { width, title, format: (value) => `${value} of ${cache.totalSteps}` },
  );
  return trustedHtml(svg);
}

export function hitRatioText(cache: CacheFigures): string {
  return cache.totalSteps === 0 ? '-' : formatPercent(cache.hitRatio);
}

export function cachePanel(imageName: string, cache: CacheFigures): SafeHtml {
  return markup`<div class="figure-row"><span class="big-figure">${hitRatioText(cache)}</span><span class="muted">cache hit ratio (${cache.cachedSteps} of ${cache.totalSteps} cacheable steps)</span></div>
${cacheBars(cache, `Cache use of ${imageName}`)}
${cacheFacts(cache)}${cacheRefs(cache)}`;
}

function cacheFacts(cache: CacheFigures): SafeHtml {
  const optional = (value: number | undefined, format: (value: number) => string): string | undefined =>
    value === undefined ? undefined : format(value);
  return facts([
    ['Pulled', optional(cache.bytesPulled, formatBytes)],
    ['Context sent', optional(cache.contextBytes, formatBytes)],
    ['Time in cached steps', optional(cache.cachedStepsMs, formatDuration)],
    ['Time in executed steps', optional(cache.executedStepsMs, formatDuration)],
    ['BuildKit vertices cached', `${cache.vertexCached} of ${cache.vertexTotal}`],
  ]);
}

function cacheRefs(cache: CacheFigures): SafeHtml {
  const imports = (cache.imports ?? []).map(
    (entry) =>
      markup`<li>${badge(entry.found ? 'found' : 'missing', entry.found ? 'success' : 'neutral')} import <code>${entry.ref}</code></li>`,
  );
  const exports = (cache.exports ?? []).map((entry) =>
    entry.error === undefined
      ? markup`<li>${badge('exported', 'success')} export <code>${entry.name}</code></li>`
      : markup`<li>${badge('failed')} export <code>${entry.name}</code>: ${entry.error}</li>`,
  );
  if (imports.length + exports.length === 0) return markup``;
  return markup`<ul class="plain cache-refs">${imports}${exports}</ul>`;
}
