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
