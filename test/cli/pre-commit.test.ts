// The pre-commit framework hook (.pre-commit-hooks.yaml), with the real tool (Debian's pre-commit):
// `pre-commit try-repo` installs this repository as a node hook (npm install, npm pack, npm install -g,
// from the registry or npm's cache), then lints what a commit stages, or every file.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeSecrets, ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const token = `glpat-${new FakeSecrets(5150).chars(20)}`;
const workflow = (value: string) => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GITLAB_TOKEN: ${value}\n        run: ./sync.sh\n`;

describe("pre-commit framework hook (pre-commit try-repo)", function () {
  // The first run installs the hook's node environment: minutes on a cold npm cache.
  this.timeout(900_000);
  let repo: TempRepo;
  let home: string;

  before(function () {
    if (!hasPreCommit) {
      console.log("      (pre-commit is not installed: `apt-get install pre-commit`; .ci/run installs it)");
      this.skip();
    }
    home = mkdtempSync(join(tmpdir(), "nhilint-pre-commit-home-"));
  });
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());
  after(() => home && rmSync(home, { recursive: true, force: true }));

  const tryRepo = (...args: string[]) => repo.exec("pre-commit", ["try-repo", ROOT, "nhilint", ...args], { env: { PRE_COMMIT_HOME: home } });

  it("blocks a staged token and passes a clean change, without printing the token", () => {
    repo.write(".github/workflows/sync.yml", workflow("${{ secrets.GITLAB_TOKEN }}"));
    repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: GITLAB_TOKEN\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Mirror the repository\n    expires: 2030-01-01\n`);
    repo.git("add", "-A");
    const clean = tryRepo();
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    repo.write(".github/workflows/sync.yml", workflow(token));
    repo.git("add", "-A");
    const blocked = tryRepo();
    assert.equal(blocked.code, 1, blocked.stdout + blocked.stderr);
    assert.match(blocked.stdout, /hardcoded-secret/);
    assert.ok(!(blocked.stdout + blocked.stderr).includes(token), "the token was printed");
  });

  it("--all-files finds a token already committed", () => {
    repo.write(".github/workflows/sync.yml", workflow(token));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "history");
    const run = tryRepo("--all-files");
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /sync\.yml/);
  });
});
