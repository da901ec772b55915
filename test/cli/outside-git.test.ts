// A folder that is not in git (a downloaded export, a CI workspace without .git): nhilint walks it
// itself, honouring .gitignore like git would, skipping node_modules unless named, and refuses paths
// outside the folder it was given.
import assert from "node:assert/strict";
import { TempRepo } from "./repo.js";
import { FakeSecrets } from "../helpers.js";

const token = `ghp_${new FakeSecrets(77).chars(36)}`;
const workflow = (value: string) => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./sync.sh\n        env:\n          TOKEN: ${value}\n`;

describe("outside git", () => {
  let folder: TempRepo;
  beforeEach(() => (folder = new TempRepo({ git: false })));
  afterEach(() => folder.remove());

  const linted = async (...args: string[]) => {
    const run = await folder.nhilint("--format", "json", ...args);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string }[] };
    return [...new Set(report.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path))].sort();
  };

  it("walks the folder, honours .gitignore (and never reads .git), skips node_modules", async () => {
    for (const path of [".github/workflows/a.yml", "ignored/b.yml", "node_modules/pkg/c.yml", "keep/d.yml", "x.log.yml", ".git/e.yml"]) folder.write(path, workflow(token));
    folder.write(".gitignore", "ignored/\n*.log.yml\n");
    assert.deepEqual(await linted(), [".github/workflows/a.yml", "keep/d.yml"]);
    // Named folders are walked; node_modules when it is the folder named.
    assert.deepEqual(await linted("keep"), ["keep/d.yml"]);
    assert.deepEqual(await linted("node_modules/pkg"), ["node_modules/pkg/c.yml"]);
    assert.deepEqual(await linted("keep/d.yml", ".github"), [".github/workflows/a.yml", "keep/d.yml"]);
  });

  it("without a .gitignore every file is linted; a missing path is an error", async () => {
    folder.write("a.yml", workflow(token));
    folder.write("sub/b.yml", workflow(token));
    assert.deepEqual(await linted(), ["a.yml", "sub/b.yml"]);
    const missing = await folder.nhilint("nope");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope: no such file or directory/);
  });

  it("--staged needs git", async () => {
    const run = await folder.nhilint("--staged");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^nhilint: --staged needs a git repository/);
  });
});
