// Offsets, lines and quotes (linter-core/text.ts): what every finding's place is computed with.
import assert from "node:assert/strict";
import type { LiteralValue } from "../../linter-core/model.js";
import MarkdownIt from "markdown-it";
import { escapeRegExp, LineIndex, markdownCode, markdownLiteral, matchesOf, valueTextSpan } from "../../linter-core/text.js";

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

describe("text: a regex's matches", () => {
  it("every match in order; an empty match moves on a character (it would be found again at the same place)", () => {
    assert.deepEqual([...matchesOf("a1b22", /\d+/g)].map((m) => `${m.index}:${m[0]}`), ["1:1", "3:22"]);
    assert.deepEqual([...matchesOf("ab", /x*/g)].map((m) => m.index), [0, 1, 2]);
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
      // A quote inside or at the end only, one opening the value, a lone quote, a triple quote too short to close.
      ['a"b"', 'a"b"', [0, 4]], ['"abc', "abc", [0, 4]], ['"a"', '"a', [0, 3]], ['"', "x", [0, 1]], ["''''", "x", [0, 4]],
    ] as const) {
      const span = valueTextSpan(text, literal(text, value));
      assert.deepEqual([span.start, span.end], expected, text);
    }
  });
  it("only the literal's own text is read, wherever it starts: not the quotes or blanks after it", () => {
    const at = (text: string, start: number, end: number, value: string) => valueTextSpan(text, { ...literal(text, value), span: { start, end } });
    assert.deepEqual(at('x: "abc" y', 3, 8, "abc"), { start: 4, end: 7 });
    // One quote alone, after other text.
    assert.deepEqual(at('k: "', 3, 4, ""), { start: 3, end: 4 });
    // `""` followed by a third quote that is not the literal's.
    assert.deepEqual(at('k: """', 3, 5, ""), { start: 4, end: 4 });
    // An empty block scalar followed by blanks of the next line.
    assert.deepEqual(at("k: |\n   \nz", 3, 5, ""), { start: 5, end: 5 });
  });

  it("a YAML block scalar's value is its lines after the header (any indicators, a comment, \\r\\n), without the blanks around; a value that merely starts with `|` is itself", () => {
    for (const [text, value, expected] of [
      ["|\n  abc\n", "abc\n", [4, 7]], [">-\n  abc", "abc", [5, 8]], ["|2+\n    abc\n\n", "  abc\n\n", [8, 11]], ["|-9\n abc", "abc", [5, 8]],
      ["| # note abc\n  abc\n", "abc\n", [15, 18]], ["|\r\n  a b\r\n  c\r\n", "a b\nc\n", [5, 13]], ["|\n", "", [2, 2]],
      ['"|abc"', "|abc", [1, 5]], ["|abc", "|abc", [0, 4]], ["|x\n  abc", "|x abc", [0, 8]], ["|++\n  abc", "|++ abc", [0, 9]],
    ] as const) {
      const span = valueTextSpan(text, literal(text, value));
      assert.deepEqual([span.start, span.end], expected, JSON.stringify(text));
    }
  });
});

describe("text: user text inside Markdown (the editor's hovers)", () => {
  // What a reader sees: the Markdown rendered by a CommonMark renderer (with GFM's tables and
  // strikethrough, as VS Code's hover has), tags dropped and entities read back.
  const renderer = new MarkdownIt({ html: true, linkify: false });
  const shown = (markdown: string) =>
    renderer.render(markdown).trim().replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  const texts = [
    "Publish packages to npm <registry> *only*",
    "see [docs](https://x.example) & ![img](a.png) `code` **bold** __b__ _i_ ~~gone~~",
    "a | table | cell",
    "&amp; &#65; &copy; stay as typed",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "12. nor this",
    "back\\slash \\* and \\_",
    "<script>alert(1)</script>",
    "@acme/release-eng (backup @acme_platform_)",
  ];
  it("markdownLiteral: every text shows as typed, in a sentence or opening a line", () => {
    for (const text of texts) {
      assert.equal(shown(`**Purpose:** ${markdownLiteral(text)}`), `Purpose: ${text}`, text);
      assert.equal(shown(markdownLiteral(text)), text, text);
    }
  });
  it("markdownLiteral: no tag and no link reaches the page", () => {
    for (const text of texts) assert.ok(!/<(?!\/?(?:p|strong)>)/.test(renderer.render(markdownLiteral(text))), text);
  });
  it("markdownLiteral: line breaks read as spaces (a purpose written as a YAML block), the ends trimmed", () => {
    assert.equal(markdownLiteral("Publish\n  # packages\r\n"), "Publish \\# packages");
    assert.equal(shown(markdownLiteral("    2. indented")), "2. indented");
    assert.equal(shown(markdownLiteral("one\n- two")), "one - two");
  });
  it("markdownLiteral: VS Code's theme icons ($(name)) are escaped as VS Code escapes them", () => {
    assert.equal(markdownLiteral("$(zap) run"), "\\$\\(zap\\) run");
  });
  it("markdownLiteral escapes a number's dot only where it would open a list", () => {
    assert.equal(markdownLiteral("version 2. done"), "version 2. done");
    assert.equal(markdownLiteral("12. items"), "12\\. items");
  });

  it("markdownCode: the fence is one backtick longer than the longest run inside; padded only where a backtick opens or ends the text; line breaks are one space", () => {
    assert.equal(markdownCode("plain"), "`plain`");
    assert.equal(markdownCode("a`b"), "``a`b``");
    assert.equal(markdownCode("`a"), "`` `a ``");
    assert.equal(markdownCode("a\r\n\nb"), "`a b`");
  });

  it("markdownCode: a code span shows the text as typed, backticks included", () => {
    for (const text of ["plain/path.yml", "a`b", "``double`` inside", "`starts", "ends`", "*not bold* <b>"]) {
      const html = renderer.renderInline(markdownCode(text));
      assert.match(html, /^<code>.*<\/code>$/, text);
      assert.equal(shown(markdownCode(text)), text, text);
    }
  });
});
