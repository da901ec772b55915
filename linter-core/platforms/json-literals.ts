// Shared by the JSON platforms: every string property as a literal, and replacing part of a JSON
// string while keeping it valid JSON.
import type { LiteralValue, Span } from "../model.js";
import { jsonStringPairs, type JsonNode } from "../documents/json.js";

export function jsonLiterals(root: JsonNode | undefined): LiteralValue[] {
  // Field by field, not `{ ...pair }`: a JSON file can hold a hundred thousand strings, and spreading
  // each one cost more than parsing it.
  return jsonStringPairs(root).map(({ key, path, value, span, keySpan }) => ({ key, path, value, span, keySpan, role: "assignment", scope: {} }));
}

/**
 * Edits that put `reference` where the secret is in the JSON string `literal`: the whole string
 * becomes `JSON.stringify(whole)` when the secret is all of it; otherwise only the secret's own span
 * is replaced (plus `prefix` inserted after the opening quote, when given). Never a rewrite of the
 * whole string, which would copy a second secret in the same string into the fix.
 */
export function replaceInJsonString(literal: LiteralValue, secret: Span, text: string, whole: string, inner: string, prefix?: string): { span: Span; text: string }[] {
  const secretText = text.slice(secret.start, secret.end);
  if (secretText === literal.value.trim()) return [{ span: literal.span, text: JSON.stringify(whole) }];
  const opening = literal.span.start + 1;
  const edits = [{ span: secret, text: JSON.stringify(inner).slice(1, -1) }];
  return prefix ? [{ span: { start: opening, end: opening }, text: prefix }, ...edits] : edits;
}

/** An edit of a JSON string's decoded text (`rawOffsets` from decodeJsonString, the string's content from `contentStart`) as an edit of the JSON text. */
export function jsonEdit(edit: { start: number; end: number; text: string } | undefined, contentStart: number, rawOffsets: number[]): { span: Span; text: string }[] | undefined {
  return edit && [{ span: { start: contentStart + rawOffsets[edit.start], end: contentStart + rawOffsets[edit.end] }, text: JSON.stringify(edit.text).slice(1, -1) }];
}
