// The chats table: sortable headers (buttons, aria-sort), one focusable row at
// a time (arrow keys move, Enter opens), group header and footer rows when
// grouped. Cells come from $mode=Full: the display value to read, the raw
// value to align numbers and for the test to compare.

import { h, s, replaceChildren, formatCount, formatDecimal, formatSeconds } from './dom.js';
import { label, isOrderable, column, readableValue } from './catalog.js';

const RIGHT_ALIGNED_TYPES = new Set(['int', 'timeSpan']);
const FILTERABLE = {
  // The column whose cell offers "filter to this", and the condition it writes from the cell's link.
  'person/fullName': { link: /person_id=(\d+)/, condition: (id) => `personId eq ${id}`, noun: 'customer' },
  'contact/name': { link: /contact_id=(\d+)/, condition: (id) => `contactId eq ${id}`, noun: 'company' },
};

/**
 * Draws the table into `container`.
 * view: {columns: [{key, col}], rows, order, grouped: {label, key} | null}
 * actions: {onSort(col, add), onOpen(id, row), onFilter(condition, text)}
 */
export function renderTable(container, view, actions) {
  const { columns, rows, order } = view;
  const table = h('table', { class: 'grid' },
    h('caption', { class: 'sr-only' }, caption(view)),
    h('thead', {}, h('tr', {}, columns.map((c) => headerCell(c, order, actions)))),
    h('tbody', {}, body(view, actions)));
  table.addEventListener('keydown', (event) => rowKeys(event, actions));
  table.addEventListener('click', (event) => rowClick(event, actions));
  replaceChildren(container, table);
  const first = table.querySelector('tbody tr.row');
  if (first) first.tabIndex = 0;
}

function caption(view) {
  const keys = view.order.map(([col, dir]) => `${label(col)} ${dir === 'desc' ? 'descending' : 'ascending'}`);
  return `Chats${keys.length ? `, ordered by ${keys.join(', then ')}` : ''}. Press Enter on a row to open the chat.`;
}

function headerCell({ col, key }, order, actions) {
  const index = order.findIndex(([name]) => name === col);
  const dir = index >= 0 ? order[index][1] : null;
  const info = column(col);
  const numeric = info && RIGHT_ALIGNED_TYPES.has(info.RestrictionType);
  const attrs = {
    scope: 'col',
    class: numeric ? 'num' : null,
    dataset: { col, key },
    'aria-sort': dir ? (dir === 'desc' ? 'descending' : 'ascending') : null,
    title: info ? `${info.DisplayName} (${col})` : col,
  };
  if (!isOrderable(col)) return h('th', attrs, h('span', { class: 'th-text' }, label(col)));
  const mark = dir ? `${dir === 'desc' ? '▼' : '▲'}${order.length > 1 ? index + 1 : ''}` : '';
  const button = h('button', {
    type: 'button', class: 'sort',
    'aria-describedby': 'sort-help',
    onclick: (event) => actions.onSort(col, event.shiftKey),
  }, label(col), h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, mark));
  return h('th', attrs, button);
}

function body(view, actions) {
  const { columns, rows } = view;
  if (!rows.length) {
    return h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, 'No chats match this view.'));
  }
  return rows.map((row) => {
    const kind = row.EntityName || 'chat';
    if (kind.startsWith('header')) return groupHeader(row, view);
    if (kind.startsWith('footer')) return groupFooter(row, view, 'Group total');
    if (kind === 'grandtotal') return groupFooter(row, view, 'All groups', 'grand-total');
    return h('tr', { class: 'row', tabindex: '-1', dataset: { id: String(row.PrimaryKey) } },
      columns.map((c) => dataCell(c, row.Column[c.key], actions)));
  });
}

function dataCell({ col, key }, cell, actions) {
  const raw = cell ? cell.RawValue : null;
  const info = column(col);
  const text = readableValue(col, cell ? cell.DisplayValue : '');
  const type = info ? info.RestrictionType : typeof raw === 'number' ? 'int' : '';
  const classes = [RIGHT_ALIGNED_TYPES.has(type) ? 'num' : '', type === 'date' || type === 'datetime' ? 'date' : '', type === 'string' ? 'text' : ''];
  const td = h('td', {
    class: classes.filter(Boolean).join(' ') || null,
    dataset: { col: key, raw: raw === null || raw === undefined ? '' : String(raw) },
    title: type === 'string' && text.length > 40 ? text : null,
  }, text);
  const filterable = FILTERABLE[col];
  const match = filterable && text && cell && filterable.link.exec(cell.LinkHint || '');
  if (match) {
    // A mouse shortcut (the chat's dialog offers the same to the keyboard): out of the Tab order.
    td.append(h('button', {
      type: 'button', class: 'cell-filter', tabindex: '-1',
      title: `Only chats of this ${filterable.noun}`,
      'aria-label': `Only chats of ${text}`,
      dataset: { condition: filterable.condition(match[1]) },
      onclick: (event) => { event.stopPropagation(); actions.onFilter(filterable.condition(match[1]), text); },
    }, funnelIcon()));
  }
  return td;
}

/** A small funnel, drawn (a font may lack the glyph). */
function funnelIcon() {
  return s('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: 'M1 2h10L7.2 6.6V10L4.8 11V6.6z', fill: 'currentColor' }));
}

function groupHeader(row, view) {
  const { grouped, columns } = view;
  const cell = row.Column[grouped.key];
  const count = row.Column['Count(chatSessionId):Footer'];
  return h('tr', { class: 'group-head' },
    h('th', { scope: 'rowgroup', colspan: columns.length },
      h('span', { class: 'group-name' }, `${grouped.label}: ${cell ? cell.DisplayValue || '(none)' : '(none)'}`),
      count ? h('span', { class: 'group-count' }, ` · ${formatCount(count.RawValue)} chats`) : null));
}

function groupFooter(row, view, title, extra = '') {
  return h('tr', { class: `group-foot ${extra}`.trim() },
    h('td', { colspan: view.columns.length }, h('span', { class: 'foot-title' }, title), ' ', summaryText(row)));
}

/** "1,755 chats · average rating 4.06 · total time 240:02:33" from a footer row. */
function summaryText(row, suffix = ':Footer') {
  const value = (name) => { const cell = row.Column[`${name}${suffix}`]; return cell ? cell.RawValue : null; };
  const parts = [];
  const count = value('Count(chatSessionId)');
  const rating = value('Avg(rating)');
  const time = value('Sum(duration)');
  if (count !== null) parts.push(`${formatCount(count)} chats`);
  if (rating !== null) parts.push(`average rating ${rating ? formatDecimal(rating) : '–'}`);
  if (time !== null) parts.push(`total time ${formatSeconds(time)}`);
  return parts.join(' · ');
}

function rowKeys(event, actions) {
  const row = event.target.closest && event.target.closest('tr.row');
  if (!row || event.target !== row) return;
  const rows = Array.from(row.parentElement.querySelectorAll('tr.row'));
  const index = rows.indexOf(row);
  let next = null;
  if (event.key === 'ArrowDown') next = rows[index + 1];
  else if (event.key === 'ArrowUp') next = rows[index - 1];
  else if (event.key === 'Home') next = rows[0];
  else if (event.key === 'End') next = rows[rows.length - 1];
  else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    actions.onOpen(row.dataset.id, row);
    return;
  } else return;
  event.preventDefault();
  if (next) focusRow(next);
}

/** Moves the one tab stop of the table to a row. */
export function focusRow(row) {
  for (const other of row.parentElement.querySelectorAll('tr.row[tabindex="0"]')) other.tabIndex = -1;
  row.tabIndex = 0;
  row.focus();
}

function rowClick(event, actions) {
  if (event.target.closest('button, a, input, select')) return;
  const row = event.target.closest('tr.row');
  if (!row) return;
  focusRow(row);
  actions.onOpen(row.dataset.id, row);
}
