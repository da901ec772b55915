// The boundary every finding passes on its way out of the core: whatever a rule writes, no message,
// help or fix edit holds a secret detected in its file.
import assert from "node:assert/strict";
import { lint } from "../../linter-core/index.js";
import type { Rule } from "../../linter-core/rule.js";
import { RULES } from "../../rules/index.js";
import { detectSecrets } from "../../linter-core/secrets/detect.js";
import { emptyModel } from "../../linter-core/platforms/common.js";
import { FakeSecrets, NOW } from "../helpers.js";

const token = `ghp_${new FakeSecrets(17).chars(36)}`;

// A careless rule: quotes the whole line it reports on, and offers a fix that writes it back.
const quotesTheLine: Rule = {
  meta: { id: "quotes-the-line", description: "test", defaultSeverity: "warning", owasp: [], nist: [], hasFixes: true },
  checkFile(context) {
    const text = context.file.text;
    const at = text.indexOf("GH_PAT");
    const line = text.slice(at, text.indexOf("\n", at));
    context.report({
      span: { start: at, end: at + line.length },
      message: `suspicious line: ${line}`,
      help: `remove ${line}`,
      identity: "line",
      fixes: [
        { title: "rewrite", edits: [{ path: context.file.path, start: at, end: at + line.length, text: line.toLowerCase() + line }], safe: false },
        { title: "harmless", edits: [{ path: context.file.path, start: at, end: at, text: "# " }], safe: false },
      ],
    });
  },
};

describe("redaction at the core's boundary", () => {
  it("a rule quoting a secret gets it redacted in message and help; a fix that writes it back is dropped", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${token}\n`;
    const { findings } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: [...RULES, quotesTheLine], now: NOW });
    const careless = findings.find((f) => f.ruleId === "quotes-the-line")!;
    assert.ok(careless, "the test rule reported");
    assert.ok(!JSON.stringify(findings).includes(token.slice(4)), "a secret left the core");
    assert.match(careless.message, /GH_PAT: ghp_… \(40 chars\)/);
    assert.deepEqual(careless.fixes.map((fix) => fix.title), ["harmless"]);
  });

  it("redacts whatever rules run: with hardcoded-secret off (not among the rules), the careless rule's quote is still redacted", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${token}\n`;
    const { findings } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: [quotesTheLine], now: NOW });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /GH_PAT: ghp_… \(40 chars\)/);
    assert.ok(!JSON.stringify(findings).includes(token.slice(4)), "a secret left the core");
  });

  it("a connector named by a secret is no connector, whatever rules run; the run counts each such name once", async () => {
    const other = `ghp_${new FakeSecrets(18).chars(36)}`;
    const n8n = (name: string) => JSON.stringify({ nodes: [{ name: "GitHub", type: "n8n-nodes-base.github", parameters: {}, credentials: { githubApi: { id: "1", name } } }], connections: {} });
    const files = [
      { path: "flows/a.json", text: n8n(token) },
      { path: "flows/b.json", text: n8n(token) },
      { path: "flows/c.json", text: n8n(other) },
      { path: "flows/d.json", text: n8n("GitHub bot") },
    ];
    for (const rules of [[], RULES]) {
      const result = await lint(files, { rules, now: NOW });
      assert.equal(result.connectorsNamedBySecret, 2);
      const names = result.models.flatMap(({ model }) => model.connectorRefs.map((ref) => ref.name));
      assert.deepEqual([...new Set(names)], ["GitHub bot"]);
    }
  });
});

describe("redaction at the boundary: a suppression's reason", () => {
  /** A workflow whose one step has these `env:` lines. */
  const workflow = (...env: string[]) => `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n${env.map((line) => `          ${line}\n`).join("")}`;

  it("a reason quoting a secret of its file is shown redacted with the finding it accepts", async () => {
    const other = `ghp_${new FakeSecrets(21).chars(36)}`;
    const text = workflow(`# nhilint-disable-next-line hardcoded-secret -- a fixture, like ${other}`, `GH_PAT: ${token}`, `OTHER: ${other}`);
    const { findings, suppressed } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: RULES, now: NOW });
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].suppression?.justification, "a fixture, like ghp_… (40 chars)");
    assert.ok(!JSON.stringify([findings, suppressed]).includes(other.slice(4)));
  });

  it("a reason quoting a secret of another file (a password bound to a key there, only a word here) is redacted too", async () => {
    const password = new FakeSecrets(22).password(20);
    const { findings, suppressed } = await lint(
      [
        { path: ".github/workflows/db.yml", text: workflow(`DB_PASSWORD: ${password}`) },
        { path: ".github/workflows/ci.yml", text: workflow(`# nhilint-disable-next-line hardcoded-secret -- a fixture, unlike ${password}`, `GH_PAT: ${token}`) },
      ],
      { rules: RULES, now: NOW },
    );
    assert.match(suppressed[0].suppression?.justification ?? "", /^a fixture, unlike .{4}… \(20 chars\)$/);
    assert.ok(!JSON.stringify([findings, suppressed]).includes(password.slice(4)));
  });

  it("a token pasted where a rule id belongs is redacted in the invalid-suppression message", async () => {
    const text = workflow(`# nhilint-disable-next-line ${token} -- pasted in the wrong place`, "REGION: eu");
    const { findings } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: RULES, now: NOW });
    const invalid = findings.find((f) => f.ruleId === "invalid-suppression");
    assert.equal(invalid?.message, "unknown rule id ghp_… (40 chars) in nhilint-disable-next-line");
    assert.ok(!JSON.stringify(findings).includes(token.slice(4)));
  });
});

describe("redaction at the boundary: internal errors", () => {
  it("a rule that fails quoting what it read (a token) is reported with the token redacted", async () => {
    const stray = new FakeSecrets(23).chars(32);
    const throwing: Rule = {
      meta: { id: "throws", description: "test", defaultSeverity: "warning", owasp: [], nist: [], hasFixes: false },
      checkFile() {
        throw new TypeError(`Cannot read properties of undefined (reading '${token}') near '${stray}'`);
      },
    };
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          GH_PAT: ${token}\n`;
    const { internalErrors } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: [...RULES, throwing], now: NOW });
    assert.equal(internalErrors.length, 1);
    assert.match(internalErrors[0].message, /^rule throws failed: Cannot read properties of undefined \(reading 'ghp_… \(40 chars\)'\) near '.{1,8}… \(32 chars\)'$/);
    assert.ok(!internalErrors[0].message.includes(token.slice(4)) && !internalErrors[0].message.includes(stray.slice(8)));
  });
});

describe("redaction at the boundary, workspace rules", () => {
  it("an inventory field holding a token is redacted where workspace rules quote it", async () => {
    const inventory = `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    kind: secret\n    owner: ${token}\n    purpose: Deploy\n    expires: 2020-01-01\n`;
    const workflow = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          T: \${{ secrets.DEPLOY_TOKEN }}\n`;
    const result = await lint(
      [
        { path: ".github/workflows/ci.yml", text: workflow },
        { path: "nhi-inventory.yaml", text: inventory },
      ],
      { rules: RULES, now: NOW, inventory: { path: "nhi-inventory.yaml", text: inventory }, wholeWorkspace: true },
    );
    const quoting = result.findings.filter((f) => f.ruleId === "expired-connector" || f.ruleId === "incomplete-connector-record");
    assert.ok(quoting.length >= 2, "the workspace rules reported on the record");
    assert.ok(quoting.some((f) => f.message.includes("ghp_… (40 chars)")), "the owner is quoted, redacted");
    assert.ok(!JSON.stringify(result.findings).includes(token.slice(4)), "a secret left the core");
  });
});

describe("redaction at the boundary: its edges", () => {
  const quoting = (values: string[], fixEdits: string[][]): Rule => ({
    meta: { id: "quotes-values", description: "test", defaultSeverity: "warning", owasp: [], nist: [], hasFixes: true },
    checkFile(context) {
      context.report({
        span: { start: 0, end: 1 },
        message: `values: ${values.join(" and ")}`,
        identity: "values",
        connector: values[0],
        fixes: fixEdits.map((texts, i) => ({ title: `fix ${i}`, edits: texts.map((text) => ({ path: context.file.path, start: 0, end: 0, text })), safe: false })),
      });
    },
  });
  const run = async (text: string, rule: Rule) => (await lint([{ path: "deploy.sh", text }], { rules: [...RULES, rule], now: NOW })).findings.find((f) => f.ruleId === rule.meta.id)!;

  it("a fix is dropped when any one of its edits writes a secret back, not only when all do", async () => {
    const text = `export DEPLOY_TOKEN=${token}\n`;
    const found = await run(text, quoting([token], [["# safe", `x ${token}`], ["# also safe"]]));
    assert.deepEqual(found.fixes.map((f) => f.title), ["fix 1"]);
    assert.equal(found.connector, "ghp_… (40 chars)");
  });

  it("two secrets sharing their first eight characters are both redacted", async () => {
    const other = `${token.slice(0, 10)}${new FakeSecrets(18).chars(30)}`;
    const text = `export A_TOKEN=${token}\nexport B_TOKEN=${other}\n`;
    const found = await run(text, quoting([token, other], []));
    assert.ok(!found.message.includes(token.slice(4)) && !found.message.includes(other.slice(4)), found.message);
  });
});

describe("redaction at the boundary: a secret spelled as a name", () => {
  // What is left of a secret once it went through a secret name (upper-cased, separators dropped).
  const folded = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const spells = (output: string, secret: string) => folded(output).includes(folded(secret).slice(4));
  const other = `ghp_${new FakeSecrets(19).chars(36)}`;

  it("a token pasted as a key gets no secret name made from it: the fix names the detector's secret, and nothing spells the token", async () => {
    for (const key of [`token_${token}`, token, `${token}_KEY`, `"${token}"`]) {
      const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    env:\n      ${key}: ${other}\n    steps:\n      - run: make\n`;
      const { findings } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: RULES, now: NOW });
      const onValue = findings.find((f) => f.ruleId === "hardcoded-secret" && f.fixes.length > 0);
      assert.ok(onValue, `the value is found and a fix offered (${key.slice(0, 10)}…)`);
      assert.match(onValue.fixes[0].edits[0].text, /^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
      assert.ok(!spells(JSON.stringify(findings), token), JSON.stringify(findings.map((f) => [f.message, f.help, f.fixes.map((fix) => fix.edits)])));
      assert.ok(!spells(JSON.stringify(findings), other));
    }
  });

  it("in a script or under a key the detectors quote, a token inside the name is never spelled: not in a title, a secret name or a fix", async () => {
    const password = new FakeSecrets(23).password(20);
    const cases: [string, string][] = [
      ["deploy.sh", `export TOKEN_${token}=${other}\n`],
      ["deploy.sh", `deploy --${token}-token ${other}\n`],
      ["config.yml", `token_${token}: "${password}"\n`],
      ["config.json", `{"auth": {"token_${token}": "${password}"}}\n`],
    ];
    for (const [path, text] of cases) {
      const { findings } = await lint([{ path, text }], { rules: RULES, now: NOW });
      assert.ok(findings.some((f) => f.ruleId === "hardcoded-secret"), text);
      assert.ok(!spells(JSON.stringify(findings), token), JSON.stringify(findings.map((f) => [f.message, f.help])));
    }
    // The variable names a credential (it ends in TOKEN) and holds a token: the value's name is its format's.
    const detections = await detectSecrets(emptyModel("text", "deploy.sh", `export ${token}_TOKEN=${other}\n`));
    assert.deepEqual(detections.map((d) => [d.secretName, spells(d.title, token)]).sort(), [["GH_PAT", false], ["GH_PAT", false]]);
  });

  it("a key holding a token names the secret after what is left of it (`ghp_…_password`: PASSWORD)", async () => {
    const password = new FakeSecrets(24).password(18);
    const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    env:\n      ${token}_password: "${password}"\n    steps:\n      - run: make\n`;
    const { findings } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: RULES, now: NOW });
    const onValue = findings.find((f) => f.ruleId === "hardcoded-secret" && f.fixes.length > 0)!;
    assert.equal(onValue.fixes[0].edits[0].text, "${{ secrets.PASSWORD }}");
    assert.match(onValue.message, /under `ghp_… \(40 chars\)_password`/);
  });

  it("a careless rule's message naming a secret in upper snake case is redacted there; a fix writing that name is dropped", async () => {
    const name = token.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
    const careless: Rule = {
      meta: { id: "names-it", description: "test", defaultSeverity: "warning", owasp: [], nist: [], hasFixes: true },
      checkFile(context) {
        context.report({
          span: { start: 0, end: 1 },
          message: `store it as ${name} please`,
          identity: "name",
          fixes: [
            { title: "names it", edits: [{ path: context.file.path, start: 0, end: 0, text: `\${{ secrets.${name} }}` }], safe: false },
            { title: "plain", edits: [{ path: context.file.path, start: 0, end: 0, text: "# " }], safe: false },
          ],
        });
      },
    };
    const { findings } = await lint([{ path: "deploy.sh", text: `export DEPLOY_TOKEN=${token}\n` }], { rules: [...RULES, careless], now: NOW });
    const found = findings.find((f) => f.ruleId === "names-it")!;
    assert.match(found.message, /^store it as GHP_… \(\d+ chars\) please$/);
    assert.deepEqual(found.fixes.map((fix) => fix.title), ["plain"]);
  });

  it("a name made of ordinary words is left alone: the fix is still named after the key", async () => {
    const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    env:\n      DEPLOY_TOKEN: ${token}\n    steps:\n      - run: make\n`;
    const { findings } = await lint([{ path: ".github/workflows/ci.yml", text }], { rules: RULES, now: NOW });
    assert.equal(findings.find((f) => f.ruleId === "hardcoded-secret")?.fixes[0]?.edits[0].text, "${{ secrets.DEPLOY_TOKEN }}");
  });
});
