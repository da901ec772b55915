// The keyword table in front of secretlint's preset skips rules, never findings: one planted secret
// per preset rule, each in its own file (a file holding every keyword would prove nothing), linted
// with the prefilter on and off.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setPrefilter } from "../../linter-core/secrets/prefilter.js";
import { COVERED_BY_TABLE, presetRuleIds, runSecretlint, secretlintRulesFor } from "../../linter-core/secrets/secretlint.js";
import { FakeSecrets, lintFiles, ROOT } from "../helpers.js";

const fake = new FakeSecrets(1653);
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// Split so this file holds no PEM header for scanners (ours included) to trip on.
const pem = (kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----\nMII${fake.chars(240, b64)}\n-----END ${kind}PRIVATE KEY-----`;

function onePasswordToken(): string {
  let json = JSON.stringify({ signInAddress: "acme.1password.com", email: "ci@acme.test", srpX: fake.hex(64), muk: { alg: "A256GCM", k: fake.chars(43) } });
  while (json.length % 3 !== 1) json = json.replace(/^\{/, "{ "); // so the base64 ends in "fQ=="
  return `ops_${Buffer.from(json).toString("base64")}`;
}

/** [rule, path, text]: each text holds what one rule reports, in the casing the rule accepts. */
const PLANTED: [string, string, string][] = [
  ["aws", "deploy.yml", `env:\n  AWS_SECRET_ACCESS_KEY: ${fake.chars(40, b64)}\n`],
  ["aws", "settings.py", `Secret_Access_Key = "${fake.chars(40, b64)}"\n`],
  ["gcp", "service-account.json", JSON.stringify({ type: "service_account", private_key_id: fake.hex(40), private_key: `${pem("")}\n` })],
  ["gcp", "escaped.json", JSON.stringify({ type: "service_account", private_key_id: fake.hex(40), private_key: `${pem("")}\n` }).replace(/private_key/g, "private\\u005fkey")],
  ["npm", "ci.yml", `env:\n  NPM_TOKEN: npm_${fake.chars(36)}\n`],
  ["npm", ".npmrc", `//registry.npmjs.org/:_authToken=${fake.chars(36)}\n`],
  ["npm", "package.json", JSON.stringify({ dependencies: { lib: `https://${fake.hex(40)}:x-oauth-basic@github.com/acme/lib.git` } })],
  ["slack", "notify.yml", `token: xoxb-${fake.digits(12)}-${fake.digits(13)}-${fake.chars(24)}\n`],
  ["slack", "hook.yml", `url: HTTPS://HOOKS.SLACK.COM/services/T${fake.chars(9)}/B${fake.chars(9)}/${fake.chars(24)}\n`],
  ["basicauth", "mirror.yml", `run: git clone https://deployer:${fake.chars(18)}@git.acme-corp.io/app.git\n`],
  ["openai", "ai.yml", `key: sk-proj-${fake.chars(74)}T3BlbkFJ${fake.chars(74)}\n`],
  ["anthropic", "ai2.yml", `key: sk-ant-api03-${fake.chars(93)}AA\n`],
  ["groq", "groq.yml", `key: gsk_${fake.chars(52)}\n`],
  ["huggingface", "hf.yml", `key: hf_${fake.chars(34, letters)}\n`],
  ["linear", "linear.yml", `key: lin_api_${fake.chars(40)}\n`],
  ["notion", "notion.yml", `key: ntn_${fake.digits(11)}${fake.chars(35)}\n`],
  ["privatekey", "deploy-key.yml", `key: |\n${pem("RSA ").replace(/^/gm, "  ")}\n`],
  ["sendgrid", "mail.yml", `key: SG.${fake.chars(22)}.${fake.chars(43)}\n`],
  ["shopify", "shop.yml", `key: shpat_${fake.hex(32)}\n`],
  ["github", "gh.yml", `token: ghp_${fake.chars(36)}\n`],
  ["github", "gh2.yml", `token: github_pat_${fake.chars(82)}\n`],
  ["gitlab", "gl.yml", `token: glpat-${fake.chars(20)}\n`],
  ["grafana", "grafana.yml", `token: glc_${fake.chars(60)}\n`],
  ["grafana", "grafana2.yml", `token: glsa_${fake.chars(32)}_${fake.hex(8)}\n`],
  ["1password", "op.yml", `token: ${onePasswordToken()}\n`],
  ["database-connection-string", "mongo.yml", `url: mongodb+srv://app:${fake.chars(16)}@cluster0.acme-db.net/orders\n`],
  ["database-connection-string", "mysql.yml", `url: MYSQL://root:${fake.chars(16)}@db.internal:3306/app\n`],
  ["database-connection-string", "pg.yml", `url: PostgreSQL://svc:${fake.chars(16)}@pg.internal:5432/app\n`],
  ["hashicorp-vault", "vault.yml", `token: hvs.${fake.chars(95)}\n`],
  ["vercel", "vercel.yml", `token: vcp_${fake.chars(24)}\n`],
  ["databricks", "dbx.yml", `token: dapi${fake.hex(32)}\n`],
  ["docker", "docker.yml", `token: dckr_pat_${fake.chars(27)}\n`],
  ["figma", "figma.yml", `token: figd_${fake.chars(40)}\n`],
  // filter-comments reports nothing itself: it must still run, or the disabled token would surface.
  ["filter-comments", "disabled.yml", `# secretlint-disable-next-line\ntoken: ghp_${fake.chars(36)}\n`],
];

/** Our own detectors' case-insensitive patterns, in casings their keywords once missed. */
const ANY_CASE: [string, string][] = [
  ["azure.yml", `env:\n  CONN: DefaultEndpointsProtocol=https;ACCOUNTNAME=acme;ACCOUNTKEY=${fake.chars(86, b64)}==\n`],
  ["dd.yml", `env:\n  Dd_Api_Key: ${fake.hex(32)}\n`],
  ["curl.yml", `steps:\n  - run: |\n      curl -h "X-Api-Key: ${fake.chars(32)}" https://api.acme.test\n`],
  ["auth.yml", `steps:\n  - run: |\n      curl -H "AuThorization: Bearer ${fake.chars(40)}" https://api.acme.test\n`],
];

describe("secretlint prefilter", () => {
  afterEach(() => setPrefilter(true));

  it("knows every rule of the pinned preset", async () => {
    const known = new Set(secretlintRulesFor(PLANTED.map(([, , text]) => text).join("\n")));
    for (const id of await presetRuleIds()) assert.ok(known.has(id) || COVERED_BY_TABLE.has(id), `the prefilter has no keywords for secretlint rule ${id}, and nhilint's table does not cover it`);
    for (const id of COVERED_BY_TABLE) assert.ok(!known.has(id), `${id} is covered by the table and must not run`);
  });

  it("gives secretlint's matches unchanged, for a secret of every rule, and skips what cannot match", async () => {
    for (const [rule, path, text] of PLANTED.filter(([rule]) => !COVERED_BY_TABLE.has(rule))) {
      setPrefilter(false);
      const without = await runSecretlint(path, text);
      setPrefilter(true);
      const withPrefilter = await runSecretlint(path, text);
      assert.deepEqual(withPrefilter, without, `${rule} in ${path}`);
      if (rule === "filter-comments") assert.equal(without.length, 0, "the disable comment should hide the token");
      else assert.ok(without.some((match) => match.rule === rule), `the planted ${rule} secret in ${path} should be found (got ${without.map((m) => m.rule).join(", ") || "nothing"})`);
      assert.ok(secretlintRulesFor(text).length < 6, `${path} should need few rules, not ${secretlintRulesFor(text).join(", ")}`);
    }
  });

  it("does not load or run secretlint for a workflow with no keyword", () => {
    const workflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n        env:\n          TOKEN: ${{ secrets.NPM_TOKEN }}\n";
    assert.deepEqual(secretlintRulesFor(workflow), []);
    // In a fresh process with a module-resolution hook: linting it never imports @secretlint/core,
    // and linting a file with a secretlint keyword does (so the hook sees imports at all).
    const loads = (text: string) => {
      const hook = `data:text/javascript,${encodeURIComponent("export async function resolve(s, c, next) { if (s.startsWith('@secretlint/core')) process.stderr.write('LOADED ' + s + '\\n'); return next(s, c); }")}`;
      const script = `import { register } from "node:module"; register(${JSON.stringify(hook)});
        const { lint } = await import(${JSON.stringify(join(ROOT, "out/linter-core/index.js"))});
        const { RULES } = await import(${JSON.stringify(join(ROOT, "out/rules/index.js"))});
        await lint([{ path: ".github/workflows/ci.yml", text: ${JSON.stringify(text)} }], { rules: RULES });`;
      const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      return run.stderr.includes("LOADED @secretlint/core");
    };
    assert.equal(loads(workflow), false);
    const keyword = PLANTED.find(([, , text]) => secretlintRulesFor(text).length > 0);
    assert.ok(keyword, "a planted file that needs secretlint");
    assert.equal(loads(keyword[2]), true);
  });

  it("changes no finding of the whole linter on the planted files", async () => {
    const files = PLANTED.map(([, path, text]) => ({ path, text }));
    const summary = async () => (await lintFiles(files)).findings.map((f) => `${f.path}:${f.span.start}-${f.span.end} ${f.ruleId} ${f.fingerprint}`);
    setPrefilter(false);
    const without = await summary();
    setPrefilter(true);
    assert.deepEqual(await summary(), without);
    // Every planted secret is still found by the whole linter, also those whose secretlint rule no
    // longer runs (the table covers them); only the disabled one is hidden.
    for (const [rule, path] of PLANTED) {
      const found = without.some((line) => line.startsWith(`${path}:`) && line.includes(" hardcoded-secret "));
      assert.equal(found, rule !== "filter-comments", `${rule} in ${path}`);
    }
  });

  it("compares keywords without case for our own case-insensitive detectors", async () => {
    for (const [path, text] of ANY_CASE) {
      const file = { path: `.github/workflows/${path}`, text: `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    ${text.replace(/\n/g, "\n    ")}` };
      const secrets = async () => (await lintFiles([file])).findings.filter((f) => f.ruleId === "hardcoded-secret" || f.ruleId === "parse-error").map((f) => `${f.ruleId} ${f.span.start}-${f.span.end} ${f.fingerprint}`);
      setPrefilter(false);
      const without = await secrets();
      setPrefilter(true);
      assert.deepEqual(await secrets(), without, path);
      assert.deepEqual(without.map((line) => line.split(" ")[0]), ["hardcoded-secret"], `${path} should parse and hold one secret`);
    }
  });
});
