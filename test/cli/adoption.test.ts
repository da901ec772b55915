// What a team meets first (issue 12): the hook in every clone, what is linted, output for CI
// platforms, and a command line that behaves in pipes and terminals. Real repositories, the built CLI.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useColor } from "../../cli/color.js";
import { CLI, FakeSecrets, ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

const token = `ghp_${new FakeSecrets(912).chars(36)}`;
const leaky = `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GH_PAT: ${token}\n        run: ./release.sh\n`;

describe("nhilint init: the hook reaches every clone", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());

  it('adds "prepare": "husky" to package.json, keeping its formatting, an existing prepare, and idempotent', async () => {
    repo.write("package.json", `{\n    "name": "app",\n    "version": "1.0.0",\n    "scripts": {\n        "prepare": "tsc -p ."\n    }\n}\n`);
    repo.linkNodeModules();
    const first = await repo.nhilint("init");
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const pkg = readFileSync(join(repo.dir, "package.json"), "utf8");
    assert.equal(JSON.parse(pkg).scripts.prepare, "husky && tsc -p .");
    assert.match(pkg, /\n {8}"prepare"/, "the file's four-space indentation is kept");
    const again = await repo.nhilint("init");
    assert.equal(again.code, 0);
    assert.equal(readFileSync(join(repo.dir, "package.json"), "utf8"), pkg, "a second init changes nothing");
  });

  it("says the hook is not active and exits 1 when husky is not installed", async () => {
    repo.write("package.json", JSON.stringify({ name: "app", version: "1.0.0" }, null, 2));
    const run = await repo.nhilint("init");
    assert.equal(run.code, 1);
    assert.match(run.stdout, /git does not run the hook yet/);
    assert.equal(JSON.parse(readFileSync(join(repo.dir, "package.json"), "utf8")).scripts.prepare, "husky");
  });

  it("a teammate's clone gets the hook from npm's prepare and a staged token is blocked", async function () {
    repo.write("package.json", JSON.stringify({ name: "app", version: "1.0.0", private: true }, null, 2));
    repo.linkNodeModules();
    assert.equal((await repo.nhilint("init")).code, 0);
    repo.write(".github/workflows/ci.yml", `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "initial");
    // The clone: no hooks of its own until `prepare` runs (what `npm ci` / `npm install` do).
    const clone = new TempRepo({ git: false });
    try {
      const cloned = clone.exec("git", ["clone", "-q", repo.dir, "."]);
      assert.equal(cloned.code, 0, cloned.stderr);
      clone.git("config", "user.name", "Teammate");
      clone.git("config", "user.email", "teammate@example.com");
      clone.linkNodeModules();
      assert.equal(clone.exec("git", ["config", "core.hooksPath"]).stdout.trim(), "");
      const prepare = clone.exec("npm", ["run", "prepare", "--silent"]);
      assert.equal(prepare.code, 0, prepare.stderr);
      assert.equal(clone.git("config", "core.hooksPath").trim(), ".husky/_");
      clone.write(".github/workflows/ci.yml", leaky);
      clone.git("add", ".github/workflows/ci.yml");
      const commit = clone.exec("git", ["commit", "-m", "add token"]);
      assert.notEqual(commit.code, 0, "the teammate's commit must be blocked");
      assert.ok(!(commit.stdout + commit.stderr).includes(token));
    } finally {
      clone.remove();
    }
  });
});

describe("what is linted", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());

  it("`nhilint .` at the root is the whole repository (workspace rules run)", async () => {
    repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: OLD_TOKEN\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Deploy\n    expires: 2030-01-01\n`);
    repo.write(".github/workflows/ci.yml", `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    const whole = await repo.nhilint("--format", "json");
    const dot = await repo.nhilint(".", "--format", "json");
    const rules = (run: { stdout: string }) => (JSON.parse(run.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId).sort();
    assert.ok(rules(whole).includes("stale-connector"), whole.stdout);
    assert.deepEqual(rules(dot), rules(whole));
  });

  it("dependency folders (node_modules/, bower_components/, Go's vendor/<module>/, vendor/bundle/) are not linted unless named, even when .gitignore does not list them", async () => {
    const folders = ["node_modules/some-pkg", "bower_components/lib", "vendor/golang.org/x/crypto", "vendor/github.com/acme/sdk", "vendor/bundle/ruby"];
    for (const folder of folders) repo.write(`${folder}/.github/workflows/release.yml`, leaky);
    repo.write("src/app.yml", "name: app\n");
    for (const args of [[], ["."]]) {
      const run = await repo.nhilint(...args, "--format", "json");
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual(JSON.parse(run.stdout).findings, []);
    }
    for (const folder of folders) {
      const named = await repo.nhilint(folder, "--format", "json");
      assert.equal(named.code, 1, `${folder}, named on the command line, is linted`);
    }
    // A vendor/ folder of the project's own (no module path under it) is its code: linted.
    repo.write("vendor/mylib/.github/workflows/release.yml", leaky);
    assert.equal((await repo.nhilint("--format", "json")).code, 1);
  });
});

describe("vendored workflows", () => {
  it("a workflow under a subfolder's .github/workflows is not a live workflow: secrets found, workflow rules not", async () => {
    const { lintFiles } = await import("../helpers.js");
    const unpinned = `on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - env:\n          GH_PAT: ${token}\n        run: make\n`;
    const live = await lintFiles([{ path: ".github/workflows/ci.yml", text: unpinned }]);
    const vendored = await lintFiles([{ path: "vendor/acme/.github/workflows/ci.yml", text: unpinned }]);
    const rules = (r: typeof live) => [...new Set(r.findings.map((f) => f.ruleId))].sort();
    assert.ok(rules(live).includes("persisted-checkout-credential") && rules(live).includes("hardcoded-secret"));
    assert.deepEqual(rules(vendored), ["hardcoded-secret"]);
  });

  it("a folder named on the command line is a project's root: its .github/workflows are workflows, as zizmor reads a folder", async () => {
    const repo = new TempRepo();
    try {
      const unpinned = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - env:\n          GH_PAT: ${token}\n        run: make\n`;
      repo.write("templates/acme/.github/workflows/ci.yml", unpinned);
      repo.write(".github/workflows/ci.yml", unpinned);
      const rulesOn = async (path: string, ...args: string[]) => {
        const run = await repo.nhilint(...args, "--format", "json");
        assert.equal(run.code, 1, run.stderr);
        const findings = JSON.parse(run.stdout).findings as { ruleId: string; path: string }[];
        return [...new Set(findings.filter((f) => f.path === path).map((f) => f.ruleId))].sort();
      };
      const nested = "templates/acme/.github/workflows/ci.yml";
      // The repository: GitHub runs only the root's workflows.
      assert.deepEqual(await rulesOn(nested), ["hardcoded-secret"]);
      assert.ok((await rulesOn(".github/workflows/ci.yml")).includes("persisted-checkout-credential"));
      // The project's folder, or its workflows' folder: its workflows.
      for (const folder of ["templates/acme", "templates/acme/", "templates/acme/.github", "templates/acme/.github/workflows"]) {
        const found = await rulesOn(nested, folder);
        assert.ok(found.includes("persisted-checkout-credential") && found.includes("hardcoded-secret"), `${folder}: ${found}`);
      }
      // A folder above the project, or the file named alone (as the pre-commit framework passes it): plain YAML.
      assert.deepEqual(await rulesOn(nested, "templates"), ["hardcoded-secret"]);
      assert.deepEqual(await rulesOn(nested, nested), ["hardcoded-secret"]);
      // The project's root is the longest named folder holding the file.
      assert.ok((await rulesOn(nested, "templates", "templates/acme")).includes("persisted-checkout-credential"));
    } finally {
      repo.remove();
    }
  });
});

describe("the Quick start", () => {
  it("npm run scan prints the README's sample: the bundled examples' workflows get the workflow rules", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const sample = /`npm run scan` prints findings like[^`]*```\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(sample, "the README has a sample of npm run scan");
    // The scan script's own command line, with the colour off.
    const script = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.scan as string;
    const args = script.replace(/^node dist\/cli\.js /, "").replace(/ \|\|.*$/, "").split(" ");
    const run = spawnSync(process.execPath, [CLI, ...args, "--no-color"], { cwd: ROOT, encoding: "utf8" });
    assert.equal(run.status, 1, run.stderr);
    for (const line of sample.trimEnd().split("\n")) assert.ok(run.stdout.includes(line), `not in the scan's output: ${line}`);
    assert.match(sample, /persisted-checkout-credential/, "the sample shows a workflow rule");
  });
});

describe("output for CI platforms", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/ci.yml", leaky);
  });
  afterEach(() => repo.remove());

  it("--format github writes workflow-command annotations, escaped, without the secret", async () => {
    const run = await repo.nhilint("--format", "github");
    assert.equal(run.code, 1);
    const line = run.stdout.split("\n").find((l) => l.includes("hardcoded-secret"))!;
    assert.match(line, /^::error file=\.github\/workflows\/ci\.yml,line=9,col=\d+,endLine=9,endColumn=\d+,title=nhilint hardcoded-secret::Hardcoded /);
    assert.ok(!run.stdout.includes(token));
  });

  it("--format gitlab writes GitLab's secret-detection report, without the secret", async () => {
    const run = await repo.nhilint("--format", "gitlab");
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as { version: string; scan: { type: string; status: string }; vulnerabilities: { id: string; category: string; severity: string; location: { file: string; start_line: number }; identifiers: { value: string }[] }[] };
    assert.equal(report.scan.type, "secret_detection");
    assert.equal(report.scan.status, "success");
    const secret = report.vulnerabilities.find((v) => v.identifiers[0].value === "hardcoded-secret")!;
    assert.equal(secret.category, "secret_detection");
    assert.equal(secret.severity, "High");
    assert.deepEqual(secret.location.file, ".github/workflows/ci.yml");
    assert.equal(secret.location.start_line, 9);
    assert.match(secret.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(!run.stdout.includes(token));
  });
});

describe("the command line in pipes and terminals", () => {
  it("`nhilint --help | head -1` ends quietly", () => {
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" --help | head -1; exit \${PIPESTATUS:-0}`], { encoding: "utf8" });
    assert.match(run.stdout, /^Usage: nhilint/);
    assert.doesNotMatch(run.stderr, /EPIPE|at .*\(node:/);
  });

  it("a usage error says what is wrong in a few lines, not the whole help, and exits 2", () => {
    const run = spawnSync(process.execPath, [CLI, "--format", "nope"], { encoding: "utf8" });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nope/);
    assert.doesNotMatch(run.stderr, /Examples:/);
    assert.ok(run.stderr.split("\n").length <= 4, run.stderr);
  });

  it("says 1 file, not 1 files", async () => {
    const repo = new TempRepo();
    try {
      repo.write(".github/workflows/ci.yml", leaky);
      assert.match((await repo.nhilint()).stdout, /in 1 file$/m);
    } finally {
      repo.remove();
    }
  });

  it("colour follows NO_COLOR (when not empty), FORCE_COLOR and the terminal", () => {
    assert.equal(useColor({}, true), true);
    assert.equal(useColor({}, false), false);
    assert.equal(useColor({ NO_COLOR: "" }, true), true, "an empty NO_COLOR does not disable colour");
    assert.equal(useColor({ NO_COLOR: "1" }, true), false);
    assert.equal(useColor({ FORCE_COLOR: "1" }, false), true);
    assert.equal(useColor({ FORCE_COLOR: "0" }, true), false);
    assert.equal(useColor({ NO_COLOR: "1", FORCE_COLOR: "1" }, true), false);
  });
});
