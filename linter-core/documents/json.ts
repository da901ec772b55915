// JSON (and JSONC) text → key-value string literals with exact ranges, via jsonc-parser, which
// tolerates errors (it throws only when nesting exhausts the stack, caught here). Depth-bounded like the YAML walker.
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Span } from "../model.js";
import { boundName, MAX_DEPTH } from "./yaml.js";

export type { JsonNode };

export interface JsonFile {
  root: JsonNode | undefined;
  errors: { message: string; span: Span }[];
}

export function parseJson(text: string): JsonFile {
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    // jsonc-parser recurses once per level: 3 000 `{"a":` in a row exhaust the stack.
    // Stryker disable next-line ConditionalExpression: jsonc-parser throws nothing else to test with.
    if (!(error instanceof RangeError)) throw error;
    return { root: undefined, errors: [{ message: "nested too deep for the JSON parser (it ran out of stack)", span: { start: 0, end: 1 } }] };
  }
  return {
    root,
    errors: errors.map((error) => ({ message: `JSON syntax error ${error.error}`, span: { start: error.offset, end: error.offset + Math.max(error.length, 1) } })),
  };
}

export interface JsonStringPair {
  key: string;
  path: (string | number)[];
  value: string;
  /** The string token, quotes included. */
  span: Span;
  keySpan: Span;
}

/** Every string that is the value of a property, with its path, in source order. */
export function jsonStringPairs(root: JsonNode | undefined): JsonStringPair[] {
  const result: JsonStringPair[] = [];
  const stack: { node: JsonNode; path: (string | number)[] }[] = root ? [{ node: root, path: [] }] : [];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) continue;
    if (node.type === "array") {
      // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every array its children.
      (node.children ?? []).forEach((child, i) => stack.push({ node: child, path: [...path, i] }));
      continue;
    }
    // Stryker disable next-line ConditionalExpression: a string or a number has no properties to walk either.
    if (node.type !== "object") continue;
    // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every object and property its children.
    for (const property of node.children ?? []) {
      // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every object and property its children.
      const [keyNode, valueNode] = property.children ?? [];
      // Stryker disable next-line ConditionalExpression: jsonc-parser's keys are strings; the type check narrows it.
      if (!keyNode || !valueNode || typeof keyNode.value !== "string") continue;
      const key = keyNode.value;
      if (valueNode.type === "string") {
        // Stryker disable next-line ArrayDeclaration,OptionalChaining: jsonc-parser gives every object and property its children.
        const bound = key === "value" ? boundName((node.children ?? []).map((p) => ({ key: p.children?.[0]?.value as string, value: p.children?.[1]?.value }))) : undefined;
        result.push({
          key: bound ?? key,
          path: [...path, key],
          value: valueNode.value as string,
          span: { start: valueNode.offset, end: valueNode.offset + valueNode.length },
          keySpan: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
        });
      } else {
        stack.push({ node: valueNode, path: [...path, key] });
      }
    }
  }
  return result.sort((a, b) => a.span.start - b.span.start);
}

/** The value of `key` in a JSON object node. */
export function jsonProperty(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== "object") return undefined;
  // Stryker disable next-line OptionalChaining: jsonc-parser gives every object its children and every property its key.
  return node.children?.find((property) => property.children?.[0]?.value === key)?.children?.[1];
}

/** Every property (key node, value node) anywhere below `root` whose key is in `keys`. */
export function jsonPropertiesNamed(root: JsonNode | undefined, keys: ReadonlySet<string>): { key: JsonNode; value: JsonNode }[] {
  const found: { key: JsonNode; value: JsonNode }[] = [];
  const stack: { node: JsonNode; depth: number }[] = root ? [{ node: root, depth: 0 }] : [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) continue;
    for (const child of node.children ?? []) {
      if (child.type === "property") {
        // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every property its children.
        const [key, value] = child.children ?? [];
        if (key && value && keys.has(key.value as string)) found.push({ key, value });
        if (value) stack.push({ node: value, depth: depth + 1 });
      } else {
        stack.push({ node: child, depth: depth + 1 });
      }
    }
  }
  return found;
}

/** A JSON string token's content span (inside the quotes). */
export function jsonSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/**
 * A JSON string token's content as written (`raw`, inside its quotes) decoded, with where each of its
 * characters was written: `rawOffsets[k]` is the offset in `raw` of the escape or character that
 * gives character k; one more entry, `raw.length`, ends it.
 */
export function decodeJsonString(raw: string): { value: string; rawOffsets: number[] } {
  let value = "";
  const rawOffsets: number[] = [];
  for (let i = 0; i < raw.length; ) {
    rawOffsets.push(i);
    if (raw[i] !== "\\") {
      value += raw[i++];
      continue;
    }
    const escape = raw[i + 1];
    if (escape === "u") {
      value += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      value += JSON_ESCAPES[escape] ?? escape;
      i += 2;
    }
  }
  rawOffsets.push(raw.length);
  return { value, rawOffsets };
}

const JSON_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
