// Where an offset of a low-code node's JavaScript falls (linter-core/documents/javascript.ts), and a
// JSON string decoded with where each character was written (linter-core/documents/json.ts): what the
// n8n Code node's fix needs to write valid code.
import assert from "node:assert/strict";
import { constantString, placeIn, replaceWithExpression, stringLiterals } from "../../linter-core/documents/javascript.js";
import { decodeJsonString } from "../../linter-core/documents/json.js";

/** The place of the first `X` in the code. */
const at = (code: string) => placeIn(code, code.indexOf("X"));

describe("documents: places in JavaScript", () => {
  it("code, each kind of string with where it opens and closes, a template literal", () => {
    assert.deepEqual(at("const X = 1;"), { kind: "code" });
    assert.deepEqual(at("a = 'bX c';"), { kind: "string", quote: "'", open: 4, close: 9 });
    assert.deepEqual(at('a = "X";'), { kind: "string", quote: '"', open: 4, close: 6 });
    assert.deepEqual(at("a = `b X`;"), { kind: "template" });
  });

  it("escapes and the other quotes inside a string do not end it; a string ends with its line", () => {
    assert.deepEqual(at(`a = 'it\\'s "q" X';`), { kind: "string", quote: "'", open: 4, close: 16 });
    assert.deepEqual(at("a = 'open\nb = X"), { kind: "code" });
    assert.deepEqual(at("a = 'b'; c = X"), { kind: "code" });
  });

  it("a template literal's `${…}` is code, its quotes strings, its braces counted; after it, the template again", () => {
    assert.deepEqual(at("`a ${ f({ k: 'X' }) } b`"), { kind: "string", quote: "'", open: 13, close: 15 });
    assert.deepEqual(at("`a ${ f({ k: 1 }) + X } b`"), { kind: "code" });
    assert.deepEqual(at("`a ${ {} } \"X\" b`"), { kind: "template" });
    assert.deepEqual(at("`a\n  auth(token: \"X\") }`"), { kind: "template" });
    assert.deepEqual(at("`a` + X"), { kind: "code" });
    assert.deepEqual(at("{ `a` } X"), { kind: "code" });
    assert.deepEqual(at("`a \\` X`"), { kind: "template" });
    assert.deepEqual(at("`unclosed X"), { kind: "template" });
  });

  it("at a string's quotes: the opening one is code, the closing one the string's; an unclosed string closes at the end", () => {
    assert.deepEqual(placeIn("a 'b'", 2), { kind: "code" });
    assert.deepEqual(placeIn("'ab' c", 3), { kind: "string", quote: "'", open: 0, close: 3 });
    assert.deepEqual(placeIn("a = 'abc", 6), { kind: "string", quote: "'", open: 4, close: 8 });
    assert.deepEqual(placeIn("`ab`", 3), { kind: "template" });
  });

  it("past the end: what the code ends in", () => {
    assert.deepEqual(placeIn("`abc", 10), { kind: "template" });
    assert.deepEqual(placeIn("abc", 10), { kind: "code" });
    assert.deepEqual(placeIn("`a ${ b", 20), { kind: "code" });
  });

  it("a `$` that opens no `${`, a template inside a `${…}`, braces inside an inner one", () => {
    assert.deepEqual(at("`cost $5 'X'`"), { kind: "template" });
    assert.deepEqual(at("`a ${`c`}` X"), { kind: "code" });
    assert.deepEqual(at("`a ${ { k: `b ${ c } d` } } 'X' e`"), { kind: "template" });
    // A `}` that closes an object inside a `${…}` (an inner one's too) is no end of it.
    assert.deepEqual(at("`a ${ {} + 'X' }`"), { kind: "string", quote: "'", open: 11, close: 13 });
    assert.deepEqual(at("`a ${ `b ${ {k: 1} + 'X' } c` }`"), { kind: "string", quote: "'", open: 21, close: 23 });
  });

  it("line and block comments, not strings inside them", () => {
    assert.deepEqual(at("/*/ X */"), { kind: "comment" });
    assert.deepEqual(placeIn("/* a */", 5), { kind: "comment" });
    assert.deepEqual(placeIn("// a\nb", 4), { kind: "code" });
    assert.deepEqual(at("a = 1; // 'X'"), { kind: "comment" });
    assert.deepEqual(at("/* 'a' */ X"), { kind: "code" });
    assert.deepEqual(at("/* 'a\n X */"), { kind: "comment" });
    assert.deepEqual(at("// a\nX"), { kind: "code" });
    assert.deepEqual(at("/* never closed X"), { kind: "comment" });
    assert.deepEqual(at("a / b; 'X'"), { kind: "string", quote: "'", open: 7, close: 9 });
    assert.deepEqual(at("'//' + X"), { kind: "code" });
  });
});

describe("documents: the text a JavaScript expression holds", () => {
  it("string literals joined by `+` (in parentheses or not, any quote, escapes read) are a constant", () => {
    assert.equal(constantString(" 'Bearer ' + \"abc\" "), "Bearer abc");
    assert.equal(constantString("('a' + ('b')) + `c`"), "abc");
    assert.equal(constantString("'it\\'s\\n\\x'"), "it's\nx");
    assert.equal(constantString("''"), "");
  });

  it("anything that reads something, or a `+` with nothing after it, is not", () => {
    for (const code of ["$json.a", "'a' + $json.b", "'a' 'b'", "'a' +", "", "  ", "`a ${b}`", "'unclosed", "'a\nb'", "'a' - 'b'", "\"a\"b"]) {
      assert.equal(constantString(code), undefined, code);
    }
  });

  it("the string literals inside any code, not in comments, not a template literal that reads something", () => {
    const stringValues = (code: string) => stringLiterals(code).map((literal) => literal.value);
    assert.deepEqual(stringLiterals("f('a', \"b\")"), [{ start: 2, end: 5, value: "a" }, { start: 7, end: 10, value: "b" }]);
    assert.deepEqual(stringValues("$json.key || 'abc' || \"d\\\"e\""), ["abc", 'd"e']);
    assert.deepEqual(stringValues("/* 'no' */ f('yes') // 'no'\n + 'after'"), ["yes", "after"]);
    assert.deepEqual(stringValues("`a ${ {k: 'x'}.k } b` + `plain`"), ["plain"]);
    assert.deepEqual(stringValues("'open\n'closed'"), ["closed"]);
    assert.deepEqual(stringValues("/* never closed 'x'"), []);
  });

  it("each literal's place and value: escapes read (one at the code's end reads nothing), a quote inside another kind kept, a template's `${…}` skipped to its own `}`", () => {
    assert.deepEqual(stringLiterals(`'a\\'b' "c'd" \`e"f\``), [
      { start: 0, end: 6, value: "a'b" },
      { start: 7, end: 12, value: "c'd" },
      { start: 13, end: 18, value: 'e"f' },
    ]);
    assert.deepEqual(stringLiterals("'\\n\\t\\x'"), [{ start: 0, end: 8, value: "\n\tx" }]);
    assert.deepEqual(stringLiterals("'a\\"), [], "an escape at the end, never closed");
    assert.deepEqual(stringLiterals("`${ {a: '}'} }` + 'x'"), [{ start: 18, end: 21, value: "x" }], "the `}` that closes the substitution, braces counted");
    assert.deepEqual(stringLiterals("`a ${b} c` 'y'"), [{ start: 11, end: 14, value: "y" }]);
    assert.deepEqual(stringLiterals("`$ {x}` `$x`"), [{ start: 0, end: 7, value: "$ {x}" }, { start: 8, end: 12, value: "$x" }], "a `$` that opens no substitution is text");
    assert.deepEqual(stringLiterals("`${a"), [], "a substitution never closed");
    assert.deepEqual(stringLiterals("`a\nb` 'c\nd'"), [{ start: 0, end: 5, value: "a\nb" }], "a template literal spans lines, a quoted string does not");
    assert.deepEqual(stringLiterals("a // 'b'\n'c' /* 'd' */ 'e' / 'f'"), [{ start: 9, end: 12, value: "c" }, { start: 23, end: 26, value: "e" }, { start: 29, end: 32, value: "f" }]);
    assert.deepEqual(stringLiterals("// 'a'"), []);
    assert.deepEqual(stringLiterals("`a ${ `b` } c` + 'x'"), [{ start: 17, end: 20, value: "x" }], "a template literal inside a substitution does not close the outer one");
    assert.deepEqual(stringLiterals("/*/ 'a' */ 'b'"), [{ start: 11, end: 14, value: "b" }], "a block comment's end is after its start");
    assert.deepEqual(stringLiterals("// x`\n'b'`'c'"), [{ start: 6, end: 9, value: "b" }, { start: 10, end: 13, value: "c" }], "a line comment ends at its line break, its last character no code");
    assert.deepEqual(stringLiterals("`${a}\\x`"), [], "an escape after a substitution keeps the literal one that reads something");
    assert.deepEqual(stringLiterals("'${a}'"), [{ start: 0, end: 6, value: "${a}" }], "`${` substitutes only in a template literal");
    assert.deepEqual(stringLiterals("`${ {a: 1} + `q` }` + 'y'"), [{ start: 22, end: 25, value: "y" }], "braces inside a substitution are counted to its own `}`");
  });

  it("a constant: blanks and parentheses anywhere, a tab or a line break too; nothing after the last string", () => {
    assert.equal(constantString("\t(\r\n'a'\n)\t+ ( 'b' )"), "ab");
    assert.equal(constantString("'a' )"), "a");
    assert.equal(constantString("'a' x"), undefined);
    assert.equal(constantString("x 'a'"), undefined);
    assert.equal(constantString("x + 'a' + x"), undefined, "a name is no string, even one that appears again");
  });

  it("the edit that puts an expression where a secret is: the whole string, a cut in a longer one, a template's `${…}`; none in code or a comment", () => {
    const edit = (code: string, secret: string) => {
      const start = code.indexOf(secret);
      const found = replaceWithExpression(code, start, start + secret.length, "$env.K");
      return found && code.slice(0, found.start) + found.text + code.slice(found.end);
    };
    assert.equal(edit("f('SECRET')", "SECRET"), "f($env.K)");
    assert.equal(edit('f("Bearer SECRET")', "SECRET"), 'f("Bearer " + $env.K + "")');
    assert.equal(edit("f(`a SECRET`)", "SECRET"), "f(`a ${$env.K}`)");
    assert.equal(edit("f(SECRET)", "SECRET"), undefined);
    assert.equal(edit("// SECRET", "SECRET"), undefined);
  });
});

describe("documents: a JSON string decoded with where each character was written", () => {
  it("characters, escapes of one character and \\u escapes; one offset more ends it", () => {
    const raw = String.raw`a\"b\\c\nd\u0041\/\b\f\r\t`;
    const { value, rawOffsets } = decodeJsonString(raw);
    assert.equal(value, JSON.parse(`"${raw}"`));
    assert.deepEqual(rawOffsets, [0, 1, 3, 4, 6, 7, 9, 10, 16, 18, 20, 22, 24, 26]);
  });
});
