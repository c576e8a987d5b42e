// What the page knows about columns: the server's $metadata, plus short
// labels for the usual columns (the catalog's "Contact - Contact" reads
// poorly as a table header).

const SHORT_LABELS = {
  chatSessionId: 'ID',
  whenRequested: 'Requested',
  whenStarted: 'Started',
  whenEnded: 'Ended',
  'person/fullName': 'Customer',
  'contact/name': 'Company',
  'chatTopic/name': 'Topic',
  'associate/fullName': 'Agent',
  status: 'Status',
  rating: 'Rating',
  duration: 'Duration',
  timeInQueue: 'Queue time',
  firstMessage: 'First message',
  lastMessage: 'Last message',
};

/** The picker's groups, by a path's first segment. */
export const GROUPS = [
  { key: 'chat', title: 'Chat' },
  { key: 'chatTopic', title: 'Topic' },
  { key: 'associate', title: 'Agent' },
  { key: 'person', title: 'Person' },
  { key: 'contact', title: 'Company' },
];

const TYPE_NAMES = {
  int: 'number', string: 'text', positiveString: 'text', stringorPK: 'text', bool: 'yes/no',
  listAny: 'list', associate: 'agent', userGroup: 'group', date: 'date', datetime: 'date and time',
  timeSpan: 'duration', '': 'other',
};

const DATE_TYPES = new Set(['date', 'datetime']);

/** Operators that take no value (periods, emptiness): completion goes on to `and`/`or` after them. */
export const NO_VALUE_OPERATORS = new Set(['today', 'thisWeek', 'lastWeek', 'nextWeek', 'thisMonth', 'lastMonth',
  'nextMonth', 'thisQuarter', 'lastQuarter', 'nextQuarter', 'thisHalf', 'thisYear', 'thisPeriod', 'previousPeriod',
  'nextPeriod', 'thisAndNext', 'thisAndPrevious', 'thisPreviousAndNext', 'afterToday', 'beforeToday', 'isNull',
  'isNotNull', 'set', 'currentAssociate'].map((op) => op.toLowerCase()));

let catalog = null;

export function setCatalog(metadata) { catalog = metadata; }
export const hasCatalog = () => catalog !== null;
export const column = (name) => (catalog && catalog[name]) || null;
export const allColumns = () => (catalog ? Object.values(catalog) : []);

export function groupOf(name) {
  const first = name.includes('/') ? name.split('/')[0] : 'chat';
  return GROUPS.some((group) => group.key === first) ? first : 'chat';
}

/** The table header's label: the short one, else the catalog's name, else the path. */
export function label(name) {
  if (SHORT_LABELS[name]) return SHORT_LABELS[name];
  const info = column(name);
  return info ? info.DisplayName : name;
}

/** The label with its group for places without context (the group picker, the chat). */
export function longLabel(name) {
  const info = column(name);
  return info ? info.DisplayName : label(name);
}

export const typeName = (info) => TYPE_NAMES[info.RestrictionType] ?? info.RestrictionType;

export const isOrderable = (name) => { const info = column(name); return !info || info.CanOrderBy; };

/** Columns a filter can name, for completion. */
export const filterColumns = () => allColumns().filter((info) => info.IsVisible && info.CanRestrictBy && info.Operators.length);

/** Date columns for the period buttons and the time chart. */
export const dateColumns = () => allColumns().filter((info) => info.IsVisible && info.CanRestrictBy && DATE_TYPES.has(info.RestrictionType));

/** Whether a filter value for this column is written in quotes (text) or bare (numbers, lists, dates). */
export function quotesValues(name) {
  const info = column(name);
  return Boolean(info) && ['string', 'positiveString', 'stringorPK'].includes(info.RestrictionType);
}

/** The archive's English names of statuses are identifiers (`CustomerLast`): spaced out to read. */
export function readableValue(col, text) {
  if (col !== 'status' || !/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(text)) return text;
  const words = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
