// YAML text → documents with exact source ranges. Aliases are never expanded (no `toJS`), so an
// alias bomb costs nothing; syntax errors become data, never exceptions.
import {
  Composer,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type YAMLMap,
  type YAMLSeq,
  type Pair,
  type Scalar,
  type CST,
} from "yaml";
import type { Span } from "../model.js";

export type { YamlNode, YAMLMap, YAMLSeq, Scalar };

export interface YamlFile {
  documents: Document.Parsed[];
  errors: { message: string; span: Span }[];
}

/** Nesting deeper than this is not walked: no real workflow comes close, and it bounds the stack. */
export const MAX_DEPTH = 200;

export function parseYaml(text: string): YamlFile {
  // The parser makes an Error for each problem it meets, never thrown (a Helm template holds hundreds):
  // capturing their stack traces was a third of a Kubernetes repository's history scan.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // parseAllDocuments in its two steps, the syntax tree's depth checked between them: composing
    // recurses once per level, and where a regex must be compiled with the stack nearly spent V8 aborts
    // the process, which no catch can stop (10 000 `[` in a row did, after a few smaller files).
    const tokens = Array.from(new Parser().parse(text));
    const tooDeep = mayNestDeeperThan(text, MAX_DEPTH) ? deeperThan(tokens, MAX_DEPTH) : undefined;
    if (tooDeep !== undefined) {
      return { documents: [], errors: [{ message: `nested over ${MAX_DEPTH} levels deep: not read (no real file comes close)`, span: { start: tooDeep, end: tooDeep + 1 } }] };
    }
    const docs: Document.Parsed[] = Array.from(new Composer({ uniqueKeys: false, strict: false }).compose(tokens));
    const errors = docs.flatMap((doc) =>
      doc.errors.map((error) => ({
        message: firstLine(error.message),
        span: { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) },
      })),
    );
    return { documents: docs, errors };
    // (Defensive, unreached by any known input since the depth check: hence no mutant here is tested.)
  } catch (/* Stryker disable next-line all */ error) {
    // The parser recurses; absurd nesting can exhaust the stack. Report it, keep going.
    // Stryker disable next-line all
    return { documents: [], errors: [{ message: `cannot be parsed: ${firstLine(String(error))}`, span: { start: 0, end: 0 } }] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** A line led by this many spaces, tabs and block indicators (`-`, `?`, `:`). */
const LONG_LEAD = /^[ \t?:-]{48}/m;

/**
 * Whether the text could nest `limit` collections deep, told without walking its tree (which 49 of the
 * corpus's 2 449 YAML files need): each flow level opens with a `[` or `{`, and a block collection
 * starts at least a column further in than the one around it, bar a sequence directly under a map's
 * key (two levels per column at most). So a text with few openers and short line leads cannot.
 */
function mayNestDeeperThan(text: string, limit: number): boolean {
  // Stryker disable all: a shortcut; deeperThan gives the same answer for any text this lets through.
  let openers = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5b || code === 0x7b) openers++;
  }
  // Stryker restore all
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the same shortcut.
  return openers > limit / 2 || LONG_LEAD.test(text);
}

/**
 * Where the syntax tree first goes deeper than `limit` collections (a flow collection, a block map or
 * sequence inside another), or undefined. Walked with a stack of its own (the tree is as deep as the
 * text), holding collections only: scalars, most of any tree, are never pushed.
 */
function deeperThan(tokens: CST.Token[], limit: number): number | undefined {
  const stack: (CST.BlockMap | CST.BlockSequence | CST.FlowCollection)[] = [];
  // Stryker disable next-line ArrayDeclaration: an item at the bottom is never popped (the stack empties first).
  const depths: number[] = [];
  const push = (token: CST.Token | null | undefined, depth: number) => {
    if (token?.type === "block-map" || token?.type === "block-seq" || token?.type === "flow-collection") {
      stack.push(token);
      depths.push(depth);
    }
  };
  // Stryker disable next-line ConditionalExpression: no other top-level token holds a collection.
  for (const token of tokens) if (token.type === "document") push(token.value, 0);
  while (stack.length > 0) {
    const collection = stack.pop()!;
    const depth = depths.pop()!;
    if (depth >= limit) return collection.offset;
    for (const item of collection.items) {
      // Stryker disable next-line ConditionalExpression: an item without a key pushes nothing (undefined is no collection).
      if ("key" in item) push(item.key, depth + 1);
      push(item.value, depth + 1);
    }
  }
  return undefined;
}

/**
 * The documents that hold something, in order: an empty one (`---` then `---`, or `...` first) holds
 * nothing a single-document platform could read, and must not hide the one after it.
 */
export function documentsWithContent(yaml: YamlFile): Document.Parsed[] {
  // Stryker disable next-line ConditionalExpression: the composer writes an empty document as a null scalar; null is for documents made otherwise.
  return yaml.documents.filter((doc) => doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null));
}

function firstLine(message: string): string {
  // Stryker disable next-line MethodExpression: no message is known to open or end with a blank.
  return message.split("\n")[0].trim();
}

export function spanOf(node: YamlNode | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** The string value of a scalar (numbers and booleans as written), or undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return node.source ?? String(value);
  return undefined;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

/** The value node under `key` in a map (string keys only; aliases are not followed). */
export function getNode(map: YAMLMap | undefined, key: string): YamlNode | undefined {
  const value = getPair(map, key)?.value;
  return value && !isAlias(value) ? (value as YamlNode) : undefined;
}

/** The key node under `key` in a map, for reporting at a key. */
export function getKeyNode(map: YAMLMap | undefined, key: string): YamlNode | undefined {
  return getPair(map, key)?.key as YamlNode | undefined;
}

/** Maps this large have their keys indexed on the first lookup (a pipeline of thousands of jobs is asked for each). */
const INDEXED_FROM = 32;
const keyIndexes = new WeakMap<YAMLMap, { size: number; pairs: Map<string, Pair> }>();

/** The first pair under `key` (as a linear search finds it). */
export function getPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a shortcut; the index gives the same answers.
  if (map.items.length < INDEXED_FROM) {
    for (const pair of map.items) if (scalarText(pair.key) === key) return pair;
    return undefined;
  }
  let index = keyIndexes.get(map);
  // (Parsed documents are not edited; a map that was is indexed again.)
  if (index?.size !== map.items.length) {
    index = { size: map.items.length, pairs: new Map() };
    for (const pair of map.items) {
      const name = scalarText(pair.key);
      // Stryker disable next-line ConditionalExpression: no lookup asks for undefined.
      if (name !== undefined && !index.pairs.has(name)) index.pairs.set(name, pair);
    }
    keyIndexes.set(map, index);
  }
  return index.pairs.get(key);
}

/** Entries of a map with string keys, in source order. */
export function entries(map: YAMLMap | undefined): { key: string; keyNode: YamlNode; value: YamlNode | undefined }[] {
  if (!map) return [];
  const result: { key: string; keyNode: YamlNode; value: YamlNode | undefined }[] = [];
  for (const pair of map.items) {
    const key = scalarText(pair.key);
    if (key === undefined) continue;
    const value = pair.value && !isAlias(pair.value) ? (pair.value as YamlNode) : undefined;
    result.push({ key, keyNode: pair.key as YamlNode, value });
  }
  return result;
}

export interface ScalarPair {
  key: string;
  path: (string | number)[];
  node: Scalar;
  value: string;
  keyNode: YamlNode;
  /** The pair sits in a flow map (`{ KEY: value }`), where `{`, `}`, `[`, `]` and `,` end a plain scalar. */
  inFlow?: true;
}

/**
 * `- name: API_TOKEN` / `value: abc` (Kubernetes env, Azure variables, n8n headers), or `default: abc`
 * (Azure's template parameters): the value is bound to the sibling name, so report it under that name.
 */
export function boundName(siblings: { key: string; value: unknown }[]): string | undefined {
  const name = siblings.find((entry) => entry.key === "name");
  return typeof name?.value === "string" && /^[\w.-]+$/.test(name.value) ? name.value : undefined;
}

/**
 * An input's or a parameter's default is bound to its name: `inputs: { api_token: { default: … } }`
 * (GitHub's workflow and action inputs, GitLab's `spec: inputs:`); Azure's `parameters: - name: … default: …`
 * is bound by boundName.
 */
function inputName(key: string, path: (string | number)[]): string | undefined {
  const name = path.at(-1);
  return key === "default" && typeof name === "string" && (path.at(-2) === "inputs" || path.at(-2) === "parameters") ? name : undefined;
}

/** A path's segment for a null or complex key (`: …`, `? [a, b]`): it names nothing a platform looks for. */
export const COMPLEX_KEY = "?";

/**
 * Every scalar that is the value of a string key, anywhere in the document, with its path.
 * Iterative and depth-bounded; aliases are skipped, so shared anchors are visited once, where written.
 */
export function scalarPairs(root: YamlNode | null | undefined): ScalarPair[] {
  const result: ScalarPair[] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) continue;
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        // (A null or complex key, `: …` or `? [a, b]`, names nothing, but what it holds is still walked.
        // An alias value is neither a scalar nor a collection: nothing is read through it.)
        const key = scalarText(pair.key);
        const value = pair.value;
        if (isScalar(value)) {
          const text = scalarText(value);
          if (text === undefined || key === undefined) continue;
          // Stryker disable next-line StringLiteral: a complex key's stand-in is never `name`.
          const bound = key === "value" || key === "default" ? (boundName(node.items.map((p) => ({ key: scalarText(p.key) ?? "", value: isScalar(p.value) ? p.value.value : undefined }))) ?? inputName(key, path)) : undefined;
          result.push({ key: bound ?? key, path: [...path, key], node: value, value: text, keyNode: pair.key as YamlNode, ...(node.flow && { inFlow: true }) });
        } else {
          stack.push({ node: value, path: [...path, key ?? COMPLEX_KEY] });
        }
      }
    } else if (isSeq(node)) {
      // Stryker disable next-line ArithmeticOperator: an index past the end reads undefined, no collection.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        // Stryker disable next-line ConditionalExpression: a shortcut; a scalar item would be popped and passed over.
        if (isMap(item) || isSeq(item)) stack.push({ node: item, path: [...path, i] });
      }
    }
  }
  // The stack walks in reverse; restore source order for stable output.
  return result.sort((a, b) => spanOf(a.node).start - spanOf(b.node).start);
}

/**
 * Anchored nodes by name, in source order, so an alias is followed without walking the document again
 * (yaml's Alias.resolve walks the whole document on every call: quadratic over many aliases).
 */
export type Anchors = Map<string, YamlNode[]>;

export function anchorsOf(root: YamlNode | null | undefined): Anchors {
  const anchors: Anchors = new Map();
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_DEPTH || !node || isAlias(node)) continue;
    const anchor = (node as { anchor?: string }).anchor;
    // Stryker disable next-line ConditionalExpression: a shortcut; no alias's source is undefined.
    if (anchor) anchors.set(anchor, [...(anchors.get(anchor) ?? []), node as YamlNode]);
    if (isMap(node)) for (const pair of node.items) stack.push({ node: pair.value, depth: depth + 1 });
    else if (isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
  }
  for (const nodes of anchors.values()) nodes.sort((a, b) => spanOf(a).start - spanOf(b).start);
  return anchors;
}

/** What an alias stands for: the last node given its anchor before it (an anchor may be redefined). */
export function resolveAlias(node: unknown, anchors: Anchors): YamlNode | undefined {
  if (!isAlias(node)) return node as YamlNode | undefined;
  // Stryker disable next-line OptionalChaining: a parsed alias has a range.
  const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
  const candidates = anchors.get(node.source) ?? [];
  // Stryker disable next-line EqualityOperator: no anchored node starts where an alias does.
  return candidates.filter((candidate) => spanOf(candidate).start < at).at(-1);
}

/**
 * Aliases worth following while walking: sequence items at the paths `where` accepts (GitHub
 * Actions' `- *checkout` steps), each followed one level (aliases inside stay skipped). The budget
 * bounds the nodes read through aliases, so many references to one big anchor stay linear.
 */
export interface AliasFollowing {
  anchors: Anchors;
  where: (path: (string | number)[]) => boolean;
  budget: number;
}

/** Every scalar string in the document (keys excluded), for reference scanning. */
export function allScalars(root: YamlNode | null | undefined, follow?: AliasFollowing): { node: Scalar; value: string; path: (string | number)[] }[] {
  const result: { node: Scalar; value: string; path: (string | number)[] }[] = [];
  const stack: { node: unknown; path: (string | number)[]; viaAlias: boolean }[] = [{ node: root, path: [], viaAlias: false }];
  let budget = follow?.budget ?? 0;
  while (stack.length > 0) {
    const { node, path, viaAlias } = stack.pop()!;
    if (path.length > MAX_DEPTH) continue;
    if (viaAlias && --budget < 0) break;
    if (isScalar(node)) {
      const text = scalarText(node);
      if (text !== undefined) result.push({ node, value: text, path });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (isAlias(pair.value)) continue;
        const key = scalarText(pair.key);
        stack.push({ node: pair.value, path: [...path, key ?? COMPLEX_KEY], viaAlias });
      }
    } else if (isSeq(node)) {
      const followHere = follow !== undefined && !viaAlias && follow.where(path);
      node.items.forEach((item, i) => {
        if (!isAlias(item)) stack.push({ node: item, path: [...path, i], viaAlias });
        else if (followHere) stack.push({ node: resolveAlias(item, follow.anchors), path: [...path, i], viaAlias: true });
      });
    }
  }
  return result.sort((a, b) => spanOf(a.node).start - spanOf(b.node).start);
}
