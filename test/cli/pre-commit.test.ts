// The pre-commit framework hook (.pre-commit-hooks.yaml), with the real tool (Debian's pre-commit):
// a user's .pre-commit-config.yaml names this repository at a commit; pre-commit installs it as a node
// hook (npm install, npm pack, npm install -g, from the registry or npm's cache), then lints what a
// commit stages, or every file. pre-commit keys its environments by repository and commit in
// PRE_COMMIT_HOME: one snapshot of this checkout, committed once in before(), and one home let every
// test share one installed environment (try-repo would install afresh on every call).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeSecrets } from "../helpers.js";
import { snapshotOfThisCheckout, TempRepo } from "./repo.js";

const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const token = `glpat-${new FakeSecrets(5150).chars(20)}`;
const workflow = (value: string) => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GITLAB_TOKEN: ${value}\n        run: ./sync.sh\n`;

describe("pre-commit framework hook (.pre-commit-config.yaml, pre-commit install, git commit)", function () {
  // The first run installs the hook's node environment: minutes on a cold npm cache.
  this.timeout(900_000);
  let repo: TempRepo;
  let home: string;
  let snapshot: TempRepo;

  before(function () {
    if (!hasPreCommit) {
      console.log("      (pre-commit is not installed: `apt-get install pre-commit`; .ci/run installs it)");
      this.skip();
    }
    home = mkdtempSync(join(tmpdir(), "nhilint-pre-commit-home-"));
    snapshot = snapshotOfThisCheckout();
  });
  beforeEach(() => {
    repo = new TempRepo();
    // What a user adds to their repository, pinned to a commit as pre-commit requires.
    repo.write(".pre-commit-config.yaml", `repos:\n  - repo: ${snapshot.dir}\n    rev: ${snapshot.git("rev-parse", "HEAD").trim()}\n    hooks:\n      - id: nhilint\n`);
  });
  afterEach(() => repo.remove());
  after(() => {
    if (home) rmSync(home, { recursive: true, force: true });
    snapshot?.remove();
  });

  const preCommit = (...args: string[]) => repo.exec("pre-commit", args, { env: { PRE_COMMIT_HOME: home } });
  const commit = (message: string) => repo.exec("git", ["commit", "-q", "-m", message], { env: { PRE_COMMIT_HOME: home } });

  it("blocks a commit carrying a token and lets a clean one through, without printing the token", () => {
    const install = preCommit("install");
    assert.equal(install.code, 0, install.stdout + install.stderr);
    repo.write(".github/workflows/sync.yml", workflow("${{ secrets.GITLAB_TOKEN }}"));
    repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: GITLAB_TOKEN\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Mirror the repository\n    expires: 2030-01-01\n`);
    repo.git("add", "-A");
    const clean = commit("clean");
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    repo.write(".github/workflows/sync.yml", workflow(token));
    repo.git("add", "-A");
    const head = repo.git("rev-parse", "HEAD");
    const blocked = commit("token");
    assert.equal(blocked.code, 1, blocked.stdout + blocked.stderr);
    assert.match(blocked.stdout + blocked.stderr, /hardcoded-secret/);
    assert.ok(!(blocked.stdout + blocked.stderr).includes(token), "the token was printed");
    assert.equal(repo.git("rev-parse", "HEAD"), head, "the commit was made");
  });

  it("run --all-files finds a token already committed", () => {
    repo.write(".github/workflows/sync.yml", workflow(token));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "history");
    const run = preCommit("run", "--all-files");
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /sync\.yml/);
  });
});
