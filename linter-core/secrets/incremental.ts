// Judging a new version of a plain-text file from its old version: what `nhilint history` does with
// the thousands of versions a long history holds, most of which change a few lines of a large file.
//
// It rests on one property of the detectors over plain text (no platform model): what they find is
// decided by the text near it. A match spans four lines at most that hold more than filler (a request
// header split at every token), any number of filler lines aside (`-p` and its value may be far apart
// with only whitespace between), and a private-key block, a PuTTY file, a Terraform variable or
// resource or a credential section in code (`API_KEYS = {…}`, whose name names its entries) is read
// from its first line to its end.
// So where the old and new versions share a run of identical text, a detection well inside the run is
// found in both, and only the rest of the new version needs judging: the changed lines, a margin
// around them, and every block that reaches into them.
//
// Three things break that property, and a version holding one is judged whole instead: secretlint's
// block disable comments (`secretlint-disable` reaches to the end of the file), a text that may be a
// JSON document where secretlint's gcp rule may report (it parses the whole file), and a platform's model (YAML, JSON,
// programs: the caller judges those whole). test/core/secret-incremental.test.ts compares this with
// judging whole, over random edits of texts that hold every kind of secret.
import type { Span } from "../model.js";
import { matchesOf } from "../text.js";
import { credentialSections, LONGEST_OPENING, sectionOpenings, type SectionOpening } from "./scripts.js";
import { gcpRuleMayReport } from "./secretlint.js";

/**
 * How far a detection and what decides it reach, in lines that hold more than filler (whitespace,
 * quotes, backticks, `=`: what the detectors allow between a name and its value). The longest match
 * outside blocks is a request header split at every token (`-H`, the name, `:`, the value), or a curl
 * command whose user option is three continuation lines on (scripts.ts): 4 lines, so 3 from a change
 * to its far end; one more for a neighbour merged with it.
 */
export const REACH_LINES = 4;

/** Identical text in both versions: old[old, old + length) is new[new, new + length). */
export interface SharedRun {
  old: number;
  new: number;
  length: number;
}

export interface IncrementalPlan {
  /** Parts of the new version whose detections are carried from the old one (shifted). */
  carried: SharedRun[];
  /** Parts of the new version to judge: the detections found there that touch `core` are its own. */
  windows: Span[];
  /** What the carried parts leave: a detection of the new version that touches it is found in a window. */
  core: Span[];
}

/** Whether a version must be judged whole (see above). */
function judgedWhole(text: string): boolean {
  return text.includes("secretlint-disable") || (/^\s*[{[]/.test(text) && gcpRuleMayReport(text));
}

// JavaScript's \s (what the detectors' regexes use), quotes, backticks and `=`: a line of only these is filler.
function isFiller(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 34 || code === 39 || code === 61 || code === 96 || code === 160 || code === 5760 || (code >= 8192 && code <= 8202) || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279;
}

function isFillerLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isFiller(text.charCodeAt(i))) return false;
  return true;
}

/** The start of the line `lines` lines of more than filler before the line holding `offset`. */
function linesBefore(text: string, offset: number, lines: number): number {
  let start = text.lastIndexOf("\n", offset - 1) + 1;
  for (let counted = 0; start > 0 && counted < lines; ) {
    // (lastIndexOf reads a negative position as 0: a text that opens with a newline would loop.)
    // Stryker disable next-line EqualityOperator: at 2, the line before is [0, 1) or [1, 1), both filler (a newline, nothing): the count is the same.
    const previous = start < 2 ? 0 : text.lastIndexOf("\n", start - 2) + 1;
    if (!isFillerLine(text, previous, start - 1)) counted++;
    start = previous;
  }
  return start;
}

/** The end (after its newline) of the line `lines` lines of more than filler after the line holding `offset`. */
function linesAfter(text: string, offset: number, lines: number): number {
  const lineEnd = (from: number) => {
    const newline = text.indexOf("\n", from);
    return newline === -1 ? text.length : newline + 1;
  };
  let end = lineEnd(offset);
  for (let counted = 0; end < text.length && counted < lines; ) {
    const next = lineEnd(end);
    if (!isFillerLine(text, end, next)) counted++;
    end = next;
  }
  return end;
}

// A private-key block as findPrivateKeys and secretlint's privatekey rule read it: a header, then a
// body up to the first `KEY-----` (an END line ends with one), at most 20 000 characters on.
const KEY_HEADER = /-----begin[ a-z0-9_-]{0,100}private key(?: block)?-----/gi;
const KEY_END = /key(?: block)?-----/gi;
const KEY_BODY = 20_000 + 120;

const TERRAFORM_BLOCK = /\b(?:variable|resource)[ \t]+"[^"\n]{0,200}"(?:[ \t]+"[^"\n]{0,200}")?[ \t]*\{/g;

/** The regions private-key blocks, PuTTY files, Terraform blocks and credential sections may span, from their first line. */
function blockRegions(text: string, openings: SectionOpening[]): Span[] {
  const regions: Span[] = [];
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; a text without a dash run has no header.
  if (text.includes("-----")) {
    for (const header of matchesOf(text, KEY_HEADER)) {
      const bodyStart = header.index + header[0].length;
      KEY_END.lastIndex = bodyStart;
      const end = KEY_END.exec(text);
      // An END line's label may run over the first `KEY-----` to another up to 100 characters on. A
      // header with no end within reach starts no block in this version: only the header is a region.
      const stop = end && end.index <= bodyStart + KEY_BODY ? end.index + end[0].length + 110 : bodyStart;
      regions.push({ start: header.index, end: Math.min(text.length, stop) });
    }
  }
  // A Terraform variable or resource, which its idioms read from its start to its first nested block
  // or its end (scripts.ts): a default far below its name.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut; a text without either word has no such block.
  if (text.includes("variable") || text.includes("resource")) {
    for (const header of matchesOf(text, TERRAFORM_BLOCK)) {
      const body = header.index + header[0].length;
      // Stryker disable next-line ConditionalExpression,ArithmeticOperator: a region longer or shorter by a character, or to the end, only judges more or as much (the brace's line is within the margin of any change to it)
      const [open, close] = [text.indexOf("{", body), text.indexOf("}", body)].map((at) => (at === -1 ? text.length : at + 1));
      // Stryker disable next-line MethodExpression: a longer region only judges more
      regions.push({ start: header.index, end: Math.min(open, close) });
    }
  }
  // A credential section (scripts.ts): an entry far below the name that names it.
  for (const section of credentialSections(text, openings)) regions.push(section.span);
  for (let at = text.indexOf("PuTTY-User-Key-File-"); at !== -1; at = text.indexOf("PuTTY-User-Key-File-", at + 1)) {
    // Its body runs to `Private-MAC:`, however long.
    const mac = text.indexOf("Private-MAC:", at);
    regions.push({ start: at, end: mac === -1 ? text.length : Math.min(text.length, mac + 200) });
  }
  return regions;
}

/** `runs` without the part of each that lies in `cut` (on the side `side` names). */
function cutRuns(runs: SharedRun[], cut: Span, side: "old" | "new"): SharedRun[] {
  const out: SharedRun[] = [];
  for (const run of runs) {
    const start = run[side];
    const end = start + run.length;
    // Stryker disable next-line EqualityOperator: a cut that only touches a run leaves it whole either way.
    if (cut.end <= start || end <= cut.start) {
      out.push(run);
      continue;
    }
    // Stryker disable next-line EqualityOperator: equivalent: a cut at a run's very start or end leaves an empty piece, which carries nothing.
    if (cut.start > start) out.push({ old: run.old, new: run.new, length: cut.start - start });
    // Stryker disable next-line EqualityOperator: equivalent (above).
    if (cut.end < end) {
      const skip = cut.end - start;
      out.push({ old: run.old + skip, new: run.new + skip, length: end - cut.end });
    }
  }
  return out;
}

/** Whether `span` lies outside every run (on side `side`) somewhere: it touches what is judged. */
function touchesJudged(span: Span, runs: SharedRun[], side: "old" | "new"): boolean {
  let covered = span.start;
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: equivalent: unsorted, the loop stops at the first run out of order and answers yes, which only cuts more out of what is carried (judged instead: the same found).
  for (const run of [...runs].sort((a, b) => a[side] - b[side])) {
    // Stryker disable next-line EqualityOperator: equivalent (yes more often, above).
    if (run[side] > covered) break;
    covered = Math.max(covered, run[side] + run.length);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; the return below gives the same answer.
    if (covered >= span.end) return false;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (yes more often, above).
  return covered < span.end;
}

// Compared a chunk at a time as two slices (the engine compares equal strings at memory speed; a loop
// per character, or startsWith, would cost as much as a detector's pass).
const CHUNK = 1024;

/** How many characters match going forward from a[i] and b[j], at most `limit`. */
function matchForward(a: string, i: number, b: string, j: number, limit: number): number {
  let n = 0;
  // Stryker disable next-line all: a shortcut over whole chunks; the loop after it counts the same characters one by one.
  while (n + CHUNK <= limit && a.slice(i + n, i + n + CHUNK) === b.slice(j + n, j + n + CHUNK)) n += CHUNK;
  // Stryker disable next-line EqualityOperator: equivalent: one character more is one a run's margin takes off (the line holding a run's end is never carried).
  while (n < limit && a.charCodeAt(i + n) === b.charCodeAt(j + n)) n++;
  return n;
}

/** How many characters match going back from before a[i] and b[j], at most `limit`. */
function matchBackward(a: string, i: number, b: string, j: number, limit: number): number {
  let n = 0;
  // Stryker disable next-line all: a shortcut over whole chunks; the loop after it counts the same characters one by one.
  while (n + CHUNK <= limit && a.slice(i - n - CHUNK, i - n) === b.slice(j - n - CHUNK, j - n)) n += CHUNK;
  // Stryker disable next-line EqualityOperator: equivalent (above).
  while (n < limit && a.charCodeAt(i - 1 - n) === b.charCodeAt(j - 1 - n)) n++;
  return n;
}

/** A probe is this long at least: shorter lines (`}`, blank) are found everywhere. */
const PROBE = 64;
/** Regions shorter than this are left changed: finding a run in them saves little. */
const SMALL_REGION = 1024;

/**
 * Runs of identical text in both versions: the common start and end, and in between what a probe
 * taken from the new version finds in the old one, extended both ways, recursively on either side.
 * Not a minimal diff (not needed: any run whose text is the same in both versions is right to carry),
 * but a few native searches per change, where a line diff of every version costs more than judging.
 */
function sharedRuns(oldText: string, newText: string): SharedRun[] {
  const shortest = Math.min(oldText.length, newText.length);
  const prefix = matchForward(oldText, 0, newText, 0, shortest);
  const suffix = matchBackward(oldText, oldText.length, newText, newText.length, shortest - prefix);
  const runs: SharedRun[] = [];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty run carries nothing (the margins leave none of it).
  if (prefix > 0) runs.push({ old: 0, new: 0, length: prefix });
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the same.
  if (suffix > 0) runs.push({ old: oldText.length - suffix, new: newText.length - suffix, length: suffix });
  const regions = [{ oldStart: prefix, oldEnd: oldText.length - suffix, newStart: prefix, newEnd: newText.length - suffix }];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on the work, never reached in a test.
  while (regions.length > 0 && runs.length < 1000) {
    const { oldStart, oldEnd, newStart, newEnd } = regions.pop()!;
    // Stryker disable next-line all: which regions are searched decides only how much is carried, never what is found.
    if (oldEnd - oldStart < SMALL_REGION || newEnd - newStart < SMALL_REGION) continue;
    // Probes at the middle of the new region, then at a quarter and three quarters.
    for (const share of [0.5, 0.25, 0.75]) {
      // Stryker disable next-line all: where in the region the probe is taken decides only how much is carried.
      const lineStart = newText.lastIndexOf("\n", newStart + Math.floor((newEnd - newStart) * share)) + 1;
      const probeStart = Math.max(lineStart, newStart);
      const probeEnd = probeStart + PROBE;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a probe reaching past the region still finds a run only inside it (both reads below stop at its ends), and one skipped only carries less.
      if (probeEnd > newEnd) continue;
      const at = oldText.indexOf(newText.slice(probeStart, probeEnd), oldStart);
      // Stryker disable next-line EqualityOperator: equivalent: a probe skipped at the old text's start (a region there has no common start before it) or ending just at the region's end only carries less.
      if (at < 0 || at + PROBE > oldEnd) continue;
      const back = matchBackward(oldText, at, newText, probeStart, Math.min(at - oldStart, probeStart - newStart));
      const ahead = matchForward(oldText, at, newText, probeStart, Math.min(oldEnd - at, newEnd - probeStart));
      runs.push({ old: at - back, new: probeStart - back, length: back + ahead });
      regions.push({ oldStart, oldEnd: at - back, newStart, newEnd: probeStart - back });
      regions.push({ oldStart: at + ahead, oldEnd, newStart: probeStart + ahead, newEnd });
      break;
    }
  }
  return runs;
}

/**
 * One version of a plain-text file, with what a plan reads of it worked out once: a history judges
 * each version from the one before, so most versions are read as the new one, then as the old one.
 */
export class PlainVersion {
  private whole?: boolean;
  private regions?: Span[];
  private openings?: SectionOpening[];

  constructor(readonly text: string) {}

  /** Whether it must be judged whole (see above). */
  get judgedWhole(): boolean {
    return (this.whole ??= judgedWhole(this.text));
  }

  /** The regions its blocks may span (blockRegions). */
  get blocks(): Span[] {
    return (this.regions ??= blockRegions(this.text, this.sectionOpenings));
  }

  /** Where its credential sections open (scripts.ts sectionOpenings). */
  get sectionOpenings(): SectionOpening[] {
    return (this.openings ??= sectionOpenings(this.text));
  }

  /**
   * Its sections' openings from an older version's and the runs the two share: the older's, moved,
   * where a run holds one with the two characters before it (what decides whether its name stands
   * alone), and a search of the rest, with the longest opening's reach on either side. The search
   * of a whole version was a tenth of a history's time; the same openings (tested against it).
   */
  // (Whatever it maps or searches past what it must, the openings are the same: only the time differs.)
  // Stryker disable next-line BlockStatement: equivalent (above): without it the getter searches the whole version
  openingsFrom(older: PlainVersion, runs: SharedRun[]): void {
    // Stryker disable next-line ConditionalExpression: equivalent (above)
    if (this.openings) return;
    const found = new Map<number, SectionOpening>();
    for (const opening of older.sectionOpenings) {
      for (const run of runs) {
        // (Where nothing comes before the run in the new version, nothing can make a name there no
        // name alone; otherwise the two characters before it must be the run's.)
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (above): an opening left out is found by the search, and one that ends where the run does by the search after it
        if (opening.start >= run.old && (run.new === 0 || opening.start - 2 >= run.old) && opening.end <= run.old + run.length) {
          const shift = run.new - run.old;
          found.set(opening.start + shift, { start: opening.start + shift, end: opening.end + shift, name: opening.name });
          break;
        }
      }
    }
    // What no run holds, reached into from either side, and where one run meets the next (a match across
    // them is in neither).
    // Stryker disable next-line all: equivalent (above): out of order, a run later in the text leaves more to search
    const sorted = [...runs].sort((a, b) => a.new - b.new);
    let at = 0;
    const search = (start: number, end: number) => {
      // Stryker disable next-line MethodExpression: equivalent (above)
      for (const opening of sectionOpenings(this.text, Math.max(0, start - LONGEST_OPENING), Math.min(this.text.length, end + 2))) found.set(opening.start, opening);
    };
    // Stryker disable next-line BlockStatement: equivalent (above): the last search then reads the whole version
    for (const run of sorted) {
      search(at, run.new);
      // Stryker disable next-line MethodExpression,ArithmeticOperator: equivalent (above)
      at = Math.max(at, run.new + run.length);
    }
    search(at, this.text.length);
    // A search of the whole version reads on after each opening it finds: one inside another (in a
    // map type's brackets, `creds := map[a{creds := …]string{`) is not found there, and goes here.
    const openings: SectionOpening[] = [];
    for (const opening of [...found.values()].sort((a, b) => a.start - b.start)) if (opening.start >= (openings.at(-1)?.end ?? 0)) openings.push(opening);
    this.openings = openings;
  }
}

/**
 * How to judge `newText` from `oldText`'s detections, or undefined when it must be judged whole.
 * Both must be plain text (no platform claims them).
 */
export function planIncremental(oldVersion: string | PlainVersion, newVersion: string | PlainVersion): IncrementalPlan | undefined {
  const [older, newer] = [oldVersion, newVersion].map((v) => (typeof v === "string" ? new PlainVersion(v) : v));
  if (older.judgedWhole || newer.judgedWhole) return undefined;
  const [oldText, newText] = [older.text, newer.text];
  // The shared runs, less a margin of REACH_LINES where they meet a change: a detection there may differ.
  let carried: SharedRun[] = [];
  const runs = sharedRuns(oldText, newText);
  for (const run of runs) {
    const end = run.new + run.length;
    // A run's end at both texts' start (or both ends) meets no change.
    const start = run.new === 0 && run.old === 0 ? 0 : linesAfter(newText, run.new, REACH_LINES);
    const stop = end === newText.length && run.old + run.length === oldText.length ? end : linesBefore(newText, end, REACH_LINES);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a run its margins leave empty or reversed carries nothing, and what it leaves of the core starts no earlier than the run before it ends (linesBefore is monotone).
    if (stop > start) carried.push({ old: run.old + (start - run.new), new: start, length: stop - start });
  }

  newer.openingsFrom(older, runs);
  // A block that reaches into what is judged is judged whole, in either version (a block begun in the
  // old version's changed lines may have swallowed the next one).
  const blocks: { span: Span; side: "old" | "new" }[] = [...older.blocks.map((span) => ({ span, side: "old" as const })), ...newer.blocks.map((span) => ({ span, side: "new" as const }))];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with no block the pass does nothing.
  for (let changed = blocks.length > 0; changed; ) {
    changed = false;
    for (const block of blocks) {
      if (!touchesJudged(block.span, carried, block.side)) continue;
      const before = carried.length;
      const cut = cutRuns(carried, block.span, block.side);
      if (cut.length !== before || cut.some((run, i) => run.length !== carried[i].length)) {
        carried = cut;
        // Stryker disable next-line BooleanLiteral: a guard. A block over unchanged text spans the same text in both versions, so the cut for its other side in the same pass covers it; no case tried needs a second pass.
        changed = true;
      }
    }
  }

  // The core is what the carried runs leave of the new version; each window adds the reach on both
  // sides, for a detection that touches the core.
  carried.sort((a, b) => a.new - b.new);
  const core: Span[] = [];
  let at = 0;
  for (const run of carried) {
    if (run.new > at) core.push({ start: at, end: run.new });
    at = run.new + run.length;
  }
  if (at < newText.length) core.push({ start: at, end: newText.length });
  const windows: Span[] = [];
  for (const span of core) {
    const window = { start: linesBefore(newText, span.start, REACH_LINES), end: linesAfter(newText, Math.max(span.start, span.end - 1), REACH_LINES) };
    const last = windows.at(-1);
    // Stryker disable next-line EqualityOperator: windows that only touch, judged apart, find the same (each holds what touches its core).
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else windows.push(window);
  }
  return { carried, windows, core };
}

/**
 * The new version's detections: the old version's that lie inside a carried run (moved to where the
 * run is in the new version), and those found in the windows that touch the core.
 */
export function mergeIncremental<T extends { span: Span }>(plan: IncrementalPlan, oldDetections: readonly T[], windowDetections: readonly T[]): T[] {
  const result: T[] = [];
  // The carried runs are in order, on both sides, and never overlap: the one that can hold a detection
  // is the last to start at or before it, found by halving (a key file's thousands of detections, in
  // each of its versions, against hundreds of runs).
  const { carried } = plan;
  for (const detection of oldDetections) {
    let low = 0;
    let high = carried.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (carried[middle].old <= detection.span.start) low = middle;
      else high = middle - 1;
    }
    const run = carried[low];
    if (run && run.old <= detection.span.start && detection.span.end <= run.old + run.length) result.push({ ...detection, span: { start: detection.span.start - run.old + run.new, end: detection.span.end - run.old + run.new } });
  }
  for (const detection of windowDetections) {
    if (plan.core.some((c) => detection.span.start < c.end && c.start < detection.span.end)) result.push(detection);
  }
  return result.sort((a, b) => a.span.start - b.span.start);
}
