// The server's aggregates over the current filter: chats per day, week or
// month, the rating distribution, and the groups of the group-by column with
// their count, average rating and total time. Nothing here fetches chat rows.

import { archiveRows } from './api.js';
import { h, replaceChildren, formatCount, formatDecimal, formatSeconds } from './dom.js';
import { barChart, chartMessage } from './charts.js';
import { label, longLabel, quotesValues, readableValue, GROUPS, allColumns } from './catalog.js';
import { filterValue } from './filterlang.js';

const MAX_GROUPS = 100;
const MAX_GROUP_BARS = 20;
const COUNT = 'Count(chatSessionId)';

const raw = (row, key) => (row.Column[key] ? row.Column[key].RawValue : null);
const display = (row, key) => (row.Column[key] ? row.Column[key].DisplayValue : '');
const footers = (rows) => rows.filter((row) => (row.EntityName || '').startsWith('footer'));

// ---- chats over time -------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');

/** The GroupBy specs for a bucket, and how a footer row becomes a bar's key. */
function timeBuckets(dateCol, per) {
  const part = (name) => `GroupBy(DatePart(${dateCol}):${name}):HideDetail`;
  if (per === 'day') {
    return { specs: [part('YearMonth'), part('Day')], key: (row) => `${String(raw(row, part('YearMonth'))).replace('/', '-')}-${pad(raw(row, part('Day')))}` };
  }
  if (per === 'week') return { specs: [part('YearWeekno')], key: (row) => String(raw(row, part('YearWeekno'))).replace('/', ' w') };
  return { specs: [part('YearMonth')], key: (row) => String(raw(row, part('YearMonth'))).replace('/', '-') };
}

/** Days or months with no chats have no group: put them back, so that the axis is even. */
function fillGaps(bars, per) {
  if (bars.length < 2 || per === 'week') return bars;
  const byKey = new Map(bars.map((bar) => [bar.label, bar.value]));
  const result = [];
  const [first, last] = [bars[0].label, bars[bars.length - 1].label];
  const date = per === 'day' ? new Date(`${first}T00:00:00Z`) : new Date(`${first}-01T00:00:00Z`);
  for (let guard = 0; guard < 20000; guard += 1) {
    const key = per === 'day' ? date.toISOString().slice(0, 10) : date.toISOString().slice(0, 7);
    result.push({ label: key, value: byKey.get(key) || 0 });
    if (key >= last) break;
    if (per === 'day') date.setUTCDate(date.getUTCDate() + 1); else date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return result;
}

export async function drawTimeChart(container, { filter, dateCol, per }, signal) {
  const title = `Chats per ${per}`;
  const buckets = timeBuckets(dateCol, per);
  const rows = await archiveRows({ $select: [...buckets.specs, COUNT].join(','), $filter: filter, $top: 4000 }, signal);
  const bars = fillGaps(footers(rows).filter((row) => raw(row, buckets.specs[0]) !== null)
    .map((row) => ({ label: buckets.key(row), value: raw(row, COUNT) || 0 })), per);
  if (!bars.length) { chartMessage(container, title, 'No chats in this view.'); return; }
  barChart(container, { name: 'time', title: `${title} (${longLabel(dateCol)})`, bars, orientation: 'columns', unit: 'chats' });
}

// ---- ratings ---------------------------------------------------------------

export async function drawRatingChart(container, { filter }, signal) {
  const spec = 'GroupBy(rating):HideDetail';
  const rows = await archiveRows({ $select: `${spec},${COUNT}`, $filter: filter, $top: 20 }, signal);
  const counts = new Map(footers(rows).map((row) => [raw(row, spec) ?? 0, raw(row, COUNT) || 0]));
  const bars = [5, 4, 3, 2, 1].map((n) => ({ label: `${'★'.repeat(n)} ${n}`, value: counts.get(n) || 0 }));
  bars.push({ label: 'No rating', value: counts.get(0) || 0 });
  const rated = bars.slice(0, 5).reduce((sum, bar) => sum + bar.value, 0);
  barChart(container, {
    name: 'rating', title: 'Rating distribution', bars, orientation: 'rows', unit: 'chats',
    note: `${formatCount(rated)} rated chats`,
  });
}

// ---- groups ----------------------------------------------------------------

const DATE_GROUPS = [
  ['Year', 'year'], ['YearQuarter', 'quarter'], ['YearMonth', 'month'], ['YearWeekno', 'week'], ['Hour', 'hour of day'],
];

/** The choices of the group-by picker: the usual columns first, then every orderable column by group. */
export function groupChoices(dateCol = 'whenRequested') {
  const usual = ['chatTopic/name', 'associate/fullName', 'status', 'rating', 'contact/name', 'person/fullName']
    .map((col) => ({ value: col, label: label(col) }));
  const dates = DATE_GROUPS.map(([part, word]) => ({ value: `DatePart(${dateCol}):${part}`, label: `${label(dateCol)} by ${word}` }));
  const taken = new Set(usual.map((choice) => choice.value));
  const more = GROUPS.map((group) => ({
    title: group.title,
    choices: allColumns().filter((info) => info.IsVisible && info.CanOrderBy && !taken.has(info.Name)
      && (info.Name.includes('/') ? info.Name.split('/')[0] : 'chat') === group.key)
      .map((info) => ({ value: info.Name, label: info.DisplayName })),
  })).filter((group) => group.choices.length);
  return { usual: [...usual, ...dates], more };
}

/** The label of a group choice, for headings. */
export function groupLabel(group, dateCol) {
  const { usual, more } = groupChoices(dateCol);
  const found = [...usual, ...more.flatMap((g) => g.choices)].find((choice) => choice.value === group);
  return found ? found.label : group;
}

const isDateGroup = (group) => group.startsWith('DatePart(');

/**
 * Draws the groups' table (with the grand total) and chart. onFilter(condition) narrows the
 * view to one group. Answers the number of groups drawn.
 */
export async function drawGroups(tableBox, chartBox, { group, filter, dateCol }, onFilter, signal) {
  const spec = `GroupBy(${group}):HideDetail`;
  const measures = `${COUNT},Avg(rating),Sum(duration)`;
  const [rows, totals] = await Promise.all([
    archiveRows({
      $select: `${spec},${measures}`, $filter: filter, $top: MAX_GROUPS + 1,
      $orderBy: isDateGroup(group) ? '' : `${COUNT} desc`,
    }, signal),
    archiveRows({
      $select: `${COUNT}:HideDetail,Avg(rating):HideDetail,Sum(duration):HideDetail`,
      $filter: filter, $options: 'GrandTotal=true',
    }, signal),
  ]);
  const groups = footers(rows);
  const more = groups.length > MAX_GROUPS;
  const shown = groups.slice(0, MAX_GROUPS);
  const total = totals.find((row) => row.EntityName === 'grandtotal');
  const name = groupLabel(group, dateCol);

  const groupName = (row) => readableValue(group, display(row, spec)) || '(none)';
  const cell = (row, key, format) => { const value = raw(row, key); return value === null ? '' : format(value); };
  const filterButton = (row) => {
    if (isDateGroup(group)) return groupName(row);
    const value = raw(row, spec);
    const condition = value === null ? `${group} isNull` : `${group} eq ${filterValue(value, quotesValues(group))}`;
    return h('button', {
      type: 'button', class: 'link-button', title: `Only chats where ${name} is ${groupName(row)}`,
      onclick: () => onFilter(condition),
    }, groupName(row));
  };
  replaceChildren(tableBox, h('table', { class: 'grid compact', dataset: { groups: String(shown.length) } },
    h('caption', { class: 'sr-only' }, `Groups by ${name}`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, name), h('th', { scope: 'col', class: 'num' }, 'Chats'),
      h('th', { scope: 'col', class: 'num' }, 'Avg rating'), h('th', { scope: 'col', class: 'num' }, 'Total time'))),
    h('tbody', {}, shown.map((row) => h('tr', { class: 'group-row' },
      h('th', { scope: 'row' }, filterButton(row)),
      h('td', { class: 'num' }, cell(row, COUNT, formatCount)),
      h('td', { class: 'num' }, cell(row, 'Avg(rating)', (v) => (v ? formatDecimal(v) : '–'))),
      h('td', { class: 'num' }, cell(row, 'Sum(duration)', formatSeconds))))),
    total ? h('tfoot', {}, h('tr', { class: 'grand-total' },
      h('th', { scope: 'row' }, 'All'),
      h('td', { class: 'num' }, cell(total, `${COUNT}:HideDetail`, formatCount)),
      h('td', { class: 'num' }, cell(total, 'Avg(rating):HideDetail', (v) => (v ? formatDecimal(v) : '–'))),
      h('td', { class: 'num' }, cell(total, 'Sum(duration):HideDetail', formatSeconds)))) : null),
  more ? h('p', { class: 'hint' }, `The ${MAX_GROUPS} largest groups; narrow the filter to see the rest.`) : null);

  const bars = shown.map((row) => ({ label: groupName(row), value: raw(row, COUNT) || 0 }));
  if (!bars.length) chartMessage(chartBox, `Chats by ${name}`, 'No chats in this view.');
  else if (isDateGroup(group)) barChart(chartBox, { name: 'groups', title: `Chats by ${name}`, bars, orientation: 'columns', unit: 'chats' });
  else {
    const top = bars.slice(0, MAX_GROUP_BARS);
    barChart(chartBox, {
      name: 'groups', title: `Chats by ${name}`, bars: top, orientation: 'rows', unit: 'chats',
      note: bars.length > top.length ? `The ${top.length} largest of ${more ? 'more than ' : ''}${bars.length} groups` : '',
    });
  }
  return shown.length;
}
