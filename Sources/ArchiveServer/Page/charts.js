// Bar charts drawn by hand as SVG, at the width of their panel (redrawn when
// it changes, so text keeps its size on a phone). Each has a title, a summary
// for screen readers, and a visually hidden table with every figure.

import { h, s, replaceChildren, formatCount, uid } from './dom.js';

const observed = new WeakMap();   // panel → the chart drawn in it, and at what width
const watched = new WeakSet();
const resizer = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => {
    for (const entry of entries) {
      const chart = observed.get(entry.target);
      if (chart && Math.abs(entry.contentRect.width - chart.width) > 4) draw(entry.target, chart.spec);
    }
  })
  : null;

/**
 * Draws a chart into `container`.
 * spec: {name, title, bars: [{label, value}], orientation: 'columns'|'rows', unit: 'chats', note}
 */
export function barChart(container, spec) {
  draw(container, spec);
  if (resizer && !watched.has(container)) { resizer.observe(container); watched.add(container); }
}

/** A panel's message instead of a chart (loading, an error, nothing to show). */
export function chartMessage(container, title, message) {
  observed.delete(container);
  replaceChildren(container, h('figure', { class: 'chart' },
    h('figcaption', { class: 'chart-title' }, title),
    h('p', { class: 'chart-message muted' }, message)));
}

function draw(container, spec) {
  const width = Math.max(260, Math.floor(container.clientWidth || 600));
  observed.set(container, { spec, width });
  const titleId = uid('chart-title');
  const svg = spec.orientation === 'rows' ? rowsChart(spec, width) : columnsChart(spec, width);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', titleId);
  svg.setAttribute('aria-describedby', `${titleId}-summary`);
  svg.dataset.chart = spec.name;
  replaceChildren(container, h('figure', { class: 'chart', dataset: { chart: spec.name } },
    h('figcaption', { class: 'chart-title', id: titleId }, spec.title),
    spec.note ? h('p', { class: 'chart-note muted' }, spec.note) : null,
    svg,
    h('p', { class: 'sr-only', id: `${titleId}-summary` }, summary(spec)),
    figuresTable(spec)));
}

function summary({ bars, unit }) {
  if (!bars.length) return `No ${unit}.`;
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const top = bars.reduce((best, bar) => (bar.value > best.value ? bar : best), bars[0]);
  return `${bars.length} bars, ${formatCount(total)} ${unit} in all; the most: ${top.label}, ${formatCount(top.value)}.`;
}

function figuresTable({ title, bars, unit }) {
  return h('table', { class: 'sr-only' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Bar'), h('th', { scope: 'col' }, unit))),
    h('tbody', {}, bars.map((bar) => h('tr', {}, h('th', { scope: 'row' }, bar.label), h('td', {}, formatCount(bar.value))))));
}

/** A step of 1, 2 or 5 × 10ⁿ that gives about `count` ticks up to max. */
function niceStep(max, count) {
  const raw = Math.max(1, max) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw);
  return Math.max(1, step);
}

/** Vertical columns along a time axis; labels thinned to fit. */
function columnsChart({ bars, unit }, width) {
  const height = 220;
  const margin = { top: 12, right: 8, bottom: 30, left: 48 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const slot = plotWidth / Math.max(1, bars.length);
  const gap = slot > 6 ? Math.min(slot * 0.2, 6) : 0;
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg' });

  for (let tick = 0; tick <= top; tick += step) {
    svg.append(s('line', { class: 'grid-line', x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }),
      s('text', { class: 'axis-label', x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, formatCount(tick)));
  }
  const labelEvery = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(plotWidth / 70))));
  bars.forEach((bar, index) => {
    const x = margin.left + index * slot + gap / 2;
    const barHeight = Math.max(bar.value > 0 ? 1 : 0, margin.top + plotHeight - y(bar.value));
    svg.append(s('rect', { class: 'bar', x, y: margin.top + plotHeight - barHeight, width: Math.max(1, slot - gap), height: barHeight },
      s('title', {}, `${bar.label}: ${formatCount(bar.value)} ${unit}`)));
    if (index % labelEvery === 0) {
      svg.append(s('text', { class: 'axis-label', x: x + (slot - gap) / 2, y: height - 10, 'text-anchor': 'middle' }, bar.label));
    }
  });
  svg.append(s('line', { class: 'axis-line', x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0) }));
  return svg;
}

/** Horizontal bars, one labelled row each: for categories. */
function rowsChart({ bars, unit }, width) {
  const rowHeight = 26;
  const labelWidth = Math.min(200, Math.floor(width * 0.38));
  const valueWidth = 64;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  const plotWidth = Math.max(40, width - labelWidth - valueWidth - 8);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const maxChars = Math.floor(labelWidth / 7);
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg' });
  bars.forEach((bar, index) => {
    const top = 4 + index * rowHeight;
    const barWidth = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * plotWidth);
    const text = bar.label.length > maxChars ? `${bar.label.slice(0, maxChars - 1)}…` : bar.label;
    svg.append(
      s('text', { class: 'axis-label', x: labelWidth - 8, y: top + rowHeight / 2 + 4, 'text-anchor': 'end' }, s('title', {}, bar.label), text),
      s('rect', { class: 'bar', x: labelWidth, y: top + 4, width: barWidth, height: rowHeight - 8, rx: 2 },
        s('title', {}, `${bar.label}: ${formatCount(bar.value)} ${unit}`)),
      s('text', { class: 'value-label', x: labelWidth + barWidth + 6, y: top + rowHeight / 2 + 4 }, formatCount(bar.value)));
  });
  return svg;
}
