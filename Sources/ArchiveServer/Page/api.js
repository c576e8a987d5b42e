// The server's API, same origin. Every call but the sign-in carries the
// XSRF token from the cookie; the language and time zone ride along so the
// server answers translated list values and local dates.

export const PAGE_SIZE = 50;
const ARCHIVE = '/api/v1/archive/ChatSession';

/** An answer of the API that is not 2xx, with the fields of its error body. */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    const message = (body && body.ErrorMessage) || fallback || `The server answered ${status}.`;
    super(message);
    this.status = status;
    this.type = body && body.ErrorType;
    this.source = body && body.ErrorSource;
    this.position = positionIn(message);
  }
}

/** Thrown when the session ended (401): the page asks for the password again. */
export class SessionEnded extends Error {}

/** `(at position 8)`, `at position 32;`, `starting at position 20`: 1-based, in characters. */
function positionIn(message) {
  const match = /\bposition (\d+)/.exec(message || '');
  return match ? Number(match[1]) : null;
}

const settings = { language: 'en', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || '' };

export function setLanguage(language) { settings.language = language; }

/** The settings every call sends as headers, by header name (a form post sends them as fields). */
export function settingHeaders() {
  return settings.timeZone ? { 'SO-Language': settings.language, 'SO-TimeZone': settings.timeZone } : { 'SO-Language': settings.language };
}

/** The XSRF-TOKEN cookie's value, or '' when there is none. */
export function xsrfToken() {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'XSRF-TOKEN') return decodeURIComponent(rest.join('='));
  }
  return '';
}

// Says "a script asks": a server may then leave out `WWW-Authenticate: Basic` from a 401,
// which would make the browser ask for a password itself (and hold the request meanwhile).
const SCRIPT_HEADER = { 'X-Requested-With': 'XMLHttpRequest' };

/** How long a call may take before the page gives up on it. */
const TIMEOUT_MS = 30000;

function headers(extra) {
  return { Accept: 'application/json', 'X-XSRF-TOKEN': xsrfToken(), ...settingHeaders(), ...SCRIPT_HEADER, ...extra };
}

/** Calls the API and answers the parsed JSON; throws ApiError or SessionEnded. */
export async function call(url, { method = 'GET', body, contentType, extraHeaders, signal } = {}) {
  const init = { method, signal: withTimeout(signal), credentials: 'same-origin', headers: headers(extraHeaders) };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] = contentType || 'application/json';
  }
  let response = await fetch(url, init);
  if (response.status === 400 && init.headers['SO-TimeZone']) {
    // The server may not know the browser's zone: drop it for good and ask again (dates then in UTC).
    const error = await errorOf(response);
    if (error.source !== 'SO-TimeZone') throw error;
    settings.timeZone = '';
    delete init.headers['SO-TimeZone'];
    response = await fetch(url, init);
  }
  if (response.status === 401) throw new SessionEnded('The session ended.');
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  return response.json();
}

/** The caller's signal, ended also after TIMEOUT_MS (a TimeoutError, told apart from the caller's abort). */
function withTimeout(signal) {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** A message for an error of fetch itself (no answer). */
export function networkMessage(error) {
  if (error && error.name === 'TimeoutError') return 'The server did not answer in time.';
  return 'The server cannot be reached.';
}

async function errorOf(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: the status says enough */ }
  return new ApiError(response.status, body);
}

/** Signs in; answers {UserName, Role, IdleMinutes}. A 401 or 429 is an ApiError with a message for people. */
export async function signIn(userName, password, signal) {
  const response = await fetch('/api/v1/Session', {
    method: 'POST',
    credentials: 'same-origin',
    signal: withTimeout(signal),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...SCRIPT_HEADER },
    body: JSON.stringify({ UserName: userName, Password: password }),
  });
  if (response.ok) return response.json();
  if (response.status === 401) throw new ApiError(401, null, 'The user name or password is not right.');
  if (response.status === 429) {
    const wait = Number(response.headers.get('Retry-After')) || 60;
    throw new ApiError(429, null, `Too many attempts. Try again in ${wait} seconds.`);
  }
  throw await errorOf(response);
}

/** Ends the session on the server; the page does not wait for the answer. */
export function signOut() {
  fetch('/api/v1/Session', { method: 'DELETE', credentials: 'same-origin', keepalive: true, headers: headers() })
    .catch(() => { /* signed out on the page all the same */ });
}

/** The archive's URL for query options ({$select, $filter, …}); empty ones are left out. */
export function archiveUrl(options) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  // URLSearchParams writes spaces as '+', which the server reads as spaces too; %20 reads plainer in logs.
  return `${ARCHIVE}?${params.toString().replace(/\+/g, '%20')}`;
}

/** A page of rows: the link's path and query, so a link naming another host still goes to this one. */
export function archivePage(url, signal) {
  const link = new URL(url, location.href);
  return call(link.pathname + link.search, { signal, extraHeaders: { Prefer: `odata.maxpagesize=${PAGE_SIZE}` } });
}

/** The $skiptoken of a next or previous link. */
export function tokenOf(link) {
  if (!link) return '';
  return new URL(link, location.href).searchParams.get('$skiptoken') || '';
}

/** The rows of one answer in $mode=Full (aggregates: $top bounds them, no paging). */
export async function archiveRows(options, signal) {
  const page = await call(archiveUrl({ $mode: 'Full', ...options }), { signal });
  return page.value;
}

let catalogPromise = null;

/** The columns, keyed by name (`$metadata`), fetched once per page load. */
export function columnCatalog() {
  if (!catalogPromise) {
    catalogPromise = call(`${ARCHIVE}/$metadata`).catch((error) => { catalogPromise = null; throw error; });
  }
  return catalogPromise;
}

export const chatEntity = (id) => call(`/api/v1/ChatSession/${encodeURIComponent(id)}`);

export const patchChat = (id, changes) => call(`/api/v1/ChatSession/${encodeURIComponent(id)}`, {
  method: 'PATCH', body: changes, contentType: 'application/merge-patch+json',
});
