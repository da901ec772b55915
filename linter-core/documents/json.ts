// JSON (and JSONC) text → key-value string literals with exact ranges, via jsonc-parser, which
// tolerates errors and never throws. Depth-bounded like the YAML walker.
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Span } from "../model.js";
import { MAX_DEPTH } from "./yaml.js";

export type { JsonNode };

export interface JsonFile {
  root: JsonNode | undefined;
  errors: { message: string; span: Span }[];
}

export function parseJson(text: string): JsonFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
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
}

/** Every string that is the value of a property, with its path, in source order. */
export function jsonStringPairs(root: JsonNode | undefined): JsonStringPair[] {
  const result: JsonStringPair[] = [];
  const stack: { node: JsonNode; path: (string | number)[] }[] = root ? [{ node: root, path: [] }] : [];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) continue;
    if (node.type === "object") {
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode || typeof keyNode.value !== "string") continue;
        const key = keyNode.value;
        if (valueNode.type === "string") {
          result.push({ key, path: [...path, key], value: valueNode.value as string, span: { start: valueNode.offset, end: valueNode.offset + valueNode.length } });
        } else {
          stack.push({ node: valueNode, path: [...path, key] });
        }
      }
    } else if (node.type === "array") {
      (node.children ?? []).forEach((child, i) => stack.push({ node: child, path: [...path, i] }));
    }
  }
  return result.sort((a, b) => a.span.start - b.span.start);
}
