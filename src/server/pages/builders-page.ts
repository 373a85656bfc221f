// `/builders`: the configured builders (or, without a config, every builder buildx knows) and
// whether each one answers right now.
import { markup, type SafeHtml } from '../../html/html-template.js';
import type { BuilderReading, BuildersReading } from '../live-facts.js';
import { statusBadge } from './format.js';
import { dataTable, notice, pageTitle, panel, renderPage } from './page-layout.js';

export function renderBuildersPage(reading: BuildersReading, historyLocation: string): string {
  const source =
    reading.source === 'config'
      ? markup`Builders declared under <code>builders:</code> in the config file.`
      : markup`No config file given (<code>imageforge serve -f imageforge.yaml</code>): every builder buildx knows.`;
  const answering = reading.builders.filter((builder) => builder.up).length;
  const body = markup`${pageTitle(undefined, 'Builders', source)}
${reading.error ? notice('error', 'Could not read the builders.', reading.error) : ''}
${
  reading.builders.length === 0
    ? reading.error
      ? ''
      : notice('info', 'No builders configured.', markup`Declare them under <code>builders:</code>.`)
    : panel(
        `${answering} of ${reading.builders.length} answering`,
        buildersTable(reading.builders, reading.source),
      )
}`;
  return renderPage({ title: 'Builders', section: 'builders', historyLocation, body });
}

function buildersTable(builders: BuilderReading[], source: BuildersReading['source']): SafeHtml {
  const head = markup`<th>Builder</th><th>Driver</th><th>Answers</th><th>Status</th><th>BuildKit</th><th>Platforms</th>`;
  const rows = builders.map(
    (builder) => markup`<tr>
<td><strong>${builder.name}</strong>${builder.current ? markup` <span class="badge">${source === 'config' ? 'default' : 'current'}</span>` : ''}</td>
<td>${builder.driver || '–'}</td>
<td>${statusBadge(builder.up ? 'up' : 'down')}</td>
<td>${builder.status}</td>
<td>${builder.buildkitVersion ?? '–'}</td>
<td>${builder.platforms.join(', ') || '–'}</td>
</tr>`,
  );
  return dataTable(head, rows);
}
