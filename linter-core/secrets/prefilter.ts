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
    lastText = undefined;
  }
}

/** Dense ASCII transitions; a character outside ASCII can start no keyword (all are ASCII). */
interface Automaton {
  next: Int32Array;
  /** Per state: the keyword indices that end here, following dictionary links. */
  outputs: number[][];
}

function build(): Automaton {
  const goto: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  for (const [keyword, index] of keywordIndex) {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i) & 0x7f;
      let to = goto[state].get(code);
      if (to === undefined) {
        to = goto.length;
        goto.push(new Map());
        ends.push([]);
        goto[state].set(code, to);
      }
      state = to;
    }
    ends[state].push(index);
  }
  const states = goto.length;
  const next = new Int32Array(states * 128);
  const fail = new Int32Array(states);
  const outputs: number[][] = ends.map((e) => [...e]);
  // Breadth-first: every state's failure link is known before its children's.
  const queue: number[] = [];
  for (let code = 0; code < 128; code++) {
    const to = goto[0].get(code);
    next[code] = to ?? 0;
    if (to !== undefined) queue.push(to);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    outputs[state].push(...outputs[fail[state]]);
    for (let code = 0; code < 128; code++) {
      const to = goto[state].get(code);
      if (to === undefined) {
        next[state * 128 + code] = next[fail[state] * 128 + code];
      } else {
        fail[to] = next[fail[state] * 128 + code];
        next[state * 128 + code] = to;
        queue.push(to);
      }
    }
  }
  return { next, outputs };
}

let lastText: string | undefined;
let lastFound = new Uint8Array(0);

/** Which registered keywords occur in the text: one pass, cached for the last text seen. */
function keywordsIn(text: string): Uint8Array {
  if (text === lastText) return lastFound;
  automaton ??= build();
  const { next, outputs } = automaton;
  const found = new Uint8Array(keywordIndex.size);
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 128) {
      state = 0;
      continue;
    }
    if (code >= 65 && code <= 90) code |= 0x20;
    state = next[state * 128 + code];
    const out = outputs[state];
    for (let k = 0; k < out.length; k++) found[out[k]] = 1;
  }
  lastText = text;
  lastFound = found;
  return found;
}

/** Whether one of the keywords occurs in the text (without case). */
export function mayMatch(text: string, keywords: readonly string[]): boolean {
  if (!enabled) return true;
  if (keywords.some((keyword) => !keywordIndex.has(keyword.toLowerCase()))) registerKeywords(keywords);
  const found = keywordsIn(text);
  return keywords.some((keyword) => found[keywordIndex.get(keyword.toLowerCase())!] === 1);
}
