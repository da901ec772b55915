// The two small promises every output leans on: how much of a secret may be shown, and which
// comments accept a finding.
import assert from "node:assert/strict";
import { redact, redactQuoted, redactSecrets, secretFinder } from "../../linter-core/redact.js";
import { findSuppressions } from "../../linter-core/suppressions.js";
import { LineIndex } from "../../linter-core/text.js";
import { FakeSecrets } from "../helpers.js";

describe("redact: a short prefix and the length, never more", () => {
  it("shows at most 4 characters, and never more than a quarter of the value", () => {
    assert.equal(redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "ghp_… (40 chars)");
    assert.equal(redact("abcdefgh"), "ab… (8 chars)");
    assert.equal(redact("abcdefghijklmno"), "abc… (15 chars)");
    assert.equal(redact("abc"), "… (3 chars)");
  });

  it("in quoted text (a parser's message), redacts credential-shaped runs and keeps words and paths readable", () => {
    const token = new FakeSecrets(5).chars(24);
    const out = redactQuoted(`Unexpected scalar at "${token}": expected a mapping in configuration.`);
    assert.ok(!out.includes(token));
    assert.ok(out.includes(redact(token)));
    assert.match(out, /expected a mapping in configuration\./, "words stay");
    for (const kept of ["Unexpected", "configuration:", "hyphenated-words", "snake_case_name", "implicit-keys."]) assert.equal(redactQuoted(kept), kept);
    // Mixed classes: letters and digits and a symbol; or two classes and long.
    assert.equal(redactQuoted("ab12cd34!x"), redact("ab12cd34!x"));
    assert.equal(redactQuoted("abcdefgh12345678"), redact("abcdefgh12345678"));
    assert.equal(redactQuoted("abcd1234"), "abcd1234", "two classes and short: an ordinary identifier");
    assert.equal(redactQuoted("short7!"), "short7!", "under 8 characters is never a run");
    // A word is letters only (with `-`, `_`, a trailing `.` or `:`): a digit or another symbol makes it a run to judge.
    assert.equal(redactQuoted("Abcdefg1"), redact("Abcdefg1"));
    assert.equal(redactQuoted("Abcdefgh!"), redact("Abcdefgh!"));
    assert.equal(redactQuoted("Expected"), "Expected");
    assert.equal(redactQuoted("Value-Of:"), "Value-Of:");
    assert.equal(redactQuoted("sha256sum"), "sha256sum", "two classes under 16 characters");
    assert.equal(redactQuoted("1234567890123456"), "1234567890123456", "one class, however long: an offset or an id");
    assert.equal(redactQuoted("Mapping:.x"), redact("Mapping:.x"));
  });
});

describe("secretFinder: what of a text must not be shown", () => {
  const fake = new FakeSecrets(33);
  const password = fake.password(12); // letters, digits and a symbol: not one run of name characters
  const eight = fake.chars(8);
  const token = `ghp_${fake.chars(36)}`;
  const secretIn = secretFinder([password, eight, token, "short7!"]);

  it("a secret anywhere in a text, the shortest looked for (8 characters) at its very end too", () => {
    assert.equal(secretIn(`a ${password} b`), password);
    assert.equal(secretIn(`ends with ${eight}`), eight);
    assert.equal(secretIn(eight), eight);
    assert.equal(secretIn("short7! is under 8 characters"), undefined);
    // Exactly 8 characters with a symbol: no run of name characters spells it, only the value itself.
    const eightWithSymbol = fake.password(8);
    assert.equal(secretFinder([eightWithSymbol])(`x ${eightWithSymbol} y`), eightWithSymbol);
    assert.equal(secretIn("nothing here"), undefined);
  });

  it("a run of name characters that spells a secret once upper-cased without separators: the whole run", () => {
    const name = `TOKEN_${token.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_2`;
    assert.equal(secretIn(`secrets.${name} }}`), name);
    assert.equal(secretIn(`named ${eight.toUpperCase()}.`), eight.toUpperCase());
    assert.equal(secretIn(`${eight.slice(0, 7).toUpperCase()}_x`), undefined, "seven characters of it spell nothing");
  });

  it("redactSecrets shows each redacted, and leaves the rest", () => {
    assert.equal(redactSecrets(`a ${password} and ${token.toUpperCase()}!`, secretIn), `a ${redact(password)} and ${redact(token.toUpperCase())}!`);
    assert.equal(redactSecrets("GH_PAT stays", secretIn), "GH_PAT stays");
  });
});

describe("suppressions: nhilint-disable-next-line RULE -- reason", () => {
  const find = (path: string, text: string) => findSuppressions(path, text, () => new LineIndex(text));

  it("reads the rules, the reason and the line it applies to, in YAML", () => {
    const text = "env:\n  # nhilint-disable-next-line hardcoded-secret, broad-secret-scope -- a public demo key\n  KEY: x\n";
    const [s] = find("ci.yml", text);
    assert.deepEqual(s.rules, ["hardcoded-secret", "broad-secret-scope"]);
    assert.equal(s.reason, "a public demo key");
    assert.equal(s.line, 3, "the next line");
    assert.equal(text.slice(s.span.start, s.span.start + 1), "#");
    assert.equal(s.used, false);
  });

  it("a reason may hold ` -- ` itself; no reason is an empty one; several rules split by spaces or commas", () => {
    assert.equal(find("a.yml", "# nhilint-disable-next-line hardcoded-secret -- fixture -- see docs\n")[0].reason, "fixture -- see docs");
    assert.equal(find("a.yml", "# nhilint-disable-next-line hardcoded-secret\n")[0].reason, "");
    assert.equal(find("a.yml", "# nhilint-disable-next-line hardcoded-secret --\n")[0].reason, "");
    assert.deepEqual(find("a.yml", "# nhilint-disable-next-line hardcoded-secret --\n")[0].rules, ["hardcoded-secret"], "a bare `--` is no rule");
    assert.deepEqual(find("a.yml", "# nhilint-disable-next-line a b,c -- r\n")[0].rules, ["a", "b", "c"]);
  });

  it("in JS/TS and JSONC the comment is // or /* */; there, # is not a comment", () => {
    assert.equal(find("x.ts", "// nhilint-disable-next-line hardcoded-secret -- test key\nconst k = 1;\n")[0].reason, "test key");
    assert.equal(find("x.ts", "/* nhilint-disable-next-line hardcoded-secret -- test key */\nconst k = 1;\n")[0].reason, "test key");
    assert.equal(find("x.ts", "// nhilint-disable-next-line hardcoded-secret -- fixtures in a/*/b\nconst k = 1;\n")[0].reason, "fixtures in a/*/b", "only a closing */ at the end is the comment's");
    assert.equal(find("x.jsonc", "// nhilint-disable-next-line hardcoded-secret -- r\n{}\n").length, 1);
    assert.deepEqual(find("x.ts", "# nhilint-disable-next-line hardcoded-secret -- r\n"), []);
    // The directive's place starts at its comment marker, after any indentation.
    for (const [text, marker] of [["  // nhilint-disable-next-line a -- r\nx;\n", "//"], ["  /* nhilint-disable-next-line a -- r */\nx;\n", "/*"]]) {
      const [s] = find("x.ts", text);
      assert.equal(text.slice(s.span.start, s.span.start + 2), marker);
      assert.deepEqual(s.rules, ["a"]);
    }
  });

  it("only a real comment counts: not inside a string, not in prose files, not without the word", () => {
    assert.deepEqual(find("a.yml", 'run: echo "x#nhilint-disable-next-line hardcoded-secret -- r"\n'), []);
    assert.deepEqual(find("x.ts", 'const s = "// nhilint-disable-next-line hardcoded-secret -- r";\n'), []);
    assert.deepEqual(find("README.md", "# nhilint-disable-next-line hardcoded-secret -- r\n"), []);
    assert.deepEqual(find("a.yml", "# nhilint-disable-next-lines hardcoded-secret -- r\n"), []);
    assert.equal(find("a.yml", "key: 1 # nhilint-disable-next-line hardcoded-secret -- r\n").length, 1, "a trailing comment counts");
  });

  it("asks for the line index only when the file holds a directive", () => {
    let asked = 0;
    findSuppressions("a.yml", "key: value\n", () => (asked++, new LineIndex("")));
    assert.equal(asked, 0);
  });
});
