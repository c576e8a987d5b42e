// The column picker: every visible column of the catalog, grouped by the
// first segment of its path, found by its name or path, added or removed with
// a checkbox. Changes apply at once; Escape or Done closes.

import { h, $, replaceChildren } from './dom.js';
import { GROUPS, allColumns, groupOf, typeName } from './catalog.js';

export class ColumnPicker {
  /** onChange(columns) gets the new list of columns. */
  constructor({ onChange }) {
    this.dialog = $('#columns-dialog');
    this.search = $('#columns-search');
    this.list = $('#columns-list');
    this.count = $('#columns-count');
    this.onChange = onChange;
    this.columns = [];
    this.search.addEventListener('input', () => this.render());
    // Enter in the search box would submit the dialog's form (and close it): keep it open.
    this.search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault(); });
    this.list.addEventListener('change', (event) => {
      const box = event.target;
      if (box.type !== 'checkbox') return;
      const name = box.dataset.col;
      const next = box.checked ? [...this.columns, name] : this.columns.filter((col) => col !== name);
      if (!next.length) { box.checked = true; return; } // a view needs a column
      this.columns = next;
      this.onChange(next);
    });
  }

  open(columns) {
    this.columns = [...columns];
    this.search.value = '';
    this.render();
    this.dialog.showModal();
    this.search.focus();
  }

  render() {
    const query = this.search.value.trim().toLowerCase();
    const visible = allColumns().filter((info) => info.IsVisible
      && (!query || info.Name.toLowerCase().includes(query) || info.DisplayName.toLowerCase().includes(query)));
    this.count.textContent = `${visible.length} column${visible.length === 1 ? '' : 's'}${query ? ' match' : ''}; ${this.columns.length} shown.`;
    replaceChildren(this.list, GROUPS.map((group) => {
      const members = visible.filter((info) => groupOf(info.Name) === group.key);
      if (!members.length) return null;
      return h('fieldset', { class: 'column-group' },
        h('legend', {}, group.title),
        members.map((info) => {
          const id = `column-${info.Name.replace(/[^A-Za-z0-9]/g, '-')}`;
          return h('div', { class: 'column-choice' },
            h('input', { type: 'checkbox', id, checked: this.columns.includes(info.Name), dataset: { col: info.Name } }),
            h('label', { for: id },
              h('span', { class: 'column-name' }, info.DisplayName),
              h('span', { class: 'column-path' }, info.Name),
              h('span', { class: 'column-type' }, typeName(info))));
        }));
    }));
  }
}
