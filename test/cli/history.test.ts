// `nhilint history` on a generated repository of 2 000 commits (built with git fast-import), with
// secrets added, moved and deleted at known commits: each reported once, with the commit that
// brought it in, whether HEAD holds it, and where its last copy went out. And on nothing: a clean
// history exits 0. The repository is left as it was.
import assert from "node:assert/strict";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(1414);
const moved = `ghp_${fake.chars(36)}`;
const deleted = `glpat-${fake.chars(20)}`;
const late = `xoxb-${fake.digits(11)}-${fake.digits(12)}-${fake.chars(24)}`;
const workflow = (name: string, value: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./sync.sh\n        env:\n          ${name}: ${value}\n`;
const COMMITS = 2000;

/** A fast-import stream: commit i changes counter.txt, and the secrets come and go at fixed commits. */
function stream(): string {
  const blocks: string[] = [];
  const file = (path: string, content: string) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  for (let i = 1; i <= COMMITS; i++) {
    let ops = file("counter.txt", `${i}\n`);
    if (i === 10) ops += file(".github/workflows/a.yml", workflow("GH_TOKEN", moved));
    if (i === 100) ops += file(".gitlab-ci.yml", `sync:\n  script:\n    - curl --header "PRIVATE-TOKEN: ${deleted}" https://gitlab.example.com/api/v4/projects\n`);
    if (i === 500) ops += "D .github/workflows/a.yml\n" + file(".github/workflows/b.yml", workflow("GH_TOKEN", moved));
    if (i === 1500) ops += "D .gitlab-ci.yml\n";
    if (i === COMMITS) ops += file("notify.sh", `curl -H "Authorization: Bearer ${late}" https://slack.com/api/chat.postMessage\n`);
    const message = `commit ${i}`;
    blocks.push(`commit refs/heads/main\nmark :${i}\ncommitter Dev ${i % 2 ? "One <one" : "Two <two"}@example.com> ${1_700_000_000 + i * 60} +0000\ndata ${message.length}\n${message}\n${ops}`);
  }
  return blocks.join("\n") + "\n";
}

describe("nhilint history", function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let commits: string[];
  before(() => {
    repo = new TempRepo();
    const imported = repo.exec("git", ["fast-import", "--quiet"], { input: stream() });
    assert.equal(imported.code, 0, imported.stderr);
    repo.git("checkout", "-q", "main");
    commits = repo.git("rev-list", "--reverse", "HEAD").trim().split("\n");
    assert.equal(commits.length, COMMITS);
  });
  after(() => repo.remove());

  it("reports each secret once, with its first commit, HEAD state and removal, most exposed first", async () => {
    const refs = repo.git("show-ref");
    const status = repo.git("status", "--porcelain");
    const run = await repo.nhilint("history", "--format", "json");
    assert.equal(run.code, 1, run.stderr);
    const { secrets } = JSON.parse(run.stdout) as { secrets: { title: string; firstCommit: string; path: string; paths: string[]; inHead: boolean; removedIn?: string; lastCommit?: string; date: string; author: string }[] };
    assert.equal(secrets.length, 3, secrets.map((s) => s.title).join(", "));
    const [first, second, third] = secrets;
    // Still in HEAD, oldest first: the moved GitHub token, then the late Slack token; then the deleted one.
    assert.deepEqual([first.firstCommit, first.path, first.inHead, first.paths], [commits[9], ".github/workflows/a.yml", true, [".github/workflows/a.yml", ".github/workflows/b.yml"]]);
    assert.equal(first.author, "Dev Two <two@example.com>");
    assert.deepEqual([second.firstCommit, second.path, second.inHead], [commits[COMMITS - 1], "notify.sh", true]);
    assert.deepEqual([third.firstCommit, third.path, third.inHead, third.removedIn, third.lastCommit], [commits[99], ".gitlab-ci.yml", false, commits[1499], commits[1498]]);
    for (const secret of [moved, deleted, late]) assert.ok(!(run.stdout + run.stderr).includes(secret.slice(4)), "a secret was printed");
    assert.equal(repo.git("show-ref"), refs, "refs changed");
    assert.equal(repo.git("status", "--porcelain"), status, "the working tree or index changed");
  });

  it("stylish: one entry per secret, then the rotate-these list; no secret bytes", async () => {
    const run = await repo.nhilint("history");
    assert.equal(run.code, 1);
    assert.match(run.stdout, /3 secrets in the history/);
    assert.match(run.stdout, /Rotate these \(most exposed first: still in HEAD, then the oldest\):\n {2}1\. .*still in HEAD\n {2}2\. .*still in HEAD\n {2}3\. GitLab/);
    assert.match(run.stdout, new RegExp(`removed in ${commits[1499].slice(0, 12)} \\(last held by ${commits[1498].slice(0, 12)}\\)`));
    for (const secret of [moved, deleted, late]) assert.ok(!run.stdout.includes(secret.slice(4)));
  });

  it("--since and --range narrow the commits; --all reads every ref; a bad revision is a usage error", async () => {
    const since = JSON.parse((await repo.nhilint("history", "--since", commits[600], "--format", "json")).stdout);
    assert.deepEqual(since.secrets.map((s: { path: string }) => s.path), ["notify.sh"]);
    const range = JSON.parse((await repo.nhilint("history", "--range", `${commits[50]}..${commits[200]}`, "--format", "json")).stdout);
    assert.deepEqual(range.secrets.map((s: { path: string }) => s.path), [".gitlab-ci.yml"]);
    repo.git("branch", "-q", "old", commits[300]);
    repo.git("checkout", "-q", "-b", "side", commits[20]);
    repo.write("side.yml", workflow("NPM_TOKEN", `npm_${fake.chars(36)}`));
    repo.git("add", "side.yml");
    repo.git("commit", "-q", "-m", "side");
    repo.git("checkout", "-q", "main");
    const headOnly = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
    const everything = JSON.parse((await repo.nhilint("history", "--all", "--format", "json")).stdout);
    assert.equal(everything.secrets.length, headOnly.secrets.length + 1);
    const bad = await repo.nhilint("history", "--since", "no-such-ref");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot read the history/);
    assert.equal((await repo.nhilint("history", "--all", "--since", "HEAD")).code, 2);
  });

  it("a clean history exits 0; outside git it says why", async () => {
    const clean = new TempRepo();
    try {
      clean.write("a.yml", workflow("TOKEN", "${{ secrets.TOKEN }}"));
      clean.git("add", "-A");
      clean.git("commit", "-q", "-m", "clean");
      const run = await clean.nhilint("history");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^0 secrets in the history: 1 blob read\.$/m);
    } finally {
      clean.remove();
    }
    const outside = new TempRepo({ git: false });
    try {
      const run = await outside.nhilint("history");
      assert.equal(run.code, 2);
      assert.match(run.stderr, /is not in a git repository/);
    } finally {
      outside.remove();
    }
  });
});
