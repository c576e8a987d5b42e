// A chat in a dialog: its messages, customer, company, agent, topic and times
// (read through the archive, so values come translated and in local time),
// and for a writer a form to change status, rating and agent, with the API's
// field errors shown next to their field.

import { ApiError, SessionEnded, archiveRows, chatEntity, patchChat, networkMessage } from './api.js';
import { h, $, replaceChildren, showText } from './dom.js';
import { readableValue } from './catalog.js';

/** The entity's status names, by their number. */
const STATUS_NAMES = ['Invalid', 'PreChatForm', 'Faq', 'OfflineForm', 'InQueue', 'CustomerLast', 'UserLast',
  'Finished', 'Deleted', 'Closed', 'RequestPosted', 'ClosedFromQueue'];

const DETAIL_COLUMNS = ['chatSessionId', 'whenRequested', 'whenStarted', 'whenEnded', 'duration', 'timeInQueue',
  'person/fullName', 'contact/name', 'chatTopic/name', 'associate/fullName', 'status', 'rating', 'firstMessage', 'lastMessage'];

// Agents and status names per language, fetched once.
const choicesCache = new Map();

function choices(language) {
  if (!choicesCache.has(language)) {
    const agents = archiveRows({ $select: 'GroupBy(associate/fullName):HideDetail,GroupBy(associateId):HideDetail', $top: 2000 })
      .then((rows) => rows.filter((row) => row.Column['GroupBy(associateId):HideDetail']?.RawValue)
        .map((row) => ({ id: row.Column['GroupBy(associateId):HideDetail'].RawValue, name: row.Column['GroupBy(associate/fullName):HideDetail'].DisplayValue })));
    const statuses = archiveRows({ $select: 'GroupBy(status):HideDetail', $top: 50 })
      .then((rows) => new Map(rows.filter((row) => row.Column['GroupBy(status):HideDetail'])
        .map((row) => [row.Column['GroupBy(status):HideDetail'].RawValue, row.Column['GroupBy(status):HideDetail'].DisplayValue])));
    const both = Promise.all([agents, statuses]).then(([a, s]) => ({ agents: a, statuses: s }));
    both.catch(() => choicesCache.delete(language));
    choicesCache.set(language, both);
  }
  return choicesCache.get(language);
}

export class ChatDialog {
  /**
   * actions: {onClose(), onSaved(id), onFilter(condition), onSessionEnded()}
   */
  constructor(actions) {
    this.dialog = $('#chat-dialog');
    this.content = $('#chat-content');
    this.title = $('#chat-title');
    this.actions = actions;
    this.id = '';
    this.loading = null;
    $('#chat-close').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => { if (this.id) { this.id = ''; this.actions.onClose(); } });
    // A click on the backdrop (outside the dialog's box) closes it too.
    this.dialog.addEventListener('click', (event) => { if (event.target === this.dialog) this.dialog.close(); });
  }

  get openId() { return this.id; }

  /** Fetches the agents and statuses ahead, so that a writer's first chat opens with its form. */
  prefetch(language) { choices(language).catch(() => { /* tried again when a chat opens */ }); }

  close() {
    this.id = '';
    if (this.dialog.open) this.dialog.close();
  }

  async open(id, { language, canWrite }) {
    if (this.loading) this.loading.abort();
    this.loading = new AbortController();
    const { signal } = this.loading;
    this.id = String(id);
    this.title.textContent = `Chat ${id}`;
    replaceChildren(this.content, h('p', { class: 'muted' }, 'Loading…'));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const [rows, entity] = await Promise.all([
        archiveRows({ $select: DETAIL_COLUMNS.join(','), $filter: `chatSessionId eq ${id}` }, signal),
        chatEntity(id),
      ]);
      if (signal.aborted || this.id !== String(id)) return;
      if (!rows.length) { replaceChildren(this.content, h('p', { class: 'error' }, `There is no chat ${id}.`)); return; }
      this.render(rows[0], entity, canWrite);
      // The agents come from an aggregate over every chat (slow on a large archive): the form follows.
      if (canWrite) {
        const lists = await choices(language);
        if (signal.aborted || this.id !== String(id)) return;
        replaceChildren($('#chat-edit', this.content), this.editForm(entity, lists));
      }
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError') return;
      if (error instanceof SessionEnded) { this.actions.onSessionEnded(); return; }
      let message = error instanceof ApiError ? error.message : networkMessage(error);
      if (error instanceof ApiError && error.status === 404) message = `There is no chat ${id}.`;
      replaceChildren(this.content, h('p', { class: 'error', role: 'alert' }, message));
    }
  }

  render(row, entity, canWrite) {
    const cell = (col) => row.Column[col] || { RawValue: null, DisplayValue: '' };
    const text = (col) => readableValue(col, cell(col).DisplayValue);
    const fact = (term, value, extra) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value || h('span', { class: 'muted' }, '—'), extra || null));
    const person = entity.Person;
    const company = entity.Contact;
    this.title.textContent = `Chat ${entity.ChatSessionId}`;

    const narrow = [];
    if (person && person.PersonId) {
      narrow.push(h('button', { type: 'button', class: 'button', onclick: () => this.actions.onFilter(`personId eq ${person.PersonId}`) },
        `Only chats of ${person.FullName || 'this customer'}`));
    }
    if (company && company.ContactId) {
      narrow.push(h('button', { type: 'button', class: 'button', onclick: () => this.actions.onFilter(`contactId eq ${company.ContactId}`) },
        `Only chats of ${company.Name || 'this company'}`));
    }

    replaceChildren(this.content,
      h('p', { class: 'chat-status' }, h('span', { class: 'badge' }, text('status') || 'No status'),
        text('rating') ? h('span', { class: 'rating', 'aria-label': `Rating ${text('rating')} of 5` }, `${'★'.repeat(Number(cell('rating').RawValue) || 0)} ${text('rating')}/5`) : null),
      h('div', { class: 'messages' },
        h('section', { class: 'message' }, h('h3', {}, 'First message'), h('blockquote', {}, text('firstMessage') || h('span', { class: 'muted' }, 'None'))),
        h('section', { class: 'message' }, h('h3', {}, 'Last message'), h('blockquote', {}, text('lastMessage') || h('span', { class: 'muted' }, 'None')))),
      h('dl', { class: 'facts' },
        fact('Customer', text('person/fullName') || (entity.CustomerName || entity.CustomerAlias),
          person && person.Email ? h('span', { class: 'muted block' }, person.Email) : null),
        fact('Company', text('contact/name')),
        fact('Agent', text('associate/fullName')),
        fact('Topic', text('chatTopic/name')),
        fact('Requested', text('whenRequested')),
        fact('Started', text('whenStarted')),
        fact('Ended', text('whenEnded')),
        fact('Duration', text('duration')),
        fact('Queue time', text('timeInQueue'))),
      narrow.length ? h('div', { class: 'button-row' }, narrow) : null,
      canWrite ? h('div', { id: 'chat-edit' }, h('p', { class: 'muted' }, 'Loading the agents…'))
        : h('p', { class: 'hint' }, 'Changing a chat needs the write role.'));
  }

  editForm(entity, { agents, statuses }) {
    const statusNumber = STATUS_NAMES.indexOf(entity.Status);
    const agentId = entity.User ? entity.User.AssociateId : 0;
    const field = (name, labelText, control) => h('div', { class: 'field' },
      h('label', { for: `chat-${name.toLowerCase()}` }, labelText), control,
      h('p', { class: 'error field-error', id: `chat-${name.toLowerCase()}-error`, hidden: true }));
    const status = h('select', { id: 'chat-status', name: 'Status', 'aria-describedby': 'chat-status-error' },
      STATUS_NAMES.map((name, number) => h('option', { value: name, selected: number === statusNumber }, readableValue('status', statuses.get(number) || name))));
    const rating = h('select', { id: 'chat-rating', name: 'Rating', 'aria-describedby': 'chat-rating-error' },
      h('option', { value: '0', selected: !entity.Rating }, 'No rating'),
      [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: entity.Rating === n }, `${n} ${'★'.repeat(n)}`)));
    const known = agents.some((agent) => agent.id === agentId);
    const agent = h('select', { id: 'chat-user', name: 'User', 'aria-describedby': 'chat-user-error' },
      h('option', { value: '0', selected: !agentId }, 'No agent'),
      !known && agentId ? h('option', { value: String(agentId), selected: true }, entity.User.FullName || `Agent ${agentId}`) : null,
      agents.map((a) => h('option', { value: String(a.id), selected: a.id === agentId }, a.name)));
    const message = h('p', { id: 'chat-save-message', class: 'save-message', role: 'status' });
    const form = h('form', { class: 'edit-form', novalidate: true },
      h('h3', {}, 'Change'),
      h('div', { class: 'field-row' }, field('Status', 'Status', status), field('Rating', 'Rating', rating), field('User', 'Agent', agent)),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', id: 'chat-save', class: 'button primary' }, 'Save'), message));
    const original = { Status: entity.Status, Rating: entity.Rating || 0, User: agentId || 0 };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = { Status: status.value, Rating: Number(rating.value), User: Number(agent.value) };
      this.save(entity.ChatSessionId, original, values, form, message);
    });
    return form;
  }

  async save(id, original, values, form, message) {
    const changes = {};
    for (const [name, value] of Object.entries(values)) if (value !== original[name]) changes[name] = value;
    for (const error of form.querySelectorAll('.field-error')) showText(error, '');
    for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
    if (!Object.keys(changes).length) { message.textContent = 'Nothing changed.'; return; }
    if ('User' in changes) changes.User = changes.User ? { AssociateId: changes.User } : null;
    if ('Rating' in changes && !changes.Rating) changes.Rating = null;
    const button = form.querySelector('#chat-save');
    button.disabled = true;
    message.textContent = 'Saving…';
    try {
      await patchChat(id, changes);
      Object.assign(original, values);
      message.textContent = 'Saved.';
      this.actions.onSaved(id);
      // Saved either way: should reading it back fail, the header only stays as it was.
      await this.showSaved(id, form).catch(() => {});
    } catch (error) {
      if (error instanceof SessionEnded) { this.actions.onSessionEnded(); return; }
      const fieldName = error instanceof ApiError && error.source ? error.source.split('/')[0].toLowerCase() : '';
      const place = fieldName && form.querySelector(`#chat-${fieldName}-error`);
      if (place) {
        showText(place, error.message);
        const control = form.querySelector(`#chat-${fieldName}`);
        control.setAttribute('aria-invalid', 'true');
        control.focus();
        message.textContent = 'Not saved.';
      } else {
        message.textContent = `Not saved: ${error instanceof ApiError ? error.message : networkMessage(error)}`;
      }
    } finally {
      button.disabled = false;
      // Disabling the focused button dropped the focus: it comes back to the form.
      if (!form.contains(document.activeElement)) button.focus();
    }
  }

  /** Shows the saved chat above the form (status, rating, messages), keeping the form itself. */
  async showSaved(id, form) {
    const [rows, entity] = await Promise.all([
      archiveRows({ $select: DETAIL_COLUMNS.join(','), $filter: `chatSessionId eq ${id}` }),
      chatEntity(id),
    ]);
    if (this.id !== String(id) || !rows.length) return;
    this.render(rows[0], entity, true);
    replaceChildren($('#chat-edit', this.content), form);
  }
}
