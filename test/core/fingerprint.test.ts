// Fingerprints name a finding across line moves, are the same whichever SHA-256 computes them (the CLI
// uses node:crypto, the browser-safe core Web Crypto), and never let a guessed secret be confirmed
// without the repository's salt and 600,000 rounds of PBKDF2 per guess.
import assert from "node:assert/strict";
import { createHash, pbkdf2Sync } from "node:crypto";
import { KDF_ITERATIONS, lint, type SecretFingerprints } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import { FakeSecrets, NOW, WORKFLOW_PATH } from "../helpers.js";

const fake = new FakeSecrets(7);
const token = `ghp_${fake.chars(36)}`;
const workflow = (padding: string) => `on: push\n${padding}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          GH_PAT: ${token}\n          SLACK: \${{ secrets.SLACK_BOT_TOKEN }}\n`;
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const SALT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const salted: SecretFingerprints = { salt: SALT, iterations: KDF_ITERATIONS };
const lintWith = async (text: string, secretFingerprints: SecretFingerprints, hash?: typeof sha256) =>
  (await lint([{ path: WORKFLOW_PATH, text }], { rules: RULES, now: NOW, secretFingerprints, sha256: hash })).findings;
const secretFinding = <T extends { ruleId: string }>(findings: T[]) => findings.find((f) => f.ruleId === "hardcoded-secret")!;

describe("fingerprints", () => {
  it("are identical from Web Crypto and node:crypto", async () => {
    const web = (await lintWith(workflow(""), salted)).map((f) => f.fingerprint);
    const node = (await lintWith(workflow(""), salted, sha256)).map((f) => f.fingerprint);
    assert.ok(web.length >= 2, "expected findings to compare");
    assert.deepEqual(node, web);
    for (const print of web) assert.match(print, /^[0-9a-f]{32}$/);
  });

  it("survive the finding moving down the file, and never hold the secret", async () => {
    const before = await lintWith(workflow(""), salted);
    const after = await lintWith(workflow("# a comment\n\n\n"), salted);
    assert.deepEqual(after.map((f) => f.fingerprint), before.map((f) => f.fingerprint));
    assert.notDeepEqual(after.map((f) => f.start.line), before.map((f) => f.start.line));
    for (const f of before) assert.ok(!f.fingerprint.includes(token.slice(4, 12)));
  });

  it("of a secret value: the documented scheme, salted and slow, never the plain hash of a guess", async () => {
    const print = secretFinding(await lintWith(workflow(""), salted)).fingerprint;
    // A guesser holding only the fingerprint and the secret's format hashes the guess: no match.
    assert.notEqual(print, sha256(`hardcoded-secret\u0000${WORKFLOW_PATH}\u0000${token}`).slice(0, 32));
    // With the salt and the full derivation (docs/output.md, "Fingerprints"), the right guess matches.
    const derived = pbkdf2Sync(token, SALT, KDF_ITERATIONS, 32, "sha256").toString("hex");
    assert.equal(print, sha256(`hardcoded-secret\u0000${WORKFLOW_PATH}\u0000PBKDF2-HMAC-SHA256:${derived}`).slice(0, 32));
    // ...and not with fewer rounds, or another repository's salt.
    const cheap = pbkdf2Sync(token, SALT, 1000, 32, "sha256").toString("hex");
    assert.notEqual(print, sha256(`hardcoded-secret\u0000${WORKFLOW_PATH}\u0000PBKDF2-HMAC-SHA256:${cheap}`).slice(0, 32));
    const elsewhere = secretFinding(await lintWith(workflow(""), { salt: "another-repository-salt", iterations: KDF_ITERATIONS })).fingerprint;
    assert.notEqual(elsewhere, print);
    assert.ok(KDF_ITERATIONS >= 600_000, "OWASP's figure for PBKDF2-HMAC-SHA256");
  });

  it("connector names stay plain hashes; secret values are left empty when no face shows them", async () => {
    const skipped = await lintWith(workflow(""), "skip");
    assert.equal(secretFinding(skipped).fingerprint, "");
    const connector = skipped.find((f) => f.ruleId === "unowned-connector")!;
    assert.equal(connector.fingerprint, sha256(`unowned-connector\u0000${WORKFLOW_PATH}\u0000SLACK_BOT_TOKEN`).slice(0, 32));
    assert.equal(connector.fingerprint, (await lintWith(workflow(""), salted)).find((f) => f.ruleId === "unowned-connector")!.fingerprint);
  });

  it("version 1 baselines' plain hash is only used when asked for (to match an old baseline)", async () => {
    const plain = secretFinding(await lintWith(workflow(""), "plain")).fingerprint;
    assert.equal(plain, sha256(`hardcoded-secret\u0000${WORKFLOW_PATH}\u0000${token}`).slice(0, 32));
  });

  it("a file holding more than 16 distinct secrets is derived as one pool: distinct fingerprints, one slow derivation", async () => {
    const tokens = Array.from({ length: 40 }, () => `ghp_${fake.chars(36)}`);
    const dump = (values: string[]) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n${values.map((v, i) => `          T${i}: ${v}\n`).join("")}`;
    const prints = (await lintWith(dump(tokens), salted)).filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.fingerprint);
    assert.equal(prints.length, 40);
    assert.equal(new Set(prints).size, 40);
    assert.ok(prints.every((p) => /^[0-9a-f]{32}$/.test(p)));
    // Confirming one value now needs every other value of the file as well.
    const changed = (await lintWith(dump([...tokens.slice(0, 39), `ghp_${fake.chars(36)}`]), salted)).filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.fingerprint);
    assert.notEqual(changed[0], prints[0]);
  });
});
