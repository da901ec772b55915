// A secret pasted as a YAML block scalar (`KEY: |` and the value on the next line, as editors and
// `kubectl create --dry-run -o yaml` write long values) is the same secret as written inline: the
// finding spans the value alone, with the same fingerprint (a baseline entry keeps matching) and
// message, and the fix writes the same file. The detection over the whole value used to span the
// scalar's `|` header and line breaks: another fingerprint, a message quoting `|`, and Drone's and
// Kubernetes' whole-value fixes missed.
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import type { Finding } from "../../linter-core/model.js";
import { lint } from "../../linter-core/engine.js";
import { RULES } from "../../rules/index.js";
import { applyEdits, FakeSecrets, NOW } from "../helpers.js";

// Under a credential key (judged by its key) and a known format (found by its shape) alike.
const secrets = [new FakeSecrets(31).chars(32), `AKIA${new FakeSecrets(32).chars(16).toUpperCase()}`];
// Each platform's place for a whole value, with the line `KEY: SECRET` written at its indentation.
const cases: { path: string; text: string }[] = [
  { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          API_KEY: SECRET\n          REGION: eu\n" },
  { path: ".gitlab-ci.yml", text: "build:\n  variables:\n    API_KEY: SECRET\n    REGION: eu\n  script:\n    - make\n" },
  { path: "azure-pipelines.yml", text: "steps:\n  - script: make\n    env:\n      API_KEY: SECRET\n      REGION: eu\n" },
  { path: "docker-compose.yml", text: "services:\n  web:\n    image: x\n    environment:\n      API_KEY: SECRET\n      REGION: eu\n" },
  { path: ".drone.yml", text: "kind: pipeline\nsteps:\n  - name: a\n    image: x\n    environment:\n      API_KEY: SECRET\n      REGION: eu\n    commands:\n      - make\n" },
  { path: "k8s/deploy.yaml", text: "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          env:\n            - name: API_KEY\n              value: SECRET\n            - name: REGION\n              value: eu\n" },
  { path: ".circleci/config.yml", text: "version: 2.1\njobs:\n  a:\n    docker:\n      - image: x\n    environment:\n      API_KEY: SECRET\n      REGION: eu\n    steps:\n      - run: make\n" },
  { path: ".buildkite/pipeline.yml", text: "steps:\n  - command: make\n    env:\n      API_KEY: SECRET\n      REGION: eu\n" },
  { path: "buildspec.yml", text: "version: 0.2\nenv:\n  variables:\n    API_KEY: SECRET\n    REGION: eu\nphases:\n  build:\n    commands:\n      - make\n" },
  { path: "config/settings.yml", text: "service:\n  API_KEY: SECRET\n  REGION: eu\n" },
];
const HEADERS = ["|", "|-", ">", ">-", "|+", "|2", ">-2", "| # pasted from the console"];

/** The text with `KEY: SECRET` (or `value: SECRET`) rewritten as a block scalar under that header. */
function asBlock(text: string, secret: string, header: string, eol = "\n"): string {
  return text.replace(/^( *)(- )?([\w]+): SECRET$/m, (_, indent: string, dash = "", key: string) => `${indent}${dash}${key}: ${header}${eol}${indent}${" ".repeat(dash.length + 2)}${secret}`);
}

// Fingerprints made from the secret (the fast unsalted hash of old baselines; the editor's and the
// tests' default makes none, and would compare empty strings).
const secretFindings = async (path: string, text: string): Promise<Finding[]> =>
  (await lint([{ path, text }], { rules: RULES, now: NOW, secretFingerprints: "plain" })).findings.filter((f) => f.ruleId === "hardcoded-secret");

describe("a secret written as a YAML block scalar, on every YAML platform", () => {
  for (const c of cases) {
    it(`${c.path}: the same finding and the same fix as the value written inline`, async () => {
      for (const secret of secrets) {
        const inline = c.text.replace("SECRET", secret);
        const [expected] = await secretFindings(c.path, inline);
        assert.ok(expected, `${c.path}: the inline secret is found`);
        const inlineFix = expected.fixes[0] && applyEdits(inline, expected.fixes[0].edits);
        for (const header of HEADERS) {
          const text = asBlock(c.text, secret, header);
          assert.notEqual(text, c.text, "the case has a line to rewrite");
          const findings = await secretFindings(c.path, text);
          const what = `${c.path} ${header} ${secret.slice(0, 4)}`;
          assert.equal(findings.length, 1, what);
          const start = text.indexOf(secret);
          assert.deepEqual(findings[0].span, { start, end: start + secret.length }, what);
          assert.ok(expected.fingerprint);
          assert.equal(findings[0].fingerprint, expected.fingerprint, what);
          assert.equal(findings[0].message, expected.message, what);
          assert.equal(findings[0].fixes[0]?.title, expected.fixes[0]?.title, what);
          if (!inlineFix) continue;
          const fixed = applyEdits(text, findings[0].fixes[0].edits);
          assert.equal(fixed, inlineFix, what);
          assert.deepEqual(parseAllDocuments(fixed).flatMap((doc) => doc.errors.map((e) => e.message)), [], what);
        }
      }
    });
  }

  it("with Windows line ends (\\r\\n), the value is found alone and the fix keeps the line end", async () => {
    const crlf = (text: string) => text.replace(/\n/g, "\r\n");
    const inline = crlf(cases[0].text.replace("SECRET", secrets[0]));
    const [expected] = await secretFindings(cases[0].path, inline);
    const text = crlf(asBlock(cases[0].text, secrets[0], "|"));
    const [finding] = await secretFindings(cases[0].path, text);
    assert.equal(finding.fingerprint, expected.fingerprint);
    assert.equal(applyEdits(text, finding.fixes[0].edits), applyEdits(inline, expected.fixes[0].edits));
  });

  it("a value of several lines (a private key) is one finding over its lines, and the fix replaces the whole scalar", async () => {
    const body = Array.from({ length: 6 }, (_, i) => new FakeSecrets(40 + i).chars(64)).join("\n            ");
    const key = `-----BEGIN RSA PRIVATE KEY-----\n            ${body}\n            -----END RSA PRIVATE KEY-----`;
    const text = cases[0].text.replace("API_KEY: SECRET", `DEPLOY_KEY: |\n            ${key}`);
    const findings = await secretFindings(cases[0].path, text);
    assert.equal(findings.length, 1);
    assert.equal(text.slice(findings[0].span.start, findings[0].span.end), key);
    const fixed = applyEdits(text, findings[0].fixes[0].edits);
    assert.match(fixed, /\n {10}DEPLOY_KEY: \$\{\{ secrets\.\w+ \}\}\n {10}REGION: eu\n/);
  });
});
