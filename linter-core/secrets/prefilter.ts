// The keyword prefilter (gitleaks' idea): a detector's regex runs only where one of its keywords
// occurs. Every detector's keywords go into one Aho–Corasick automaton, so a file is read once
// however many formats there are; keywords are compared without case (a superset of what any
// case-sensitive regex needs). It must never change what is found: tests compare findings with it
// on and off.
let enabled = true;

export function setPrefilter(on: boolean): void {
  enabled = on;
}

export function isPrefilterOn(): boolean {
  return enabled;
}

const keywordIndex = new Map<string, number>();
let automaton: Automaton | undefined;

/** Detectors register their keywords when loaded, so the first file is read once too. */
export function registerKeywords(keywords: Iterable<string>): void {
  for (const keyword of keywords) {
    const lower = keyword.toLowerCase();
    if (lower === "" || keywordIndex.has(lower)) continue;
    keywordIndex.set(lower, keywordIndex.size);
    automaton = undefined;
    last = previous = undefined;
  }
}

/**
 * The automaton as a full table of ASCII transitions (a few hundred keywords make about 1 400 states
 * of 45 columns: built in about a millisecond), so the scan is one lookup per character. A character
 * outside ASCII can start no keyword (all are ASCII).
 */
interface Automaton {
  /** Character code → column; 0 for characters no keyword has (they lead back to the start). */
  column: Uint8Array;
  /**
   * The transitions, by row offset (state × width) + column, to the next state's row offset, with
   * ENDS set when a keyword ends there: no multiplication and no second lookup per character.
   */
  next: Int32Array;
  /** Per state: the keyword indices that end here, following dictionary links. */
  outputs: number[][];
  width: number;
}

/** Set in a transition that ends a keyword. */
const ENDS = 1 << 30;

const UNKNOWN = 0xffff;

function build(): Automaton {
  const column = new Uint8Array(128);
  let width = 1;
  let capacity = 1;
  for (const keyword of keywordIndex.keys()) {
    capacity += keyword.length;
    // Stryker disable next-line EqualityOperator: one step past the end reads NaN, code 0 (NUL), which then gets a column of its own that no keyword uses: the same answers.
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i) & 0x7f;
      if (column[code] === 0) column[code] = width++;
    }
  }
  // Upper-case letters share their lower case's column: the scan compares without case for free.
  for (let code = 65; code <= 90; code++) column[code] = column[code | 0x20];
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a guard for 65 535 keyword characters, ten times what the detectors register; reaching it in a test would leave the shared automaton unusable.
  if (capacity >= UNKNOWN) throw new Error("too many keyword characters for the prefilter");
  const next = new Uint16Array(capacity * width).fill(UNKNOWN);
  const outputs: number[][] = [[]];
  /** The trie's edges, per state: [column, child]. */
  const children: [number, number][][] = [[]];
  let states = 1;
  for (const [keyword, index] of keywordIndex) {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const col = column[keyword.charCodeAt(i) & 0x7f];
      const slot = state * width + col;
      if (next[slot] === UNKNOWN) {
        next[slot] = states++;
        outputs.push([]);
        children.push([]);
        children[state].push([col, next[slot]]);
      }
      state = next[slot];
    }
    outputs[state].push(index);
  }
  // Breadth-first over the trie, so a state's failure link (a shorter state) has its row complete
  // before the state's own row is made from it: a copy of that row, then the state's own edges.
  const fail = new Uint16Array(states);
  const queue = [0];
  // Stryker disable next-line EqualityOperator,ConditionalExpression: one slot more is state 1's column 0, which its row's copy from state 0 overwrites; a slot already set is a trie edge, written again below.
  for (let col = 0; col < width; col++) if (next[col] === UNKNOWN) next[col] = 0;
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const row = state * width;
    // Stryker disable next-line ConditionalExpression: state 0's row copied onto itself is the same row.
    if (state !== 0) next.copyWithin(row, fail[state] * width, fail[state] * width + width);
    for (const [col, to] of children[state]) {
      next[row + col] = to;
      fail[to] = state === 0 ? 0 : next[fail[state] * width + col];
      // Stryker disable next-line ConditionalExpression,EqualityOperator: concatenating an empty list changes nothing (the test saves a copy).
      if (outputs[fail[to]].length > 0) outputs[to] = outputs[to].concat(outputs[fail[to]]);
      queue.push(to);
    }
  }
  // Every character code gets a column (non-ASCII ones 0): the scan indexes without a branch.
  const wide = new Uint8Array(65536);
  wide.set(column);
  const rows = new Int32Array(states * width);
  for (let slot = 0; slot < rows.length; slot++) {
    const to = next[slot];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: ENDS on a state with no keyword only sends the scan to an empty list (the flag saves that lookup).
    rows[slot] = to * width + (outputs[to].length > 0 ? ENDS : 0);
  }
  return { column: wide, next: rows, outputs, width };
}

/** The keywords a text holds: a flag per keyword index, and the indices listed in the order met. */
interface Answer {
  text: string;
  found: Uint8Array;
  list: number[];
}

/** The answer's table for a text that holds no keyword (as long as any other, for the same reads). */
let none = new Uint8Array(0);

// The last two texts' answers: a file's detectors ask about the file, and now and then about a piece
// decoded from it (base64), then about the file again.
let last: Answer | undefined;
let previous: Answer | undefined;

/** Forget the automaton and the last answers (mutation testing: each test must build them under its own mutant). */
// Stryker disable BlockStatement,ArrayDeclaration: mutation testing's own hook; the suite never calls it.
export function forgetAutomaton(): void {
  automaton = undefined;
  keywordAt = [];
  resolved = new WeakMap();
  last = previous = undefined;
}
// Stryker restore all

/**
 * Which registered keywords occur in the text, by index (and listed, in the order met): one pass,
 * cached for the last text seen.
 */
function keywordsIn(text: string): Answer {
  // Stryker disable next-line ConditionalExpression: without the cache the answer is computed again, the same.
  if (text === last?.text) return last;
  // Stryker disable next-line ConditionalExpression,BlockStatement: the same.
  if (text === previous?.text) {
    [previous, last] = [last, previous];
    return last;
  }
  automaton ??= build();
  const { column, next, outputs, width } = automaton;
  const length = text.length;
  // Most texts asked about are short and hold no keyword (a program's string literals, each asked
  // about by the script idioms): they share one table of no keywords, never written to.
  let found: Uint8Array | undefined;
  const list: number[] = [];
  let row = 0;
  for (let i = 0; i < length; i++) {
    // (Column 0, a character no keyword has, leads every row back to the start.)
    row = next[row + column[text.charCodeAt(i)]];
    // Stryker disable next-line EqualityOperator: a row offset is below ENDS; exactly ENDS would be state 0 ending a keyword, and no keyword is empty.
    if (row >= ENDS) {
      row -= ENDS;
      found ??= new Uint8Array(keywordIndex.size);
      const out = outputs[row / width];
      for (let k = 0; k < out.length; k++) {
        if (found[out[k]] === 1) continue;
        found[out[k]] = 1;
        list.push(out[k]);
      }
    }
  }
  if (!found) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a table made again is as empty.
    if (none.length !== keywordIndex.size) none = new Uint8Array(keywordIndex.size);
    found = none;
  }
  previous = last;
  last = { text, found, list };
  return last;
}

/** Each keyword by its index in the automaton. */
let keywordAt: string[] = [];

/**
 * The registered keywords that occur in the text (all of them with the prefilter off): for
 * dispatching many detectors at once instead of asking for each.
 */
export function keywordsFoundIn(text: string): string[] {
  if (!enabled) return [...keywordIndex.keys()];
  const { list } = keywordsIn(text);
  // Stryker disable next-line ConditionalExpression: rebuilding the list each time gives the same list.
  if (keywordAt.length !== keywordIndex.size) keywordAt = [...keywordIndex.keys()];
  // Most texts hold a few of the hundreds of keywords: list those, not every keyword's flag.
  return list.map((index) => keywordAt[index]);
}

// Each detector passes the same keyword array every time: resolve it to automaton indices once.
let resolved = new WeakMap<readonly string[], number[]>();

/** Whether one of the keywords occurs in the text (without case). */
export function mayMatch(text: string, keywords: readonly string[]): boolean {
  if (!enabled) return true;
  let indices = resolved.get(keywords);
  // Stryker disable next-line ConditionalExpression: resolving again gives the same indices.
  if (!indices) {
    registerKeywords(keywords);
    indices = keywords.map((keyword) => keywordIndex.get(keyword.toLowerCase())!);
    resolved.set(keywords, indices);
  }
  const { found } = keywordsIn(text);
  for (const index of indices) if (found[index] === 1) return true;
  return false;
}
