// The filter box: a combobox whose listbox offers column names where a
// condition starts, then the operators of that column's type, then `and`/`or`;
// and the server's error shown at its position (a mark under the text and
// the caret there) with the message below.

import { h, $, replaceChildren, showText } from './dom.js';
import { column, filterColumns, typeName, NO_VALUE_OPERATORS } from './catalog.js';
import { contextAt, tokenExtentAt, offsetOfPosition } from './filterlang.js';

const MAX_SUGGESTIONS = 12;

export class FilterBox {
  /** onApply(text) is called on Enter (with no suggestion chosen) and on the Apply button. */
  constructor({ onApply }) {
    this.input = $('#filter');
    this.list = $('#filter-suggestions');
    this.mirror = $('#filter-mirror');
    this.error = $('#filter-error');
    this.items = [];
    this.active = -1;
    this.context = null;
    this.onApply = onApply;

    $('#filter-form').addEventListener('submit', (event) => { event.preventDefault(); this.apply(); });
    $('#filter-clear').addEventListener('click', () => { this.input.value = ''; this.clearError(); this.apply(); });
    this.input.addEventListener('input', () => { this.clearError(); this.suggest(false); });
    this.input.addEventListener('keydown', (event) => this.keydown(event));
    this.input.addEventListener('blur', () => this.close());
    this.input.addEventListener('click', () => this.suggest(false));
    this.input.addEventListener('scroll', () => this.syncScroll());
    // A press on an option must not blur the input first (that would close the list).
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.accept(Number(option.dataset.index));
    });
  }

  get value() { return this.input.value; }

  set value(text) {
    if (this.input.value !== text) { this.input.value = text; this.clearError(); }
  }

  apply() {
    this.close();
    this.onApply(this.input.value.trim());
  }

  keydown(event) {
    const open = !this.list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) this.suggest(true); else this.move(1);
        break;
      case 'ArrowUp':
        if (open) { event.preventDefault(); this.move(-1); }
        break;
      case 'Enter':
        if (open && this.active >= 0) { event.preventDefault(); this.accept(this.active); }
        break; // otherwise the form submits: apply
      case 'Tab':
        if (open && this.active >= 0 && !event.shiftKey) { event.preventDefault(); this.accept(this.active); }
        break;
      case 'Escape':
        if (open) { event.preventDefault(); event.stopPropagation(); this.close(); }
        break;
      default:
    }
  }

  /** Opens the list for the word at the caret; `always` also for an empty word (ArrowDown). */
  suggest(always) {
    const caret = this.input.selectionStart ?? this.input.value.length;
    const context = contextAt(this.input.value, caret, NO_VALUE_OPERATORS);
    this.context = context;
    const automatic = context.partial !== '' || (context.expect === 'operator' && caret > 0 && /\s$/.test(this.input.value.slice(0, caret)));
    const items = always || automatic ? candidates(context) : [];
    if (!items.length) { this.close(); return; }
    this.items = items;
    this.active = context.partial ? 0 : -1;
    this.render();
  }

  render() {
    replaceChildren(this.list, this.items.map((item, index) => h('li', {
      id: `filter-option-${index}`,
      role: 'option',
      class: 'suggestion',
      'aria-selected': index === this.active ? 'true' : 'false',
      dataset: { index: String(index), value: item.value },
    }, h('span', { class: 'suggestion-value' }, item.value), item.note ? h('span', { class: 'suggestion-note' }, item.note) : null)));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.updateActive();
  }

  move(step) {
    const count = this.items.length;
    this.active = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    for (const option of this.list.children) {
      option.setAttribute('aria-selected', option.dataset.index === String(this.active) ? 'true' : 'false');
    }
    this.updateActive();
  }

  updateActive() {
    const option = this.active >= 0 ? this.list.children[this.active] : null;
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  close() {
    this.list.hidden = true;
    this.items = [];
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Puts the chosen word in place of the one being typed, then offers what comes next. */
  accept(index) {
    const item = this.items[index];
    const { start, end } = this.context;
    if (!item) return;
    const text = this.input.value;
    const after = text.slice(end).replace(/^\S*/, ''); // the rest of a word the caret was inside
    const insert = `${item.value} `;
    this.input.value = text.slice(0, start) + insert + after.replace(/^\s+/, '');
    const caret = start + insert.length;
    this.input.setSelectionRange(caret, caret);
    this.clearError();
    this.suggest(false);
  }

  /** Shows the server's error: the message below, the token at its position marked, the caret there. */
  showError(message, position) {
    const text = this.input.value;
    showText(this.error, message.replace(/^\$filter:\s*/, ''));
    this.input.setAttribute('aria-invalid', 'true');
    if (!position) { replaceChildren(this.mirror); return; }
    const [start, end] = tokenExtentAt(text, offsetOfPosition(text, position));
    const marked = text.slice(start, end) || ' ';
    replaceChildren(this.mirror, text.slice(0, start), h('mark', { class: 'error-mark' }, marked), text.slice(end));
    this.input.focus();
    this.input.setSelectionRange(start, end);
    this.syncScroll();
  }

  clearError() {
    showText(this.error, '');
    this.input.removeAttribute('aria-invalid');
    replaceChildren(this.mirror);
  }

  /** The mark lies in a layer under the input: it scrolls with the input's text. */
  syncScroll() {
    this.mirror.scrollLeft = this.input.scrollLeft;
  }
}

/** The suggestions for a context, best first. */
function candidates(context) {
  const partial = context.partial.toLowerCase();
  if (context.expect === 'column') {
    const matches = filterColumns().map((info) => {
      const name = info.Name.toLowerCase();
      const display = info.DisplayName.toLowerCase();
      const rank = name.startsWith(partial) ? 0 : name.split('/').pop().startsWith(partial) ? 1 : display.includes(partial) || name.includes(partial) ? 2 : -1;
      return { info, rank };
    }).filter((entry) => entry.rank >= 0);
    matches.sort((a, b) => a.rank - b.rank || a.info.Name.length - b.info.Name.length);
    return matches.slice(0, MAX_SUGGESTIONS).map(({ info }) => ({ value: info.Name, note: `${info.DisplayName} · ${typeName(info)}` }));
  }
  if (context.expect === 'operator') {
    const info = column(context.column);
    if (!info) return [];
    return info.Operators.filter((op) => op.toLowerCase().startsWith(partial))
      .map((op) => ({ value: op, note: NO_VALUE_OPERATORS.has(op.toLowerCase()) ? 'no value' : '' }));
  }
  if (context.expect === 'conjunction') {
    return ['and', 'or'].filter((word) => word.startsWith(partial)).map((word) => ({ value: word, note: '' }));
  }
  return [];
}
