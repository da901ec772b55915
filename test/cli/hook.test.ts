// The pre-commit hook, for real: `nhilint init` in a repository, then real `git commit`s.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { CLI, FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(11);
const token = `ghp_${fake.chars(36)}`;
const workflow = (value: string) => `name: ci\non: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./build.sh\n        env:\n          GH_PAT: ${value}\n`;
const clean = workflow("${{ secrets.GH_PAT }}");
const withSecret = workflow(token);
const inventory = `version: 1\nconnectors:\n  - name: GH_PAT\n    kind: secret\n    owner: "@acme/ci"\n    purpose: Build\n    expires: 2099-01-01\n`;

/** Everything a commit attempt must leave as it was. */
function snapshot(repo: TempRepo) {
  return {
    index: repo.git("ls-files", "-s"),
    status: repo.git("status", "--porcelain"),
    file: readFileSync(join(repo.dir, ".github/workflows/ci.yml"), "utf8"),
    head: repo.git("rev-parse", "HEAD"),
  };
}

describe("pre-commit hook in a Node repository (husky)", function () {
  let repo: TempRepo;

  beforeEach(async () => {
    repo = new TempRepo();
    repo.write("package.json", JSON.stringify({ name: "app", version: "1.0.0", scripts: { prepare: "husky" } }, null, 2));
    repo.linkNodeModules();
    const init = await repo.nhilint("init");
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /created \.husky\/pre-commit/);
    repo.write("nhi-inventory.yaml", inventory);
    repo.write(".github/workflows/ci.yml", clean);
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "initial");
  });
  afterEach(() => repo.remove());

  it("init installed a husky hook running nhilint --staged, and is idempotent", async () => {
    assert.equal(readFileSync(join(repo.dir, ".husky/pre-commit"), "utf8").includes("npx --no-install nhilint --staged"), true);
    assert.equal(repo.git("config", "core.hooksPath").trim(), ".husky/_");
    const again = await repo.nhilint("init");
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already runs nhilint/);
    assert.match(again.stdout, /nhi-inventory.yaml exists: left as it is/);
  });

  it("blocks a commit whose staged workflow holds a token, without printing it, changing nothing", () => {
    repo.write(".github/workflows/ci.yml", withSecret);
    repo.git("add", ".github/workflows/ci.yml");
    const before = snapshot(repo);
    const commit = repo.exec("git", ["commit", "-m", "add token"]);
    assert.notEqual(commit.code, 0, "the commit must be blocked");
    const output = commit.stdout + commit.stderr;
    assert.match(output, /hardcoded-secret/);
    assert.match(output, /\.github\/workflows\/ci\.yml/);
    assert.ok(!output.includes(token), "the token was printed");
    assert.ok(!output.includes(token.slice(0, 10)), "more than a short prefix was printed");
    assert.deepEqual(snapshot(repo), before, "index, working tree and HEAD unchanged");
  });

  it("blocks a UTF-16 script (Windows PowerShell's Out-File) holding a token: its NULs do not make it binary", () => {
    const script = `$env:GH_PAT = "${token}"\r\n./deploy.ps1\r\n`;
    repo.write("deploy.ps1", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, "utf16le")]));
    repo.git("add", "deploy.ps1");
    const commit = repo.exec("git", ["commit", "-m", "deploy script"]);
    assert.notEqual(commit.code, 0, "the commit must be blocked");
    const output = commit.stdout + commit.stderr;
    assert.match(output, /deploy\.ps1\n\s+1:16\s+error\s+Hardcoded GitHub personal access token/);
    assert.ok(!output.includes(token.slice(0, 10)), "more than a short prefix was printed");
  });

  it("allows the commit when only the working tree holds the token (the staged version is clean)", () => {
    repo.write(".github/workflows/ci.yml", clean.replace("./build.sh", "./build.sh --fast"));
    repo.git("add", ".github/workflows/ci.yml");
    repo.write(".github/workflows/ci.yml", withSecret);
    const commit = repo.exec("git", ["commit", "-m", "faster build"]);
    assert.equal(commit.code, 0, commit.stdout + commit.stderr);
    assert.equal(readFileSync(join(repo.dir, ".github/workflows/ci.yml"), "utf8"), withSecret, "working tree untouched");
    assert.match(repo.git("show", "HEAD:.github/workflows/ci.yml"), /--fast/);
  });

  it("blocks the commit when only the index holds the token (the working tree is clean)", () => {
    repo.write(".github/workflows/ci.yml", withSecret);
    repo.git("add", ".github/workflows/ci.yml");
    repo.write(".github/workflows/ci.yml", clean);
    const before = snapshot(repo);
    const commit = repo.exec("git", ["commit", "-m", "sneaky"]);
    assert.notEqual(commit.code, 0);
    assert.match(commit.stdout + commit.stderr, /hardcoded-secret/);
    assert.deepEqual(snapshot(repo), before);
  });

  it("judges what `git commit -a` and `git commit <path>` would commit (git's temporary index), changing nothing", () => {
    // Nothing staged: git builds the commit in a temporary index (GIT_INDEX_FILE) and runs the hook on it.
    repo.write(".github/workflows/ci.yml", withSecret);
    const before = snapshot(repo);
    for (const args of [["commit", "-a", "-m", "all"], ["commit", "-m", "one path", ".github/workflows/ci.yml"]]) {
      const commit = repo.exec("git", args);
      assert.notEqual(commit.code, 0, `git ${args.join(" ")} must be blocked`);
      assert.match(commit.stdout + commit.stderr, /hardcoded-secret/);
      assert.ok(!(commit.stdout + commit.stderr).includes(token));
      assert.deepEqual(snapshot(repo), before, `git ${args.join(" ")} changed something`);
    }
    // A path given to commit leaves the other staged changes out, and the hook judges only what goes in.
    repo.write("README.md", "# app\n");
    repo.git("add", "README.md");
    assert.equal(repo.exec("git", ["commit", "-q", "-m", "readme only", "README.md"]).code, 0);
    assert.equal(repo.git("show", "--name-only", "--format=", "HEAD").trim(), "README.md");
  });

  it("blocks a commit that starts using a secret nobody owns", () => {
    repo.write(".github/workflows/ci.yml", clean.replace("GH_PAT }}", "GH_PAT }}\n          SLACK: ${{ secrets.SLACK_BOT_TOKEN }}"));
    repo.git("add", "-A");
    const commit = repo.exec("git", ["commit", "-m", "notify"]);
    assert.notEqual(commit.code, 0);
    assert.match(commit.stdout + commit.stderr, /SLACK_BOT_TOKEN.*has no record in nhi-inventory\.yaml.*unowned-connector/);
  });

  it("judges the commit by the staged inventory, not the working tree's", () => {
    const slackRecord = `  - name: SLACK_BOT_TOKEN\n    kind: secret\n    owner: "@acme/chatops"\n    purpose: Notify\n    expires: 2099-01-01\n`;
    repo.write(".github/workflows/ci.yml", clean.replace("GH_PAT }}", "GH_PAT }}\n          SLACK: ${{ secrets.SLACK_BOT_TOKEN }}"));
    repo.git("add", ".github/workflows/ci.yml");
    repo.write("nhi-inventory.yaml", inventory + slackRecord); // recorded, but not staged
    const blocked = repo.exec("git", ["commit", "-m", "notify"]);
    assert.notEqual(blocked.code, 0, "an unstaged record does not go into the commit");
    assert.match(blocked.stdout + blocked.stderr, /SLACK_BOT_TOKEN.*has no record/);
    repo.git("add", "nhi-inventory.yaml");
    repo.write("nhi-inventory.yaml", inventory); // staged, then undone in the working tree only
    const allowed = repo.exec("git", ["commit", "-m", "notify"]);
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
  });
});

describe("pre-commit hook in a repository without package.json (plain git hook)", () => {
  it("installs .git/hooks/pre-commit and blocks a commit with a token", async () => {
    const repo = new TempRepo();
    try {
      const bin = join(repo.dir, ".bin-for-test");
      mkdirSync(bin);
      symlinkSync(CLI, join(bin, "nhilint"));
      const init = await repo.nhilint("init");
      assert.equal(init.code, 0, init.stderr);
      assert.match(readFileSync(join(repo.dir, ".git/hooks/pre-commit"), "utf8"), /nhilint --staged/);
      repo.write(".github/workflows/ci.yml", withSecret);
      repo.write(".gitignore", ".bin-for-test/\n");
      repo.git("add", "-A");
      const env = { PATH: `${bin}:${process.env.PATH}` };
      const commit = repo.exec("git", ["commit", "-m", "token"], { env });
      assert.notEqual(commit.code, 0);
      assert.match(commit.stdout + commit.stderr, /hardcoded-secret/);
    } finally {
      repo.remove();
    }
  });

  it("never replaces a hook it did not write", async () => {
    const repo = new TempRepo();
    try {
      repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");
      const init = await repo.nhilint("init");
      assert.equal(init.code, 0);
      assert.match(init.stdout, /was not written by nhilint: left unchanged/);
      assert.equal(readFileSync(join(repo.dir, ".git/hooks/pre-commit"), "utf8"), "#!/bin/sh\necho mine\n");
    } finally {
      repo.remove();
    }
  });
});
