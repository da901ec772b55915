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

/** An expression held in a string (n8n's `{{ … }}`, Logic Apps' `@{…}`): where it is written, its delimiters included, and where its code is. */
export interface EmbeddedCode {
  start: number;
  end: number;
  codeStart: number;
  codeEnd: number;
}

/**
 * The language of the expressions a string holds: whether an expression's code is a constant (the
 * text it evaluates to), and the values of the string literals in code that reads something.
 */
export interface ExpressionLanguage {
  constant(code: string): string | undefined;
  strings(code: string): string[];
}

/**
 * What a string holding expressions sends as written, judged as the value would be (`literal.value`
 * when it is all text, else `literal.texts`): the text outside the expressions, where one that is
 * a constant is text too (`Bearer {{ 'abc' }}` is `Bearer abc`); one that reads something ends a
 * piece, and each of its string literals is one (a fallback, `{{ $json.key || 'abc' }}`). A value
 * that reads something stays as written (a reference: a JSON body around `{{ $json.q }}` is still JSON).
 */
export function judgeExpressionText(literal: LiteralValue, from: number, expressions: EmbeddedCode[], language: ExpressionLanguage): void {
  const value = literal.value;
  const pieces: string[] = [];
  let readsData = false;
  let text = "";
  const endPiece = () => {
    if (text.trim() !== "") pieces.push(text);
    text = "";
  };
  for (const { start, end, codeStart, codeEnd } of expressions) {
    text += value.slice(from, start);
    const code = value.slice(codeStart, codeEnd);
    const constant = language.constant(code);
    if (constant !== undefined) text += constant;
    else {
      readsData = true;
      endPiece();
      pieces.push(...language.strings(code).filter((piece) => piece.trim() !== ""));
    }
    from = end;
  }
  text += value.slice(from);
  endPiece();
  if (!readsData && pieces.length === 1) literal.value = pieces[0];
  else if (pieces.length > 0) literal.texts = pieces;
}

/** An edit of a JSON string's decoded text (`rawOffsets` from decodeJsonString, the string's content from `contentStart`) as an edit of the JSON text. */
export function jsonEdit(edit: { start: number; end: number; text: string } | undefined, contentStart: number, rawOffsets: number[]): { span: Span; text: string }[] | undefined {
  return edit && [{ span: { start: contentStart + rawOffsets[edit.start], end: contentStart + rawOffsets[edit.end] }, text: JSON.stringify(edit.text).slice(1, -1) }];
}
