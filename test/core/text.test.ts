// Offsets, lines and quotes (linter-core/text.ts): what every finding's place is computed with.
import assert from "node:assert/strict";
import type { LiteralValue } from "../../linter-core/model.js";
import { escapeRegExp, LineIndex, quotedValueSpan } from "../../linter-core/text.js";

describe("text: lines and positions", () => {
  const text = "ab\ncd\n\nefg";
  const index = new LineIndex(text);
  it("offsets map to 1-based lines and columns, on each line's first and last character and past the end", () => {
    assert.deepEqual([0, 1, 2, 3, 5, 6, 7, 10, 11].map((o) => index.position(o)), [
      { line: 1, column: 1 }, { line: 1, column: 2 }, { line: 1, column: 3 }, { line: 2, column: 1 }, { line: 2, column: 3 },
      { line: 3, column: 1 }, { line: 4, column: 1 }, { line: 4, column: 4 }, { line: 4, column: 5 },
    ]);
  });
});

describe("text: literal matching and quotes", () => {
  it("every regex metacharacter is matched as itself", () => {
    const special = "a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o";
    assert.ok(new RegExp(`^${escapeRegExp(special)}$`).test(special));
    assert.ok(!new RegExp(`^${escapeRegExp(special)}$`).test(special.replace(".", "x")));
  });
  const literal = (text: string, value: string): LiteralValue => ({ key: "k", path: ["k"], value, span: { start: 0, end: text.length }, role: "assignment", scope: {} });
  it("a value's span is inside its quotes: single, double, backtick, triple; not when the value itself starts with the quote, nor when unclosed", () => {
    for (const [text, value, expected] of [
      ['"abc"', "abc", [1, 4]], ["'abc'", "abc", [1, 4]], ["`abc`", "abc", [1, 4]], ["'''abc'''", "abc", [3, 6]], ['"""abc"""', "abc", [3, 6]],
      ["abc", "abc", [0, 3]], ['"abc', '"abc', [0, 4]], ['"a"', '"a"', [0, 3]], ['""', "", [1, 1]], ["'''", "'''", [0, 3]],
    ] as const) {
      const span = quotedValueSpan(text, literal(text, value));
      assert.deepEqual([span.start, span.end], expected, text);
    }
  });
});
