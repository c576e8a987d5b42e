// Just enough of the query language's filter grammar for the page: a lexer,
// what the word at the caret should be (a column, an operator, a value or
// `and`/`or`), and the top-level `and` parts, for the period buttons.
// The server stays the judge of what is valid.

const SYMBOL_OPERATORS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>'];
const WORD_BREAKS = new Set([' ', '\t', '\n', '(', ')', ',', "'", '"', '=', '!', '<', '>']);

/** Tokens with their [start, end) offsets: word, string, symbol, '(', ')', ','. */
export function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '(' || c === ')' || c === ',') { tokens.push({ type: c, value: c, start: i, end: i + 1 }); i += 1; continue; }
    if (c === "'") {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '\\' && j + 1 < text.length) { j += 2; continue; }
        if (text[j] === "'" && text[j + 1] === "'") { j += 2; continue; }
        if (text[j] === "'") { j += 1; break; }
        j += 1;
      }
      tokens.push({ type: 'string', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const symbol = SYMBOL_OPERATORS.find((op) => text.startsWith(op, i));
    if (symbol) { tokens.push({ type: 'symbol', value: symbol, start: i, end: i + symbol.length }); i += symbol.length; continue; }
    let j = i;
    while (j < text.length && !WORD_BREAKS.has(text[j])) j += 1;
    if (j === i) j = i + 1; // a lone '"' or '!': one character, the server will say what is wrong
    tokens.push({ type: 'word', value: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return tokens;
}

const isConjunction = (token) => token.type === 'word' && /^(and|or)$/i.test(token.value);

/**
 * What the caret is on: {expect: 'column'|'operator'|'value'|'conjunction', column, operator,
 * partial, start, end}. `partial` is the word being typed (the text from its start to the caret).
 */
export function contextAt(text, caret, noValueOperators) {
  const tokens = tokenize(text.slice(0, caret));
  let current = null;
  const last = tokens[tokens.length - 1];
  if (last && last.end === caret && (last.type === 'word' || last.type === 'symbol')) current = tokens.pop();

  let expect = 'column';
  let col = '';
  let op = '';
  let listDepth = 0;
  for (const token of tokens) {
    if (listDepth > 0) {
      if (token.type === '(') listDepth += 1;
      if (token.type === ')') { listDepth -= 1; if (listDepth === 0) expect = 'conjunction'; }
      continue;
    }
    switch (expect) {
      case 'column':
        if (token.type === 'word' && !isConjunction(token)) { col = token.value; expect = 'operator'; }
        break;
      case 'operator':
        if (token.type === '(') { expect = 'column'; col = ''; } // a function call: start over inside
        else { op = token.value; expect = 'value'; }
        break;
      case 'value':
        if (isConjunction(token)) expect = 'column';
        else if (token.type === '(') listDepth = 1;
        else if (token.type === ')') expect = 'conjunction';
        else expect = 'conjunction';
        break;
      default: // conjunction
        if (isConjunction(token)) expect = 'column';
        break;
    }
  }
  if (expect === 'value' && noValueOperators.has(op.toLowerCase())) expect = 'conjunction';
  return {
    expect, column: col, operator: op,
    partial: current ? current.value : '',
    start: current ? current.start : caret,
    end: caret,
  };
}

/** The extent [start, end) of the token at a 0-based offset, to mark an error there. */
export function tokenExtentAt(text, offset) {
  const token = tokenize(text).find((t) => t.start <= offset && offset < t.end);
  if (token) return [token.start, token.end];
  return [Math.min(offset, text.length), Math.min(offset + 1, text.length)];
}

/**
 * The filter's top-level `and` parts as strings, or null when it has a top-level
 * `or` (then it cannot be split without changing its meaning).
 */
export function andParts(text) {
  const tokens = tokenize(text);
  const cuts = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.type === '(') depth += 1;
    else if (token.type === ')') depth -= 1;
    else if (depth === 0 && isConjunction(token)) {
      if (token.value.toLowerCase() === 'or') return null;
      cuts.push(token);
    }
  }
  const parts = [];
  let from = 0;
  for (const cut of cuts) { parts.push(text.slice(from, cut.start).trim()); from = cut.end; }
  parts.push(text.slice(from).trim());
  return parts.filter(Boolean);
}

/** The period condition of a part (`whenRequested thisWeek`): {column, period}, or null. */
function periodOf(part, periods) {
  const match = /^(\S+)\s+([A-Za-z]+)$/.exec(part);
  if (!match || !periods.includes(match[2])) return null;
  return { column: match[1], period: match[2] };
}

/** The filter with its period on `column` set to `period` ('' removes it). */
export function withPeriod(text, column, period, periods) {
  const parts = andParts(text);
  const condition = period ? `${column} ${period}` : '';
  if (parts === null) return condition ? `(${text.trim()}) and ${condition}` : text;
  const kept = parts.filter((part) => { const found = periodOf(part, periods); return !found || found.column !== column; });
  if (condition) kept.push(condition);
  return kept.join(' and ');
}

/** The period set on a column by the filter, or ''. */
export function periodIn(text, column, periods) {
  for (const part of andParts(text) || []) {
    const found = periodOf(part, periods);
    if (found && found.column === column) return found.period;
  }
  return '';
}

/**
 * A value written for the filter: quoted text or a bare word. In quoted text a backslash is
 * doubled (`\\` is one backslash; a lone one before the closing quote would escape it) and a
 * quote doubled.
 */
export function filterValue(value, quoted) {
  if (!quoted) return String(value);
  return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A 1-based position in characters (grapheme clusters, as the server counts) as a string offset. */
export function offsetOfPosition(text, position) {
  if (!position || position < 1) return 0;
  if (typeof Intl.Segmenter !== 'function') return Math.min(position - 1, text.length);
  let count = 1;
  for (const { index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (count === position) return index;
    count += 1;
  }
  return text.length;
}
