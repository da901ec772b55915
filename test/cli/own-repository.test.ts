// This repository passes its own scan: a detector made sharper can find new values in files no commit
// touched (the hook lints only what is staged), such as the made-up credentials of these tests.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLI, ROOT } from "../helpers.js";

describe("cli: this repository", function () {
  this.timeout(120_000);
  it("passes its own scan (each made-up credential of the tests accepted with its reason)", function () {
    // (A copy without git, as a mutation-testing sandbox is, would be read without .gitignore.)
    if (!existsSync(join(ROOT, ".git"))) this.skip();
    const run = spawnSync(process.execPath, [CLI, "--format", "json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
    const report = JSON.parse(run.stdout) as { findings: { path: string; line: number; ruleId: string }[] };
    assert.deepEqual(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`), []);
    assert.equal(run.status, 0, run.stderr);
  });
});
