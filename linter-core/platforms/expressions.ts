// Expressions held in a string value (n8n's `={{ … }}`, Logic Apps' `@{…}`, GitHub Actions' and
// Azure Pipelines' `${{ … }}`):
// the text such a value sends as written is what the detectors judge, however the expression spells it.
import type { LiteralValue } from "../model.js";

/** An expression held in a string (n8n's `{{ … }}`, Logic Apps' `@{…}`, GitHub's `${{ … }}`): where it is written, its delimiters included, and where its code is. */
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
  // Text around what an expression reads that holds a double quote is a document's glue (JSON or XML
  // around `${{ secrets.ID }}`: `","clientSecret":"`), no value; a string literal in code may hold one.
  const glue: string[] = [];
  const endPiece = () => {
    if (text.trim() !== "") (text.includes('"') ? glue : pieces).push(text);
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
  if (!readsData && pieces.length + glue.length === 1) literal.value = pieces[0] ?? glue[0];
  else if (pieces.length > 0) literal.texts = pieces;
}

/**
 * The single-quoted string literal opening at `at` (a quote doubled inside: the quoting of Logic Apps'
 * and GitHub's expressions): its value and where it ends; undefined if it never ends.
 */
export function quotedStringAt(code: string, at: number): { value: string; end: number } | undefined {
  let value = "";
  // Stryker disable next-line EqualityOperator: past the end a character is undefined, no quote: the literal is unclosed either way
  for (let i = at + 1; i < code.length; i++) {
    if (code[i] !== "'") value += code[i];
    else if (code[i + 1] === "'") value += code[++i];
    else return { value, end: i + 1 };
  }
  return undefined;
}

/** The single-quoted string literals of an expression, where each is written. */
export function quotedStrings(code: string): { start: number; end: number; value: string }[] {
  const literals: { start: number; end: number; value: string }[] = [];
  // Stryker disable next-line EqualityOperator: past the end a character is undefined, no quote
  for (let i = 0; i < code.length; i++) {
    if (code[i] !== "'") continue;
    const literal = quotedStringAt(code, i);
    if (!literal) break;
    literals.push({ start: i, ...literal });
    i = literal.end - 1;
  }
  return literals;
}

/**
 * The single-quoted string of an expression's code that holds `code[start, end)` (a secret in it),
 * with where it is written and its text before and after that part, as written.
 */
export function heldString(code: string, start: number, end: number): { start: number; end: number; before: string; after: string } | undefined {
  // Stryker disable next-line EqualityOperator,ConditionalExpression: a secret starts after its string's quote and ends before the closing one; the first string ending after it holds it
  const held = quotedStrings(code).find((l) => l.start < start && end < l.end);
  return held && { start: held.start, end: held.end, before: code.slice(held.start + 1, start), after: code.slice(end, held.end - 1) };
}

/**
 * What an expression of single-quoted string literals and calls of one function on them evaluates to
 * (Logic Apps' `concat('a', 'b')`, GitHub's `format('{0}', 'a')`): `combine` makes a call's text of its
 * arguments'; `parens`: a value may stand in parentheses. Undefined for anything else: it reads
 * something. Calls nested deeper than any hand writes are no constant (a bound on the stack).
 */
export function constantOfCalls(code: string, call: RegExp, combine: (args: string[]) => string, parens = false): string | undefined {
  const read = (at: number, depth = 0): { value: string; end: number } | undefined => {
    while (code[at] === " " || (parens && code[at] === "(")) at++;
    if (code[at] === "'") return quotedStringAt(code, at);
    const name = call.exec(code.slice(at, at + 12));
    if (!name || depth > 20) return undefined;
    const args: string[] = [];
    for (let i = at + name[0].length; ; ) {
      const arg = read(i, depth + 1);
      if (!arg) return undefined;
      args.push(arg.value);
      i = arg.end;
      while (code[i] === " ") i++;
      if (code[i] === ")") return { value: combine(args), end: i + 1 };
      if (code[i++] !== ",") return undefined;
    }
  };
  const whole = read(0);
  return whole && (parens ? /^[\s)]*$/ : /^\s*$/).test(code.slice(whole.end)) ? whole.value : undefined;
}

/**
 * The values of an expression's string literals, less the names of what it reads: a property's
 * (after `[`: `$json['api_key']`, `body('Get')?['token']`), and those `namesWhatIsRead` tells by the
 * code before the literal (its last 200 characters, blanks trimmed). A format string's text is what
 * lies between its placeholders (`'{0:yyyyMMdd}-{1}'` sends `-` of its own: the rest is data).
 */
export function valuesOf(code: string, literals: { start: number; value: string }[], namesWhatIsRead: (before: string) => boolean): string[] {
  return literals.flatMap(({ start, value }) => {
    // Stryker disable next-line MethodExpression: a bound on the work; what decides is at the end
    const before = code.slice(Math.max(0, start - 200), start).trimEnd();
    if (before.endsWith("[") || namesWhatIsRead(before)) return [];
    return BEFORE_A_FORMAT_STRING.test(before) ? value.split(FORMAT_PLACEHOLDER) : [value];
  });
}
/** What comes before a format string: format()'s opening (GitHub's and Azure's expressions). */
const BEFORE_A_FORMAT_STRING = /(?:^|[^\w.])format[ \t]*\($/i;
/** `{0}`, `{1:yyyyMMdd}` (Azure's formats a date): what format() fills in. */
const FORMAT_PLACEHOLDER = /\{\d{1,3}(?::[^{}]{0,100})?\}/;

/**
 * Every `${{ … }}` in a string (GitHub's expressions, Azure Pipelines' template expressions): the code
 * inside and where the whole expression starts and ends. Its `}}` is outside its strings
 * (`format('{{0}}', …)`, as both read it). A scan with indexOf rather than /\$\{\{([\s\S]*?)\}\}/g,
 * which re-reads the rest of the line from every unclosed `${{` (quadratic on `${{ ${{ ${{ …`).
 */
export function* bracedExpressions(source: string): Generator<{ inner: string; start: number; end: number }> {
  let from = 0;
  for (;;) {
    const open = source.indexOf("${{", from);
    if (open === -1) return;
    const close = closingBraces(source, open + 3);
    // No `}}` after this `${{` means none after any later one either.
    if (close === -1) return;
    yield { inner: source.slice(open + 3, close), start: open, end: close + 2 };
    // Stryker disable next-line ArithmeticOperator: no `${{` starts inside the `}}` just read
    from = close + 2;
  }
}

/** The `}}` that closes an expression whose code starts at `from`, skipping its strings; a string never closed ends at the next `}}`. */
function closingBraces(source: string, from: number): number {
  // Stryker disable next-line EqualityOperator: past the end a character is undefined, neither a brace nor a quote
  for (let i = from; i < source.length; i++) {
    // Stryker disable next-line ConditionalExpression: a lone `}` outside an expression's strings closes no expression
    if (source[i] === "}" && source[i + 1] === "}") return i;
    if (source[i] !== "'") continue;
    const string = quotedStringAt(source, i);
    if (!string) return source.indexOf("}}", i);
    i = string.end - 1;
  }
  return -1;
}

/** Each `${{ … }}` of a value, as the expression readers take it. */
export const bracedCode = (value: string): EmbeddedCode[] => Array.from(bracedExpressions(value), ({ start, end }) => ({ start, end, codeStart: start + 3, codeEnd: end - 2 }));

/**
 * A string literal, or `format('…{0}…', …)` of constants (a value in parentheses too): the text it is,
 * in GitHub's and Azure's expressions alike.
 */
export const formatOfConstants = (code: string) => constantOfCalls(code, FORMAT_CALL, ([pattern, ...args]) => pattern.replace(FORMAT_TOKEN, (token, n: string | undefined) => (n === undefined ? token[0] : (args[Number(n)] ?? token))), true);
const FORMAT_CALL = /^format\s*\(/i;
// `{{` and `}}` are braces, `{N}` the Nth argument.
const FORMAT_TOKEN = /\{\{|\}\}|\{(\d+)\}/g;
