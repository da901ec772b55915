// Suppression comments in each syntax (linter-core/suppressions.ts), and what happens where the Groovy
// grammar is not there (linter-core/documents/groovy.ts: a browser build without the .wasm files, or a
// loader that fails): a fresh process each, as the grammar is loaded once per process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { directiveCommentPrefix, findSuppressions } from "../../linter-core/suppressions.js";
import { LineIndex } from "../../linter-core/text.js";
import { ROOT } from "../helpers.js";

const found = (path: string, text: string) => findSuppressions(path, text, () => new LineIndex(text)).map((s) => ({ line: s.line, rules: s.rules, reason: s.reason, at: text.slice(s.span.start, s.span.end) }));

describe("suppression comments in each syntax", () => {
  it("`#` in YAML: rules split by commas and spaces, the reason after ` -- `, the span from the `#`", () => {
    const text = "a: 1\n  # nhilint-disable-next-line hardcoded-secret,  secret-in-log -- a test value -- really\nb: 2\n";
    assert.deepEqual(found("ci.yml", text), [{ line: 3, rules: ["hardcoded-secret", "secret-in-log"], reason: "a test value -- really", at: "# nhilint-disable-next-line hardcoded-secret,  secret-in-log -- a test value -- really" }]);
  });
  it("`//` and `/* … */` in TypeScript and JSONC, the block's end not in the reason; `--` with nothing after is no reason", () => {
    assert.deepEqual(found("a.ts", "/* nhilint-disable-next-line hardcoded-secret -- fixture */  \nconst x = 1;\n").map((s) => [s.rules, s.reason]), [[["hardcoded-secret"], "fixture"]]);
    assert.deepEqual(found("a.jsonc", '{\n  // nhilint-disable-next-line hardcoded-secret --\n  "k": "v"\n}\n').map((s) => [s.line, s.reason]), [[3, ""]]);
    assert.deepEqual(found("a.ts", "const s = '# nhilint-disable-next-line hardcoded-secret -- in a string';\n"), []);
  });
  it("`//` in Jenkinsfiles and the C-like languages whose source is read (Go, Java, Rust, PHP…); `#` in Python", () => {
    const slash = "// nhilint-disable-next-line hardcoded-secret -- fixture\nx := 1\n";
    for (const path of ["Jenkinsfile", "ci/Jenkinsfile.release", "vars/deploy.groovy", "main.go", "App.java", "src/lib.rs", "Config.kt", "index.php", "Program.cs"]) {
      assert.deepEqual(found(path, slash).map((s) => s.line), [2], path);
      assert.equal(directiveCommentPrefix(path), "//", path);
    }
    assert.deepEqual(found("main.go", "# nhilint-disable-next-line hardcoded-secret -- fixture\n"), [], "`#` is no comment in Go");
    assert.deepEqual(found("app.py", "# nhilint-disable-next-line hardcoded-secret -- fixture\nx = 1\n").map((s) => s.line), [2]);
    assert.deepEqual(["app.py", ".env", "ci.yml", "Dockerfile", "a.ts", "a.jsonc", "data.json", "README.md", "notes.txt"].map(directiveCommentPrefix), ["#", "#", "#", "#", "//", "//", undefined, undefined, undefined]);
  });
  it("prose files hold only examples; a file without the word is not searched", () => {
    assert.deepEqual(found("README.md", "# nhilint-disable-next-line hardcoded-secret -- example\n"), []);
    assert.deepEqual(found("notes.txt", "# nhilint-disable-next-line x -- y\n"), []);
    assert.deepEqual(found("ci.yml", "a: 1\n"), []);
  });
});

describe("Jenkinsfiles where the Groovy grammar is not there", () => {
  const probe = (setup: string) => {
    const script = `
      import { lint } from ${JSON.stringify(`${ROOT}/out/linter-core/index.js`)};
      import { registerGroovyWasm, groovyParserMissing, groovyParserLoaded } from ${JSON.stringify(`${ROOT}/out/linter-core/documents/groovy.js`)};
      import { RULES } from ${JSON.stringify(`${ROOT}/out/rules/index.js`)};
      ${setup}
      const before = groovyParserLoaded();
      const token = "ghp_" + "Zr8YbN3kVq6MwT1pLx5CjH9dFs2GaE7uRo4i";
      const result = await lint([{ path: "Jenkinsfile", text: "node {\\n  sh 'curl -H \\"Authorization: token " + token + "\\" x'\\n}\\n" }], { rules: RULES });
      console.log(JSON.stringify({ before, after: groovyParserLoaded(), missing: groovyParserMissing(), rules: result.findings.map((f) => f.ruleId), errors: result.internalErrors }));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { before: boolean; after: boolean; missing?: string; rules: string[]; errors: unknown[] };
  };

  it("none registered: the file gets the text-wide scan, and the reason is said", () => {
    const result = probe("");
    assert.deepEqual([result.before, result.after], [false, true]);
    assert.equal(result.missing, "no Groovy grammar is registered here");
    assert.ok(result.rules.includes("hardcoded-secret"), result.rules.join(" "));
    assert.deepEqual(result.errors, []);
  });

  it("a loader that fails: the same, with the loader's message; registering twice keeps the first", () => {
    const result = probe(`registerGroovyWasm({ runtime: async () => { throw new Error("no such file tree-sitter.wasm"); }, grammar: async () => new Uint8Array() }); registerGroovyWasm({ runtime: async () => { throw new Error("second"); }, grammar: async () => new Uint8Array() });`);
    assert.equal(result.missing, "the Groovy grammar could not be loaded (no such file tree-sitter.wasm)");
    assert.ok(result.rules.includes("hardcoded-secret"));
    assert.deepEqual(result.errors, []);
  });
});
