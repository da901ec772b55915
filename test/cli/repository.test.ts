// What the CLI learns from git and the file system besides the files' text: the repository a report
// names (never with the credentials of its remote URL), gitlinks in the index, and which files a
// run picks (dependency folders only when named, in path order, nothing outside the repository).
import assert from "node:assert/strict";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(2718);
const token = `ghp_${fake.chars(36)}`;
const workflow = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n`;

describe("cli: the repository and its files", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());

  it("the inventory report names the origin without the credentials in its URL, the commit, and uncommitted changes", async () => {
    repo.write(".github/workflows/ci.yml", workflow);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "one");
    repo.git("remote", "add", "origin", `https://bot:${token}@github.com/acme/web.git`);
    const report = async () => JSON.parse((await repo.nhilint("inventory", "--format", "json")).stdout).repository;
    const clean = await report();
    assert.deepEqual(clean, { name: "https://github.com/acme/web", commit: repo.git("rev-parse", "--short=12", "HEAD").trim(), uncommittedChanges: false });
    repo.write(".github/workflows/ci.yml", `${workflow}# changed\n`);
    assert.equal((await report()).uncommittedChanges, true);
    repo.git("remote", "set-url", "origin", "git@github.com:acme/web.git");
    assert.equal((await report()).name, "git@github.com:acme/web");
    const run = await repo.nhilint("inventory", "--format", "json");
    assert.ok(!run.stdout.includes(token.slice(4)));
  });

  it("a repository with no commit and no remote: the folder's name, no commit", async () => {
    repo.write(".github/workflows/ci.yml", workflow);
    const { repository } = JSON.parse((await repo.nhilint("inventory", "--format", "json")).stdout);
    assert.deepEqual([repository.commit, repository.uncommittedChanges], [null, false]);
    assert.equal(repository.name, repo.dir.split("/").pop());
  });

  it("--staged skips a staged gitlink (a submodule's commit), linting the files around it", async () => {
    repo.write(".github/workflows/ci.yml", workflow);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "one");
    // A gitlink whose id is a commit that exists here: reading it as a file would lint the commit's text.
    repo.git("update-index", "--add", "--cacheinfo", `160000,${repo.git("rev-parse", "HEAD").trim()},vendor/lib`);
    repo.write("notes.yml", `token: ${token}\n`);
    repo.git("add", "notes.yml");
    const run = JSON.parse((await repo.nhilint("--staged", "--format", "json")).stdout);
    assert.equal(run.summary.files, 1);
    assert.deepEqual([...new Set(run.findings.map((f: { path: string }) => f.path))], ["notes.yml"]);
  });

  it("files are linted in path order; dependency folders only when a path names them; nothing outside the repository", async () => {
    for (const path of ["b.yml", "a.yml", "node_modules/pkg/c.yml", "lib/node_modules/pkg/d.yml"]) repo.write(path, `token: ${token}\n`);
    const paths = async (...args: string[]) => [...new Set(JSON.parse((await repo.nhilint("--format", "json", ...args)).stdout).findings.map((f: { path: string }) => f.path))];
    assert.deepEqual(await paths(), ["a.yml", "b.yml"]);
    assert.deepEqual(await paths("node_modules/pkg"), ["node_modules/pkg/c.yml"]);
    assert.deepEqual(await paths("lib", "b.yml"), ["b.yml"]);
    assert.deepEqual(await paths("lib/node_modules"), ["lib/node_modules/pkg/d.yml"]);
    const elsewhere = new TempRepo({ git: false });
    try {
      const outside = await repo.nhilint(".", elsewhere.dir);
      assert.equal(outside.code, 2);
      assert.equal(outside.stderr, `nhilint: ${elsewhere.dir} is outside the repository at ${repo.dir}\n`);
    } finally {
      elsewhere.remove();
    }
  });

  it("the paths given: a file alone is all that is linted; a folder in node_modules beside another folder; a missing path is a usage error", async () => {
    for (const path of ["a.yml", "b.yml", "lib/c.yml", "node_modules/pkg/d.yml"]) repo.write(path, `token: ${token}\n`);
    const paths = async (...args: string[]) => [...new Set(JSON.parse((await repo.nhilint("--format", "json", ...args)).stdout).findings.map((f: { path: string }) => f.path))];
    assert.deepEqual(await paths("b.yml"), ["b.yml"]);
    assert.deepEqual(await paths("lib", "node_modules/pkg"), ["lib/c.yml", "node_modules/pkg/d.yml"]);
    const missing = await repo.nhilint("nope.yml");
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "nhilint: nope.yml: no such file or directory\n");
  });

  it("in git, git's own view of ignored files: .git/info/exclude and a nested .gitignore", async () => {
    for (const path of ["a.yml", "excluded.yml", "sub/b.yml", "sub/skipped.yml"]) repo.write(path, `token: ${token}\n`);
    repo.write(".git/info/exclude", "excluded.yml\n");
    repo.write("sub/.gitignore", "skipped.yml\n");
    const paths = JSON.parse((await repo.nhilint("--format", "json")).stdout).findings.map((f: { path: string }) => f.path);
    assert.deepEqual([...new Set(paths)], ["a.yml", "sub/b.yml"]);
  });

  it("only a run over the whole repository reports inventory records nothing uses", async () => {
    repo.write("nhi-inventory.yaml", "version: 1\nconnectors:\n  - name: OLD_TOKEN\n    kind: secret\n    owner: \"@acme/ops\"\n    purpose: retired\n    expires: 2099-01-01\n");
    repo.write("sub/ci.yml", "a: 1\n");
    const rules = async (...args: string[]) => JSON.parse((await repo.nhilint("--format", "json", ...args)).stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    assert.deepEqual(await rules(), ["stale-connector"]);
    assert.deepEqual(await rules("."), ["stale-connector"]);
    assert.deepEqual(await rules("sub"), []);
  });

  it("outside git: the same choices, .git never read, a .gitignore honoured", async () => {
    const folder = new TempRepo({ git: false });
    try {
      for (const path of ["b.yml", "a.yml", "node_modules/pkg/c.yml", "ignored/e.yml", ".git/config.yml", ".github/workflows/ci.yml"]) folder.write(path, `token: ${token}\n`);
      folder.write(".gitignore", "ignored/\n");
      const paths = async (...args: string[]) => [...new Set(JSON.parse((await folder.nhilint("--format", "json", ...args)).stdout).findings.map((f: { path: string }) => f.path))];
      // Dot-folders are files like any other (a workflow lives in one); .git is not.
      assert.deepEqual(await paths(), [".github/workflows/ci.yml", "a.yml", "b.yml"]);
      assert.deepEqual(await paths("node_modules/pkg"), ["node_modules/pkg/c.yml"]);
      assert.deepEqual(await paths("b.yml", "a.yml"), ["a.yml", "b.yml"]);
    } finally {
      folder.remove();
    }
  });
});
