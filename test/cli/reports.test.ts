// Reports that hide nothing (issue 13, in part): accepted findings stay in JSON and SARIF, marked as
// suppressed; accepting a secret is loud; two copies of one secret are two alerts.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { Log } from "sarif";
import { FakeSecrets, ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

const fake = new FakeSecrets(1313);
const first = `ghp_${fake.chars(36)}`;
const second = `glpat-${fake.chars(20)}`;
const workflow = `on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: make
        env:
          GH_PAT: ${first}
          # nhilint-disable-next-line hardcoded-secret -- a revoked demo token kept for the training deck
          DEMO_TOKEN: ${second}
`;

describe("accepted findings are reported, not dropped", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/ci.yml", workflow);
  });
  afterEach(() => repo.remove());

  it("--update-baseline says, per secret, that it must still be rotated", async () => {
    const run = await repo.nhilint("--update-baseline");
    assert.equal(run.code, 0);
    assert.match(run.stderr, /accepted \.github\/workflows\/ci\.yml:10: Hardcoded GitHub personal access token.*rotate it at the provider/);
    assert.ok(!run.stderr.includes(first));
  });

  it("stylish lists accepted secrets to rotate and counts what it hides; --show-suppressed lists all", async () => {
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    const run = await repo.nhilint();
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /Accepted secrets — rotate them \(2\):/);
    assert.match(run.stdout, /ci\.yml:10 .*\(baseline\)/);
    assert.match(run.stdout, /ci\.yml:12 .*\(a revoked demo token kept for the training deck\)/);
    assert.match(run.stdout, /2 accepted findings not shown \(1 by nhilint-disable comments, 1 by the baseline\)/);
    const all = await repo.nhilint("--show-suppressed");
    assert.match(all.stdout, /Suppressed\n.*ci\.yml:10:\d+ .*hardcoded-secret, baseline/);
    assert.ok(!(run.stdout + all.stdout).includes(first) && !(run.stdout + all.stdout).includes(second));
  });

  it("JSON and SARIF hold every finding, the accepted ones marked with how they were accepted", async () => {
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    const json = JSON.parse((await repo.nhilint("--format", "json")).stdout) as { findings: unknown[]; suppressed: { line: number; suppression: { kind: string; justification: string } }[]; summary: { suppressed: number } };
    assert.equal(json.summary.suppressed, 2);
    assert.deepEqual(
      json.suppressed.map((f) => [f.line, f.suppression.kind]),
      [
        [10, "external"],
        [12, "inSource"],
      ],
    );
    const sarif = JSON.parse((await repo.nhilint("--format", "sarif")).stdout) as Log;
    const results = sarif.runs[0].results!.filter((r) => r.ruleId === "hardcoded-secret");
    assert.equal(results.length, 2, "both secrets are results");
    assert.deepEqual(results.map((r) => r.suppressions?.[0].kind).sort(), ["external", "inSource"]);
    assert.equal(results.find((r) => r.suppressions?.[0].kind === "inSource")!.suppressions![0].justification, "a revoked demo token kept for the training deck");
    assert.ok(results.every((r) => typeof r.rank === "number"));
    const rule = sarif.runs[0].tool.driver.rules!.find((r) => r.id === "hardcoded-secret")!;
    assert.match(rule.help!.markdown!, /## How to fix/);
    const text = readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8") + JSON.stringify(sarif);
    assert.ok(!text.includes(first) && !text.includes(second));
  });
});

describe("two copies of one secret", () => {
  it("are two findings with their own fingerprints; the first keeps the fingerprint of a single copy", async () => {
    const repo = new TempRepo();
    try {
      const single = `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${first}\n`;
      repo.write(".github/workflows/ci.yml", single);
      const one = JSON.parse((await repo.nhilint("--format", "json")).stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret");
      repo.write(".github/workflows/ci.yml", `${single}      - run: make release\n        env:\n          RELEASE_PAT: ${first}\n`);
      const two = JSON.parse((await repo.nhilint("--format", "json")).stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret");
      assert.equal(two.length, 2);
      assert.notEqual(two[0].fingerprint, two[1].fingerprint);
      assert.equal(two[0].fingerprint, one[0].fingerprint);
    } finally {
      repo.remove();
    }
  });
});

describe("secret fingerprints are salted by the baseline", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".github/workflows/ci.yml", workflow);
  });
  afterEach(() => repo.remove());
  const secretPrints = (run: { stdout: string }) =>
    (JSON.parse(run.stdout) as { findings: { ruleId: string; fingerprint: string }[]; suppressed: { ruleId: string; fingerprint: string }[] }).findings
      .concat(JSON.parse(run.stdout).suppressed)
      .filter((f) => f.ruleId === "hardcoded-secret")
      .map((f) => f.fingerprint);

  it("the first --update-baseline creates a random salt, later ones keep it; the same files in another repository get other fingerprints", async () => {
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    const baseline = JSON.parse(readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8"));
    assert.equal(baseline.version, 2);
    assert.match(baseline.salt, /^[0-9a-f]{32}$/);
    assert.deepEqual(baseline.kdf, { algorithm: "PBKDF2-HMAC-SHA256", iterations: 600000 });
    assert.equal((await repo.nhilint("--update-baseline")).code, 0);
    assert.equal(JSON.parse(readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8")).salt, baseline.salt);

    const other = new TempRepo();
    try {
      other.write(".github/workflows/ci.yml", workflow);
      assert.equal((await other.nhilint("--update-baseline")).code, 0);
      const mine = secretPrints(await repo.nhilint("--format", "json"));
      const theirs = secretPrints(await other.nhilint("--format", "json"));
      assert.equal(mine.length, 2);
      assert.ok(mine.every((print) => /^[0-9a-f]{32}$/.test(print)));
      assert.ok(mine.every((print) => !theirs.includes(print)), "another salt, other fingerprints");
    } finally {
      other.remove();
    }
  });

  it("a version 1 baseline still matches, says it should be migrated, and --update-baseline migrates it", async () => {
    // What nhilint wrote before salting: plain hashes of rule, path and value.
    const plain = (value: string) => createHash("sha256").update(`hardcoded-secret\u0000.github/workflows/ci.yml\u0000${value}`).digest("hex").slice(0, 32);
    repo.write(".nhilint-baseline.json", JSON.stringify({ version: 1, fingerprints: [plain(first)] }));
    const old = await repo.nhilint();
    assert.equal(old.code, 0, old.stdout);
    assert.match(old.stdout + old.stderr, /version 1 baseline .*run nhilint --update-baseline to migrate/);
    const migrated = await repo.nhilint("--update-baseline");
    assert.match(migrated.stderr, /migrated \.nhilint-baseline\.json to version 2/);
    const baseline = JSON.parse(readFileSync(join(repo.dir, ".nhilint-baseline.json"), "utf8"));
    assert.equal(baseline.version, 2);
    assert.ok(!baseline.fingerprints.includes(plain(first)));
    const after = await repo.nhilint();
    assert.equal(after.code, 0, after.stdout);
    assert.doesNotMatch(after.stdout + after.stderr, /version 1 baseline/);
  });

  it("a baseline that weakens the derivation is refused with exit 2", async () => {
    repo.write(".nhilint-baseline.json", JSON.stringify({ version: 2, salt: "0123456789abcdef0123", kdf: { algorithm: "PBKDF2-HMAC-SHA256", iterations: 1000 }, fingerprints: [] }));
    const run = await repo.nhilint();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.nhilint-baseline\.json: kdf\.iterations must be a whole number of at least 600000/);
  });
});

describe("SARIF against the official OASIS SARIF 2.1.0 schema", () => {
  it("validates on a repository with every kind of finding, a baselined secret, a suppression and notices, and holds every finding", async () => {
    const repo = new TempRepo();
    try {
      repo.write(".github/workflows/ci.yml", workflow);
      assert.equal((await repo.nhilint("--update-baseline")).code, 0);
      // New findings after the baseline: a third secret, connectors with and without records, a
      // workflow with no permissions, a file that does not parse, a binary file.
      const third = `xoxb-${fake.digits(12)}-${fake.digits(12)}-${fake.chars(24)}`;
      repo.write(
        ".github/workflows/deploy.yml",
        `on: pull_request_target\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: echo "\${{ secrets.DEPLOY_TOKEN }}" && ./deploy.sh\n        env:\n          SLACK: ${third}\n          ALL: \${{ toJSON(secrets) }}\n          NPM: \${{ secrets.NPM_TOKEN }}\n`,
      );
      repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    owner: Dana\n    expires: 2020-01-01\n  - name: GONE_TOKEN\n    owner: "@acme/ops"\n    purpose: old\n    expires: 2099-01-01\n`);
      repo.write(".gitlab-ci.yml", "build:\n  script: [\n");
      repo.write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      const sarifRun = await repo.nhilint("--format", "sarif");
      assert.equal(sarifRun.code, 1, sarifRun.stderr);
      const sarif = JSON.parse(sarifRun.stdout) as Log;

      const ajv = new Ajv04.default({ allErrors: true, strict: false });
      addFormats.default(ajv);
      const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")));
      assert.ok(validate(structuredClone(sarif)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      // The schema is strict enough to notice a broken result.
      const broken = structuredClone(sarif);
      (broken.runs[0].results![0] as { level: string }).level = "fatal";
      broken.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0;
      assert.equal(validate(broken), false);

      // Every finding JSON reports, accepted ones included, is a result.
      const json = JSON.parse((await repo.nhilint("--format", "json")).stdout) as { findings: { ruleId: string; fingerprint: string }[]; suppressed: { ruleId: string; fingerprint: string }[] };
      const results = sarif.runs[0].results!;
      assert.equal(results.length, json.findings.length + json.suppressed.length);
      assert.deepEqual(
        results.map((r) => r.partialFingerprints!["nhilintFingerprint/v1"]).sort(),
        [...json.findings, ...json.suppressed].map((f) => f.fingerprint).sort(),
      );
      const kinds = new Set(results.map((r) => r.ruleId));
      for (const id of ["hardcoded-secret", "unowned-connector", "incomplete-connector-record", "expired-connector", "stale-connector", "all-secrets-exposed", "secret-in-log", "untrusted-trigger-with-secrets", "parse-error"]) {
        assert.ok(kinds.has(id), `no ${id} result`);
      }
      assert.equal(results.filter((r) => r.suppressions?.length).length, 2);
      // Against the baseline: the secret it holds is unchanged, everything else new.
      assert.deepEqual(
        results.filter((r) => r.baselineState === "unchanged").map((r) => [r.ruleId, r.suppressions?.[0].kind]),
        [["hardcoded-secret", "external"]],
      );
      assert.ok(results.filter((r) => r.suppressions?.[0].kind !== "external").every((r) => r.baselineState === "new"));
      assert.ok(sarif.runs[0].invocations![0].toolExecutionNotifications!.some((n) => /logo\.png/.test(JSON.stringify(n))));
      for (const secret of [first, second, third]) assert.ok(!sarifRun.stdout.includes(secret.slice(0, 12)));
    } finally {
      repo.remove();
    }
  });
});

describe("machine-readable reports tell two secrets of one file apart", () => {
  let repo: TempRepo;
  before(() => {
    repo = new TempRepo();
    repo.write("deploy.sh", `export A_TOKEN=${first}\nexport B_TOKEN=${second}\n`);
  });
  after(() => repo.remove());

  it("json fingerprints, SARIF partial fingerprints and GitLab ids differ per secret and are never empty (none holds the secret)", async () => {
    const json = JSON.parse((await repo.nhilint("--format", "json")).stdout) as { findings: { ruleId: string; fingerprint: string }[] };
    const jsonPrints = json.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.fingerprint);
    const sarif = JSON.parse((await repo.nhilint("--format", "sarif")).stdout) as Log;
    const sarifPrints = sarif.runs[0].results!.filter((r) => r.ruleId === "hardcoded-secret").map((r) => r.partialFingerprints!["nhilintFingerprint/v1"]);
    const gitlabRun = (await repo.nhilint("--format", "gitlab")).stdout;
    const gitlab = JSON.parse(gitlabRun) as { id: string; cve: string }[] | { vulnerabilities: { id: string; cve: string }[] };
    const gitlabIds = (Array.isArray(gitlab) ? gitlab : gitlab.vulnerabilities).map((v) => v.id);
    for (const [format, prints] of [["json", jsonPrints], ["sarif", sarifPrints], ["gitlab", gitlabIds]] as const) {
      assert.equal(prints.length, 2, format);
      assert.notEqual(prints[0], prints[1], format);
      assert.ok(prints.every((p) => typeof p === "string" && p.length >= 16), format);
    }
    for (const text of [JSON.stringify(json), JSON.stringify(sarif), gitlabRun]) assert.ok(!text.includes(first) && !text.includes(second));
  });
});

describe("a secret's fingerprint", () => {
  it("is no plain hash of the secret (a short password could be guessed from one): the value goes through the salted slow derivation first", async () => {
    const { createHash } = await import("node:crypto");
    const repo = new TempRepo();
    try {
      repo.write("deploy.sh", `export A_TOKEN=${first}\n`);
      const json = JSON.parse((await repo.nhilint("--format", "json")).stdout) as { findings: { ruleId: string; fingerprint: string }[] };
      const [found] = json.findings.filter((f) => f.ruleId === "hardcoded-secret");
      const plain = createHash("sha256").update(`hardcoded-secret\u0000deploy.sh\u0000${first}`).digest("hex").slice(0, 32);
      assert.equal(found.fingerprint.length, 32);
      assert.notEqual(found.fingerprint, plain);
    } finally {
      repo.remove();
    }
  });
});
