// Hostile input beside one real secret: the run ends, reports the secret, names what it could not
// read, prints no stack trace, and loses no other file.
import assert from "node:assert/strict";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(3);
const token = `ghp_${fake.chars(36)}`;

describe("cli: hostile input", () => {
  it("malformed YAML, an alias bomb, a 40 MB file, a binary, invalid UTF-8 and deep nesting", () => {
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
      const run = repo.nhilint("--format", "json");
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
