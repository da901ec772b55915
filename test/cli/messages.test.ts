// What the command line says, word for word: every command's --help (golden files beside the output
// formats' in test/fixtures/formatters/, regenerated with NHILINT_UPDATE_GOLDEN=1), and each usage,
// configuration and baseline error with the place it names. Run in-process (cli/program.ts).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

const GOLDEN = join(ROOT, "test", "fixtures", "formatters");
const clean = "on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n";

describe("the command line's own words", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/ci.yml", clean);
  });
  afterEach(() => repo.remove());

  for (const command of [[], ["init"], ["inventory"], ["inventory", "init"], ["history"]]) {
    const name = `help-${["nhilint", ...command].join("-")}.txt`;
    it(`${["nhilint", ...command, "--help"].join(" ")}: exit 0, every option described (${name})`, async () => {
      const run = await repo.nhilint(...command, "--help");
      assert.equal(run.code, 0, run.stderr);
      const path = join(GOLDEN, name);
      if (process.env.NHILINT_UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, run.stdout);
      assert.equal(run.stdout, readFileSync(path, "utf8"));
    });
  }

  it("--version prints the version; an unknown option or format is exit 2 with a pointer to --help", async () => {
    const version = await repo.nhilint("--version");
    assert.deepEqual([version.code, version.stdout], [0, "0.1.0\n"]);
    const unknown = await repo.nhilint("--nope");
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, "error: unknown option '--nope'\n(nhilint --help shows every option)\n");
    const format = await repo.nhilint("--format", "xml");
    assert.equal(format.code, 2);
    assert.match(format.stderr, /^error: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are stylish, json, sarif, github, gitlab\.\n/);
  });

  it("--max-warnings takes a whole number ≥ 0", async () => {
    for (const bad of ["-1", "1.5", "many"]) {
      const run = await repo.nhilint("--max-warnings", bad);
      assert.equal(run.code, 2, bad);
      assert.match(run.stderr, /expected a whole number ≥ 0/, bad);
    }
    assert.equal((await repo.nhilint("--max-warnings", "0")).code, 0);
  });

  it("usage errors name what is wrong and where: exit 2, no stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [["--staged", ".github"], /^nhilint: --staged lints what is staged: give no paths/],
      [["missing.yml"], /^nhilint: missing\.yml: no such file or directory\n$/],
      // A command other tools have (`scan`, `lint`): the error says how nhilint lints.
      [["scan", "."], /^nhilint: scan: no such file or directory \(there is no "scan" command: `nhilint \[paths\.\.\.\]` lints files and folders, `nhilint` alone the whole repository; the commands are init, inventory and history\)\n$/],
      [["check-all"], /^nhilint: check-all: no such file or directory \(there is no "check-all" command/],
      [["--config", "nope.yaml"], /^nhilint: --config .*nope\.yaml: no such file\n$/],
      [["--inventory", "nope.yaml"], /^nhilint: --inventory .*nope\.yaml: no such file\n$/],
      [["inventory", "--config", "nope.yaml"], /nope\.yaml: no such file/],
      [["--config", ".github"], /^nhilint: --config .*\.github: a folder, not a file\n$/],
      [["--baseline", ".github"], /^nhilint: --baseline .*\.github: a folder, not a file\n$/],
    ];
    for (const [args, message] of cases) {
      const run = await repo.nhilint(...args);
      assert.equal(run.code, 2, args.join(" "));
      assert.match(run.stderr, message, args.join(" "));
      assert.doesNotMatch(run.stderr, /\n\s+at /, "a stack trace");
    }
  });

  it("a broken baseline is an error naming the file and what it should look like", async () => {
    repo.write(".nhilint-baseline.json", "{ not json");
    let run = await repo.nhilint();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^nhilint: \.nhilint-baseline\.json: not valid JSON \(/);
    repo.write(".nhilint-baseline.json", '{"version": 2, "fingerprints": "x"}');
    run = await repo.nhilint();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^nhilint: \.nhilint-baseline\.json: expected \{"version": 2, "salt": "\.\.\.", "kdf": \{"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 600000\}, "fingerprints": \["\.\.\."\]\}\n$/);
    repo.write(".nhilint-baseline.json", '{"version": 2, "salt": "short", "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 600000}, "fingerprints": []}');
    assert.equal((await repo.nhilint()).code, 2, "a salt under 16 characters");
    repo.write(".nhilint-baseline.json", '\uFEFF{"version": 2, "salt": "0123456789abcdef0123", "kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 600000}, "fingerprints": []}');
    assert.equal((await repo.nhilint()).code, 0, "a byte-order mark is allowed");
  });

  it("every malformed baseline shape is a usage error naming the file, never an internal error", async () => {
    const kdf = '"kdf": {"algorithm": "PBKDF2-HMAC-SHA256", "iterations": 600000}';
    const salt16 = '"0123456789abcdef"';
    const broken = [
      "null",
      '"fingerprints"',
      "[]",
      '{"version": 2}',
      `{"version": 2, "salt": ${salt16}, ${kdf}, "fingerprints": [1]}`,
      `{"version": 3, "salt": ${salt16}, ${kdf}, "fingerprints": []}`,
      `{"version": 2, "salt": 1234567890123456, ${kdf}, "fingerprints": []}`,
      `{"version": 2, "salt": "0123456789abcde", ${kdf}, "fingerprints": []}`,
      `{"version": 2, "salt": ${salt16}, "fingerprints": []}`,
      `{"version": 2, "salt": ${salt16}, "kdf": {"algorithm": "SHA1", "iterations": 600000}, "fingerprints": []}`,
    ];
    for (const text of broken) {
      repo.write(".nhilint-baseline.json", text);
      const run = await repo.nhilint();
      assert.equal(run.code, 2, text);
      assert.match(run.stderr, /^nhilint: \.nhilint-baseline\.json: expected \{"version": 2, /, text);
    }
    // The shortest salt allowed, and a version 1 baseline (read, with a notice to migrate it).
    repo.write(".nhilint-baseline.json", `{"version": 2, "salt": ${salt16}, ${kdf}, "fingerprints": []}`);
    assert.equal((await repo.nhilint()).code, 0, "a 16-character salt");
    repo.write(".nhilint-baseline.json", '{"version": 1, "fingerprints": []}');
    const v1 = await repo.nhilint();
    assert.equal(v1.code, 0, v1.stderr);
    assert.match(v1.stdout, /a version 1 baseline fingerprints secret values with a plain hash/);
  });

  it("a file with a byte-order mark is linted as if it had none; a binary or huge file is skipped with a notice", async () => {
    repo.write(".github/workflows/bom.yml", `\uFEFF${clean}`);
    repo.write("data.json", Buffer.from([0x7b, 0x00, 0x7d]));
    repo.write("big.yml", "a: b\n".repeat(2_200_000));
    const run = await repo.nhilint("--format", "json");
    const report = JSON.parse(run.stdout) as { findings: { path: string }[]; notices: { path: string; message: string }[] };
    assert.deepEqual(report.findings.filter((f) => f.path.endsWith("bom.yml")), []);
    assert.deepEqual(
      report.notices.map((n) => `${n.path}: ${n.message}`).sort(),
      ["big.yml: skipped: 10.5 MiB is over the 10 MiB limit for one file", "data.json: skipped: binary file"],
    );
  });
});
