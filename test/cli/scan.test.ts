// What a run reads and what it says about itself (cli/scan.ts), in-process so mutation testing sees it:
// --staged takes every file it reads (config, inventory, CODEOWNERS, the baseline) from the index;
// --output, progress on a terminal, --update-baseline's account, --max-warnings and the order of
// accepted findings.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(3117);
const token = `ghp_${fake.chars(36)}`;
const usesSecret = (name: string) => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./sync.sh\n        env:\n          T: \${{ secrets.${name} }}\n`;
const record = (name: string, owner = "@acme/platform") => `  - name: ${name}\n    kind: secret\n    owner: "${owner}"\n    purpose: Sync\n    expires: 2030-01-01\n`;
const inventory = (...records: string[]) => `version: 1\nconnectors:\n${records.join("")}`;

describe("cli: what a run reads, and what it says", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());

  const ruleIds = (run: { stdout: string }) => (JSON.parse(run.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId).sort();

  describe("--staged reads every file from the index, never the working tree", () => {
    it("the inventory: staged records count, unstaged ones do not", async () => {
      repo.write(".github/workflows/sync.yml", usesSecret("SYNC_TOKEN"));
      repo.write("nhi-inventory.yaml", inventory(record("SYNC_TOKEN")));
      repo.git("add", "-A");
      // Unstaged: the record removed in the working tree.
      repo.write("nhi-inventory.yaml", inventory(record("OTHER")));
      assert.deepEqual(ruleIds(await repo.nhilint("--staged", "--format", "json")), []);
      assert.ok(ruleIds(await repo.nhilint("--format", "json")).includes("unowned-connector"), "the working tree lacks the record");
    });

    it(".nhilint.yaml: the staged settings apply", async () => {
      repo.write(".github/workflows/sync.yml", usesSecret("SYNC_TOKEN"));
      repo.write(".nhilint.yaml", "rules:\n  unowned-connector: off\n");
      repo.git("add", "-A");
      repo.write(".nhilint.yaml", "rules: {}\n");
      assert.ok(!ruleIds(await repo.nhilint("--staged", "--format", "json")).includes("unowned-connector"));
      assert.ok(ruleIds(await repo.nhilint("--format", "json")).includes("unowned-connector"));
    });

    it("an inventory at a configured path, staged there", async () => {
      repo.write(".github/workflows/sync.yml", usesSecret("SYNC_TOKEN"));
      repo.write(".nhilint.yaml", "inventory: security/nhi.yaml\n");
      repo.write("security/nhi.yaml", inventory(record("SYNC_TOKEN")));
      repo.git("add", "-A");
      rmSync(join(repo.dir, "security"), { recursive: true });
      assert.deepEqual(ruleIds(await repo.nhilint("--staged", "--format", "json")), []);
    });

    it("an inventory at a configured path, committed long ago and unchanged: read from the index", async () => {
      repo.write(".nhilint.yaml", "inventory: security/nhi.yaml\n");
      repo.write("security/nhi.yaml", inventory(record("SYNC_TOKEN")));
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "inventory");
      repo.write(".github/workflows/sync.yml", usesSecret("SYNC_TOKEN"));
      repo.git("add", ".github/workflows/sync.yml");
      rmSync(join(repo.dir, "security"), { recursive: true });
      assert.deepEqual(ruleIds(await repo.nhilint("--staged", "--format", "json")), []);
    });

    it("CODEOWNERS: the staged owner is suggested for an unowned connector", async () => {
      repo.write(".github/workflows/sync.yml", usesSecret("SYNC_TOKEN"));
      repo.write("nhi-inventory.yaml", inventory(record("OTHER")));
      repo.write(".github/CODEOWNERS", "* @acme/staged-owners\n");
      repo.git("add", "-A");
      repo.write(".github/CODEOWNERS", "* @acme/working-tree-owners\n");
      const staged = JSON.parse((await repo.nhilint("--staged", "--format", "json")).stdout);
      const fix = staged.findings.find((f: { ruleId: string }) => f.ruleId === "unowned-connector").fixes[0];
      assert.match(fix.title, /owner @acme\/staged-owners from CODEOWNERS/);
      const tree = JSON.parse((await repo.nhilint("--format", "json")).stdout);
      assert.match(tree.findings.find((f: { ruleId: string }) => f.ruleId === "unowned-connector").fixes[0].title, /@acme\/working-tree-owners/);
    });

    it("a staged file deleted from the working tree is still linted; an unstaged one is not", async () => {
      repo.write(".github/workflows/a.yml", usesSecret("A").replace("./sync.sh", `curl -H "Authorization: token ${token}" x`));
      repo.git("add", "-A");
      rmSync(join(repo.dir, ".github/workflows/a.yml"));
      repo.write(".github/workflows/b.yml", `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo ${token}\n`);
      const run = JSON.parse((await repo.nhilint("--staged", "--format", "json")).stdout);
      assert.deepEqual([...new Set(run.findings.map((f: { path: string }) => f.path))], [".github/workflows/a.yml"]);
      assert.equal(run.summary.files, 1);
    });

    it("the baseline: a staged one accepts, an unstaged one does not", async () => {
      repo.write(".github/workflows/a.yml", `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: ./push.sh\n        env:\n          GH_PAT: ${token}\n`);
      assert.equal((await repo.nhilint("--update-baseline")).code, 0);
      repo.git("add", "-A");
      assert.equal((await repo.nhilint("--staged")).code, 0);
      repo.git("rm", "-q", "--cached", ".nhilint-baseline.json");
      assert.equal((await repo.nhilint("--staged")).code, 1, "the baseline is only in the working tree now");
    });
  });

  it("--output writes the report to the file, not stdout, and stylish there has no colour even when forced", async () => {
    repo.write(".github/workflows/a.yml", `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: ./push.sh\n        env:\n          GH_PAT: ${token}\n`);
    const forced = { env: { NO_COLOR: "", FORCE_COLOR: "1" } };
    const run = await repo.nhilintIn(forced, "--output", "report.txt");
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    const text = readFileSync(join(repo.dir, "report.txt"), "utf8");
    assert.match(text, /hardcoded-secret/);
    assert.ok(!text.includes("\x1b["), "colour codes in a file");
    assert.ok((await repo.nhilintIn(forced)).stdout.includes("\x1b["), "forced colour on stdout");
    const json = await repo.nhilint("--format", "json", "--output", "out/../report.json");
    assert.equal(json.stdout, "");
    assert.ok(JSON.parse(readFileSync(join(repo.dir, "report.json"), "utf8")).findings.some((f: { ruleId: string }) => f.ruleId === "hardcoded-secret"));
  });

  it("progress on a terminal for 200 files or more: the first file drawn, the last one, then the line cleared", async () => {
    for (let i = 0; i < 200; i++) repo.write(`configs/c${i}.yml`, "a: 1\n");
    const run = await repo.nhilintIn({ stderrIsTTY: true });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(run.stderr.startsWith("\rnhilint: 1/200 files"), JSON.stringify(run.stderr.slice(0, 60)));
    assert.ok(run.stderr.endsWith("\rnhilint: 200/200 files\r\x1b[K"), JSON.stringify(run.stderr.slice(-60)));
    assert.equal((await repo.nhilint()).stderr, "", "no progress where stderr is not a terminal");
    // The last file read is binary: not linted, still counted, and the line still cleared.
    writeFileSync(join(repo.dir, "configs", "zz.bin"), Buffer.from([0x61, 0x00, 0x62]));
    const binary = await repo.nhilintIn({ stderrIsTTY: true });
    assert.ok(binary.stderr.endsWith("\rnhilint: 201/201 files\r\x1b[K"), JSON.stringify(binary.stderr.slice(-60)));
    assert.match(binary.stdout, /configs\/zz\.bin: skipped: binary file/);
    rmSync(join(repo.dir, "configs", "zz.bin"));
    rmSync(join(repo.dir, "configs", "c0.yml"));
    assert.equal((await repo.nhilintIn({ stderrIsTTY: true })).stderr, "", "no progress for 199 files");
  });

  it("--update-baseline counts what it wrote and names each accepted secret to rotate, nothing else", async () => {
    repo.write(".github/workflows/a.yml", `on: push\npermissions: {}\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: ./push.sh\n        env:\n          GH_PAT: ${token}\n          T: \${{ secrets.DEPLOY }}\n`);
    const run = await repo.nhilint("--update-baseline");
    assert.equal(run.code, 0);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines[0], "nhilint: wrote 2 findings to .nhilint-baseline.json");
    assert.equal(lines.length, 2, run.stderr);
    assert.match(lines[1], /^nhilint: accepted \.github\/workflows\/a\.yml:9: Hardcoded GitHub personal access token.* in job `b`, step `\.\/push\.sh \(step 1\)` — still a leaked credential: rotate it at the provider$/);
    assert.doesNotMatch(lines[1], /anyone who can read/);
    assert.equal(JSON.parse(readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8")).fingerprints.length, 2);
  });

  it("--max-warnings: the count and the limit said on stderr when over, nothing at the limit", async () => {
    repo.write(".github/workflows/a.yml", usesSecret("A").replace("contents: read", "contents: write"));
    repo.write("nhi-inventory.yaml", inventory(record("A")));
    const json = JSON.parse((await repo.nhilint("--format", "json")).stdout);
    const warnings = json.summary.warnings as number;
    assert.ok(warnings >= 1 && json.summary.errors === 0, JSON.stringify(json.summary));
    const over = await repo.nhilint("--max-warnings", String(warnings - 1));
    assert.equal(over.code, 1);
    assert.equal(over.stderr, `nhilint: ${warnings} warnings is more than --max-warnings ${warnings - 1}\n`);
    const at = await repo.nhilint("--max-warnings", String(warnings));
    assert.deepEqual([at.code, at.stderr], [0, ""]);
  });

  it("accepted findings are listed by file, then line, whichever way they were accepted", async () => {
    const pat = () => `ghp_${fake.chars(36)}`;
    const job = (keys: string) => `on: push\npermissions: {}\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: ./push.sh\n        env:\n${keys}`;
    const [b1, b2] = [pat(), pat()];
    repo.write(".github/workflows/b.yml", job(`          B1: ${b1}\n          B2: ${b2}\n`));
    repo.write(".github/workflows/a.yml", job(`          A1: ${pat()}\n`));
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    // One more in the middle of b.yml, accepted by a comment instead of the baseline.
    repo.write(".github/workflows/b.yml", job(`          B1: ${b1}\n          # nhilint-disable-next-line hardcoded-secret -- revoked demo token\n          BC: ${pat()}\n          B2: ${b2}\n`));
    const json = JSON.parse((await repo.nhilint("--format", "json")).stdout);
    assert.deepEqual(json.findings, []);
    const order = (json.suppressed as { path: string; line: number; suppression: { kind: string } }[]).map((f) => `${f.path.split("/").pop()}:${f.line}`);
    assert.deepEqual(order, ["a.yml:9", "b.yml:9", "b.yml:11", "b.yml:12"]);
  });
});

describe("cli: where a run finds its support files, and what it keeps", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());

  it("an inventory at .github/nhi-inventory.yaml and a CODEOWNERS at the root are found", async () => {
    repo.write(".github/workflows/sync.yml", usesSecret("SYNC_TOKEN").replace("secrets.SYNC_TOKEN", "secrets.OTHER"));
    repo.write(".github/workflows/owned.yml", usesSecret("SYNC_TOKEN"));
    repo.write(".github/nhi-inventory.yaml", inventory(record("SYNC_TOKEN")));
    repo.write("CODEOWNERS", "* @acme/root-owners\n");
    const json = JSON.parse((await repo.nhilint("--format", "json")).stdout);
    const unowned = json.findings.filter((f: { ruleId: string }) => f.ruleId === "unowned-connector");
    assert.deepEqual(unowned.map((f: { path: string }) => f.path), [".github/workflows/sync.yml"], "SYNC_TOKEN has its record");
    assert.match(unowned[0].fixes[0].title, /owner @acme\/root-owners from CODEOWNERS/);
    assert.match(unowned[0].message, /\.github\/nhi-inventory\.yaml/);
  });

  it("--update-baseline keeps the history's accepted secrets; --baseline elsewhere is named in what it accepts", async () => {
    repo.write(".github/workflows/a.yml", `on: push\npermissions: {}\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: ./push.sh\n        env:\n          GH_PAT: ${token}\n`);
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    const path = join(repo.dir, ".nhilint-baseline.json");
    const written = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...written, history: ["h1"] }));
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    assert.deepEqual(JSON.parse(readFileSync(path, "utf8")).history, ["h1"], "the history's list is not the scan's to drop");
    repo.write("config/accepted.json", readFileSync(path, "utf8"));
    rmSync(path);
    const json = JSON.parse((await repo.nhilint("--baseline", "config/accepted.json", "--format", "json")).stdout);
    assert.deepEqual(json.findings, []);
    assert.deepEqual(json.suppressed.map((f: { suppression: unknown }) => f.suppression), [{ kind: "external", justification: "accepted in config/accepted.json" }]);
  });

  it("SARIF says each result's baseline state only when a baseline is in use", async () => {
    repo.write(".github/workflows/a.yml", `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo ${token}\n`);
    const states = async () => (JSON.parse((await repo.nhilint("--format", "sarif")).stdout).runs[0].results as { baselineState?: string }[]).map((r) => r.baselineState);
    const before = await states();
    assert.ok(before.length > 0 && before.every((state) => state === undefined), JSON.stringify(before));
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    const after = await states();
    assert.ok(after.length > 0 && after.every((state) => state === "unchanged"), JSON.stringify(after));
  });

  it("progress: drawn at most every tenth of a second, the line cleared once, at the end", async () => {
    for (let i = 0; i < 300; i++) repo.write(`configs/c${i}.yml`, "a: 1\n");
    const run = await repo.nhilintIn({ stderrIsTTY: true });
    assert.equal(run.stderr.split("\x1b[K").length - 1, 1, JSON.stringify(run.stderr.slice(0, 200)));
    assert.ok(run.stderr.split("\rnhilint: ").length - 1 < 100, `drawn for every file: ${run.stderr.length} characters`);
  });

  it("--output where no file can be: what is wrong, naming the flag", async () => {
    repo.write("a.yml", "a: 1\n");
    const run = await repo.nhilint("--output", "a.yml/report.txt");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--output \S+a\.yml\/report\.txt cannot be written \(ENOTDIR\)/);
  });

  it("--staged: a staged binary file is named as skipped, the others linted", async () => {
    repo.write("blob.bin", Buffer.from([0x61, 0x00, 0x62]));
    repo.write(".github/workflows/a.yml", `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo ${token}\n`);
    repo.git("add", "-A");
    const run = await repo.nhilint("--staged", "--format", "json");
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.deepEqual(json.notices, [{ path: "blob.bin", message: "skipped: binary file" }]);
    assert.deepEqual([...new Set(json.findings.map((f: { path: string }) => f.path))], [".github/workflows/a.yml"]);
  });

  it("a run that lints 256 KB or less is short (the executable then turns V8's optimising compiler off), one byte more is long (it limits the heap's growth): staged or on disk, in the scan and the inventory", async () => {
    let shortRuns = 0;
    let longRuns = 0;
    const surroundings = { beforeShortRun: () => shortRuns++, beforeLongRun: () => longRuns++ };
    const workflow = (bytes: number) => {
      const text = "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: make\n# ";
      return text + "x".repeat(bytes - text.length - 1) + "\n";
    };
    const runs = async (bytes: number) => {
      repo.write(".github/workflows/a.yml", workflow(bytes));
      repo.git("add", "-A");
      shortRuns = longRuns = 0;
      for (const args of [["--staged"], ["."], [".github/workflows/a.yml"], ["inventory"]]) assert.equal((await repo.nhilintIn(surroundings, ...args)).code, 0);
      return [shortRuns, longRuns];
    };
    assert.deepEqual(await runs(256 * 1024), [4, 0]);
    assert.deepEqual(await runs(256 * 1024 + 1), [0, 4]);
    // The CLI in a test's or another program's process is given no tuning: the run goes on as ever.
    assert.equal((await repo.nhilint("--staged")).code, 0);
  });
});

describe("cli: outside git, files beside the current folder", () => {
  it("are reported from the folder that holds them all", async () => {
    const top = new TempRepo({ git: false });
    try {
      top.write("here/ci.yml", "a: 1\n");
      top.write("there/pipeline.yml", `env:\n  GH_PAT: ${token}\n`);
      const { run } = await import("../../cli/program.js");
      let stdout = "";
      const code = await run(["../there", "--format", "json"], { cwd: join(top.dir, "here"), stdoutIsTTY: false, stderrIsTTY: false, env: {}, stdout: (text) => (stdout += text), stderr: () => {} });
      assert.equal(code, 1);
      assert.deepEqual([...new Set(JSON.parse(stdout).findings.map((f: { path: string }) => f.path))], ["there/pipeline.yml"]);
    } finally {
      top.remove();
    }
  });
});
