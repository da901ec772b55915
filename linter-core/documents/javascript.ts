// Where an offset of JavaScript source falls: in a string (its quote, where it opens and closes), a
// template literal, a comment, or code. A small lexer for the program a low-code node holds (an n8n
// Code node), enough to write a fix there: strings, template literals and their `${…}` nesting,
// comments; not regular-expression literals (a quote inside one is read as a quote).

export type Place =
  | { kind: "string"; quote: "'" | '"'; open: number; close: number }
  | { kind: "template" }
  | { kind: "comment" }
  | { kind: "code" };

export function placeIn(code: string, offset: number): Place {
  // Code, a template literal, the code of a `${…}` inside it, …: each code level counts its open braces.
  // Stryker disable next-line ArrayDeclaration,StringLiteral: an empty stack, or an unnamed mode, is read as code as "code" is
  const modes: ("code" | "template")[] = ["code"];
  // Stryker disable next-line ArrayDeclaration: the outermost code's count is never read (no `${…}` to close there)
  const braces: number[] = [0];
  let i = 0;
  // Stryker disable next-line EqualityOperator: one step past the end finds nothing, as the end does
  while (i < code.length) {
    const c = code[i];
    if (modes.at(-1) === "template") {
      if (i >= offset) return { kind: "template" };
      if (c === "\\") i += 2;
      else if (c === "`") {
        modes.pop();
        i++;
      } else if (c === "$" && code[i + 1] === "{") {
        // Stryker disable next-line StringLiteral: a mode not named "template" is code
        modes.push("code");
        braces.push(0);
        i += 2;
      } else i++;
      continue;
    }
    if (i >= offset) return { kind: "code" };
    const next = code[i + 1];
    if (c === "/" && (next === "/" || next === "*")) {
      const end = next === "/" ? code.indexOf("\n", i) : code.indexOf("*/", i + 2);
      // Stryker disable next-line EqualityOperator: a comment starts at i, so its end is never at 0
      const stop = end < 0 ? code.length : next === "/" ? end : end + 2;
      if (offset < stop) return { kind: "comment" };
      i = stop;
    } else if (c === "'" || c === '"') {
      // (A `'` or `"` string ends with its line: unterminated, it closes there.)
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
      if (offset <= j) return { kind: "string", quote: c, open: i, close: j };
      i = j + 1;
    } else if (c === "`") {
      modes.push("template");
      i++;
    } else if (c === "{") {
      braces[braces.length - 1]++;
      i++;
    } else if (c === "}") {
      // The `}` that ends a `${…}` (none open inside it): back in its template literal.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the outermost code popped leaves an empty stack, read as code as it was
      const inSubstitution = modes.length > 1;
      const endsSubstitution = braces.at(-1) === 0 && inSubstitution;
      if (endsSubstitution) {
        modes.pop();
        braces.pop();
      } else braces[braces.length - 1]--;
      i++;
    } else i++;
  }
  return modes.at(-1) === "template" ? { kind: "template" } : { kind: "code" };
}

/**
 * The edit that puts the JavaScript expression `reference` where `code[start, end)` is: a whole string
 * literal becomes the expression, part of one is cut out of it (`'Bearer ' + $env.X + ''`), part of a
 * template literal becomes `${…}`. None in a comment or in code, where no string is to cut.
 */
export function replaceWithExpression(code: string, start: number, end: number, reference: string): { start: number; end: number; text: string } | undefined {
  const place = placeIn(code, start);
  if (place.kind === "template") return { start, end, text: `\${${reference}}` };
  if (place.kind !== "string") return undefined;
  if (place.open === start - 1 && place.close === end) return { start: place.open, end: place.close + 1, text: reference };
  return { start, end, text: `${place.quote} + ${reference} + ${place.quote}` };
}

const ESCAPED: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", 0: "\0" };

/**
 * The string literal opening at `at` (quoted either way, or a template literal): its value, none for a
 * template literal with a `${…}` (it reads something), and where it ends; undefined if it never ends.
 */
function stringAt(code: string, at: number): { value?: string; end: number } | undefined {
  const quote = code[at];
  if (quote !== "'" && quote !== '"' && quote !== "`") return undefined;
  let value: string | undefined = "";
  // Stryker disable next-line EqualityOperator: past the end a character is undefined, read as text of a literal never closed: undefined either way
  for (let i = at + 1; i < code.length; i++) {
    const c = code[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === "\\") {
      const escaped = code[++i];
      // Stryker disable next-line StringLiteral: a `\\` at the code's end leaves the literal unclosed: undefined whatever it adds
      value = value === undefined ? undefined : value + (ESCAPED[escaped] ?? escaped ?? "");
    } else if (c === "\n" && quote !== "`") return undefined;
    else if (c === "$" && quote === "`" && code[i + 1] === "{") {
      // To the `}` that closes it (a nested template literal's own are not told apart: a bound guess).
      value = undefined;
      // Stryker disable next-line EqualityOperator: past the end a character is undefined, no brace: the literal is unclosed either way
      for (let depth = 0; ++i < code.length; ) {
        if (code[i] === "{") depth++;
        else if (code[i] === "}" && --depth === 0) break;
      }
    } else if (value !== undefined) value += c;
  }
  return undefined;
}

/**
 * What an expression made of string literals joined by `+` (in parentheses or not) evaluates to:
 * `'Bearer ' + "abc"` is `Bearer abc`. Undefined for any other expression: it reads something.
 */
export function constantString(code: string): string | undefined {
  let value = "";
  let wantsString = true;
  for (let i = 0; i < code.length; ) {
    const c = code[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "(" || c === ")") i++;
    else if (wantsString) {
      const literal = stringAt(code, i);
      if (literal?.value === undefined) return undefined;
      value += literal.value;
      i = literal.end;
      wantsString = false;
    } else if (c === "+") {
      wantsString = true;
      i++;
    } else return undefined;
  }
  return wantsString ? undefined : value;
}

/** The string literals in code (a template literal only when it has no `${…}`), not in comments: where each opens and ends, and its value. */
export function stringLiterals(code: string): { start: number; end: number; value: string }[] {
  const literals: { start: number; end: number; value: string }[] = [];
  // Stryker disable next-line EqualityOperator: past the end a character is undefined, neither a comment nor a quote
  for (let i = 0; i < code.length; ) {
    const c = code[i];
    if (c === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      const line = code[i + 1] === "/";
      const end = line ? code.indexOf("\n", i) : code.indexOf("*/", i + 2);
      // Stryker disable next-line EqualityOperator: a comment starts at i, so its end is never at 0
      i = end < 0 ? code.length : line ? end + 1 : end + 2;
    } else {
      // (stringAt reads a literal only at a quote.)
      const literal = stringAt(code, i);
      if (literal?.value !== undefined) literals.push({ start: i, end: literal.end, value: literal.value });
      i = literal?.end ?? i + 1;
    }
  }
  return literals;
}
