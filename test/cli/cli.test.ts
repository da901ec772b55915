import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(5);
const apiKey = fake.chars(32);
const token = `ghp_${fake.chars(36)}`;
const secretWorkflow = `name: ci\non: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./build.sh\n        env:\n          API_KEY: ${apiKey}\n          GH_PAT: ${token}\n`;
const cleanWorkflow = `name: ci\non: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`;

describe("cli: exit codes, formats and secrets", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.remove());

  it("exit 0 and a clean summary when there is nothing to report", async () => {
    repo.write(".github/workflows/ci.yml", cleanWorkflow);
    const run = await repo.nhilint();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /no problems in 1 file/);
  });

  it("stylish: file, line:col, severity, message, rule id and how to fix; exit 1; no secret", async () => {
    repo.write(".github/workflows/ci.yml", secretWorkflow);
    const run = await repo.nhilint();
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^\.github\/workflows\/ci\.yml$/m);
    assert.match(run.stdout, /^ {2}11:20 +error +Hardcoded credential-like value under `API_KEY` .* hardcoded-secret$/m);
    assert.match(run.stdout, /fix: Store it as a secret named API_KEY and reference it as \$\{\{ secrets\.API_KEY \}\}/);
    assert.match(run.stdout, /2 problems \(2 errors, 0 warnings\)/);
    for (const secret of [apiKey, token]) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret));
  });

  it("a key file named after its token: its path is shown redacted in every format (a fix's edits of it too), the staged hook too; the baseline still accepts it", async () => {
    repo.write(`keys/${token}.txt`, `${token}\n`);
    // A workflow of that name: its findings carry fixes whose edits name the file (JSON lists them).
    repo.write(`.github/workflows/${token}.yml`, secretWorkflow);
    repo.git("add", "-A");
    for (const args of [[], ["--staged"], ...["json", "sarif", "github", "gitlab"].map((format) => ["--format", format])]) {
      const run = await repo.nhilint(...args);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.ok(!run.stdout.includes(token.slice(4)) && !run.stderr.includes(token.slice(4)), `${args.join(" ")} holds the token`);
    }
    assert.match((await repo.nhilint()).stdout, /^keys\/ghp_… \(40 chars\)\.txt$/m);
    // Fingerprints are of the real path: accepted, it stays accepted.
    const update = await repo.nhilint("--update-baseline");
    assert.equal(update.code, 0);
    assert.match(update.stderr, /accepted keys\/ghp_… \(40 chars\)\.txt:1:/);
    assert.ok(!update.stderr.includes(token.slice(4)), "--update-baseline names the token");
    assert.equal((await repo.nhilint()).code, 0);
  });

  it("json: the documented shape, no secret", async () => {
    repo.write(".github/workflows/ci.yml", secretWorkflow);
    const run = await repo.nhilint("--format", "json");
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(Object.keys(report.summary), ["files", "errors", "warnings", "baselined", "suppressed", "staleBaselineEntries"]);
    const finding = report.findings[0];
    assert.deepEqual(
      { ruleId: finding.ruleId, severity: finding.severity, path: finding.path, line: finding.line, column: finding.column, endColumn: finding.endColumn },
      { ruleId: "hardcoded-secret", severity: "error", path: ".github/workflows/ci.yml", line: 11, column: 20, endColumn: 52 },
    );
    assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(finding.fixes[0].edits[0].text, "${{ secrets.API_KEY }}");
    for (const secret of [apiKey, token]) assert.ok(!run.stdout.includes(secret));
  });

  it("sarif: 2.1.0 with rules, levels, relative URIs, regions and partial fingerprints; no secret", async () => {
    repo.write(".github/workflows/ci.yml", secretWorkflow);
    repo.write(".github/workflows/refs.yml", `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          T: \${{ secrets.DEPLOY_TOKEN }}\n`);
    const run = await repo.nhilint("--format", "sarif", "--output", "out.sarif");
    assert.equal(run.code, 1);
    const text = readFileSync(join(repo.dir, "out.sarif"), "utf8");
    const log = JSON.parse(text);
    assert.equal(log.version, "2.1.0");
    const sarifRun = log.runs[0];
    const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(ruleIds.includes("hardcoded-secret") && ruleIds.includes("unowned-connector"));
    const result = sarifRun.results[0];
    assert.equal(result.ruleId, "hardcoded-secret");
    assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, "hardcoded-secret");
    assert.equal(result.level, "error");
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, ".github/workflows/ci.yml");
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 11, startColumn: 20, endLine: 11, endColumn: 52 });
    assert.match(Object.values(result.partialFingerprints)[0] as string, /^[0-9a-f]{32}$/);
    // Every result points at its own rule, not only the first.
    assert.ok(sarifRun.results.length >= 3);
    for (const r of sarifRun.results) assert.equal(sarifRun.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.ok(new Set(sarifRun.results.map((r: { ruleIndex: number }) => r.ruleIndex)).size >= 2);
    for (const secret of [apiKey, token]) assert.ok(!text.includes(secret));
  });

  it("honours .gitignore and lints untracked files", async () => {
    repo.write(".gitignore", "build/\n");
    repo.write("build/ci.yml", secretWorkflow);
    repo.write(".github/workflows/ci.yml", cleanWorkflow);
    const run = await repo.nhilint();
    assert.equal(run.code, 0, run.stdout);
    // An untracked, not ignored file is linted (git ls-files --others).
    repo.write("deploy/untracked.yml", secretWorkflow);
    const untracked = await repo.nhilint("--format", "json");
    assert.equal(untracked.code, 1);
    const paths = new Set(JSON.parse(untracked.stdout).findings.map((f: { path: string }) => f.path));
    assert.deepEqual([...paths], ["deploy/untracked.yml"]);
  });

  it("usage errors exit 2 with a message that says what", async () => {
    const missing = await repo.nhilint("no-such-folder");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-folder: no such file or directory/);
    const badFormat = await repo.nhilint("--format", "xml");
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /Allowed choices are stylish, json, sarif/);
  });

  it("a bad .nhilint.yaml exits 2 naming the file, line and column", async () => {
    repo.write(".nhilint.yaml", "rules:\n  hardcoded-secret: loud\n");
    const run = await repo.nhilint();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.nhilint\.yaml:2:21: rule `hardcoded-secret`: severity must be error, warning or off/);
    assert.ok(!/\n\s+at /.test(run.stderr), "no stack trace");
  });

  it(".nhilint.yaml turns rules off and ignores paths", async () => {
    repo.write(".github/workflows/ci.yml", secretWorkflow);
    repo.write("fixtures/ci.yml", secretWorkflow);
    const rulesFound = async () => new Set(JSON.parse((await repo.nhilint("--format", "json")).stdout).findings.map((f: { ruleId: string }) => f.ruleId));
    // Without the config the workflow triggers the rule that is then turned off.
    repo.write(".github/workflows/refs.yml", `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          T: \${{ secrets.DEPLOY_TOKEN }}\n`);
    assert.ok((await rulesFound()).has("unowned-connector"));
    repo.write(".nhilint.yaml", "ignore:\n  - fixtures/\nrules:\n  unowned-connector: off\n  hardcoded-secret: warning\n");
    const run = await repo.nhilint("--format", "json");
    const report = JSON.parse(run.stdout);
    assert.ok(report.findings.length > 0 && report.findings.every((f: { path: string }) => f.path.startsWith(".github/workflows/")));
    assert.ok(!(await rulesFound()).has("unowned-connector"));
    assert.ok(report.findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret").every((f: { severity: string }) => f.severity === "warning"));
  });

  it("a path named on the command line whose every file is ignored is said to be (not a bare \"0 files\"); a path with one linted file is not", async () => {
    repo.write("fixtures/ci.yml", secretWorkflow);
    repo.write("fixtures/more/b.yml", secretWorkflow);
    repo.write(".nhilint.yaml", "ignore:\n  - fixtures/\n");
    const run = await repo.nhilint("fixtures");
    assert.equal(run.code, 0);
    assert.match(run.stdout, /fixtures: not linted: every file there is ignored by the `ignore` globs of \.nhilint\.yaml \(name another configuration with --config\)/);
    assert.match(run.stdout, /no problems in 0 files/);
    const json = JSON.parse((await repo.nhilint("fixtures", "--format", "json")).stdout);
    assert.deepEqual(json.notices.map((n: { path: string }) => n.path), ["fixtures"]);
    // Another configuration reads them.
    repo.write("all.yaml", "rules: {}\n");
    assert.equal((await repo.nhilint("fixtures", "--config", "all.yaml")).code, 1);
    // Something linted there, or the whole repository: no such notice.
    repo.write("fixtures/README.md", "# fixtures\n");
    repo.write(".nhilint.yaml", "ignore:\n  - fixtures/**/*.yml\n");
    assert.doesNotMatch((await repo.nhilint("fixtures")).stdout, /not linted/);
    repo.write(".nhilint.yaml", "ignore:\n  - '**'\n");
    assert.doesNotMatch((await repo.nhilint()).stdout, /not linted/);
  });

  it("--max-warnings makes warnings block", async () => {
    repo.write(".github/workflows/ci.yml", `on: push\njobs:\n  a: [\n`);
    assert.equal((await repo.nhilint()).code, 0);
    const run = await repo.nhilint("--max-warnings", "0");
    assert.equal(run.code, 1);
    assert.match(run.stdout, /parse-error/);
    // At the limit is within it: N warnings with --max-warnings N pass, N - 1 block; a clean repository passes 0.
    const warnings = JSON.parse((await repo.nhilint("--format", "json")).stdout).summary.warnings as number;
    assert.ok(warnings >= 1);
    assert.equal((await repo.nhilint("--max-warnings", String(warnings))).code, 0);
    assert.equal((await repo.nhilint("--max-warnings", String(warnings - 1))).code, 1);
    repo.write(".github/workflows/ci.yml", cleanWorkflow);
    assert.equal((await repo.nhilint("--max-warnings", "0")).code, 0);
  });

  it("--staged is never the whole repository: staging only the inventory does not call every record unused", async () => {
    repo.write(".github/workflows/ci.yml", `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          T: \${{ secrets.DEPLOY_TOKEN }}\n`);
    repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    owner: "@acme/ops"\n    purpose: Deploy\n    expires: 2099-01-01\n  - name: OLD_TOKEN\n    owner: "@acme/ops"\n    purpose: Gone\n    expires: 2099-01-01\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "both");
    repo.write("nhi-inventory.yaml", readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8").replace("purpose: Gone", "purpose: Gone soon"));
    repo.git("add", "nhi-inventory.yaml");
    const staged = JSON.parse((await repo.nhilint("--staged", "--format", "json")).stdout);
    assert.deepEqual(staged.findings.filter((f: { ruleId: string }) => f.ruleId === "stale-connector"), []);
    // The whole repository does know OLD_TOKEN is unused, and DEPLOY_TOKEN is not.
    const whole = JSON.parse((await repo.nhilint("--format", "json")).stdout);
    assert.deepEqual(whole.findings.filter((f: { ruleId: string }) => f.ruleId === "stale-connector").map((f: { connector: string }) => f.connector), ["OLD_TOKEN"]);
  });

  it("a baseline entry that matches nothing any more is counted and named, on whole-repository runs only", async () => {
    repo.write(".github/workflows/ci.yml", secretWorkflow);
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    repo.write(".github/workflows/ci.yml", cleanWorkflow);
    const json = JSON.parse((await repo.nhilint("--format", "json")).stdout);
    assert.equal(json.summary.staleBaselineEntries, 2);
    assert.match((await repo.nhilint()).stdout, /2 baseline entries match nothing any more/);
    repo.git("add", "-A");
    assert.doesNotMatch((await repo.nhilint("--staged")).stdout, /match nothing/);
  });

  it("a baseline accepts today's findings and blocks only new ones", async () => {
    repo.write(".github/workflows/ci.yml", secretWorkflow);
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    const baseline = readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8");
    assert.ok(!baseline.includes(apiKey) && !baseline.includes(token.slice(0, 10)));
    assert.equal((await repo.nhilint()).code, 0);
    repo.write(".github/workflows/other.yml", secretWorkflow.replace(apiKey, fake.chars(32)));
    const run = await repo.nhilint();
    assert.equal(run.code, 1);
    assert.match(run.stdout, /other\.yml/);
    assert.doesNotMatch(run.stdout, /^\.github\/workflows\/ci\.yml$/m);
  });

  it("--help answers and exits 0", async () => {
    const run = await repo.nhilint("--help");
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--staged/);
    assert.match(run.stdout, /Exit codes/);
  });
});
