import assert from "node:assert/strict";
import { FakeSecrets, lintFiles, WORKFLOW_PATH } from "../helpers.js";

const fake = new FakeSecrets(99);

describe("documents: bad YAML is a finding, never an exception", () => {
  it("a workflow with a syntax error gets one parse-error finding and still the provider scan", async () => {
    const token = `ghp_${fake.chars(36)}`;
    const text = `name: ci\non: push\njobs:\n  a:\n    runs-on: [ubuntu\n    steps:\n      - run: echo ${token}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text }]);
    assert.deepEqual(result.internalErrors, []);
    assert.equal(result.findings.filter((f) => f.ruleId === "parse-error").length, 1);
    assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1);
  });

  it("an alias bomb is not expanded", async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const text = `on: push\njobs: {}\n${lines.join("\n")}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text }]);
    assert.deepEqual(result.internalErrors, []);
  });

  it("absurd nesting is handled", async () => {
    const text = `on: push\njobs:\n  a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text }]);
    assert.equal(result.files.length, 1);
    // Read as a workflow, not failed over: no internal error, and a token inside is still found.
    assert.deepEqual(result.internalErrors, []);
    const token = `ghp_${fake.chars(36)}`;
    const deep = await lintFiles([{ path: WORKFLOW_PATH, text: `on: push\njobs:\n  a: ${"[".repeat(20000)}"${token}"${"]".repeat(20000)}\n` }]);
    assert.deepEqual(deep.internalErrors, []);
    assert.ok(deep.findings.some((f) => f.ruleId === "hardcoded-secret"));
  });

  it("findings sit on the value, with 1-based line and column", async () => {
    const key = fake.chars(32);
    const text = `on: push\nenv:\n  API_KEY: '${key}'\njobs: {}\n`;
    const [finding] = (await lintFiles([{ path: WORKFLOW_PATH, text }])).findings;
    assert.deepEqual([finding.start, finding.end], [{ line: 3, column: 13 }, { line: 3, column: 45 }]);
  });
});

describe("suppressions", () => {
  const key = fake.chars(32);
  it("nhilint-disable-next-line with a reason silences that rule on the next line", async () => {
    const text = `on: push\nenv:\n  # nhilint-disable-next-line hardcoded-secret -- public demo key, rate limited\n  API_KEY: ${key}\njobs: {}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text }]);
    assert.deepEqual(result.findings.map((f) => f.ruleId), []);
  });

  it("a suppression without a reason does not silence and is itself a finding", async () => {
    const text = `on: push\nenv:\n  # nhilint-disable-next-line hardcoded-secret\n  API_KEY: ${key}\njobs: {}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text }]);
    assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), ["hardcoded-secret", "invalid-suppression"]);
  });

  it("a suppression that matches nothing is reported", async () => {
    const text = `on: push\n# nhilint-disable-next-line hardcoded-secret -- was a key here\nenv: {}\njobs: {}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text }]);
    assert.match(result.findings[0].message, /matches no finding/);
  });
});
