// The archive page: signs in, then keeps the view (table, groups, charts, the
// open chat) in step with the state in the URL. Each part reloads only when
// the state it depends on changed.

import * as api from './api.js';
import { h, $, replaceChildren, showText, formatCount } from './dom.js';
import { readState, writeState, copyState, orderByOption } from './state.js';
import { setCatalog, hasCatalog, dateColumns, label, isOrderable } from './catalog.js';
import { renderTable, focusRow } from './table.js';
import { FilterBox } from './filterbox.js';
import { andParts, periodIn, withPeriod } from './filterlang.js';
import { ColumnPicker } from './picker.js';
import { ChatDialog } from './chat.js';
import { SignInForm, storedUser, forgetUser } from './signin.js';
import { drawTimeChart, drawRatingChart, drawGroups, groupChoices, groupLabel } from './analytics.js';
import { chartMessage } from './charts.js';
import { exportView, watchExportErrors } from './export.js';

const PERIODS = [
  ['today', 'Today'], ['thisWeek', 'This week'], ['lastWeek', 'Last week'], ['thisMonth', 'This month'],
  ['lastMonth', 'Last month'], ['thisQuarter', 'This quarter'], ['lastQuarter', 'Last quarter'], ['thisYear', 'This year'],
];
const PERIOD_NAMES = PERIODS.map(([op]) => op);
const MEASURES = ['Count(chatSessionId):Footer', 'Avg(rating):Footer', 'Sum(duration):Footer'];

let state = readState();
let user = null;
const drawn = { list: null, charts: null, groups: null }; // the state key each part shows
const loads = { list: null, charts: null, groups: null }; // AbortControllers of running loads
let page = { next: '', prev: '', count: null, rows: 0 };
let lastTable = null;                 // what the table shows, to redraw it when labels arrive
let backStack = [];                   // pages visited before, while the server gives no previousLink
const links = new Map();              // $skiptoken → the link the server gave, followed as given
let firstDraw = false;                // mark the first page drawn after a sign-in
let refocus = null;                   // what to focus once the table is redrawn
let openedChatByPush = false;
let syncedFilter = null;              // the filter last put in the box (a draft being typed stays)

const view = $('#view');
const filterBox = new FilterBox({ onApply: (text) => update({ filter: text, skip: '', at: 0 }) });
const picker = new ColumnPicker({ onChange: (cols) => update({ cols, skip: '', at: 0 }, { push: false }) });
const signIn = new SignInForm({ onSignedIn: (answer) => signedIn(answer, true) });
const chat = new ChatDialog({
  onClose: closeChat,
  onSaved: () => { drawn.list = drawn.charts = drawn.groups = null; render(state); },
  onFilter: (condition) => { chat.close(); narrowTo(condition); },
  onSessionEnded: sessionEnded,
});

// ---- state ------------------------------------------------------------------

/** Changes the state, writes it into the URL (push: a history entry) and redraws what depends on it. */
function update(changes, { push = true } = {}) {
  const next = { ...copyState(state), ...changes };
  writeState(next, { push });
  render(next);
}

const listKey = (s) => JSON.stringify([s.lang, s.cols, s.filter, s.order, s.group, s.skip]);
const chartsKey = (s) => (s.charts ? JSON.stringify([s.lang, s.filter, s.dateCol, s.per]) : '');
const groupsKey = (s) => (s.group ? JSON.stringify([s.lang, s.filter, s.group, s.dateCol]) : '');

function render(next) {
  state = next;
  api.setLanguage(state.lang);
  syncControls();
  if (!user) return;
  if (drawn.list !== listKey(state)) loadList();
  if (drawn.charts !== chartsKey(state)) loadCharts();
  if (drawn.groups !== groupsKey(state)) loadGroups();
  if (state.chat !== chat.openId) {
    if (state.chat) chat.open(state.chat, { language: state.lang, canWrite: canWrite() });
    else chat.close();
  }
}

/** The controls show the state (after a Back, a link, a change elsewhere). */
function syncControls() {
  document.documentElement.lang = state.lang === 'no' ? 'nb' : state.lang;
  $('#language').value = state.lang;
  if (state.filter !== syncedFilter) { filterBox.value = state.filter; syncedFilter = state.filter; }
  $('#charts-toggle').setAttribute('aria-pressed', String(state.charts));
  $('#charts').hidden = !state.charts;
  $('#chart-per').value = state.per;
  $('#groups').hidden = !state.group;
  fillDateColumns();
  fillGroupChoices();
  const current = periodIn(state.filter, state.dateCol, PERIOD_NAMES);
  for (const button of $('#period-buttons').children) {
    button.setAttribute('aria-pressed', String(button.dataset.period === current));
  }
}

const canWrite = () => Boolean(user && /write|admin/i.test(user.Role || ''));

// ---- the table --------------------------------------------------------------

function listSelect(s) {
  if (!s.group) return s.cols.join(',');
  return [`GroupBy(${s.group}):Header,Footer`, ...s.cols, ...MEASURES].join(',');
}

function listUrl(s) {
  return api.archiveUrl({
    $select: listSelect(s), $filter: s.filter, $orderBy: orderByOption(s.order),
    $inlineCount: 'true', $mode: 'Full', $options: s.group ? 'GrandTotal=true' : '', $skiptoken: s.skip,
  });
}

async function loadList() {
  const key = listKey(state);
  const s = state;
  if (loads.list) loads.list.abort();
  const controller = new AbortController();
  loads.list = controller;
  drawn.list = key;
  busy(1);
  try {
    const data = await api.archivePage(links.get(s.skip) || listUrl(s), controller.signal);
    if (controller.signal.aborted) return;
    page = {
      next: data['odata.nextLink'] || '',
      prev: data['odata.previousLink'] || '',
      count: data['odata.count'] ?? null,
      rows: data.value.length,
    };
    if (s.skip && !data.value.length && s.at > 0) { update({ skip: '', at: 0 }, { push: false }); return; }
    showText($('#view-error'), '');
    lastTable = {
      columns: s.cols.map((col) => ({ col, key: col })),
      rows: data.value,
      order: s.order,
      grouped: s.group ? { key: `GroupBy(${s.group}):Header,Footer`, label: groupLabel(s.group, s.dateCol) } : null,
    };
    drawTable();
    updatePager();
    if (firstDraw) {
      firstDraw = false;
      // The rows are in the DOM; the next frame is when they are painted.
      requestAnimationFrame(() => {
        performance.mark('archive:first-page');
        try { performance.measure('archive:first-draw', 'archive:signed-in', 'archive:first-page'); } catch { /* no sign-in mark */ }
      });
      if (canWrite()) setTimeout(() => chat.prefetch(state.lang), 1500);
    }
  } catch (error) {
    if (controller.signal.aborted || error.name === 'AbortError') return;
    drawn.list = null;
    failed(error);
  } finally {
    if (loads.list === controller) loads.list = null;
    busy(-1, 'list');
  }
}

function drawTable() {
  if (!lastTable) return;
  // A redraw keeps the focus on the same chat's row (after a save, a language change).
  const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('#results tr.row');
  if (focused && !refocus) refocus = { row: focused.dataset.id };
  renderTable($('#results'), lastTable, {
    onSort: sortBy,
    onOpen: openChat,
    onFilter: (condition) => narrowTo(condition),
  });
  if (refocus) {
    const target = refocus.col
      ? $(`#results th[data-col="${CSS.escape(refocus.col)}"] button`)
      : $(`#results tr.row[data-id="${CSS.escape(refocus.row)}"]`);
    if (target) { if (refocus.row) focusRow(target); else target.focus(); }
    refocus = null;
  }
}

function updatePager() {
  const { count, rows } = page;
  const first = rows ? state.at + 1 : 0;
  const last = state.at + rows;
  const range = $('#range');
  if (!rows) range.textContent = count === 0 || count === null ? 'No chats' : `No more rows (${formatCount(count)} chats)`;
  else if (state.group) range.textContent = `Rows ${formatCount(first)}–${formatCount(last)} · ${count === null ? '' : `${formatCount(count)} chats`}`;
  else range.textContent = `${formatCount(first)}–${formatCount(last)}${count === null ? '' : ` of ${formatCount(count)}`}`;
  $('#prev').disabled = !state.skip && state.at === 0;
  $('#next').disabled = !page.next;
}

function nextPage() {
  if (!page.next) return;
  const token = api.tokenOf(page.next);
  links.set(token, page.next);
  backStack.push({ skip: state.skip, at: state.at });
  update({ skip: token, at: state.at + page.rows });
}

function previousPage() {
  if (page.prev) {
    const token = api.tokenOf(page.prev);
    links.set(token, page.prev);
    backStack.pop();
    const at = Math.max(0, state.at - api.PAGE_SIZE);
    update(at === 0 ? { skip: '', at: 0 } : { skip: token, at });
  } else if (backStack.length) {
    update(backStack.pop());
  } else {
    update({ skip: '', at: 0 });
  }
}

/** A header click orders by the column (again: the other way); with Shift it adds a further key. */
function sortBy(col, add) {
  if (!isOrderable(col)) return;
  const order = state.order.map((key) => [...key]);
  const index = order.findIndex(([name]) => name === col);
  const flip = (dir) => (dir === 'asc' ? 'desc' : 'asc');
  let next;
  if (add) {
    if (index >= 0) order[index][1] = flip(order[index][1]); else order.push([col, 'asc']);
    next = order;
  } else if (index === 0) {
    order[0][1] = flip(order[0][1]);
    next = order;
  } else {
    next = [[col, 'asc']];
  }
  refocus = { col };
  backStack = [];
  update({ order: next, skip: '', at: 0 });
}

/** Adds a condition (`personId eq 7`) to the filter, in place of one on the same column. */
function narrowTo(condition) {
  const columnOf = (text) => text.split(/\s+/)[0];
  const parts = andParts(state.filter);
  let filter;
  if (parts === null) filter = `(${state.filter}) and ${condition}`;
  else filter = [...parts.filter((part) => columnOf(part) !== columnOf(condition)), condition].join(' and ');
  backStack = [];
  update({ filter, skip: '', at: 0, chat: '' });
}

// ---- groups and charts --------------------------------------------------------

async function loadGroups() {
  const key = groupsKey(state);
  if (loads.groups) loads.groups.abort();
  drawn.groups = key;
  if (!key) return;
  const controller = new AbortController();
  loads.groups = controller;
  const table = $('#groups-table');
  const chartBox = $('#groups-chart');
  busy(1);
  table.setAttribute('aria-busy', 'true');
  try {
    $('#groups-title').textContent = `Groups by ${groupLabel(state.group, state.dateCol)}`;
    await drawGroups(table, chartBox, state, narrowTo, controller.signal);
  } catch (error) {
    if (controller.signal.aborted || error.name === 'AbortError') return;
    drawn.groups = null;
    if (error instanceof api.SessionEnded) { sessionEnded(); return; }
    replaceChildren(table, h('p', { class: 'error' }, panelMessage(error)));
    chartMessage(chartBox, 'Groups', 'No chart: the query failed.');
  } finally {
    table.removeAttribute('aria-busy');
    if (loads.groups === controller) loads.groups = null;
    busy(-1, 'groups');
  }
}

async function loadCharts() {
  const key = chartsKey(state);
  if (loads.charts) loads.charts.abort();
  drawn.charts = key;
  if (!key) return;
  const controller = new AbortController();
  loads.charts = controller;
  busy(1);
  const draw = async (box, title, drawer) => {
    try {
      await drawer(box, state, controller.signal);
    } catch (error) {
      if (controller.signal.aborted || error.name === 'AbortError') return;
      drawn.charts = null;
      if (error instanceof api.SessionEnded) { sessionEnded(); return; }
      chartMessage(box, title, panelMessage(error));
    }
  };
  try {
    await Promise.all([
      draw($('#chart-time'), 'Chats over time', drawTimeChart),
      draw($('#chart-rating'), 'Rating distribution', drawRatingChart),
    ]);
  } finally {
    if (loads.charts === controller) loads.charts = null;
    busy(-1, 'charts');
  }
}

// ---- busy state, errors -------------------------------------------------------

let running = 0;

/** aria-busy while anything loads; data-…-loads counts finished loads (tests wait on them). */
function busy(step, part) {
  running += step;
  view.setAttribute('aria-busy', String(running > 0));
  if (part) view.dataset[`${part}Loads`] = String(Number(view.dataset[`${part}Loads`] || 0) + 1);
}

/** A panel's text for a failed query: a filter error is told once, at the filter. */
function panelMessage(error) {
  if (!(error instanceof api.ApiError)) return api.networkMessage(error);
  return error.source === '$filter' ? 'Nothing to show until the filter is fixed.' : error.message;
}

function failed(error) {
  if (error instanceof api.SessionEnded) { sessionEnded(); return; }
  if (error instanceof api.ApiError && error.source === '$filter') {
    filterBox.showError(error.message, error.position);
    // The rows shown were of another filter: show none rather than the wrong ones.
    lastTable = null;
    page = { next: '', prev: '', count: null, rows: 0 };
    replaceChildren($('#results'), h('p', { class: 'table-message' }, 'No rows: the filter has an error.'));
    $('#range').textContent = 'The filter has an error';
    $('#prev').disabled = true;
    $('#next').disabled = true;
    return;
  }
  if (!(error instanceof api.ApiError)) { showText($('#view-error'), api.networkMessage(error)); return; }
  showText($('#view-error'), `${error.message}${error.source ? ` (${error.source})` : ''}`);
}

// ---- the chat -----------------------------------------------------------------

function openChat(id) {
  refocus = null;
  openedChatByPush = true;
  update({ chat: String(id) });
}

function closeChat() {
  const id = state.chat;
  if (openedChatByPush && history.length > 1) { openedChatByPush = false; history.back(); }
  else update({ chat: '' }, { push: false });
  const row = $(`#results tr.row[data-id="${CSS.escape(id)}"]`);
  if (row) focusRow(row);
}

// ---- signing in and out -------------------------------------------------------

function signedIn(answer, fresh) {
  user = answer;
  firstDraw = fresh;
  signIn.hide();
  view.hidden = false;
  $('#user').hidden = false;
  $('#user-name').textContent = answer.UserName;
  $('#user-role').textContent = canWrite() ? 'can edit' : 'read only';
  loadCatalog();
  drawn.list = drawn.charts = drawn.groups = null;
  render(readState());
}

function sessionEnded() {
  if (!user) return;
  showSignIn(true);
}

function showSignIn(ended) {
  user = null;
  for (const part of Object.keys(loads)) { if (loads[part]) loads[part].abort(); loads[part] = null; }
  chat.close();
  if ($('#columns-dialog').open) $('#columns-dialog').close();
  view.hidden = true;
  $('#user').hidden = true;
  signIn.show({ ended });
}

function signOut() {
  api.signOut();
  forgetUser();
  showSignIn(false);
}

async function loadCatalog() {
  try {
    setCatalog(await api.columnCatalog());
    $('#columns-button').disabled = false;
    syncControls();
    drawTable();
    // Groups drawn before the column list came (a view opened from its address) quoted no
    // value and titled the group by its path: drawn again, now that both are known.
    if (state.group) loadGroups();
  } catch (error) {
    if (error instanceof api.SessionEnded) sessionEnded();
    else showText($('#view-error'), `The column list could not be loaded: ${error.message}`);
  }
}

// ---- controls -------------------------------------------------------------------

function fillDateColumns() {
  const select = $('#date-column');
  const columns = hasCatalog() ? dateColumns().map((info) => info.Name) : [state.dateCol];
  if (!columns.includes(state.dateCol)) columns.unshift(state.dateCol);
  if (select.dataset.filled !== columns.join(',')) {
    replaceChildren(select, columns.map((name) => h('option', { value: name }, label(name))));
    select.dataset.filled = columns.join(',');
  }
  select.value = state.dateCol;
}

function fillGroupChoices() {
  const select = $('#group-by');
  const stamp = `${hasCatalog()}:${state.dateCol}`;
  if (select.dataset.filled !== stamp) {
    const { usual, more } = groupChoices(state.dateCol);
    replaceChildren(select,
      h('option', { value: '' }, 'No grouping'),
      usual.map((choice) => h('option', { value: choice.value }, choice.label)),
      more.map((group) => h('optgroup', { label: group.title }, group.choices.map((choice) => h('option', { value: choice.value }, choice.label)))));
    select.dataset.filled = stamp;
  }
  if (state.group && !Array.from(select.options).some((option) => option.value === state.group)) {
    select.append(h('option', { value: state.group }, state.group));
  }
  select.value = state.group;
}

function buildPeriodButtons() {
  replaceChildren($('#period-buttons'), PERIODS.map(([op, text]) => h('button', {
    type: 'button', class: 'button chip', 'aria-pressed': 'false', dataset: { period: op },
    onclick: (event) => {
      const pressed = event.currentTarget.getAttribute('aria-pressed') === 'true';
      backStack = [];
      // On the text in the box, so that a condition being typed is kept (and applied with it).
      update({ filter: withPeriod(filterBox.value.trim(), state.dateCol, pressed ? '' : op, PERIOD_NAMES), skip: '', at: 0 });
    },
  }, text)));
}

async function exportAs(format) {
  const button = $(`#export-${format}`);
  button.disabled = true;
  try {
    await exportView({ select: state.cols.join(','), filter: state.filter, orderBy: orderByOption(state.order) }, format);
  } catch (error) {
    failed(error);
  } finally {
    button.disabled = false;
  }
}

function wireControls() {
  buildPeriodButtons();
  $('#language').addEventListener('change', (event) => { backStack = []; update({ lang: event.target.value, skip: '', at: 0 }, { push: false }); });
  $('#signout').addEventListener('click', signOut);
  // The view lives in the address's fragment: the skip link moves focus, not the address.
  $('.skip-link').addEventListener('click', (event) => { event.preventDefault(); $('#results').focus(); });
  $('#prev').addEventListener('click', previousPage);
  $('#next').addEventListener('click', nextPage);
  $('#columns-button').addEventListener('click', () => { if (hasCatalog()) picker.open(state.cols); });
  $('#columns-dialog').addEventListener('close', () => $('#columns-button').focus());
  $('#charts-toggle').addEventListener('click', () => update({ charts: !state.charts }, { push: false }));
  $('#chart-per').addEventListener('change', (event) => update({ per: event.target.value }, { push: false }));
  $('#date-column').addEventListener('change', (event) => update({ dateCol: event.target.value }, { push: false }));
  $('#group-by').addEventListener('change', (event) => { backStack = []; update({ group: event.target.value, skip: '', at: 0 }); });
  $('#export-csv').addEventListener('click', () => exportAs('csv'));
  $('#export-ndjson').addEventListener('click', () => exportAs('ndjson'));
  watchExportErrors((message) => showText($('#view-error'), message));
  window.addEventListener('popstate', () => {
    openedChatByPush = false;
    const next = readState();
    backStack = backStack.filter((entry) => entry.at < next.at);
    render(next);
  });
}

// ---- start ------------------------------------------------------------------------

wireControls();
writeState(state);
syncControls();
const known = storedUser();
if (known && api.xsrfToken()) signedIn(known, false);
else showSignIn(false);
