import type { LiteralValue, Position, Span } from "./model.js";

/** Maps UTF-16 offsets to 1-based line/column, built once per file. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    // indexOf is a native scan: a cold start (the pre-commit hook) does not interpret a loop per character.
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  position(offset: number): Position {
    let low = 0;
    // Stryker disable next-line ArithmeticOperator: a start past the end reads undefined, never <= offset: the search ends the same.
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }
}

/**
 * A global regex's matches in a text, as `text.matchAll(pattern)` gives them, without the copy of the
 * regex matchAll makes on every call (measurable when thousands of texts meet a hundred patterns).
 * The pattern's `lastIndex` is its cursor: the loop over the matches must not use the same pattern.
 */
export function* matchesOf(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // An empty match would be found again at the same place.
    if (match[0] === "") pattern.lastIndex++;
    yield match;
  }
}

/** `1 day`, `3 days`: a count and its noun, in the singular for one. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Text to match literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Where a literal's value is written: inside its quotes, or for a YAML block scalar (`|`, `>-`), from
 * its first character after the header line to its last non-blank one. A detection over the whole
 * value then spans the value alone, as the same value written inline does (its fingerprint with it).
 */
export function valueTextSpan(text: string, literal: LiteralValue): Span {
  const { start, end } = literal.span;
  // The quotes of the literal's syntax, not of its value: "…", '…', a JavaScript `…`, Groovy's '''…''' and """…""".
  const quote = /^(?:'''|"""|["'`])/.exec(text.slice(start, Math.min(end, start + 3)))?.[0];
  if (quote && !literal.value.startsWith(quote) && end - start >= quote.length * 2 && text.slice(end - quote.length, end) === quote) {
    return { start: start + quote.length, end: end - quote.length };
  }
  // Only YAML leaves a value unquoted, and a plain YAML scalar cannot start with `|` or `>`.
  const header = BLOCK_SCALAR_HEADER.exec(text.slice(start, end));
  if (header) {
    let from = start + header[0].length;
    let to = end;
    while (from < to && /\s/.test(text[from])) from++;
    while (to > from && /\s/.test(text[to - 1])) to--;
    return { start: from, end: to };
  }
  return { start, end };
}

/** The blanks opening the line that holds `offset` (a node's start, never a line break itself). */
export function lineIndent(text: string, offset: number): string {
  // Stryker disable next-line ArithmeticOperator: `offset` is a node's start, never just after a line break's place
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  // Stryker disable next-line Regex: exec matches at the start (an empty match there at least)
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * Where a line inserted after the one holding `offset` starts, and the line break to write before it
 * when that line is the file's last and has none.
 */
export function afterLine(text: string, offset: number): { at: number; lineBreak: string } {
  const newline = text.indexOf("\n", Math.max(offset - 1, 0));
  return newline === -1 ? { at: text.length, lineBreak: "\n" } : { at: newline + 1, lineBreak: "" };
}

// `|` or `>`, its chomping and indentation indicators in either order, a comment, the line break.
const BLOCK_SCALAR_HEADER = /^[|>](?:[1-9][+-]?|[+-][1-9]?)?[ \t]*(?:#.*)?\r?\n/;

// Stryker disable next-line Regex: split at each line break or at each run of them: the empty lines between are dropped
const LINE_BREAKS = /[\r\n]+/;

/**
 * Text from the user's files (a purpose, an owner, a reason) to show as typed inside Markdown: every
 * mark Markdown or VS Code gives a meaning (`*`, `_`, `<tag>`, `[link](…)`, `&amp;`, `$(icon)`, a `#`
 * or `1.` that opens a line) is backslash-escaped; line breaks read as spaces, and the ends are trimmed
 * (four spaces opening a line would make it code).
 */
export function markdownLiteral(text: string): string {
  // VS Code's own set (escapeMarkdownSyntaxTokens), and the marks of HTML, entities, tables and icons.
  // Line by line, not one regex of blanks around line breaks (quadratic on a long run of blanks).
  return text
    .split(LINE_BREAKS)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ")
    .replace(/[\\`*_{}[\]()#+\-!~<>&|$]/g, "\\$&")
    // `1.` opening a line starts a list (`1)` is escaped above).
    .replace(/^(\d+)\./, "$1\\.");
}

/** A Markdown code span showing text as typed, even where it holds backticks. */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // A space inside the fence when the text starts or ends with a backtick (CommonMark strips one each side).
  const pad = /^`|`$/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
