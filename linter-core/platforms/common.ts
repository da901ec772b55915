// Model-building helpers shared by the YAML platforms.
import type { FileModel, LiteralValue, Scope } from "../model.js";
import { allScalars, parseYaml, scalarPairs, spanOf, type ScalarPair, type YamlFile, type YamlNode } from "../documents/yaml.js";
import { lineIndent, valueTextSpan } from "../text.js";

export interface YamlLiteralOptions {
  /** Keys whose value (a string, or a list of strings) is shell code. */
  scriptKeys: ReadonlySet<string>;
  scopeOf: (path: (string | number)[]) => Scope;
}

/** Key-value literals, plus script lines written as list items (`script: [ "...", "..." ]`). */
export function yamlLiterals(root: YamlNode | null | undefined, options: YamlLiteralOptions): LiteralValue[] {
  const literals = scalarPairs(root).map((pair) => pairLiteral(pair, options.scriptKeys.has(pair.key) ? "script" : "assignment", options.scopeOf(pair.path)));
  for (const scalar of allScalars(root)) {
    const last = scalar.path.at(-1);
    const parent = scalar.path.at(-2);
    // Stryker disable next-line ConditionalExpression: a number (a list in a list) is no script key either.
    if (typeof last !== "number" || typeof parent !== "string" || !options.scriptKeys.has(parent)) continue;
    literals.push({ key: parent, path: scalar.path, value: scalar.value, span: spanOf(scalar.node), role: "script", scope: options.scopeOf(scalar.path) });
  }
  return literals.sort((a, b) => a.span.start - b.span.start);
}

/** A YAML document's key-value literals as any YAML file's: credential-like keys are judged wherever they are. */
export function documentLiterals(root: YamlNode | null | undefined): LiteralValue[] {
  return scalarPairs(root).map((pair) => pairLiteral(pair, "assignment", {}));
}

/** The literal a key's scalar value is, every platform's YAML alike. */
export function pairLiteral(pair: ScalarPair, role: LiteralValue["role"], scope: Scope): LiteralValue {
  return { key: pair.key, path: pair.path, value: pair.value, span: spanOf(pair.node), keySpan: spanOf(pair.keyNode), role, scope, ...(pair.inFlow && { inFlow: true }) };
}

export function emptyModel(platform: string, path: string, text: string, yaml?: YamlFile): FileModel {
  return { platform, path, text, literals: [], connectorRefs: [], jobs: [], triggers: [], checkouts: [], expressions: [], parseErrors: yaml?.errors ?? [] };
}

export { parseYaml };

/**
 * The path inside its repository. Files collected from many repositories are often stored flattened
 * as `owner+repo__dir__file.yml` (as in the benchmark corpus): read those as `dir/file.yml`.
 */
export function repoPath(path: string): string {
  // Stryker disable next-line ConditionalExpression: a memo; the answer computed again is the same.
  if (path === last.path) return last.repoPath;
  // Stryker disable next-line Regex: `.*` is greedy from the start either way.
  const name = path.replace(/^.*\//, "");
  const flattened = /^[\w.-]+?\+[\w.-]+?__(.+)$/.exec(name);
  const inRepo = flattened ? flattened[1].split("__").join("/") : path;
  // Stryker disable next-line Regex: `.*` is greedy from the start either way.
  last = { path, repoPath: inRepo, baseName: inRepo.replace(/^.*\//, "") };
  return inRepo;
}

export function baseName(path: string): string {
  // Stryker disable next-line ConditionalExpression: a memo; the answer computed again is the same.
  return path === last.path ? last.baseName : (repoPath(path), last.baseName);
}

// The last path's answers: finding a file's platform asks each platform about the same path in turn.
let last = { path: undefined as string | undefined, repoPath: "", baseName: "" };

/** Forget the last path's answers (mutation testing: each test must compute them under its own mutant). */
// Stryker disable all: the mutation tests' own reset, which the linter never calls.
export function forgetLastPath(): void {
  last = { path: undefined, repoPath: "", baseName: "" };
}
// Stryker restore all

export const isYamlPath = (path: string) => /\.ya?ml$/i.test(path);

/**
 * `/^\s*<lead><rest>/m` (`^\s+` with indentation "+"), the key a platform is told by, without its
 * quadratic cost: a regex opening with `^\s*` starts again at every line start of a run of blank
 * lines, and 100 KB of them took minutes to sniff. Here the lead is found first and the indentation
 * before it checked backwards, so a run of whitespace is read once per lead found after it. Same
 * matches as the plain form (test/platforms/sniffing.test.ts). `lead` must not match whitespace or nothing.
 */
export function lineStartKey(lead: string, rest: string, indentation: "*" | "+" = "*"): RegExp {
  return new RegExp(`(?:${lead})(?<=^\\s${indentation}(?:${lead}))${rest}`, "m");
}

/**
 * A scalar's span without the line breaks a block scalar (`|`, `>`) owns at its end: a fix replacing
 * the whole value must leave them, or the next key would be joined onto its line.
 */
export function valueSpan(span: { start: number; end: number }, text: string): { start: number; end: number } {
  let end = span.end;
  while (end > span.start && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
  return { start: span.start, end };
}

/**
 * The secret is the literal's whole value (an assignment), not a part of a longer string or script.
 * `value` is the secret as detected, when it differs from the text at its place (a decoded token).
 */
export function isWholeValue(literal: LiteralValue, secret: { start: number; end: number }, text: string, value = text.slice(secret.start, secret.end)): boolean {
  if (literal.role !== "assignment") return false;
  if (value === literal.value.trim()) return true;
  // The secret is all the value's text, written otherwise than it reads (escapes, a block scalar's lines).
  const written = valueTextSpan(text, literal);
  return secret.start === written.start && secret.end === written.end;
}

/**
 * The usual fix: a reference in the secret's place — over the whole scalar (quotes and all) when the
 * secret is the whole value, else over the secret's own characters.
 */
export function referenceEdit(literal: LiteralValue, secret: { start: number; end: number }, reference: string, text: string, value?: string): { span: { start: number; end: number }; text: string } {
  const whole = isWholeValue(literal, secret, text, value);
  const span = valueSpan(whole ? literal.span : secret, text);
  // In a flow map, `${{ … }}` written plain would end the scalar at its `{`: it is written quoted. A
  // reference that is itself a flow map (Drone's `{ from_secret: … }`) is a node, valid there as written.
  if (!literal.inFlow || !/[{}[\],]/.test(reference) || /^[{[]/.test(reference)) return { span, text: reference };
  if (whole) return { span, text: JSON.stringify(reference) };
  // A quoted scalar holds the reference as it is.
  if (valueTextSpan(text, literal).start > literal.span.start) return { span, text: reference };
  const scalar = valueSpan(literal.span, text);
  // Part of a plain scalar: the whole scalar is rewritten double-quoted, its other characters escaped.
  const escaped = (part: string) => part.replace(/[\\"]/g, "\\$&");
  return { span: scalar, text: `"${escaped(text.slice(scalar.start, span.start))}${reference}${escaped(text.slice(span.end, scalar.end))}"` };
}

/**
 * The edit removing the `KEY: value` entry `literal` from the map under `parent` (GitLab's and Azure's
 * `variables:`, CircleCI's `environment:`), and the `parent:` line above it too when the entry was its
 * only one (an empty `variables:` is an error in GitLab). Undefined when anything but the key precedes
 * the value on its line (a flow map, an anchor).
 */
export function removeEntryLine(literal: LiteralValue, text: string, parent: string): { span: { start: number; end: number }; text: string } | undefined {
  // (Less the line break that ends a block scalar: the line to remove is its last.)
  const value = valueSpan(literal.span, text);
  // Stryker disable next-line ArithmeticOperator: equivalent: a value starts and goes on past its line's start
  const lineStart = text.lastIndexOf("\n", value.start - 1) + 1;
  // Only a key before the value on its line (not a flow map's `{`, an anchor, a list's `-`): after a
  // block value a line holds nothing but blanks or a comment. (`^`: an entry is a map's.)
  // Stryker disable next-line Regex
  if (!/^\s*[\w.-]+\s*:\s*$/.test(text.slice(lineStart, value.start))) return undefined;
  return removeLines(text, lineStart, lineEndAt(text, value.end), parent);
}

/**
 * The edit removing the entry whose value is the map holding `literal` (GitLab's expanded variable,
 * `NAME:` then `value: …`, `description: …` below it, or `NAME: { value: …, expand: false }` on one
 * line): from the key's line to the map's last line, and `parent:` too when it was the only entry.
 * Undefined where the map is written otherwise (a flow map over several lines, a key on a list item's line).
 */
export function removeMapEntry(literal: LiteralValue, text: string, parent: string): { span: { start: number; end: number }; text: string } | undefined {
  const value = valueSpan(literal.span, text);
  // Stryker disable next-line ArithmeticOperator: equivalent: a value starts and goes on past its line's start
  const lineStart = text.lastIndexOf("\n", value.start - 1) + 1;
  if (literal.inFlow) {
    // One line: the key, then the whole flow map.
    const lineEnd = lineEndAt(text, value.end);
    // (Its last `}` found by hand: a regex for `{…}` then a comment split a long line every way.
    // Without one, what follows "it" is the whole line, which starts with the key.)
    const line = lineAt(text, lineStart);
    const after = line.slice(line.lastIndexOf("}") + 1).trimStart();
    // Stryker disable next-line Regex
    return /^\s*[\w.-]+\s*:\s*\{/.test(line) && (after === "" || after.startsWith("#")) ? removeLines(text, lineStart, lineEnd, parent) : undefined;
  }
  const indent = (at: number) => lineIndent(text, at).length;
  const mapIndent = indent(lineStart);
  const lineAbove = (at: number) => text.lastIndexOf("\n", at - 2) + 1;
  // The key's line: the first line above with less indentation, blanks and comments passed over.
  // (There is one: the literal's path says its map is a `variables:` entry's value.)
  let keyStart = lineAbove(lineStart);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the guard (above)
  while (keyStart > 0 && (isBlankOrComment(text, keyStart) || indent(keyStart) >= mapIndent)) keyStart = lineAbove(keyStart);
  // Only the key on its line: not an anchor (an alias elsewhere would lose what it names), a tag, a quoted key.
  // Stryker disable next-line Regex: `^`: the line starts at a key (above)
  if (!/^\s*[\w.-]+\s*:\s*(?:#.*)?$/.test(lineAt(text, keyStart))) return undefined;
  // The map's last line: the last line below, before one indented as the key or less, that holds more than blanks or a comment.
  const keyIndent = indent(keyStart);
  let end = lineEndAt(text, value.end);
  for (let at = end; at < text.length; at = lineEndAt(text, at)) {
    if (isBlankOrComment(text, at)) continue;
    if (indent(at) <= keyIndent) break;
    end = lineEndAt(text, at);
  }
  return removeLines(text, keyStart, end, parent);
}

/** Where the line holding `at` ends, past its line break. */
function lineEndAt(text: string, at: number): number {
  const newline = text.indexOf("\n", at);
  // Stryker disable next-line EqualityOperator: a value's end is past the file's start: no line break at 0.
  return newline < 0 ? text.length : newline + 1;
}

/** The line starting at `start`, without its line break. */
// Stryker disable next-line Regex: `$`: a line holds one line break, at its end
const lineAt = (text: string, start: number) => text.slice(start, lineEndAt(text, start)).replace(/\r?\n$/, "");
const isBlankOrComment = (text: string, start: number) => /^\s*(?:#.*)?$/.test(lineAt(text, start));

/** The edit removing the lines from `lineStart` to `lineEnd`, with the `parent:` line above them when they were its only entry. */
function removeLines(text: string, lineStart: number, lineEnd: number, parent: string): { span: { start: number; end: number }; text: string } {
  const indent = (line: string) => line.length - line.trimStart().length;
  const previousStart = text.lastIndexOf("\n", lineStart - 2) + 1;
  const previous = text.slice(previousStart, lineStart - 1);
  // (The next line's indentation reads the same to its end or beyond it.)
  const nextEnd = text.indexOf("\n", lineEnd);
  // Stryker disable next-line all
  const next = text.slice(lineEnd, nextEnd < 0 ? text.length : nextEnd);
  // (The line before an entry is a key's, the parent's itself or a sibling entry.)
  // Stryker disable next-line Regex
  const onlyEntry = new RegExp(`^\\s*${parent}\\s*:\\s*(?:#.*)?$`).test(previous) && (next.trim() === "" || indent(next) <= indent(previous));
  return { span: { start: onlyEntry ? previousStart : lineStart, end: lineEnd }, text: "" };
}
