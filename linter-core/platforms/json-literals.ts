// Shared by the JSON platforms: every string property as a literal, and replacing part of a JSON
// string while keeping it valid JSON.
import type { LiteralValue, Span } from "../model.js";
import { jsonStringPairs, type JsonNode } from "../documents/json.js";

export function jsonLiterals(root: JsonNode | undefined): LiteralValue[] {
  return jsonStringPairs(root).map((pair) => ({ ...pair, role: "assignment" as const, scope: {} }));
}

/**
 * The JSON string `literal` with the secret at `secret` replaced: `whole(name)` when the secret is
 * the whole value, else `inside(before, after)` of the decoded string. Returns the new token, quoted.
 */
export function replaceInJsonString(literal: LiteralValue, secret: Span, text: string, whole: string, inside: (before: string, after: string) => string): { span: Span; text: string } {
  const raw = text.slice(literal.span.start + 1, literal.span.end - 1);
  const secretText = text.slice(secret.start, secret.end);
  if (secretText === literal.value.trim()) return { span: literal.span, text: JSON.stringify(whole) };
  // Escapes in the string would shift offsets: locate the secret in the decoded value instead.
  const at = raw === literal.value ? secret.start - literal.span.start - 1 : literal.value.indexOf(secretText);
  if (at < 0) return { span: secret, text: whole };
  return { span: literal.span, text: JSON.stringify(inside(literal.value.slice(0, at), literal.value.slice(at + secretText.length))) };
}
