// `nhilint-disable-next-line RULE[, RULE] -- reason` in the file's comment syntax: `#` in YAML, shell,
// Python, Ruby and the like; `//` or `/*` in JavaScript, TypeScript, JSONC, Groovy (Jenkinsfiles) and
// the other C-like languages whose source the secret detectors read (Go, Java, Kotlin, C#, Rust, PHP…).
import type { Span } from "./model.js";
import type { LineIndex } from "./text.js";

export interface Suppression {
  /** The line whose findings it silences (1-based). */
  line: number;
  rules: string[];
  reason: string;
  span: Span;
  used: boolean;
}

/** What every directive starts with: a text without it has none. */
export const DIRECTIVE = "nhilint-disable-next-line";

// A directive counts only at the start of a comment in the file's own syntax, so one quoted in a
// string (a test fixture, a docs example) is not taken for a real one.
const HASH_COMMENT = /(?:^|[ \t])#[ \t]*nhilint-disable-next-line\b([^\n]*)/gm;
const SLASH_COMMENT = /^[ \t]*(?:\/\/|\/\*)[ \t]*nhilint-disable-next-line\b([^\n]*)/gm;
const SLASH_LANGUAGES = /\.(m?[jt]sx?|cjs|cts|jsonc?|groovy|gradle|go|java|kt|kts|scala|cs|fs|swift|dart|rs|c|h|cc|cpp|cxx|hpp|m|mm|php)$|(^|\/)Jenkinsfile[^/]*$/i;
/** Prose, where `#` starts a heading and a directive can only be an example. */
const NO_COMMENTS = /\.(md|markdown|txt|rst|adoc)$/i;

/**
 * How a directive starts in this file, for a face that writes one (the editor's quick fix): none in
 * prose, nor in JSON, which has no comments (a finding there is accepted in the baseline instead).
 */
export function directiveCommentPrefix(path: string): "#" | "//" | undefined {
  if (NO_COMMENTS.test(path) || /\.json$/i.test(path)) return undefined;
  return SLASH_LANGUAGES.test(path) ? "//" : "#";
}

/** `lines` is asked for only when the file holds a directive: most files do not need a line index. */
export function findSuppressions(path: string, text: string, lines: () => LineIndex): Suppression[] {
  if (!text.includes(DIRECTIVE) || NO_COMMENTS.test(path)) return [];
  const result: Suppression[] = [];
  for (const match of text.matchAll(SLASH_LANGUAGES.test(path) ? SLASH_COMMENT : HASH_COMMENT)) {
    const [rulesPart, ...reasonParts] = match[1].replace(/\*\/\s*$/, "").split(/\s--(?:\s|$)/);
    const start = match.index! + match[0].search(/#|\/[/*]/);
    result.push({
      line: lines().position(start).line + 1,
      // Stryker disable next-line Regex: split one separator at a time, the empty names between are filtered out all the same.
      rules: rulesPart.split(/[\s,]+/).filter(Boolean),
      reason: reasonParts.join(" -- ").trim(),
      span: { start, end: match.index! + match[0].length },
      used: false,
    });
  }
  return result;
}
