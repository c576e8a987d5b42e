// The view's state lives in the page's URL (the hash), so that a bookmarked or
// sent link opens the same view: columns, filter, order, page, grouping,
// charts, language and the open chat.

export const DEFAULT_COLUMNS = ['chatSessionId', 'whenRequested', 'person/fullName', 'contact/name',
  'chatTopic/name', 'associate/fullName', 'status', 'rating'];
export const DEFAULT_ORDER = [['whenRequested', 'desc']];

const LANGUAGES = ['en', 'no', 'sv', 'de'];

/** The browser's language, as one of the archive's. */
export function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'nn' || base === 'no') return 'no';
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function defaultState() {
  return {
    cols: [...DEFAULT_COLUMNS],
    filter: '',
    order: DEFAULT_ORDER.map((key) => [...key]),
    skip: '',          // the $skiptoken of the page shown ('' = the first page)
    at: 0,             // the index of the page's first row, for "51–100 of N"
    group: '',         // a GroupBy spec's inside: a column or DatePart(column):Part
    charts: false,
    per: 'month',      // the time chart's bucket
    dateCol: 'whenRequested',
    lang: browserLanguage(),
    chat: '',          // the id of the open chat
  };
}

const orderText = (order) => order.map(([col, dir]) => (dir === 'desc' ? `${col} desc` : col)).join(',');

/** `whenRequested desc,person/lastName` as [[col, dir], …]. */
export function parseOrder(text) {
  return (text || '').split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const [col, dir] = item.split(/\s+/);
    return [col, (dir || '').toLowerCase() === 'desc' ? 'desc' : 'asc'];
  });
}

export const orderByOption = orderText;

/** Reads the state from location.hash; what is missing takes the defaults. */
export function readState() {
  const state = defaultState();
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (params.has('cols')) state.cols = params.get('cols').split(',').filter(Boolean);
  if (params.has('filter')) state.filter = params.get('filter');
  if (params.has('order')) state.order = parseOrder(params.get('order'));
  if (params.has('skip')) state.skip = params.get('skip');
  if (params.has('at')) state.at = Math.max(0, Number.parseInt(params.get('at'), 10) || 0);
  if (params.has('group')) state.group = params.get('group');
  if (params.has('charts')) state.charts = params.get('charts') === '1';
  if (['day', 'week', 'month'].includes(params.get('per'))) state.per = params.get('per');
  if (params.has('date')) state.dateCol = params.get('date');
  if (LANGUAGES.includes(params.get('lang'))) state.lang = params.get('lang');
  if (/^\d+$/.test(params.get('chat') || '')) state.chat = params.get('chat');
  if (!state.cols.length) state.cols = [...DEFAULT_COLUMNS];
  if (!state.skip) state.at = 0;
  return state;
}

/** The hash for a state; values equal to the defaults are left out, to keep links short. */
export function hashOf(state) {
  const defaults = defaultState();
  const params = new URLSearchParams();
  if (state.cols.join(',') !== defaults.cols.join(',')) params.set('cols', state.cols.join(','));
  if (state.filter) params.set('filter', state.filter);
  if (orderText(state.order) !== orderText(defaults.order)) params.set('order', orderText(state.order));
  if (state.group) params.set('group', state.group);
  if (state.charts) params.set('charts', '1');
  if (state.per !== defaults.per) params.set('per', state.per);
  if (state.dateCol !== defaults.dateCol) params.set('date', state.dateCol);
  params.set('lang', state.lang);
  if (state.skip) { params.set('skip', state.skip); params.set('at', String(state.at)); }
  if (state.chat) params.set('chat', state.chat);
  return `#${Array.from(params, ([key, value]) => `${key}=${readableEncode(value)}`).join('&')}`;
}

/** Encodes a value for the hash, leaving the query language's , / : ( ) as they are, to read. */
function readableEncode(value) {
  return encodeURIComponent(value).replace(/%(2C|2F|3A|28|29)/g, (escape) => decodeURIComponent(escape));
}

/** Writes the state into the URL: push adds a history entry (Back returns), else it replaces. */
export function writeState(state, { push = false } = {}) {
  const hash = hashOf(state);
  if (hash === location.hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

export const copyState = (state) => ({ ...state, cols: [...state.cols], order: state.order.map((key) => [...key]) });
