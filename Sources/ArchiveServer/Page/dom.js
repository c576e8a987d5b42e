// Small DOM helpers shared by the page's modules. Everything is built with
// createElement and textContent: no HTML strings, so no markup can be injected
// from data, and no inline style ever reaches the page (the CSP forbids it).

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element: h('td', {class: 'num', dataset: {col: 'x'}}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** The same for SVG elements. */
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'hidden' || key === 'disabled' || key === 'checked' || key === 'selected') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Replaces an element's children. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Shows or hides an element by the hidden attribute, with a text when shown. */
export function showText(el, text) {
  el.textContent = text || '';
  el.hidden = !text;
}

const numberFormat = new Intl.NumberFormat();
const decimalFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatCount = (n) => numberFormat.format(n);
export const formatDecimal = (n) => decimalFormat.format(n);

/** Seconds as h:mm:ss (hours may pass 24), as the server writes durations. */
export function formatSeconds(total) {
  if (total === null || total === undefined || Number.isNaN(total)) return '';
  const seconds = Math.round(total);
  const hh = Math.floor(seconds / 3600);
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
}

/** A short unique id for aria references. */
let nextId = 0;
export const uid = (prefix) => `${prefix}-${++nextId}`;
