// Reports that hide nothing (issue 13, in part): accepted findings stay in JSON and SARIF, marked as
// suppressed; accepting a secret is loud; two copies of one secret are two alerts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Log } from "sarif";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(1313);
const first = `ghp_${fake.chars(36)}`;
const second = `glpat-${fake.chars(20)}`;
const workflow = `on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: make
        env:
          GH_PAT: ${first}
          # nhilint-disable-next-line hardcoded-secret -- a revoked demo token kept for the training deck
          DEMO_TOKEN: ${second}
`;

describe("accepted findings are reported, not dropped", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/ci.yml", workflow);
  });
  afterEach(() => repo.remove());

  it("--update-baseline says, per secret, that it must still be rotated", () => {
    const run = repo.nhilint("--update-baseline");
    assert.equal(run.code, 0);
    assert.match(run.stderr, /accepted \.github\/workflows\/ci\.yml:10: Hardcoded GitHub personal access token.*rotate it at the provider/);
    assert.ok(!run.stderr.includes(first));
  });

  it("stylish lists accepted secrets to rotate and counts what it hides; --show-suppressed lists all", () => {
    assert.equal(repo.nhilint("--update-baseline").code, 0);
    const run = repo.nhilint();
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /Accepted secrets — rotate them \(2\):/);
    assert.match(run.stdout, /ci\.yml:10 .*\(baseline\)/);
    assert.match(run.stdout, /ci\.yml:12 .*\(a revoked demo token kept for the training deck\)/);
    assert.match(run.stdout, /2 accepted finding\(s\) not shown \(1 by nhilint-disable comments, 1 by the baseline\)/);
    const all = repo.nhilint("--show-suppressed");
    assert.match(all.stdout, /Suppressed\n.*ci\.yml:10:\d+ .*hardcoded-secret, baseline/);
    assert.ok(!(run.stdout + all.stdout).includes(first) && !(run.stdout + all.stdout).includes(second));
  });

  it("JSON and SARIF hold every finding, the accepted ones marked with how they were accepted", () => {
    assert.equal(repo.nhilint("--update-baseline").code, 0);
    const json = JSON.parse(repo.nhilint("--format", "json").stdout) as { findings: unknown[]; suppressed: { line: number; suppression: { kind: string; justification: string } }[]; summary: { suppressed: number } };
    assert.equal(json.summary.suppressed, 2);
    assert.deepEqual(
      json.suppressed.map((f) => [f.line, f.suppression.kind]),
      [
        [10, "external"],
        [12, "inSource"],
      ],
    );
    const sarif = JSON.parse(repo.nhilint("--format", "sarif").stdout) as Log;
    const results = sarif.runs[0].results!.filter((r) => r.ruleId === "hardcoded-secret");
    assert.equal(results.length, 2, "both secrets are results");
    assert.deepEqual(results.map((r) => r.suppressions?.[0].kind).sort(), ["external", "inSource"]);
    assert.equal(results.find((r) => r.suppressions?.[0].kind === "inSource")!.suppressions![0].justification, "a revoked demo token kept for the training deck");
    assert.ok(results.every((r) => typeof r.rank === "number"));
    const rule = sarif.runs[0].tool.driver.rules!.find((r) => r.id === "hardcoded-secret")!;
    assert.match(rule.help!.markdown!, /## How to fix/);
    const text = readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8") + JSON.stringify(sarif);
    assert.ok(!text.includes(first) && !text.includes(second));
  });
});

describe("two copies of one secret", () => {
  it("are two findings with their own fingerprints; the first keeps the fingerprint of a single copy", () => {
    const repo = new TempRepo();
    try {
      const single = `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${first}\n`;
      repo.write(".github/workflows/ci.yml", single);
      const one = JSON.parse(repo.nhilint("--format", "json").stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret");
      repo.write(".github/workflows/ci.yml", `${single}      - run: make release\n        env:\n          RELEASE_PAT: ${first}\n`);
      const two = JSON.parse(repo.nhilint("--format", "json").stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret");
      assert.equal(two.length, 2);
      assert.notEqual(two[0].fingerprint, two[1].fingerprint);
      assert.equal(two[0].fingerprint, one[0].fingerprint);
    } finally {
      repo.remove();
    }
  });
});
