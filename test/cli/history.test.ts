// `nhilint history` on a generated repository of 5 000 commits (built with git fast-import), with
// secrets added, moved and deleted at known commits: each reported once, with the commit that
// brought it in, whether HEAD holds it, and where its last copy went out. And on nothing: a clean
// history exits 0. The repository is left as it was.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { pathToFileURL } from "node:url";
import { CLI, FakeSecrets, ROOT } from "../helpers.js";
import { scanHistory } from "../../cli/history.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(1414);
const moved = `ghp_${fake.chars(36)}`;
const deleted = `glpat-${fake.chars(20)}`;
const late = `xoxb-${fake.digits(11)}-${fake.digits(12)}-${fake.chars(24)}`;
const workflow = (name: string, value: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./sync.sh\n        env:\n          ${name}: ${value}\n`;
const COMMITS = 5000;

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
    commits = repo.importHistory(stream());
    repo.git("checkout", "-q", "main");
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
    assert.deepEqual(secrets.map((s) => (s as { revoke?: string }).revoke), ["https://github.com/settings/tokens", "https://api.slack.com/apps", "https://gitlab.com/-/user_settings/personal_access_tokens"]);
    assert.deepEqual([second.firstCommit, second.path, second.inHead], [commits[COMMITS - 1], "notify.sh", true]);
    assert.deepEqual([third.firstCommit, third.path, third.inHead, third.removedIn, third.lastCommit], [commits[99], ".gitlab-ci.yml", false, commits[1499], commits[1498]]);
    // The line each was on in the version that brought it in (the workflow's env value, the script's line, the one line).
    assert.deepEqual(secrets.map((s) => (s as { line?: number }).line), [8, 1, 3]);
    for (const secret of [moved, deleted, late]) assert.ok(!(run.stdout + run.stderr).includes(secret.slice(4)), "a secret was printed");
    assert.equal(repo.git("show-ref"), refs, "refs changed");
    assert.equal(repo.git("status", "--porcelain"), status, "the working tree or index changed");
  });

  it("stylish: one entry per secret, then the rotate-these list; no secret bytes", async () => {
    const run = await repo.nhilint("history");
    assert.equal(run.code, 1);
    assert.match(run.stdout, /3 secrets in the history/);
    // Each with the page its kind is revoked at.
    assert.match(
      run.stdout,
      /Rotate these \(most exposed first: still in HEAD, then the oldest\):\n {2}1\. GitHub.*still in HEAD\n {5}revoke it at https:\/\/github\.com\/settings\/tokens\n {2}2\. Slack.*still in HEAD\n {5}revoke it at https:\/\/api\.slack\.com\/apps\n {2}3\. GitLab.*\n {5}revoke it at https:\/\/gitlab\.com\/-\/user_settings\/personal_access_tokens\n/,
    );
    assert.match(run.stdout, new RegExp(`removed in ${commits[1499].slice(0, 12)} \\(last held by ${commits[1498].slice(0, 12)}\\)`));
    for (const secret of [moved, deleted, late]) assert.ok(!run.stdout.includes(secret.slice(4)));
  });

  it("--since and --range narrow the commits; --all reads every ref; a branch named reads its ancestry; a bad revision is a usage error", async () => {
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
    assert.equal(bad.stderr, "nhilint: no commit named `no-such-ref` in this repository (give a branch, a tag or a commit id)\n");
    const badEnd = await repo.nhilint("history", "--range", `${commits[50]}..nope`);
    assert.equal(badEnd.code, 2);
    assert.match(badEnd.stderr, /no commit named `nope`/);
    assert.equal((await repo.nhilint("history", "--range", `${commits[50]}...${commits[60]}`, "--format", "json")).code, 0, "a symmetric range is two commits");
    assert.equal((await repo.nhilint("history", "--all", "--since", "HEAD")).code, 2);
    // A branch named on the command line: its ancestry, not HEAD's; with --since, what it brought in after.
    const side = JSON.parse((await repo.nhilint("history", "side", "--format", "json")).stdout);
    assert.deepEqual(side.revisions, ["side"]);
    assert.deepEqual(side.secrets.map((s: { path: string }) => s.path), [".github/workflows/a.yml", "side.yml"]);
    assert.deepEqual(side.secrets.map((s: { inHead: boolean }) => s.inHead), [true, false], "still in HEAD means HEAD's tree, whichever tip was read");
    const sideSince = JSON.parse((await repo.nhilint("history", "side", "--since", commits[20], "--format", "json")).stdout);
    assert.deepEqual(sideSince.secrets.map((s: { path: string }) => s.path), ["side.yml"]);
    const old = JSON.parse((await repo.nhilint("history", "old", "--format", "json")).stdout);
    assert.deepEqual(old.secrets.map((s: { path: string }) => s.path).sort(), [".github/workflows/a.yml", ".gitlab-ci.yml"]);
    for (const args of [["side", "--all"], ["side", "--range", `${commits[1]}..${commits[2]}`]]) {
      const both = await repo.nhilint("history", ...args);
      assert.equal(both.code, 2, args.join(" "));
      assert.match(both.stderr, /^nhilint: a revision \(`side`\) reads its own ancestry: give it or --(all|range), not both\n$/);
    }
    const noSuch = await repo.nhilint("history", "no-such-branch");
    assert.equal(noSuch.stderr, "nhilint: no commit named `no-such-branch` in this repository (give a branch, a tag or a commit id)\n");
    const aRange = await repo.nhilint("history", "a..b");
    assert.equal(aRange.code, 2);
    assert.match(aRange.stderr, /^error: command-argument value 'a\.\.b' is invalid for argument 'revision'\. expected one commit, branch or tag/);
    // Not a revision at all: said as such before git is asked (an empty --since read everything; an
    // end that looks like an option reached git's command line; `...` read nothing and exited 0).
    for (const [option, value] of [["--since", ""], ["--since", "-p"], ["--since", "a..b"], ["--range", "..."], ["--range", "HEAD"], ["--range", "..HEAD"], ["--range", "-p..HEAD"], ["--range", "a..b..c"]]) {
      const run = await repo.nhilint("history", option, value);
      assert.equal(run.code, 2, `${option} '${value}'`);
      assert.match(run.stderr, new RegExp(`^error: option '${option} <[^>]+>' argument '${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}' is invalid\. expected (one commit, branch or tag|A\.\.B: two commits)`), run.stderr);
      assert.equal(run.stdout, "");
    }
  });

  it("the executable's tuning for a long run is asked for once, whether worker threads judge or not; the same report", async () => {
    const report = async (workers: number) => {
      let asked = 0;
      const scan = await scanHistory(repo.dir, ["HEAD"], { workers, beforeLongRun: () => asked++ });
      // (Asked for once the threads have started: a moment after the scan may have ended.)
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(asked, 1, `${workers} workers`);
      return scan;
    };
    assert.deepEqual(await report(2), await report(0));
  });

  it("worker threads that cannot load their code (a Node flag they refuse): judged in the main thread, the same report", async () => {
    // `node --input-type=module -e …`: the threads inherit the flag and fail after coming online.
    const script = `process.argv.splice(1, 0, "nhilint"); await import(${JSON.stringify(pathToFileURL(CLI).href)});`;
    const odd = repo.exec(process.execPath, ["--input-type=module", "-e", script, "history", "--format", "json"]);
    assert.equal(odd.code, 1, odd.stderr);
    assert.equal(odd.stderr, "");
    const usual = await repo.nhilint("history", "--format", "json");
    assert.deepEqual(JSON.parse(odd.stdout), JSON.parse(usual.stdout));
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

describe("nhilint history: what it reads and exactly what it says", function () {
  this.timeout(60_000);
  const f = new FakeSecrets(1415);
  const [t1, t2, t3, t4, t5] = [0, 1, 2, 3, 4].map(() => `ghp_${f.chars(36)}`);
  const LIMIT = 2 * 1024 * 1024;
  /** A text file of exactly `size` bytes holding `value` on its first line. */
  const sized = (value: string, size: number) => {
    const head = `GH_PAT: ${value}\n`;
    return head + "#".repeat(size - head.length - 1) + "\n";
  };
  let repo: TempRepo;
  let c1: string;
  let c2: string;
  const commitAt = (date: string, message: string) => {
    repo.git("add", "-A");
    const at = { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` };
    assert.equal(repo.exec("git", ["commit", "-q", "--no-verify", "-m", message], { env: at }).code, 0);
    return repo.git("rev-parse", "HEAD").trim();
  };
  before(() => {
    repo = new TempRepo();
    // 2020: t1 in one blob at five paths; t3 in a file of exactly the size limit (read); t4 one byte over
    // (skipped as large); t5 in a binary (skipped).
    for (const path of [".github/workflows/a.yml", "c1/a.yml", "c2/a.yml", "c3/a.yml", "c4/a.yml"]) repo.write(path, workflow("GH_TOKEN", t1));
    repo.write("limit.txt", sized(t3, LIMIT));
    repo.write("over.txt", sized(t4, LIMIT + 1));
    repo.write("bin.dat", Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`GH_PAT: ${t5}\n`)]));
    c1 = commitAt("2020-01-01", "one");
    // 2021: a.yml now holds t2, the copies go: t1's last copy leaves with this commit.
    repo.write(".github/workflows/a.yml", workflow("GH_TOKEN", t2));
    repo.exec("git", ["rm", "-q", "-r", "c1", "c2", "c3", "c4"]);
    c2 = commitAt("2021-06-01", "two");
  });
  after(() => repo.remove());

  it("stylish: each secret with where and when it came in and where it went; blobs counted; the large and binary ones skipped", async () => {
    const run = await repo.nhilintIn({ stderrIsTTY: true }, "history");
    assert.equal(run.code, 1, run.stderr);
    // 5 blobs go by: t1's (one blob at five paths), t2's, limit.txt, bin.dat and over.txt (dropped as
    // it streams: not read); 4 are read.
    // (A slow machine may show a count on the way: at most ten a second.)
    assert.match(run.stderr, /^(?:\rnhilint: history: [0-4]\/5 blobs)*\rnhilint: history: 5\/5 blobs\n$/);
    const json = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
    const [s3, s2, s1] = json.secrets as { title: string; redacted: string }[];
    for (const s of [s1, s2, s3]) assert.match(s.redacted, /^ghp_… \(40 chars\)$/);
    const short = (id: string) => id.slice(0, 12);
    assert.equal(
      run.stdout,
      [
        `limit.txt\n  ${s3.title} (${s3.redacted})\n  added in ${short(c1)} (line 1) by Test Author <author@example.com> on 2020-01-01\n  still in HEAD\n`,
        `.github/workflows/a.yml\n  ${s2.title} (${s2.redacted})\n  added in ${short(c2)} (line 8) by Test Author <author@example.com> on 2021-06-01\n  still in HEAD\n`,
        `.github/workflows/a.yml\n  ${s1.title} (${s1.redacted})\n  added in ${short(c1)} (line 8) by Test Author <author@example.com> on 2020-01-01; also at c1/a.yml, c2/a.yml, c3/a.yml and 1 more\n  removed in ${short(c2)} (last held by ${short(c1)})\n`,
        "3 secrets in the history: 4 blobs read (skipped 1 large and 1 binary).\n",
        "Rotate these (most exposed first: still in HEAD, then the oldest):\n" +
          `  1. ${s3.title} (${s3.redacted}) at limit.txt, since 2020-01-01, still in HEAD\n     revoke it at https://github.com/settings/tokens\n` +
          `  2. ${s2.title} (${s2.redacted}) at .github/workflows/a.yml, since 2021-06-01, still in HEAD\n     revoke it at https://github.com/settings/tokens\n` +
          `  3. ${s1.title} (${s1.redacted}) at .github/workflows/a.yml, since 2020-01-01\n     revoke it at https://github.com/settings/tokens\n`,
        "Deleting a secret from the files does not take it out of clones and forks: rotate it at its provider, then record what you rotated with `nhilint history --update-baseline`.\n",
      ].join("\n"),
    );
    for (const t of [t1, t2, t3, t4, t5]) assert.ok(!(run.stdout + JSON.stringify(json)).includes(t.slice(4)));
  });

  it("--since a day reads the commits made after it (a ref named like a day is still the ref)", async () => {
    const after2021 = JSON.parse((await repo.nhilint("history", "--since", "2021-01-01", "--format", "json")).stdout);
    assert.deepEqual(after2021.revisions.slice(-1), ["HEAD"]);
    assert.match(after2021.revisions[0], /^--since(?:-as-filter)?=2021-01-01$/);
    // Only c2's blobs: t2, brought in by it (t1's copies only leave).
    assert.deepEqual(after2021.secrets.map((s: { firstCommit: string; date: string }) => [s.firstCommit, s.date]), [[c2, "2021-06-01"]]);
    assert.deepEqual(JSON.parse((await repo.nhilint("history", "--since", "2022-01-01", "--format", "json")).stdout).secrets, []);
    repo.git("tag", "2020-06-01", c1);
    try {
      assert.deepEqual(JSON.parse((await repo.nhilint("history", "--since", "2020-06-01", "--format", "json")).stdout).revisions, ["2020-06-01..HEAD"]);
    } finally {
      repo.git("tag", "-d", "2020-06-01");
    }
    // A day no calendar has is no day: a ref, which this repository does not have.
    const bad = await repo.nhilint("history", "--since", "2021-02-30");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no commit named `2021-02-30`/);
  });

  it("json: every path a secret was committed at, the skipped counts, and the revisions read", async () => {
    const json = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
    assert.deepEqual(json.revisions, ["HEAD"]);
    assert.equal(json.blobsScanned, 4);
    assert.deepEqual(json.skipped, { large: 1, binary: 1, dependencies: 0, ignored: 0 });
    const first = json.secrets.find((s: { firstCommit: string; path: string }) => s.firstCommit === c1 && s.path === ".github/workflows/a.yml");
    assert.deepEqual(first.paths, [".github/workflows/a.yml", "c1/a.yml", "c2/a.yml", "c3/a.yml", "c4/a.yml"]);
    assert.deepEqual([first.inHead, first.removedIn, first.lastCommit], [false, c2, c1]);
    // Bound to a key where a platform reads one (the workflow's env), to none in a plain text file.
    assert.deepEqual(first.names, ["GH_TOKEN"]);
    const inText = json.secrets.find((s: { path: string }) => s.path === "limit.txt");
    assert.deepEqual(inText.names, []);
  });

  it("sarif: valid SARIF 2.1.0, one hardcoded-secret result per secret at the path it came in, the commits in its properties, no secret bytes", async () => {
    const run = await repo.nhilint("history", "--format", "sarif");
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: unknown[] }[] };
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")));
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: { firstCommit: string; inHead: boolean; removedIn?: string }; partialFingerprints: Record<string, string> }[];
    assert.deepEqual(results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.properties.firstCommit, r.properties.inHead, r.properties.removedIn]), [
      ["limit.txt", c1, true, undefined],
      [".github/workflows/a.yml", c2, true, undefined],
      [".github/workflows/a.yml", c1, false, c2],
    ]);
    assert.ok(results.every((r) => r.ruleId === "hardcoded-secret" && log.runs[0].tool.driver.rules[r.ruleIndex].id === "hardcoded-secret"));
    assert.equal(new Set(results.map((r) => r.partialFingerprints["nhilintHistory/v1"])).size, 3);
    // Where to revoke it: in its message and its properties.
    for (const r of results as unknown as { message: { text: string }; properties: { revoke?: string } }[]) {
      assert.equal(r.properties.revoke, "https://github.com/settings/tokens");
      assert.match(r.message.text, /Rotate it at its provider \(https:\/\/github\.com\/settings\/tokens\)\.$/);
    }
    for (const t of [t1, t2, t3, t4, t5]) assert.ok(!run.stdout.includes(t.slice(4)));
  });

  it("a token pasted as a key is no name, and no format spells it, even upper-cased without separators", async () => {
    const pasted = new TempRepo();
    const folded = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, "");
    const password = new FakeSecrets(99).password(20);
    try {
      pasted.write("config.yml", `${t1}: ${t2}\ntoken_${t3}: "${password}"\nDEPLOY_TOKEN: ${t4}\n`);
      pasted.git("add", "-A");
      pasted.git("commit", "-q", "--no-verify", "-m", "pasted");
      const json = JSON.parse((await pasted.nhilint("history", "--format", "json")).stdout) as { secrets: { names: string[] }[] };
      assert.deepEqual(json.secrets.flatMap((s) => s.names).sort(), ["DEPLOY_TOKEN"]);
      for (const format of ["stylish", "json", "sarif", "github", "gitlab"]) {
        const out = (await pasted.nhilint("history", "--format", format)).stdout;
        for (const t of [t1, t2, t3, t4]) assert.ok(!folded(out).includes(folded(t).slice(4)), `${format} spells a token`);
      }
    } finally {
      pasted.remove();
    }
  });

  it("a key file named after its token: the path is shown with the token redacted, in every format, and in inventory --history", async () => {
    const named = new TempRepo();
    const token = `ghp_${new FakeSecrets(2727).chars(36)}`;
    try {
      named.write(`keys/${token}.txt`, `${token}\n`);
      named.write(".github/workflows/a.yml", workflow("GH_TOKEN", token));
      named.git("add", "-A");
      named.git("commit", "-q", "--no-verify", "-m", "keys");
      named.git("rm", "-q", "-r", "keys");
      named.git("commit", "-q", "--no-verify", "-m", "gone");
      const json = JSON.parse((await named.nhilint("history", "--format", "json")).stdout) as { secrets: { path: string; paths: string[] }[] };
      assert.equal(json.secrets.length, 1);
      assert.deepEqual(json.secrets[0].paths.sort(), [".github/workflows/a.yml", `keys/ghp_… (40 chars).txt`].sort());
      for (const format of ["stylish", "json", "sarif", "github", "gitlab"]) {
        const out = (await named.nhilint("history", "--format", format)).stdout;
        assert.ok(!out.includes(token.slice(4)), `${format} holds the token`);
      }
      const inventory = await named.nhilint("inventory", "--history", "--format", "markdown");
      assert.ok(!inventory.stdout.includes(token.slice(4)), "inventory --history holds the token");
    } finally {
      named.remove();
    }
  });

  it("one secret, one blob: singular words; a secret met again in a later blob keeps its first commit, and is removed by the commit that took its last copy out", async () => {
    const one = new TempRepo();
    try {
      one.write("a.yml", workflow("GH_TOKEN", t1));
      one.git("add", "-A");
      one.git("commit", "-q", "--no-verify", "-m", "one");
      const first = one.git("rev-parse", "HEAD").trim();
      let run = await one.nhilint("history");
      assert.match(run.stdout, /^1 secret in the history: 1 blob read\.$/m);
      // The same value again, in another file and another blob, under another name: still one secret,
      // first seen in `first`, with both paths and both names.
      one.write("b.yml", `# copied\n${workflow("RELEASE_TOKEN", t1)}`);
      one.git("add", "-A");
      one.git("commit", "-q", "--no-verify", "-m", "two");
      // And a later version of a.yml that keeps it: no path or name twice.
      one.write("a.yml", `# reviewed\n${workflow("GH_TOKEN", t1)}`);
      one.git("add", "-A");
      one.git("commit", "-q", "--no-verify", "-m", "two, again");
      run = await one.nhilint("history", "--format", "json");
      const json = JSON.parse(run.stdout);
      assert.equal(json.secrets.length, 1);
      assert.deepEqual([json.secrets[0].firstCommit, json.secrets[0].paths, json.secrets[0].names], [first, ["a.yml", "b.yml"], ["GH_TOKEN", "RELEASE_TOKEN"]]);
      // One copy goes, then the other: removed by the commit that took the last one out.
      one.git("rm", "-q", "a.yml");
      one.git("commit", "-q", "--no-verify", "-m", "three");
      const third = one.git("rev-parse", "HEAD").trim();
      assert.equal(JSON.parse((await one.nhilint("history", "--format", "json")).stdout).secrets[0].inHead, true);
      one.write("b.yml", workflow("GH_TOKEN", "${{ secrets.GH_TOKEN }}"));
      one.git("add", "-A");
      one.git("commit", "-q", "--no-verify", "-m", "four");
      const fourth = one.git("rev-parse", "HEAD").trim();
      const gone = JSON.parse((await one.nhilint("history", "--format", "json")).stdout).secrets[0];
      assert.deepEqual([gone.inHead, gone.removedIn, gone.lastCommit], [false, fourth, third]);
    } finally {
      one.remove();
    }
  });
});

describe("nhilint history: UTF-16 files", function () {
  it("reads a UTF-16 version (told by its byte-order mark) as text, not as binary: its token is found, and a version judged from it too", async () => {
    const repo = new TempRepo();
    try {
      const fake16 = new FakeSecrets(1426);
      const [first, second] = [0, 1].map(() => `ghp_${fake16.chars(36)}`);
      const wide = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
      const lines = Array.from({ length: 40 }, (_, i) => `Write-Host "step ${i}"`);
      repo.write("deploy.ps1", wide(`$env:GH_PAT = "${first}"\r\n${lines.join("\r\n")}\r\n`));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "one");
      repo.write("deploy.ps1", wide(`$env:GH_PAT = "${first}"\r\n${lines.join("\r\n")}\r\n$env:RELEASE_PAT = "${second}"\r\n`));
      repo.git("commit", "-q", "--no-verify", "-am", "two");
      const json = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
      assert.deepEqual(json.skipped.binary, 0);
      assert.deepEqual(json.secrets.map((s: { path: string; inHead: boolean }) => [s.path, s.inHead]), [["deploy.ps1", true], ["deploy.ps1", true]]);
      // A comment in it accepts one, read in the same encoding.
      repo.write("deploy.ps1", wide(`# nhilint-disable-next-line hardcoded-secret -- revoked demo token\r\n$env:GH_PAT = "${first}"\r\n${lines.join("\r\n")}\r\n`));
      repo.git("commit", "-q", "--no-verify", "-am", "three");
      const accepted = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
      assert.deepEqual(accepted.secrets.map((s: { inHead: boolean; suppression?: { line: number } }) => [s.inHead, s.suppression?.line ?? null]).sort(), [[false, null], [true, 1]]);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: authors", function () {
  it("names each secret's author as the repository's .mailmap does (the person to ask, not an old address)", async () => {
    const repo = new TempRepo();
    try {
      const token = `ghp_${new FakeSecrets(1421).chars(36)}`;
      repo.write("a.yml", workflow("GH_TOKEN", token));
      repo.git("add", "-A");
      repo.exec("git", ["commit", "-q", "--no-verify", "-m", "one"], { env: { GIT_AUTHOR_NAME: "old laptop", GIT_AUTHOR_EMAIL: "dev@old-laptop.local" } });
      const raw = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout).secrets[0].author;
      assert.equal(raw, "old laptop <dev@old-laptop.local>");
      repo.write(".mailmap", "Dana Dev <dana@example.com> <dev@old-laptop.local>\n");
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "mailmap");
      const mapped = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout).secrets[0].author;
      assert.equal(mapped, "Dana Dev <dana@example.com>");
    } finally {
      repo.remove();
    }
  });

  it("an author name that is a token the history holds (pasted into git's user.name) is shown redacted, in every format", async () => {
    const repo = new TempRepo();
    try {
      const token = `ghp_${new FakeSecrets(1422).chars(36)}`;
      repo.write("a.yml", workflow("GH_TOKEN", token));
      repo.git("add", "-A");
      repo.exec("git", ["commit", "-q", "--no-verify", "-m", "one"], { env: { GIT_AUTHOR_NAME: token, GIT_AUTHOR_EMAIL: "dev@example.com" } });
      const author = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout).secrets[0].author;
      assert.equal(author, "ghp_… (40 chars) <dev@example.com>");
      for (const format of ["stylish", "sarif", "github", "gitlab"]) {
        const out = (await repo.nhilint("history", "--format", format)).stdout;
        assert.ok(!out.includes(token.slice(4)), `${format} holds the token`);
      }
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: the user's git configuration", function () {
  this.timeout(60_000);
  it("changes nothing: the first commit, its author, the paths and the editor's check read the same under log.showRoot=false, a Latin-1 log encoding, log.follow and log.showSignature", async () => {
    const repo = new TempRepo();
    try {
      const fake = new FakeSecrets(1423);
      const first = `ghp_${fake.chars(36)}`;
      const second = `glpat-${fake.chars(20)}`;
      const person = { GIT_AUTHOR_NAME: "José Ñandú", GIT_AUTHOR_EMAIL: "jose@example.com" };
      // The root commit brings the first token in; a later one, by an author whose name is not ASCII, the second.
      repo.write("a.yml", workflow("GH_TOKEN", first));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "root");
      repo.write("b.yml", workflow("GL_TOKEN", second));
      repo.git("add", "-A");
      repo.exec("git", ["commit", "-q", "--no-verify", "-m", "second"], { env: person });
      // A rename: with log.follow, one path's log lists it as a two-path entry.
      repo.git("mv", "a.yml", "c.yml");
      repo.git("commit", "-q", "--no-verify", "-m", "rename");
      const [root, secondCommit] = repo.git("log", "--reverse", "--format=%H").trim().split("\n");
      const plain = (await repo.nhilint("history", "--format", "json")).stdout;
      const { committedWithValue } = await import("../../cli/history.js");
      const checked = () => [committedWithValue(repo.dir, "c.yml", first), committedWithValue(repo.dir, "b.yml", second)];
      assert.deepEqual(checked(), [true, true]);
      for (const [key, value] of [["log.showRoot", "false"], ["i18n.logOutputEncoding", "latin1"], ["log.follow", "true"], ["log.showSignature", "true"], ["diff.renames", "copies"], ["color.ui", "always"]]) repo.git("config", key, value);
      const configured = (await repo.nhilint("history", "--format", "json")).stdout;
      const secrets = JSON.parse(configured).secrets as { firstCommit: string; author: string; paths: string[] }[];
      assert.deepEqual(
        secrets.map((s) => [s.firstCommit, s.author, s.paths]),
        [
          [root, "Test Author <author@example.com>", ["a.yml", "c.yml"]],
          [secondCommit, "José Ñandú <jose@example.com>", ["b.yml"]],
        ],
      );
      assert.equal(configured, plain);
      assert.deepEqual(checked(), [true, true]);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history --all: stashes", function () {
  this.timeout(60_000);
  it("reads every stash entry, not only the newest one refs/stash points at: a token parked in an untracked file, and one in a tracked file's change", async () => {
    const repo = new TempRepo();
    try {
      const fake = new FakeSecrets(1424);
      const parked = [`glpat-${fake.chars(20)}`, `ghp_${fake.chars(36)}`, `npm_${fake.chars(36)}`];
      repo.write("ci.yml", workflow("TOKEN", "${{ secrets.TOKEN }}"));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "one");
      repo.write("local.env", `DEPLOY_TOKEN=${parked[0]}\n`);
      repo.git("stash", "push", "-q", "--include-untracked");
      repo.write("ci.yml", workflow("TOKEN", parked[1]));
      repo.git("stash", "push", "-q");
      repo.write("notes.txt", `npm token: ${parked[2]}\n`);
      repo.git("stash", "push", "-q", "--include-untracked");
      assert.equal(repo.git("stash", "list").trim().split("\n").length, 3);
      const all = JSON.parse((await repo.nhilint("history", "--all", "--format", "json")).stdout);
      assert.deepEqual(all.revisions, ["--all"]);
      assert.deepEqual(all.secrets.map((s: { path: string }) => s.path).sort(), ["ci.yml", "local.env", "notes.txt"]);
      assert.equal(all.secrets.length, 3);
      // HEAD's ancestry holds none of them.
      assert.deepEqual(JSON.parse((await repo.nhilint("history", "--format", "json")).stdout).secrets, []);
      assert.equal(repo.git("stash", "list").trim().split("\n").length, 3, "the stashes are left as they were");
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history --all: refs that name a blob or a tree", function () {
  this.timeout(60_000);
  it("reads them (a key file tagged, an annotated tag of one, a tree tagged): each secret named after its ref, with the tagger where there is one; a blob a commit holds stays the commit's", async () => {
    const repo = new TempRepo();
    try {
      const fake = new FakeSecrets(1425);
      const [tagged, annotated, inTree, committed] = [`sk_live_${fake.chars(24)}`, `glpat-${fake.chars(20)}`, `ghp_${fake.chars(36)}`, `npm_${fake.chars(36)}`];
      repo.write("ci.yml", workflow("NPM_TOKEN", committed));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "one");
      const object = (text: string) => repo.exec("git", ["hash-object", "-w", "--stdin"], { input: text }).stdout.trim();
      const keyFile = object(`stripe: ${tagged}\n`);
      repo.git("tag", "keyfile", keyFile);
      repo.git("tag", "-a", "-m", "the deploy key", "deploy-key", object(`GITLAB_TOKEN=${annotated}\n`));
      const workflowBlob = object(workflow("GH_TOKEN", inTree));
      // A tree no commit has, built in an index of its own.
      const index = { GIT_INDEX_FILE: join(repo.dir, ".git", "snapshot-index") };
      repo.exec("git", ["update-index", "--add", "--cacheinfo", `100644,${workflowBlob},.github/workflows/release.yml`], { env: index });
      const tree = repo.exec("git", ["write-tree"], { env: index }).stdout.trim();
      repo.git("tag", "snapshot", tree);
      // The committed file's blob tagged too: still named after its commit.
      repo.git("tag", "ci-file", repo.git("rev-parse", "HEAD:ci.yml").trim());
      const head = repo.git("rev-parse", "HEAD").trim();

      const onlyHead = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
      assert.deepEqual(onlyHead.secrets.map((s: { path: string }) => s.path), ["ci.yml"]);

      const run = await repo.nhilint("history", "--all", "--format", "json");
      assert.equal(run.code, 1, run.stderr);
      const secrets = JSON.parse(run.stdout).secrets as { path: string; ref?: string; firstCommit: string; author: string; date: string; paths: string[] }[];
      const by = new Map(secrets.map((s) => [s.path, s]));
      assert.deepEqual([...by.keys()].sort(), [".github/workflows/release.yml", "ci.yml", "refs/tags/deploy-key", "refs/tags/keyfile"]);
      assert.deepEqual(by.get("ci.yml"), { ...by.get("ci.yml"), firstCommit: head, paths: ["ci.yml", "refs/tags/ci-file"] });
      assert.equal(by.get("ci.yml")!.ref, undefined);
      assert.deepEqual(by.get("refs/tags/keyfile"), { ...by.get("refs/tags/keyfile"), ref: "refs/tags/keyfile", firstCommit: keyFile, author: "", date: "" });
      const deployKey = by.get("refs/tags/deploy-key")!;
      assert.deepEqual([deployKey.ref, deployKey.firstCommit, deployKey.author, deployKey.date], ["refs/tags/deploy-key", repo.git("rev-parse", "deploy-key").trim(), "Test Author <author@example.com>", new Date().toISOString().slice(0, 10)]);
      assert.deepEqual([by.get(".github/workflows/release.yml")!.ref, by.get(".github/workflows/release.yml")!.firstCommit], ["refs/tags/snapshot", tree]);

      const stylish = (await repo.nhilint("history", "--all")).stdout;
      assert.match(stylish, /\n {2}held by refs\/tags\/keyfile \(line 1\), in no commit\n/);
      assert.match(stylish, /\n {2}held by refs\/tags\/deploy-key \(line 1\), in no commit \(tagged by Test Author <author@example\.com> on \d{4}-\d{2}-\d{2}\)\n/);
      assert.match(stylish, /\d\. Stripe secret or restricted key \(sk_l… \(32 chars\)\) at refs\/tags\/keyfile\n/);
      const sarif = JSON.parse((await repo.nhilint("history", "--all", "--format", "sarif")).stdout);
      const result = sarif.runs[0].results.find((r: { properties: { ref?: string } }) => r.properties.ref === "refs/tags/keyfile");
      assert.match(result.message.text, /is held by refs\/tags\/keyfile \(line 1\), a ref that names it in no commit: every clone that fetches the ref holds it/);
      const gitlab = JSON.parse((await repo.nhilint("history", "--all", "--format", "gitlab")).stdout);
      assert.deepEqual(gitlab.vulnerabilities.find((v: { location: { file: string } }) => v.location.file === "refs/tags/keyfile").location, { file: "refs/tags/keyfile", start_line: 1, commit: { sha: keyFile } });
      // A tag named after the token it holds: the ref is shown redacted, as a path would be.
      const named = `ghp_${fake.chars(36)}`;
      repo.git("tag", named, object(`token: ${named}\n`));
      const byName = JSON.parse((await repo.nhilint("history", "--all", "--format", "json")).stdout).secrets.find((s: { ref?: string }) => s.ref?.includes("ghp_"));
      assert.deepEqual([byName.ref, byName.path], ["refs/tags/ghp_… (40 chars)", "refs/tags/ghp_… (40 chars)"]);
      for (const format of ["stylish", "json", "sarif", "github", "gitlab"]) {
        const out = (await repo.nhilint("history", "--all", "--format", format)).stdout;
        for (const value of [tagged, annotated, inTree, named]) assert.ok(!out.includes(value.slice(5)), `${format} holds a secret`);
      }
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: dependency folders", function () {
  this.timeout(60_000);
  it("skips what was only ever committed in a dependency folder (counted, and read with --include-dependencies); a copy outside one is read", async () => {
    const repo = new TempRepo();
    try {
      const vendored = `ghp_${fake.chars(36)}`;
      const copied = `glpat-${fake.chars(20)}`;
      repo.write("vendor/github.com/acme/sdk/config.go", `package sdk\n\nconst token = "${vendored}"\n`);
      repo.write("node_modules/pkg/a.sh", `curl --header "PRIVATE-TOKEN: ${copied}" https://gitlab.example.com\n`);
      repo.write("scripts/a.sh", `curl --header "PRIVATE-TOKEN: ${copied}" https://gitlab.example.com\n`);
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "vendored");
      let run = await repo.nhilint("history");
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^1 secret in the history: 1 blob read \(skipped 1 only in dependency folders, which --include-dependencies reads\)\.$/m);
      assert.match(run.stdout, /^scripts\/a\.sh\n {2}GitLab/m);
      const json = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
      assert.deepEqual(json.skipped, { large: 0, binary: 0, dependencies: 1, ignored: 0 });
      assert.deepEqual(json.secrets[0].paths, ["node_modules/pkg/a.sh", "scripts/a.sh"]);
      run = await repo.nhilint("history", "--include-dependencies", "--format", "json");
      const all = JSON.parse(run.stdout);
      assert.deepEqual(all.skipped, { large: 0, binary: 0, dependencies: 0, ignored: 0 });
      assert.deepEqual(all.secrets.map((secret: { path: string }) => secret.path).sort(), ["scripts/a.sh", "vendor/github.com/acme/sdk/config.go"]);
      // Copied out of the dependency folder by a later commit: named after the copy, at that commit.
      const vendoredFirst = repo.git("rev-parse", "HEAD").trim();
      repo.write("config.go", `package sdk\n\nconst token = "${vendored}"\n`);
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "copied out");
      const copiedAt = repo.git("rev-parse", "HEAD").trim();
      const now = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
      const github = now.secrets.find((secret: { path: string }) => secret.path === "config.go");
      assert.ok(github, JSON.stringify(now.secrets.map((secret: { path: string }) => secret.path)));
      assert.equal(github.firstCommit, copiedAt);
      assert.deepEqual(github.paths, ["vendor/github.com/acme/sdk/config.go", "config.go"]);
      assert.equal(now.skipped.dependencies, 0);
      // Read in the dependency folder too: named after it, at the commit that brought it in.
      const deep = JSON.parse((await repo.nhilint("history", "--include-dependencies", "--format", "json")).stdout);
      const vendoredSecret = deep.secrets.find((secret: { paths: string[] }) => secret.paths.includes("config.go"));
      assert.deepEqual([vendoredSecret.path, vendoredSecret.firstCommit], ["vendor/github.com/acme/sdk/config.go", vendoredFirst]);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: the scan's output options, configuration and baseline", function () {
  this.timeout(60_000);
  const f = new FakeSecrets(1417);
  const [real, fixture, shared, accepted] = [0, 1, 2, 3].map(() => `ghp_${f.chars(36)}`);
  let repo: TempRepo;
  let first: string;
  before(async () => {
    repo = new TempRepo();
    repo.write(".github/workflows/deploy.yml", workflow("GH_TOKEN", real));
    // Test fixtures the team ignores: one value only there, one also in a file that is not ignored.
    repo.write("test/fixtures/only.yml", `token: ${fixture}\n`);
    repo.write("test/fixtures/shared.yml", `token: ${shared}\n`);
    repo.write("scripts/shared.yml", `token: ${shared}\n`);
    repo.write(".github/workflows/old.yml", workflow("GH_TOKEN", accepted));
    repo.write(".nhilint.yaml", "ignore:\n  - test/fixtures/\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "one");
    first = repo.git("rev-parse", "HEAD").trim();
    // A baseline kept outside the default place accepts old.yml's secret.
    repo.write("security/README.md", "Accepted secrets.\n");
    const update = await repo.nhilint(".github/workflows/old.yml", "--update-baseline", "--baseline", "security/accepted.json");
    assert.equal(update.code, 0, update.stderr);
  });
  after(() => repo.remove());
  const everySecret = () => [real, fixture, shared, accepted];
  const leaks = (text: string) => everySecret().filter((secret) => text.includes(secret.slice(4, 12)));

  it("reads the configuration's ignore globs: a value only ever at ignored paths is not read (counted), one also elsewhere is", async () => {
    const json = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
    assert.deepEqual(json.skipped, { large: 0, binary: 0, dependencies: 0, ignored: 1 });
    assert.deepEqual(json.secrets.map((s: { path: string }) => s.path).sort(), [".github/workflows/deploy.yml", ".github/workflows/old.yml", "scripts/shared.yml"]);
    const stylish = await repo.nhilint("history");
    assert.match(stylish.stdout, /^3 secrets in the history: 4 blobs read \(skipped 1 only at paths the configuration ignores\)\.$/m);
    // Another configuration (--config), without the ignore: every value.
    repo.write("other.yaml", "rules: {}\n");
    const all = JSON.parse((await repo.nhilint("history", "--config", "other.yaml", "--format", "json")).stdout);
    assert.equal(all.secrets.length, 4);
    assert.equal(all.skipped.ignored, 0);
    // A configuration that is wrong, or named and missing, is a usage error naming it.
    repo.write("bad.yaml", "ignore: 3\n");
    const bad = await repo.nhilint("history", "--config", "bad.yaml");
    assert.deepEqual([bad.code, bad.stderr], [2, "nhilint: bad.yaml:1:9: `ignore` must be a list of globs\n"]);
    const missing = await repo.nhilint("history", "--config", "nope.yaml");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--config .*nope\.yaml: no such file/);
  });

  it("--baseline names the accepted secrets' file: shown as accepted there, not to rotate; a missing one is a usage error", async () => {
    const run = await repo.nhilint("history", "--baseline", "security/accepted.json");
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /\.github\/workflows\/old\.yml\n(.*\n){3} {2}accepted in security\/accepted\.json\n/);
    assert.match(run.stdout, /3 secrets in the history, 1 of them accepted in security\/accepted\.json: /);
    assert.doesNotMatch(run.stdout.slice(run.stdout.indexOf("Rotate these")), /old\.yml/);
    // Without it, the default place holds no baseline: all three to rotate.
    assert.match((await repo.nhilint("history")).stdout, /^ {2}3\. /m);
    const missing = await repo.nhilint("history", "--baseline", "security/none.json");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--baseline .*security\/none\.json: no such file/);
  });

  it("--output writes the report to a file, nothing to stdout; a folder that does not exist is a usage error", async () => {
    const run = await repo.nhilint("history", "--format", "json", "--output", "history.json");
    assert.deepEqual([run.code, run.stdout], [1, ""]);
    const written = readFileSync(join(repo.dir, "history.json"), "utf8");
    assert.equal(JSON.parse(written).secrets.length, 3);
    assert.deepEqual(leaks(written), []);
    const nowhere = await repo.nhilint("history", "-o", "no/such/folder/h.json");
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /--output .*h\.json is in a folder that does not exist/);
  });

  it("github: an error annotation per secret to rotate at its file, a notice per accepted one, a summary; no secret bytes", async () => {
    const run = await repo.nhilint("history", "--format", "github", "--baseline", "security/accepted.json");
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 4);
    const errors = lines.filter((line) => line.startsWith("::error "));
    assert.deepEqual(errors.map((line) => /file=([^,]*)/.exec(line)![1]).sort(), [".github/workflows/deploy.yml", "scripts/shared.yml"]);
    for (const line of errors) assert.match(line, new RegExp(`^::error file=[^,]+,title=nhilint hardcoded-secret \\(history\\)::GitHub .*\\(ghp_… \\(40 chars\\)\\) was committed in ${first.slice(0, 12)} \\(line \\d+\\) on \\d{4}-\\d\\d-\\d\\d and is still in HEAD`));
    assert.match(lines.find((line) => line.startsWith("::notice "))!, /^::notice file=\.github\/workflows\/old\.yml,.*Accepted in security\/accepted\.json\.$/);
    assert.equal(lines.at(-1), "nhilint: 3 secrets in the history, 2 to rotate: 4 blobs read");
    assert.deepEqual(leaks(run.stdout), []);
  });

  it("gitlab: a secret-detection report, one vulnerability per secret to rotate, located at its file and first commit; no secret bytes", async () => {
    const run = await repo.nhilint("history", "--format", "gitlab", "--baseline", "security/accepted.json");
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { version: string; scan: { type: string; scanner: { id: string } }; vulnerabilities: { id: string; category: string; severity: string; location: { file: string; commit: { sha: string; author: string; date: string } }; identifiers: { value: string }[] }[] };
    assert.equal(report.scan.type, "secret_detection");
    assert.equal(report.scan.scanner.id, "nhilint");
    assert.deepEqual(report.vulnerabilities.map((v) => v.location.file).sort(), [".github/workflows/deploy.yml", "scripts/shared.yml"]);
    for (const v of report.vulnerabilities) {
      assert.match(v.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.deepEqual([v.category, v.severity, v.identifiers[0].value], ["secret_detection", "High", "hardcoded-secret"]);
      assert.deepEqual(v.location.commit, { sha: first, author: "Test Author <author@example.com>", date: v.location.commit.date });
    }
    assert.equal(new Set(report.vulnerabilities.map((v) => v.id)).size, 2);
    // Its shape, as GitLab reads it: the schema version, the scanner, each identifier's docs, the times.
    const raw = JSON.parse(run.stdout);
    assert.equal(raw.version, "15.0.7");
    assert.deepEqual(raw.scan.analyzer, { id: "nhilint", name: "nhilint", version: raw.scan.analyzer.version, vendor: { name: "nhilint" } });
    assert.match(raw.scan.start_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    for (const v of raw.vulnerabilities) {
      assert.deepEqual([v.confidence, v.scanner, v.identifiers[0].name], ["High", { id: "nhilint", name: "nhilint" }, "nhilint hardcoded-secret"]);
      assert.match(v.identifiers[0].url, /hardcoded-secret/);
      assert.match(v.cve, new RegExp(`^${v.location.file.replace(/[./]/g, "\\$&")}:[0-9a-f]{32}:hardcoded-secret$`));
      // Where its kind is revoked, as a link GitLab shows.
      assert.deepEqual(v.links, [{ name: "Revoke it", url: "https://github.com/settings/tokens" }]);
    }
    // Where else a value was committed, in the description; none for a value at one path.
    const described = Object.fromEntries(raw.vulnerabilities.map((v: { location: { file: string }; description: string }) => [v.location.file, v.description]));
    assert.match(described["scripts/shared.yml"], /\n\nAlso committed at: test\/fixtures\/shared\.yml$/);
    assert.doesNotMatch(described[".github/workflows/deploy.yml"], /Also committed/);
    // The same ids on the next run: GitLab tracks them.
    assert.equal((await repo.nhilint("history", "--format", "gitlab", "--baseline", "security/accepted.json")).stdout.replace(/"(start|end)_time": "[^"]*"/g, ""), run.stdout.replace(/"(start|end)_time": "[^"]*"/g, ""));
    assert.deepEqual(leaks(run.stdout), []);
  });

  it("reads a bare repository (a mirror) with the configuration and baseline committed at its HEAD", async () => {
    const work = new TempRepo({ git: false });
    const mirror = new TempRepo({ git: false });
    try {
      work.exec("git", ["clone", "-q", repo.dir, "."]);
      work.write(".nhilint-baseline.json", readFileSync(join(repo.dir, "security", "accepted.json"), "utf8"));
      work.git("add", "-A");
      work.exec("git", ["-c", "user.name=Test Author", "-c", "user.email=author@example.com", "commit", "-q", "--no-verify", "-m", "baseline"]);
      assert.equal(mirror.exec("git", ["clone", "-q", "--mirror", work.dir, "."]).code, 0);
      const run = await mirror.nhilint("history", "--format", "json");
      assert.equal(run.code, 1, run.stderr);
      const json = JSON.parse(run.stdout);
      assert.equal(json.skipped.ignored, 1, "HEAD's .nhilint.yaml ignores the fixtures");
      assert.deepEqual(json.secrets.map((s: { path: string; accepted?: boolean }) => [s.path, s.accepted ?? false]).sort(), [
        [".github/workflows/deploy.yml", false],
        [".github/workflows/old.yml", true],
        ["scripts/shared.yml", false],
      ]);
      // Nowhere to write a baseline in a mirror, unless named.
      const update = await mirror.nhilint("history", "--update-baseline");
      assert.deepEqual([update.code, update.stderr], [2, "nhilint: a bare repository has no working tree to write the baseline to: name one with --baseline FILE\n"]);
    } finally {
      work.remove();
      mirror.remove();
    }
  });

  it("a shallow clone is said to be one (stderr, and `shallow` in JSON); a repository with no commits has nothing to read", async () => {
    const shallow = new TempRepo({ git: false });
    const empty = new TempRepo();
    try {
      repo.write("later.txt", "later\n");
      repo.git("add", "later.txt");
      repo.git("commit", "-q", "--no-verify", "-m", "later");
      assert.equal(shallow.exec("git", ["clone", "-q", "--depth", "1", `file://${repo.dir}`, "."]).code, 0);
      const cut = await shallow.nhilint("history", "--format", "json");
      assert.match(cut.stderr, /^nhilint: history: this clone is shallow: commits before its cut are not read.*fetch-depth: 0\)\.\n$/);
      assert.equal(JSON.parse(cut.stdout).shallow, true);
      // The machine formats carry it too: a SARIF tool notification, a GitHub warning, a GitLab scan message.
      const sarif = JSON.parse((await shallow.nhilint("history", "--format", "sarif")).stdout);
      assert.deepEqual([sarif.runs[0].invocations[0].executionSuccessful, sarif.runs[0].invocations[0].toolExecutionNotifications[0].level], [true, "warning"]);
      assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^this clone is shallow/);
      assert.match((await shallow.nhilint("history", "--format", "github")).stdout, /^::warning title=nhilint history::this clone is shallow/m);
      assert.match(JSON.parse((await shallow.nhilint("history", "--format", "gitlab")).stdout).scan.messages[0].value, /^this clone is shallow/);
      assert.equal(JSON.parse((await repo.nhilint("history", "--format", "sarif")).stdout).runs[0].invocations[0].toolExecutionNotifications.length, 0);
      const whole = await repo.nhilint("history", "--format", "json");
      assert.equal(whole.stderr, "");
      assert.equal(JSON.parse(whole.stdout).shallow, false);
      const none = await empty.nhilint("history");
      assert.deepEqual([none.code, none.stdout, none.stderr], [0, "0 secrets in the history: 0 blobs read.\n", "nhilint: history: HEAD has no commits yet: nothing to read.\n"]);
      const noneJson = JSON.parse((await empty.nhilint("history", "--format", "json")).stdout);
      assert.deepEqual([noneJson.secrets, noneJson.blobsScanned, noneJson.skipped], [[], 0, { large: 0, binary: 0, dependencies: 0, ignored: 0 }]);
    } finally {
      shallow.remove();
      empty.remove();
    }
  });

  it("stylish: coloured on a terminal or with FORCE_COLOR, plain with --no-color; no control characters from paths or author names", async () => {
    const hostile = new TempRepo();
    try {
      hostile.git("config", "user.name", "Mallory \u001b[2K\rEve");
      hostile.write("evil\u001b[2K\rname.yml", `token: ${real}\n`);
      hostile.git("add", "-A");
      hostile.git("commit", "-q", "--no-verify", "-m", "evil");
      const coloured = await hostile.nhilintIn({ env: { NO_COLOR: "", FORCE_COLOR: "1" } }, "history");
      assert.match(coloured.stdout, /^\u001b\[4mevil�\[2K�name\.yml\u001b\[24m\n/);
      assert.match(coloured.stdout, /by Mallory �\[2K�Eve </);
      // The only escapes left are the colours' own.
      assert.deepEqual(coloured.stdout.match(/\u001b\[[0-9;]*[A-Za-z]/g)!.filter((seq) => !/^\u001b\[(4|24|31|39|1|22)m$/.test(seq)), []);
      assert.ok(!coloured.stdout.includes("\r"));
      const plainRun = await hostile.nhilintIn({ env: { NO_COLOR: "", FORCE_COLOR: "1" } }, "history", "--no-color");
      assert.ok(!plainRun.stdout.includes("\u001b"), plainRun.stdout);
      assert.match(plainRun.stdout, /^evil�\[2K�name\.yml\n/);
    } finally {
      hostile.remove();
    }
  });
});

describe("nhilint history with a baseline", function () {
  this.timeout(60_000);
  const f = new FakeSecrets(1416);
  const [kept, removed, fresh] = [0, 1, 2].map(() => `ghp_${f.chars(36)}`);
  let repo: TempRepo;
  before(async () => {
    repo = new TempRepo();
    repo.write(".github/workflows/kept.yml", workflow("GH_TOKEN", kept));
    repo.write(".github/workflows/gone.yml", workflow("GH_TOKEN", removed));
    // The team accepts both (the same baseline the scan writes), then deletes one file and later pastes a new secret.
    const update = await repo.nhilint("--update-baseline");
    assert.equal(update.code, 0, update.stderr);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "accepted");
    repo.exec("git", ["rm", "-q", ".github/workflows/gone.yml"]);
    repo.git("commit", "-q", "--no-verify", "-m", "gone");
    repo.write(".github/workflows/new.yml", workflow("GH_TOKEN", fresh));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "new");
  });
  after(() => repo.remove());

  it("shows the secrets the baseline accepts (in HEAD and removed) as accepted, and asks to rotate only the others", async () => {
    const json = await repo.nhilint("history", "--format", "json");
    assert.equal(json.code, 1, json.stderr);
    const { secrets } = JSON.parse(json.stdout) as { secrets: { path: string; accepted?: boolean; inHead: boolean }[] };
    assert.deepEqual(
      secrets.map((s) => [s.path, s.inHead, s.accepted ?? false]).sort(),
      [[".github/workflows/gone.yml", false, true], [".github/workflows/kept.yml", true, true], [".github/workflows/new.yml", true, false]],
    );
    const stylish = await repo.nhilint("history");
    assert.match(stylish.stdout, /\.github\/workflows\/kept\.yml\n(.*\n){3}  accepted in \.nhilint-baseline\.json\n/);
    assert.match(stylish.stdout, /3 secrets in the history, 2 of them accepted in \.nhilint-baseline\.json: /);
    const rotate = stylish.stdout.slice(stylish.stdout.indexOf("Rotate these"));
    assert.match(rotate, /1\. GitHub personal access token[^\n]*\(ghp_… \(40 chars\)\) at \.github\/workflows\/new\.yml/);
    assert.doesNotMatch(rotate, /kept\.yml|gone\.yml|2\./);
    for (const secret of [kept, removed, fresh]) assert.ok(!json.stdout.includes(secret) && !stylish.stdout.includes(secret));
    const sarif = JSON.parse((await repo.nhilint("history", "--format", "sarif")).stdout) as { runs: { results: { suppressions?: { kind: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.deepEqual(
      sarif.runs[0].results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.suppressions?.[0]?.kind ?? "none"]).sort(),
      [[".github/workflows/gone.yml", "external"], [".github/workflows/kept.yml", "external"], [".github/workflows/new.yml", "none"]],
    );
  });

  it("exits 0 once every secret left is accepted; a malformed baseline is a usage error naming it", async () => {
    repo.exec("git", ["rm", "-q", ".github/workflows/new.yml"]);
    repo.git("commit", "-q", "--no-verify", "-m", "drop new");
    // Removed from HEAD but never accepted: still to rotate.
    assert.equal((await repo.nhilint("history")).code, 1);
    repo.git("reset", "-q", "--hard", "HEAD~2");
    const clean = await repo.nhilint("history");
    assert.equal(clean.code, 0, clean.stdout);
    assert.doesNotMatch(clean.stdout, /Rotate these/);
    repo.write(".nhilint-baseline.json", "{ not json");
    const bad = await repo.nhilint("history");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.nhilint-baseline\.json: not valid JSON/);
  });
});

describe("nhilint history: nhilint-disable-next-line comments", function () {
  this.timeout(60_000);
  const f = new FakeSecrets(1419);
  const [fixture, noReason, halfCovered, removed, uncommented] = [0, 1, 2, 3, 4].map(() => `ghp_${f.chars(36)}`);
  /** The workflow, with a comment on the line before the secret's (line 8, the secret on line 9). */
  const commented = (name: string, value: string, comment: string) => workflow(name, value).replace(`          ${name}:`, `          # ${comment}\n          ${name}:`);
  let repo: TempRepo;
  before(() => {
    repo = new TempRepo();
    // Committed bare first: a comment added later accepts it, as the scan of HEAD accepts it.
    repo.write(".github/workflows/fixture.yml", workflow("GH_TOKEN", fixture));
    repo.write(".github/workflows/no-reason.yml", commented("GH_TOKEN", noReason, "nhilint-disable-next-line hardcoded-secret"));
    repo.write(".github/workflows/half.yml", commented("GH_TOKEN", halfCovered, "nhilint-disable-next-line hardcoded-secret -- demo token"));
    repo.write("scripts/half.sh", `curl -H "Authorization: token ${halfCovered}" https://api.github.com/user\n`);
    repo.write(".github/workflows/removed.yml", commented("GH_TOKEN", removed, "nhilint-disable-next-line hardcoded-secret -- revoked"));
    repo.write(".github/workflows/uncommented.yml", commented("GH_TOKEN", uncommented, "nhilint-disable-next-line hardcoded-secret -- demo token"));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "one");
    repo.write(".github/workflows/fixture.yml", commented("GH_TOKEN", fixture, "nhilint-disable-next-line hardcoded-secret -- public test fixture, revoked"));
    repo.write(".github/workflows/uncommented.yml", workflow("GH_TOKEN", uncommented));
    repo.exec("git", ["rm", "-q", ".github/workflows/removed.yml"]);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "two");
  });
  after(() => repo.remove());

  it("a secret a comment with a reason accepts in every copy where it is now is shown as accepted there, not to rotate; a bare copy, no reason, or a comment taken out accepts nothing", async () => {
    const json = await repo.nhilint("history", "--format", "json");
    assert.equal(json.code, 1, json.stderr);
    const { secrets } = JSON.parse(json.stdout) as { secrets: { path: string; accepted?: boolean; suppression?: { path: string; line: number; reason: string } }[] };
    assert.deepEqual(
      secrets.map((s) => [s.path, s.accepted ?? false, s.suppression ?? null]).sort(),
      [
        [".github/workflows/fixture.yml", true, { path: ".github/workflows/fixture.yml", line: 8, reason: "public test fixture, revoked" }],
        [".github/workflows/half.yml", false, null],
        [".github/workflows/no-reason.yml", false, null],
        [".github/workflows/removed.yml", true, { path: ".github/workflows/removed.yml", line: 8, reason: "revoked" }],
        [".github/workflows/uncommented.yml", false, null],
      ],
    );
    const stylish = await repo.nhilint("history");
    assert.match(stylish.stdout, /\.github\/workflows\/fixture\.yml\n(.*\n){3} {2}accepted by a comment at \.github\/workflows\/fixture\.yml:8: public test fixture, revoked\n/);
    assert.match(stylish.stdout, /5 secrets in the history, 2 of them accepted by nhilint-disable-next-line comments: /);
    const rotate = stylish.stdout.slice(stylish.stdout.indexOf("Rotate these"));
    assert.match(rotate, /3\. /);
    assert.doesNotMatch(rotate, /fixture\.yml|removed\.yml|4\./);
    const sarif = JSON.parse((await repo.nhilint("history", "--format", "sarif")).stdout) as { runs: { results: { suppressions?: { kind: string; justification: string; location?: { physicalLocation: { region: { startLine: number } } } }[] }[] }[] };
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")));
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const kinds = sarif.runs[0].results.flatMap((r) => r.suppressions ?? []).map((x) => [x.kind, x.justification, x.location?.physicalLocation.region.startLine]);
    assert.deepEqual(kinds.sort(), [["inSource", "public test fixture, revoked", 8], ["inSource", "revoked", 8]]);
    const github = await repo.nhilint("history", "--format", "github");
    assert.match(github.stdout, /::notice file=\.github\/workflows\/fixture\.yml,.*Accepted by a comment at \.github\/workflows\/fixture\.yml:8: public test fixture, revoked\./);
    for (const output of [json.stdout, stylish.stdout, github.stdout, JSON.stringify(sarif)]) {
      for (const secret of [fixture, noReason, halfCovered, removed, uncommented]) assert.ok(!output.includes(secret.slice(4)), "a secret was printed");
    }
  });

  it("a value both under a comment and bare in the same file is not accepted; a comment for one secret leaves the baseline's acceptance of another in that file", async () => {
    const other = new TempRepo();
    try {
      const [twice, baselined, commentedToo] = [0, 1, 2].map(() => `ghp_${f.chars(36)}`);
      other.write(".github/workflows/both.yml", workflow("GH_TOKEN", baselined));
      // The team accepts `baselined` the scan's way, then adds a commented fixture beside it.
      assert.equal((await other.nhilint("--update-baseline")).code, 0);
      other.write(".github/workflows/twice.yml", `${commented("GH_TOKEN", twice, "nhilint-disable-next-line hardcoded-secret -- demo token")}          OTHER_TOKEN: ${twice}\n`);
      // Its reason quotes a password another file binds to a key (in this file, only a word): shown redacted.
      const password = new FakeSecrets(1424).password(20);
      other.write(".github/workflows/db.yml", workflow("DB_PASSWORD", password));
      other.write(".github/workflows/both.yml", `${workflow("GH_TOKEN", baselined)}          # nhilint-disable-next-line hardcoded-secret -- revoked fixture, unlike ${password}\n          FIXTURE_TOKEN: ${commentedToo}\n`);
      other.git("add", "-A");
      other.git("commit", "-q", "--no-verify", "-m", "one");
      const run = await other.nhilint("history", "--format", "json");
      const { secrets } = JSON.parse(run.stdout) as { secrets: { redacted: string; path: string; accepted?: boolean; suppression?: { line: number; reason: string } }[] };
      assert.match(secrets.find((s) => s.suppression)?.suppression?.reason ?? "", /^revoked fixture, unlike .{4}… \(20 chars\)$/);
      for (const secret of [twice, baselined, commentedToo, password]) assert.ok(!run.stdout.includes(secret.slice(4)), "a secret was printed");
      const byPath = secrets.map((s) => [s.path, s.accepted ?? false, s.suppression?.line ?? null]).sort();
      assert.deepEqual(byPath, [
        [".github/workflows/both.yml", true, null],
        [".github/workflows/both.yml", true, 9],
        [".github/workflows/db.yml", false, null],
        [".github/workflows/twice.yml", false, null],
      ]);
    } finally {
      other.remove();
    }
  });

  it("exits 0 when comments and the baseline accept every secret left", async () => {
    for (const path of [".github/workflows/no-reason.yml", ".github/workflows/half.yml", "scripts/half.sh", ".github/workflows/uncommented.yml"]) repo.exec("git", ["rm", "-q", path]);
    repo.git("commit", "-q", "--no-verify", "-m", "three");
    // The three removed without a comment are still to rotate until the baseline says they were.
    assert.equal((await repo.nhilint("history")).code, 1);
    const update = await repo.nhilint("history", "--update-baseline");
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stderr, /accepted 3 secrets of the history/);
    const clean = await repo.nhilint("history");
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /5 secrets in the history, 5 of them accepted \(3 in \.nhilint-baseline\.json, 2 by nhilint-disable-next-line comments\)/);
    repo.git("reset", "-q", "--hard", "HEAD~1");
  });
});

describe("nhilint history in a partial clone (git clone --filter=blob:none or tree:0)", function () {
  this.timeout(60_000);
  const f = new FakeSecrets(1420);
  const tokens = [0, 1, 2, 3].map(() => `ghp_${f.chars(36)}`);
  let source: TempRepo;
  before(() => {
    // A server that serves partial clones; four commits, each replacing the token (HEAD holds the last).
    source = new TempRepo();
    source.git("config", "uploadpack.allowFilter", "true");
    tokens.forEach((token, i) => {
      source.write("notes.txt", `release ${i}\nGH_PAT=${token}\n`);
      source.write(`added-${i}.yml`, workflow("GH_TOKEN", token));
      source.git("add", "-A");
      source.git("commit", "-q", "--no-verify", "-m", `release ${i}`);
    });
  });
  after(() => source.remove());
  const blobless = () => {
    const clone = new TempRepo({ git: false });
    const run = clone.exec("git", ["clone", "-q", "--filter=blob:none", `file://${source.dir}`, "."]);
    assert.equal(run.code, 0, run.stderr);
    return clone;
  };
  const promisorPacks = (repo: TempRepo) => readdirSync(join(repo.dir, ".git", "objects", "pack")).filter((name) => name.endsWith(".promisor")).length;

  it("fetches the blobs it lacks in one request (not one per blob, as git's own lazy fetch would), then reports every secret; refs, index and working tree unchanged", async () => {
    const clone = blobless();
    try {
      const packs = promisorPacks(clone);
      const refs = clone.git("show-ref");
      const status = clone.git("status", "--porcelain");
      const run = await clone.nhilint("history", "--format", "json");
      assert.equal(run.code, 1, run.stderr);
      // The three old versions of notes.txt: HEAD's blobs came with the checkout.
      assert.match(run.stderr, /this is a partial clone: fetching the 3 blobs of its history it lacks from `origin`, in one request/);
      assert.equal(promisorPacks(clone), packs + 1, "one fetch");
      assert.equal(JSON.parse(run.stdout).secrets.length, 4);
      assert.equal(clone.git("show-ref"), refs);
      assert.equal(clone.git("status", "--porcelain"), status);
      // Nothing left to fetch: nothing said.
      const again = await clone.nhilint("history", "--format", "json");
      assert.equal(again.stderr, "");
      assert.equal(again.stdout, run.stdout);
    } finally {
      clone.remove();
    }
    // The scan as a library, with no one to tell: the same fetch, quietly.
    const quiet = blobless();
    try {
      assert.equal((await scanHistory(quiet.dir, ["HEAD"], { workers: 0 })).secrets.length, 4);
    } finally {
      quiet.remove();
    }
  });

  it("a treeless clone (--filter=tree:0): the commits' trees in one request, then the blobs in another", async () => {
    const clone = new TempRepo({ git: false });
    try {
      assert.equal(clone.exec("git", ["clone", "-q", "--filter=tree:0", `file://${source.dir}`, "."]).code, 0);
      const packs = promisorPacks(clone);
      const run = await clone.nhilint("history", "--format", "json");
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(run.stderr.trimEnd().split("\n"), [
        "nhilint: history: this is a partial clone: fetching the 3 commit trees of its history it lacks from `origin`, in one request",
        "nhilint: history: this is a partial clone: fetching the 3 blobs of its history it lacks from `origin`, in one request",
      ]);
      assert.equal(promisorPacks(clone), packs + 2, "two fetches");
      assert.equal(JSON.parse(run.stdout).secrets.length, 4);
    } finally {
      clone.remove();
    }
  });

  it("a treeless clone whose remote cannot be reached: says the commit trees could not be fetched (exit 2)", async () => {
    const clone = new TempRepo({ git: false });
    try {
      assert.equal(clone.exec("git", ["clone", "-q", "--filter=tree:0", `file://${source.dir}`, "."]).code, 0);
      clone.git("remote", "set-url", "origin", `file://${source.dir}-moved`);
      const run = await clone.nhilint("history");
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /\nnhilint: cannot read the history: this is a partial clone, and the \d+ commit trees of its history it lacks could not be fetched from `origin`: .*does not appear to be a git repository/);
      assert.equal(run.stdout, "");
    } finally {
      clone.remove();
    }
  });

  it("when the remote cannot be reached, says so and why (exit 2), not git's lazy-fetch failure half-way", async () => {
    const clone = blobless();
    clone.git("remote", "set-url", "origin", `file://${source.dir}-moved`);
    try {
      const run = await clone.nhilint("history");
      assert.equal(run.code, 2);
      // git's own errors, without their `fatal:` and joined on one line.
      assert.equal(
        run.stderr.split("\n").at(-2),
        `nhilint: cannot read the history: this is a partial clone, and the 3 blobs of its history it lacks could not be fetched from \`origin\`: '${source.dir}-moved' does not appear to be a git repository; Could not read from remote repository. (scan where the remote can be reached, or in a full clone)`,
      );
      assert.equal(run.stdout, "");
    } finally {
      clone.remove();
    }
  });
});

describe("nhilint history --update-baseline: accepting what was rotated", function () {
  this.timeout(60_000);
  const f = new FakeSecrets(1418);
  const [removed, kept, later] = [0, 1, 2].map(() => `ghp_${f.chars(36)}`);
  let repo: TempRepo;
  const baselineFile = () => JSON.parse(readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8")) as { version: number; salt: string; fingerprints: string[]; history?: string[] };
  before(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/gone.yml", workflow("GH_TOKEN", removed));
    repo.write("scripts/deploy.sh", `export API_TOKEN=${kept}\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "two secrets");
    repo.exec("git", ["rm", "-q", ".github/workflows/gone.yml"]);
    repo.git("commit", "-q", "--no-verify", "-m", "one removed");
  });
  after(() => repo.remove());

  it("accepts every secret found (removed or still in HEAD) by value in the baseline's history list; the next run exits 0", async () => {
    assert.equal((await repo.nhilint("history")).code, 1);
    const update = await repo.nhilint("history", "--update-baseline");
    assert.equal(update.code, 0, update.stderr);
    assert.equal(update.stdout, "");
    const lines = update.stderr.trimEnd().split("\n");
    assert.equal(lines[0], "nhilint: accepted 2 secrets of the history in .nhilint-baseline.json");
    const accepted = lines.slice(1).map((line) => /^nhilint: accepted (\S+): GitHub .*\(ghp_… \(40 chars\)\), committed \d{4}-\d\d-\d\d(, still in HEAD)? — rotate it at its provider if that is not done$/.exec(line));
    assert.deepEqual(accepted.map((match) => `${match?.[1]}${match?.[2] ?? ""}`).sort(), [".github/workflows/gone.yml", "scripts/deploy.sh, still in HEAD"]);
    const written = baselineFile();
    assert.equal(written.version, 2);
    assert.match(written.salt, /^[0-9a-f]{32}$/);
    assert.deepEqual(written.fingerprints, []);
    assert.equal(written.history?.length, 2);
    assert.ok(written.history!.every((print) => /^[0-9a-f]{32}$/.test(print)));
    for (const secret of [removed, kept]) assert.ok(!(update.stderr + JSON.stringify(written)).includes(secret.slice(4, 12)));
    const after = await repo.nhilint("history");
    assert.equal(after.code, 0, after.stdout);
    assert.match(after.stdout, /^2 secrets in the history, 2 of them accepted in \.nhilint-baseline\.json: /m);
    assert.doesNotMatch(after.stdout, /Rotate these/);
  });

  it("the scan's --update-baseline keeps the history's list; a secret committed later is the only one to rotate, and is added next time", async () => {
    const history = baselineFile().history;
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    assert.deepEqual(baselineFile().history, history);
    assert.equal(baselineFile().fingerprints.length, 1, "the scan accepted the secret in the tree");
    assert.equal((await repo.nhilint("history")).code, 0);
    repo.write("notify.sh", `curl -H "Authorization: Bearer ${later}" https://api.example.com\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "later");
    const run = await repo.nhilintIn({ stderrIsTTY: true }, "history");
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Rotate these[^\n]*\n {2}1\. [^\n]* at notify\.sh[^\n]*\n {5}revoke it at [^\n]*\n\n/);
    // The slow derivation is said on a terminal: the value accepted by the history's list, and the new one.
    assert.match(run.stderr, /\nnhilint: history: fingerprinting 2 secret values for the baseline \(a slow derivation by design, about 0\.14 s of CPU each\)\n$/);
    const update = await repo.nhilint("history", "--update-baseline");
    assert.match(update.stderr, /^nhilint: accepted 1 secret of the history in \.nhilint-baseline\.json \(2 already accepted\)\n/);
    assert.equal(baselineFile().history?.length, 3);
    assert.equal((await repo.nhilint("history")).code, 0);
  });

  it("writes a named baseline that does not exist yet; refuses a version 1 one and a malformed history list (exit 2, naming the file)", async () => {
    const named = await repo.nhilint("history", "--update-baseline", "--baseline", "accepted.json");
    assert.equal(named.code, 0, named.stderr);
    assert.equal(JSON.parse(readFileSync(join(repo.dir, "accepted.json"), "utf8")).history.length, 3);
    assert.equal((await repo.nhilint("history", "--baseline", "accepted.json")).code, 0);
    repo.write("v1.json", JSON.stringify({ version: 1, fingerprints: [] }));
    const old = await repo.nhilint("history", "--update-baseline", "--baseline", "v1.json");
    assert.deepEqual([old.code, old.stderr], [2, "nhilint: v1.json is a version 1 baseline: run `nhilint --update-baseline` first (it migrates it to version 2)\n"]);
    repo.write("bad.json", JSON.stringify({ ...baselineFile(), history: "all" }));
    const bad = await repo.nhilint("history", "--baseline", "bad.json");
    assert.deepEqual([bad.code, bad.stderr], [2, 'nhilint: bad.json: "history" must be a list of fingerprints\n']);
  });
});

describe("nhilint history: a blob skipped at a dependency folder and an ignored path alike", function () {
  this.timeout(60_000);
  it("is counted with the dependency folders' (--include-dependencies reads it and names it after that path), not with the ignored paths'", async () => {
    const repo = new TempRepo();
    const token = `ghp_${new FakeSecrets(1425).chars(36)}`;
    try {
      repo.write("node_modules/tool/fixture.yml", `token: ${token}\n`);
      repo.write("test/fixtures/fixture.yml", `token: ${token}\n`);
      repo.write(".nhilint.yaml", "ignore:\n  - test/fixtures/\n");
      repo.git("add", "-A", "--force");
      repo.git("commit", "-q", "--no-verify", "-m", "one");
      const json = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout);
      assert.deepEqual([json.secrets.length, json.skipped.dependencies, json.skipped.ignored], [0, 1, 0]);
      const read = JSON.parse((await repo.nhilint("history", "--include-dependencies", "--format", "json")).stdout);
      assert.deepEqual(read.secrets.map((s: { paths: string[] }) => s.paths.sort()), [["node_modules/tool/fixture.yml", "test/fixtures/fixture.yml"]]);
      // Named after the path that was read, not the ignored one beside it.
      assert.equal(read.secrets[0].path, "node_modules/tool/fixture.yml");
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: the slow fingerprint is derived only where the baseline's history list can use it", function () {
  this.timeout(60_000);
  it("no derivation (nothing said on a terminal) with a baseline that has no history list, a version 1 one, or when the tree's fingerprints accept every secret", async () => {
    const repo = new TempRepo();
    const [first, second] = [1423, 1424].map((seed) => `ghp_${new FakeSecrets(seed).chars(36)}`);
    try {
      repo.write(".github/workflows/a.yml", workflow("GH_TOKEN", first));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "one");
      // The scan's own baseline: version 2, the tree's findings by place, no history list.
      assert.equal((await repo.nhilint("--update-baseline")).code, 0);
      repo.write(".github/workflows/b.yml", workflow("OTHER_TOKEN", second));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "two");
      const onTerminal = (...args: string[]) => repo.nhilintIn({ stderrIsTTY: true }, "history", ...args);
      const noList = await onTerminal();
      assert.equal(noList.code, 1, "the second secret is accepted by nothing");
      assert.match(noList.stdout, /^2 secrets in the history, 1 of them accepted/m);
      assert.doesNotMatch(noList.stderr, /fingerprinting/);
      repo.write("v1.json", JSON.stringify({ version: 1, fingerprints: [] }));
      const v1 = await onTerminal("--baseline", "v1.json");
      assert.equal(v1.code, 1, v1.stderr);
      assert.doesNotMatch(v1.stderr, /fingerprinting|internal|Error/);
      // A history list, and the tree's fingerprints accepting both: nothing left to derive.
      assert.equal((await repo.nhilint("history", "--update-baseline")).code, 0);
      assert.equal((await repo.nhilint("--update-baseline")).code, 0);
      const accepted = await onTerminal();
      assert.equal(accepted.code, 0, accepted.stdout);
      assert.doesNotMatch(accepted.stderr, /fingerprinting/);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: program source, read as the scan reads it", function () {
  this.timeout(60_000);
  it("a TS file's literals bound to keys are found with their names; a version that cannot hold one is not parsed, and finds nothing", async () => {
    const f = new FakeSecrets(1419);
    const provider = `ghp_${f.chars(36)}`;
    const keyed = `${f.chars(28)}7!`;
    const repo = new TempRepo();
    try {
      // Nothing in it says a literal matters but the token itself: found in the text, named by the parse.
      repo.write("src/client.ts", `const GH_ADMIN = "${provider}";\nexport default GH_ADMIN;\n`);
      repo.write("src/db.ts", `export const settings = { host: "db.internal", dbPassword: "${keyed}" };\n`);
      repo.write("src/math.ts", "export const add = (a: number, b: number) => a + b;\n");
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "code");
      repo.write("src/math.ts", "export const add = (a: number, b: number) => a + b;\nexport const sub = (a: number, b: number) => a - b;\n");
      repo.git("commit", "-q", "--no-verify", "-am", "more code");
      const { secrets } = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout) as { secrets: { path: string; title: string; names: string[] }[] };
      assert.deepEqual(secrets.map((s) => [s.path, s.names]).sort(), [["src/client.ts", ["GH_ADMIN"]], ["src/db.ts", ["dbPassword"]]]);
      assert.match(secrets.find((s) => s.path === "src/db.ts")!.title, /credential-like value under `dbPassword`/);
    } finally {
      repo.remove();
    }
  });

  it("a TS/JS version over 256 KiB (a bundle) is read as text, not parsed: its provider tokens found at their commits, counted; the same key-bound literal in a small file found", async () => {
    const f = new FakeSecrets(1420);
    const token = `ghp_${f.chars(36)}`;
    const keyed = `${f.chars(28)}7!`;
    // A generated bundle: many modules of code, released (rebuilt) at each commit.
    const module = (i: number) => `/***/ ${i}: /***/ ((module) => {\n  module.exports = function handler${i}(request) {\n    const options = { retries: ${i % 7}, timeout: ${i * 10} };\n    return request.send(options);\n  };\n/***/ }),\n`;
    const bundle = (extra: string) => `(() => {\nvar __modules = ({\n${Array.from({ length: 1500 }, (_, i) => module(i)).join("")}${extra}});\n})();\n`;
    const repo = new TempRepo();
    try {
      assert.ok(bundle("").length > 256 * 1024);
      repo.write("dist/index.js", bundle(""));
      repo.write("src/db.ts", "export const settings = { host: \"db.internal\" };\n");
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "release 1");
      repo.write("dist/index.js", bundle(`/***/ 9001: /***/ ((module) => {\n  module.exports = { dbPassword: "${keyed}", gh: "${token}" };\n/***/ }),\n`));
      repo.write("src/db.ts", `export const settings = { host: "db.internal", dbPassword: "${keyed}" };\n`);
      repo.git("commit", "-q", "--no-verify", "-am", "release 2");
      const second = repo.git("rev-parse", "HEAD").trim();
      repo.write("dist/index.js", bundle("/* release 3 */\n"));
      repo.git("commit", "-q", "--no-verify", "-am", "release 3");
      const run = await repo.nhilint("history", "--format", "json");
      const report = JSON.parse(run.stdout) as { readAsText: number; secrets: { path: string; title: string; firstCommit: string; inHead: boolean; paths: string[] }[] };
      assert.equal(report.readAsText, 3, "three versions of the bundle");
      const byTitle = new Map(report.secrets.map((s) => [s.title.startsWith("GitHub") ? "token" : "keyed", s]));
      assert.deepEqual([...byTitle.keys()].sort(), ["keyed", "token"], JSON.stringify(report.secrets.map((s) => s.title)));
      assert.deepEqual([byTitle.get("token")!.path, byTitle.get("token")!.firstCommit, byTitle.get("token")!.inHead], ["dist/index.js", second, false]);
      // The key-bound literal is found where it is parsed (the small file) and only there.
      assert.deepEqual(byTitle.get("keyed")!.paths, ["src/db.ts"]);
      assert.match((await repo.nhilint("history", "--no-color")).stdout, /3 versions of TS\/JS files over 256 KiB \(bundles\) read as text, not parsed/);
    } finally {
      repo.remove();
    }
  });

  it("an npm lockfile, read as text, still shows a registry password in a resolved URL at the commit that brought it", async () => {
    const f = new FakeSecrets(1421);
    const password = `${f.chars(20)}9`;
    const lock = (resolved: string) => JSON.stringify({ name: "app", lockfileVersion: 3, packages: { "node_modules/left-pad": { version: "1.3.0", resolved, integrity: `sha512-${f.chars(86)}==` } } }, null, 2);
    const repo = new TempRepo();
    try {
      repo.write("package-lock.json", lock("https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "deps");
      repo.write("package-lock.json", lock(`https://ci:${password}@npm.internal.example.com/left-pad/-/left-pad-1.3.0.tgz`));
      repo.git("commit", "-q", "--no-verify", "-am", "private registry");
      const { secrets } = JSON.parse((await repo.nhilint("history", "--format", "json")).stdout) as { secrets: { path: string; title: string }[] };
      assert.deepEqual(secrets.map((s) => [s.path, s.title]), [["package-lock.json", "password in a URL"]]);
    } finally {
      repo.remove();
    }
  });
});

describe("the editor's rotate-if-committed check (committedWithValue)", () => {
  const value = `ghp_${new FakeSecrets(1415).chars(36)}`;
  let repo: TempRepo;
  before(() => {
    repo = new TempRepo();
    repo.write("ci.yml", workflow("TOKEN", value));
    repo.git("add", "ci.yml");
    repo.git("commit", "-qm", "add");
    repo.write("ci.yml", workflow("TOKEN", "${{ secrets.TOKEN }}"));
    repo.git("commit", "-qam", "move out");
    repo.write("other.yml", "a: b\n");
    repo.git("add", "other.yml");
    repo.git("commit", "-qm", "other");
  });
  after(() => repo.remove());

  it("is true when any committed version of the file held the value, even one HEAD no longer has", async () => {
    const { committedWithValue } = await import("../../cli/history.js");
    assert.equal(committedWithValue(repo.dir, "ci.yml", value), true);
    assert.equal(committedWithValue(repo.dir, "ci.yml", `${value}x`), false, "another value");
    assert.equal(committedWithValue(repo.dir, "other.yml", value), false, "another file");
    assert.equal(committedWithValue(repo.dir, "ci.yml", ""), false, "no value");
    assert.equal(committedWithValue(repo.dir, "never.yml", value), false, "a file never committed");
  });

  it("finds the value in a UTF-16 version (Windows PowerShell's Out-File) too", async () => {
    const { committedWithValue } = await import("../../cli/history.js");
    repo.write("deploy.ps1", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$env:GH_PAT = "${value}"\r\n`, "utf16le")]));
    repo.git("add", "deploy.ps1");
    repo.git("commit", "-qm", "script");
    assert.equal(committedWithValue(repo.dir, "deploy.ps1", value), true);
    assert.equal(committedWithValue(repo.dir, "deploy.ps1", `${value}x`), false);
  });

  it("is false outside git and before the first commit", async () => {
    const { committedWithValue } = await import("../../cli/history.js");
    const plain = new TempRepo({ git: false });
    const empty = new TempRepo();
    try {
      plain.write("ci.yml", value);
      empty.write("ci.yml", value);
      assert.equal(committedWithValue(plain.dir, "ci.yml", value), false);
      assert.equal(committedWithValue(empty.dir, "ci.yml", value), false);
    } finally {
      plain.remove();
      empty.remove();
    }
  });
});

describe("nhilint history: judged alike in any number of threads", function () {
  this.timeout(120_000);
  it("this thread, one worker or three find the same secrets with the same commits, every version of a path judged from the one before", async () => {
    // 30 plain-text files, each changed in 40 commits: its first line every time, and a token comes in
    // 40 lines further down at a chosen version and goes out later. The versions between only change
    // the first line: the token's detection is carried from version to version, not judged again.
    const secrets = new FakeSecrets(7);
    const tokens = Array.from({ length: 30 }, () => `ghp_${secrets.chars(36)}`);
    const lines = (version: number) => Array.from({ length: 60 }, (_, line) => (line === 0 ? `version ${version}` : `line ${line} of a long note that does not change`));
    const blocks: string[] = [];
    let mark = 0;
    for (let version = 1; version <= 40; version++) {
      for (let file = 0; file < 30; file++) {
        const holds = version >= 5 + (file % 10) && version < 30 + (file % 5);
        const content = [...lines(version).slice(0, 40), ...(holds ? [`token = ${tokens[file]}`] : []), ...lines(version).slice(40)].join("\n") + "\n";
        mark++;
        blocks.push(`commit refs/heads/main\nmark :${mark}\ncommitter Dev <dev@example.com> ${1_700_000_000 + mark * 60} +0000\ndata 1\nc\nM 100644 inline notes/${file}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`);
      }
    }
    const repo = new TempRepo();
    try {
      const commits = repo.importHistory(blocks.join("\n") + "\n");
      const inThread = await scanHistory(repo.dir, ["main"], { workers: 0 });
      assert.equal(inThread.secrets.length, 30);
      for (const secret of inThread.secrets) {
        const file = Number(/notes\/(\d+)\.txt/.exec(secret.path)![1]);
        // Its first commit is the version it came in at; it went out at version 30 + file % 5.
        assert.equal(secret.firstCommit, commits[(4 + (file % 10)) * 30 + file], secret.path);
        assert.equal(secret.removedIn, commits[(29 + (file % 5)) * 30 + file], secret.path);
      }
      for (const workers of [1, 3]) assert.deepEqual(await scanHistory(repo.dir, ["main"], { workers }), inThread, `${workers} workers`);
      // Threads that come online but cannot load their code (a Node option they refuse): judged here, the same.
      assert.deepEqual(await scanHistory(repo.dir, ["main"], { workers: 2, workerExecArgv: ["--input-type=module"] }), inThread, "no worker loaded");
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint history: the command's edges", function () {
  this.timeout(60_000);
  const token = `ghp_${new FakeSecrets(1426).chars(36)}`;
  let repo: TempRepo;
  before(() => {
    repo = new TempRepo();
    repo.write("deploy.sh", "echo first\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "one");
    repo.git("tag", "v1.0");
    repo.write("deploy.sh", `curl -H "Authorization: token ${token}" https://api.github.com\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "two");
  });
  after(() => repo.remove());

  it("--since a tag with dots in its name (v1.0) reads the commits after it", async () => {
    const run = await repo.nhilint("history", "--since", "v1.0", "--format", "json");
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).secrets.map((s: { path: string }) => s.path), ["deploy.sh"]);
  });

  it("a configuration that sets rules is read (its ignore globs kept), not refused", async () => {
    repo.write("team.yaml", "rules:\n  hardcoded-secret: warning\n  unowned-connector: off\nignore:\n  - deploy.sh\n");
    const run = await repo.nhilint("history", "--config", "team.yaml", "--format", "json");
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).skipped.ignored, 2);
  });

  it("SARIF names the tool's own version", async () => {
    const sarif = JSON.parse((await repo.nhilint("history", "--format", "sarif")).stdout);
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(sarif.runs[0].tool.driver.version, version);
  });

  it("--update-baseline with --baseline naming a folder: said, naming the flag, nothing written", async () => {
    repo.write("security/keep.txt", "x\n");
    const run = await repo.nhilint("history", "--update-baseline", "--baseline", "security");
    assert.deepEqual([run.code, run.stderr], [2, `nhilint: --update-baseline ${join(repo.dir, "security")} is a folder\n`]);
  });

  it("a bare repository with no configuration or baseline committed reads everything", async () => {
    const mirror = new TempRepo({ git: false });
    try {
      assert.equal(mirror.exec("git", ["clone", "-q", "--mirror", repo.dir, "."]).code, 0);
      const run = await mirror.nhilint("history", "--format", "json");
      assert.equal(run.code, 1, run.stderr);
      const json = JSON.parse(run.stdout);
      assert.deepEqual([json.secrets.length, json.skipped.ignored], [1, 0]);
    } finally {
      mirror.remove();
    }
  });

  it("a range from HEAD in a repository with no commits says there is no history, by name", async () => {
    const empty = new TempRepo();
    try {
      const run = await empty.nhilint("history", "--since", "HEAD");
      assert.deepEqual([run.code, run.stderr], [2, "nhilint: HEAD has no commits yet: there is no history to read\n"]);
    } finally {
      empty.remove();
    }
  });
});
