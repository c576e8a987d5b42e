// Export of the current view as CSV or NDJSON. A download cannot carry
// headers, so a hidden form posts the query with the XSRF token, the language
// and the time zone as fields (the server accepts them there for a form post),
// so that the file has the rows and values the page shows. The form targets a hidden
// frame: a download leaves the page as it is, and an error answer lands in
// the frame, where the page reads it and shows it.

import { archiveUrl, call, settingHeaders, xsrfToken } from './api.js';
import { h, $, replaceChildren } from './dom.js';

/**
 * Posts the export form. Answers once the query is known to be valid (a one-row
 * query first, so a bad filter or an ended session shows on the page rather
 * than in the frame). Errors of that query are thrown to the caller.
 */
export async function exportView({ select, filter, orderBy }, format) {
  await call(archiveUrl({ $select: select, $filter: filter, $orderBy: orderBy, $top: 1 }));
  const form = $('#export-form');
  const field = (name, value) => h('input', { type: 'hidden', name, value });
  replaceChildren(form,
    field('$select', select),
    filter ? field('$filter', filter) : null,
    orderBy ? field('$orderBy', orderBy) : null,
    field('$format', format),
    ...Object.entries(settingHeaders()).map(([name, value]) => field(name, value)),
    field('XSRF-TOKEN', xsrfToken()));
  form.submit();
}

/** Calls onError(message) when an export answers with an error page instead of a file. */
export function watchExportErrors(onError) {
  const frame = $('#export-target');
  frame.addEventListener('load', () => {
    let doc = null;
    try { doc = frame.contentDocument; } catch { return; }
    if (!doc || !doc.documentElement || doc.URL === 'about:blank') return;
    // The error body is JSON, or XML when the browser's Accept (sent with every form post) prefers it.
    const xmlMessage = doc.querySelector('ErrorMessage');
    const text = (xmlMessage || doc.body || doc.documentElement).textContent.trim();
    if (!text) return;
    let message = text.slice(0, 300);
    try { message = JSON.parse(text).ErrorMessage || message; } catch { /* XML or plain text */ }
    onError(`The export failed: ${message}`);
  });
}
