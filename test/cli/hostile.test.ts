// Hostile input beside one real secret: the run ends, reports the secret, names what it could not
// read, prints no stack trace, and loses no other file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(3);
const token = `ghp_${fake.chars(36)}`;

describe("cli: hostile input", () => {
  it("malformed YAML, an alias bomb, a 40 MB file, a binary, invalid UTF-8 and deep nesting", async () => {
    const repo = new TempRepo();
    try {
      repo.write(".github/workflows/broken.yml", "on: push\njobs:\n  a: {runs-on: [\n    - ]]\n");
      const bomb = ['on: push\njobs: {}\na: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 15; i++) bomb.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? "*a" : `*l${i - 1}`).join(",")}]`);
      repo.write(".github/workflows/bomb.yml", bomb.join("\n") + "\n");
      repo.write("huge.yml", Buffer.alloc(40 * 1024 * 1024, "a: 1\n"));
      repo.write("image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
      repo.write("latin1.yml", Buffer.concat([Buffer.from("name: caf"), Buffer.from([0xe9]), Buffer.from(`\nkey: ${fake.chars(8)}\n`)]));
      repo.write(".github/workflows/deep.yml", `on: push\njobs:\n  a: ${"[".repeat(50000)}${"]".repeat(50000)}\n`);
      repo.write(".github/workflows/real.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo hi\n        env:\n          GH_PAT: ${token}\n`);
      const run = await repo.nhilint("--format", "json");
      assert.equal(run.code, 1, run.stderr);
      assert.ok(!/\n\s+at .*\(/.test(run.stderr), `stack trace printed: ${run.stderr}`);
      const report = JSON.parse(run.stdout);
      const secrets = report.findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret");
      assert.deepEqual(secrets.map((f: { path: string }) => f.path), [".github/workflows/real.yml"]);
      const notices = Object.fromEntries(report.notices.map((n: { path: string; message: string }) => [n.path, n.message]));
      assert.match(notices["huge.yml"], /skipped: 40\.0 MiB is over the 10 MiB limit/);
      assert.match(notices["image.png"], /skipped: binary file/);
      assert.match(notices["latin1.yml"], /not valid UTF-8/);
      const parseErrors = report.findings.filter((f: { ruleId: string }) => f.ruleId === "parse-error").map((f: { path: string }) => f.path);
      assert.ok(parseErrors.includes(".github/workflows/broken.yml"));
      assert.ok(!run.stdout.includes(token));
    } finally {
      repo.remove();
    }
  });
});

describe("cli: hostile input, second round (issue 17)", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());
  const password = `Zq8v${fake.chars(12)}!7`;

  it("a parse error never quotes a secret (a password starting with `|`)", async () => {
    repo.write(".github/workflows/ci.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          DB_PASSWORD: |${password}\n`);
    for (const format of ["stylish", "json", "sarif", "github", "gitlab"]) {
      const run = await repo.nhilint("--format", format);
      assert.ok(!(run.stdout + run.stderr).includes(password.slice(0, 8)), `${format} quoted the password: ${run.stdout}`);
    }
  });

  it("a credential-like env name with regex characters, 100 000 key ids in one value, a 300000y cadence: findings, not crashes", async () => {
    const ids = Array.from({ length: 100_000 }, () => `AKIA${fake.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`).join(",");
    repo.write(".github/workflows/a.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "\${TOKEN[}"\n        env:\n          TOKEN[: \${{ secrets.T }}\n`);
    repo.write(".github/workflows/b.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          KEYS: "${ids}"\n`);
    repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: T\n    kind: secret\n    owner: "@a"\n    purpose: p\n    expires: 2030-01-01\n    rotated: 2026-01-01\n    rotate-every: 300000y\n`);
    const run = await repo.nhilint("--format", "json");
    assert.ok(run.code === 0 || run.code === 1, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.notices.filter((n: { message: string }) => /internal error/.test(n.message)), []);
    assert.ok(report.findings.some((f: { path: string; ruleId: string }) => f.path.endsWith("b.yml") && f.ruleId === "hardcoded-secret"));
    assert.ok(!run.stdout.includes("Invalid time value") && !run.stdout.includes("NaN"));
  });

  it("YAML nested ever deeper, file after file, cannot abort the process (V8 aborts where a regex is compiled with the stack nearly spent): a parse-error, and the next file linted", async () => {
    for (const [i, depth] of [300, 3_000, 30_000].entries()) {
      repo.write(`.github/workflows/n${i}.yml`, `on: push\njobs: ${"[".repeat(depth)}\n`);
      repo.write(`config/d${i}.yml`, `${"- ".repeat(depth)}x\n`);
    }
    repo.write(".github/workflows/z.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${token}\n`);
    const run = await repo.nhilint("--format", "json");
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.ok(report.findings.some((f: { path: string; ruleId: string }) => f.path === ".github/workflows/z.yml" && f.ruleId === "hardcoded-secret"), run.stdout);
    const deep = report.findings.filter((f: { path: string; message: string }) => f.path === ".github/workflows/n2.yml" && /nested over 200 levels deep/.test(f.message));
    assert.equal(deep.length, 1, run.stdout);
  });

  it("JSON nested 5 000 deep still gets its token reported", async () => {
    repo.write("deep.json", `${'{"a":'.repeat(5000)}"${token}"${"}".repeat(5000)}`);
    const run = await repo.nhilint("--format", "json");
    const report = JSON.parse(run.stdout);
    assert.ok(report.findings.some((f: { path: string; ruleId: string }) => f.path === "deep.json" && f.ruleId === "hardcoded-secret"), run.stdout);
    assert.ok(!run.stdout.includes(token));
  });

  it("--output and --update-baseline to a folder or a missing directory: a clear error and exit 2", async () => {
    repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
    repo.write("reports/.keep", "");
    const cases: [string[], RegExp][] = [
      [["--output", "reports"], /--output \S*reports is a folder\n/],
      [["--output", "missing/dir/report.json"], /--output \S*missing\/dir\/report\.json is in a folder that does not exist\n/],
      [["--update-baseline", "--baseline", "reports"], /--update-baseline \S*reports is a folder\n/],
    ];
    for (const [args, message] of cases) {
      const run = await repo.nhilint(...args);
      assert.equal(run.code, 2, args.join(" "));
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /internal error|EISDIR|ENOENT/);
    }
  });

  it("a baseline saved with a UTF-8 BOM is read", async () => {
    repo.write(".nhilint-baseline.json", `\uFEFF${JSON.stringify({ version: 1, fingerprints: [] })}`);
    assert.equal((await repo.nhilint()).code, 0);
  });

  it("stylish output carries no terminal control characters from a workflow", async () => {
    repo.write(".github/workflows/ci.yml", `on: push\njobs:\n  "build\\u001b[2K\\r":\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${token}\n`);
    const run = await repo.nhilint("--no-color");
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout, /[\u001b\r]/);
  });
});

// A name in bytes that are not UTF-8 (a Latin-1 `café.yml`, from an old archive): Node decodes names
// as UTF-8, and the name it gives cannot open the file.
describe("cli: keys named like an object's own members (`constructor`, `__proto__`, `toString`)", () => {
  it("in TypeScript, JSON, a workflow and the inventory: the secret beside them found, no internal error, the inventory's unknown field named", async () => {
    const repo = new TempRepo();
    try {
      const members = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
      // (zod's own tests hold `{ constructor: "string", key: "value" }`: it was an internal error that ended the run.)
      repo.write("src/client.ts", `${members.map((m, i) => `const a${i} = { ${m}: "string", key: "value" };`).join("\n")}\nconst client = { auth: "${token}" };\n`);
      repo.write("config.json", JSON.stringify(Object.fromEntries(members.map((m) => [m, { [m]: "x", token }]))));
      const keys = members.map((m) => `          ${m}: x`).join("\n");
      repo.write(".github/workflows/ci.yml", `on: push\npermissions:\n${members.map((m) => `  ${m}: write`).join("\n")}\njobs:\n  a:\n    runs-on: x\n    env:\n${keys.replace(/^ {4}/gm, "")}\n    steps:\n      - uses: actions/checkout@v4\n        with:\n${keys}\n      - run: make\n`);
      repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: deploy\n    owner: "@acme/platform"\n    purpose: p\n    expires: 2030-01-01\n    constructor: x\n`);
      const run = await repo.nhilint("--format", "json");
      assert.ok(!/internal error/.test(run.stderr + run.stdout), run.stderr);
      assert.equal(run.code, 1, run.stderr);
      const report = JSON.parse(run.stdout);
      const secrets = report.findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret").map((f: { path: string }) => f.path);
      assert.deepEqual([...new Set(secrets)].sort(), ["config.json", "src/client.ts"]);
      assert.ok(report.findings.some((f: { path: string; message: string }) => f.path === "nhi-inventory.yaml" && /unknown field `constructor`/.test(f.message)), run.stdout);
    } finally {
      repo.remove();
    }
  });
});

describe("cli: file names that are not UTF-8, or hold a newline", () => {
  let repo: TempRepo;
  afterEach(() => repo.remove());
  const latin1 = (byte: number) => Buffer.concat([Buffer.from("caf"), Buffer.from([byte]), Buffer.from(".yml")]);
  const writeRaw = (name: Buffer, text: string) => writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/`), name]), text);
  const secrets = (stdout: string) => (JSON.parse(stdout) as { findings: { path: string; ruleId: string }[] }).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path);
  const other = `ghp_${fake.chars(36)}`;

  it("in git: read by its own bytes, shown with the byte escaped, two such names kept apart; in the tree, the index and the history", async () => {
    repo = new TempRepo();
    writeRaw(latin1(0xe9), `token: ${token}\n`);
    writeRaw(latin1(0xe8), `token: ${other}\n`);
    const tree = await repo.nhilint("--format", "json");
    assert.equal(tree.code, 1, tree.stderr);
    assert.deepEqual(secrets(tree.stdout), ["caf\\xE8.yml", "caf\\xE9.yml"]);
    assert.doesNotMatch(tree.stdout, /internal error/);
    repo.git("add", "-A");
    const staged = await repo.nhilint("--staged", "--format", "json");
    assert.deepEqual(secrets(staged.stdout), ["caf\\xE8.yml", "caf\\xE9.yml"]);
    repo.git("commit", "-qm", "latin-1 names");
    const history = await repo.nhilint("history", "--format", "json");
    const found = (JSON.parse(history.stdout) as { secrets: { path: string }[] }).secrets.map((s) => s.path).sort();
    assert.deepEqual(found, ["caf\\xE8.yml", "caf\\xE9.yml"]);
  });

  it("outside git: a notice that names it and says why, and every other file still linted", async () => {
    repo = new TempRepo({ git: false });
    writeRaw(latin1(0xe9), `token: ${token}\n`);
    repo.write("ok.yml", `token: ${other}\n`);
    const run = await repo.nhilint("--format", "json");
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(secrets(run.stdout), ["ok.yml"]);
    const notices = (JSON.parse(run.stdout) as { notices: { path: string; message: string }[] }).notices;
    assert.equal(notices.length, 1);
    assert.match(notices[0].message, /skipped: cannot be read: its name is not valid UTF-8/);
    assert.ok(notices[0].path.startsWith("caf"));
  });

  it("a newline in a name is shown escaped, on one line, in the scan's and the history's reports", async () => {
    repo = new TempRepo();
    repo.write("two\nlines.yml", `token: ${token}\n`);
    const run = await repo.nhilint("--no-color");
    assert.match(run.stdout, /^two\\nlines\.yml$/m);
    repo.git("add", "-A");
    repo.git("commit", "-qm", "a newline in a name");
    const history = await repo.nhilint("history", "--no-color");
    assert.match(history.stdout, /^two\\nlines\.yml$/m);
    assert.match(history.stdout, /at two\\nlines\.yml, since/);
  });
});

describe("cli: symbolic links are not followed, as git does not follow them; special files are not read", () => {
  let repo: TempRepo;
  afterEach(() => repo.remove());
  const layout = () => {
    repo.write("a/ci.yml", `token: ${token}\n`);
    symlinkSync("..", join(repo.dir, "a", "up")); // a loop
    symlinkSync("ci.yml", join(repo.dir, "a", "link.yml"));
  };
  const report = (stdout: string) => JSON.parse(stdout) as { findings: { path: string; ruleId: string }[]; notices: { path: string; message: string }[]; summary: { files: number } };

  it("in git: the secret once, at its own path; each link a notice, the loop never entered", async () => {
    repo = new TempRepo();
    layout();
    const run = await repo.nhilint("--format", "json");
    const { findings, notices, summary } = report(run.stdout);
    assert.deepEqual(findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path), ["a/ci.yml"]);
    assert.deepEqual(notices.map((n) => [n.path, /skipped: a symbolic link \(not followed/.test(n.message)]), [["a/link.yml", true], ["a/up", true]]);
    assert.equal(summary.files, 1);
  });

  it("a FIFO named on the command line is a file skipped with a notice, never read (reading would block) nor taken for a folder", async () => {
    repo = new TempRepo();
    repo.write("a/ci.yml", `token: ${token}\n`);
    execFileSync("mkfifo", [join(repo.dir, "a", "pipe.yml")]);
    const run = await repo.nhilint("--format", "json", "a/pipe.yml", "a/ci.yml");
    const { findings, notices } = report(run.stdout);
    assert.deepEqual(findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path), ["a/ci.yml"]);
    assert.deepEqual(notices, [{ path: "a/pipe.yml", message: "skipped: not a regular file" }]);
  });

  it("outside git: the secret once, the loop never entered", async () => {
    repo = new TempRepo({ git: false });
    layout();
    const run = await repo.nhilint("--format", "json");
    assert.deepEqual(report(run.stdout).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path), ["a/ci.yml"]);
  });
});

describe("cli: configuration mistakes are errors that say where", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/a.yml", "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
  });
  afterEach(() => repo.remove());

  it("a setting or a rule given twice", async () => {
    repo.write(".nhilint.yaml", "rules:\n  secret-in-log: off\nignore: []\nrules:\n  secret-in-log: warning\n");
    const twice = await repo.nhilint();
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /\.nhilint\.yaml:4:1: setting `rules` is set twice \(first at line 1\)/);
    repo.write(".nhilint.yaml", "rules:\n  secret-in-log: off\n  secret-in-log: error\n");
    const rule = await repo.nhilint();
    assert.equal(rule.code, 2);
    assert.match(rule.stderr, /\.nhilint\.yaml:3:3: rule `secret-in-log` is set twice \(first at line 2\)/);
  });

  it("an inventory path that names no file, or a folder, in the tree and in the index", async () => {
    repo.write(".nhilint.yaml", "expiry-warning-days: 10\ninventory: security/nhi.yaml\n");
    const missing = await repo.nhilint();
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /\.nhilint\.yaml:2:12: inventory security\/nhi\.yaml does not exist/);
    repo.write(".nhilint.yaml", "inventory: .github\n");
    assert.match((await repo.nhilint()).stderr, /\.nhilint\.yaml:1:12: inventory \.github is a folder, not a file/);
    repo.write("security/nhi.yaml", "version: 1\nconnectors: []\n");
    repo.write(".nhilint.yaml", "inventory: security/nhi.yaml\n");
    assert.equal((await repo.nhilint()).code, 0);
    repo.git("add", ".nhilint.yaml", ".github");
    const staged = await repo.nhilint("--staged");
    assert.equal(staged.code, 2);
    assert.match(staged.stderr, /inventory security\/nhi\.yaml is not in the index/);
  });
});
