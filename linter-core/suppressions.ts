// `nhilint-disable-next-line RULE[, RULE] -- reason` in the file's comment syntax (# or //).
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

const DIRECTIVE = /(?:#|\/\/|\/\*)[ \t]*nhilint-disable-next-line\b([^\n]*)/g;

export function findSuppressions(text: string, lines: LineIndex): Suppression[] {
  if (!text.includes("nhilint-disable")) return [];
  const result: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const [rulesPart, ...reasonParts] = match[1].replace(/\*\/\s*$/, "").split(/\s--(?:\s|$)/);
    const start = match.index!;
    result.push({
      line: lines.position(start).line + 1,
      rules: rulesPart.split(/[\s,]+/).filter(Boolean),
      reason: reasonParts.join(" -- ").trim(),
      span: { start, end: start + match[0].length },
      used: false,
    });
  }
  return result;
}
