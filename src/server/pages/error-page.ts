// What a browser sees for a missing run or image, a bad filter, or a failing history store: the
// reason in one line and a way back, never a stack trace.
import { markup } from '../../html/html-template.js';
import { notice, pageTitle, renderPage } from './page-layout.js';

export function renderErrorPage(title: string, detail: string, historyLocation: string): string {
  const body = markup`${pageTitle(undefined, title)}
${notice('error', detail)}
<p><a href="/">← Back to runs</a></p>`;
  return renderPage({ title, section: undefined, historyLocation, body });
}
