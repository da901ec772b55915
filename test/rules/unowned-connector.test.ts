import assert from "node:assert/strict";
import { parseDocument } from "yaml";
import { loadInventory } from "../../linter-core/inventory.js";
import { unownedConnector } from "../../rules/unowned-connector.js";
import { applyEdits, at, lintFiles, ruleTester, WORKFLOW_PATH } from "../helpers.js";

const workflow = (body: string) => `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${body}`;
const deployStep = `      - name: ship\n        run: ./deploy.sh\n        env:\n          TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n`;
const owned = `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Deploy\n    expires: 2027-06-30\n`;

ruleTester(unownedConnector, {
  valid: [
    { name: "a secret with an owned record", code: workflow(deployStep), inventory: owned },
    { name: "names match case-insensitively on GitHub", code: workflow(deployStep.replace("DEPLOY_TOKEN", "deploy_token")), inventory: owned },
    { name: "GITHUB_TOKEN is issued by the platform, not an inventory connector", code: workflow(`      - run: gh pr list\n        env:\n          GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}\n`) },
    { name: "no secrets used at all", code: workflow(`      - run: make test\n`) },
  ],
  invalid: [
    {
      name: "a secret with no inventory at all: reported at the reference, with the job and step",
      code: workflow(deployStep),
      errors: [{ ...at(workflow(deployStep), "DEPLOY_TOKEN"), message: /secret `DEPLOY_TOKEN` in job `deploy`, step `ship` has no record in nhi-inventory.yaml/ }],
    },
    {
      name: "a record with no owner",
      code: workflow(deployStep),
      inventory: `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    purpose: Deploy\n`,
      errors: [{ ...at(workflow(deployStep), "DEPLOY_TOKEN"), message: /^secret `DEPLOY_TOKEN` in job `deploy`, step `ship` has a record in nhi-inventory.yaml but no owner\.$/ }],
    },
    {
      name: "bracket syntax and several uses in one file: one finding at the first",
      code: workflow(`      - run: echo "\${{ secrets['NPM_TOKEN'] }}" > /dev/null\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`),
      inventory: owned,
      errors: [{ ...at(workflow(`      - run: echo "\${{ secrets['NPM_TOKEN'] }}"`), "NPM_TOKEN"), message: /used 2 times in this file/ }],
    },
    {
      name: "a cloud role passed to configure-aws-credentials",
      code: workflow(`      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n`),
      errors: [{ ...at(workflow(`      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy`), "arn:aws:iam::123456789012:role/deploy"), message: /cloud-role/ }],
    },
  ],
});

describe("unowned-connector: the fix registers the connector", () => {
  it("creates nhi-inventory.yaml with the owner from CODEOWNERS when there is no inventory", async () => {
    const result = await lintFiles([{ path: WORKFLOW_PATH, text: workflow(deployStep) }], { codeowners: "* @acme/everyone\n.github/workflows/ @acme/platform\n" });
    const fix = result.findings.find((f) => f.ruleId === "unowned-connector")!.fixes[0];
    assert.match(fix.title, /owner @acme\/platform from CODEOWNERS/);
    const edit = fix.edits[0];
    assert.equal(edit.path, "nhi-inventory.yaml");
    assert.equal(edit.createFile, true);
    const inventory = loadInventory({ path: "nhi-inventory.yaml", text: applyEdits("", [edit]) });
    assert.deepEqual(inventory.problems, []);
    assert.equal(inventory.records[0].name, "DEPLOY_TOKEN");
    assert.equal(inventory.records[0].owner, "@acme/platform");
    assert.deepEqual(inventory.records[0].usedBy, [WORKFLOW_PATH]);
  });

  it("suggests the author (the editor's git user) when CODEOWNERS names nobody, and CODEOWNERS first when it does", async () => {
    const files = [{ path: WORKFLOW_PATH, text: workflow(deployStep) }];
    const byAuthor = await lintFiles(files, { codeowners: "docs/ @acme/docs\n", author: "dev@acme.example" });
    const fix = byAuthor.findings.find((f) => f.ruleId === "unowned-connector")!.fixes[0];
    assert.match(fix.title, /owner dev@acme\.example: you, until you hand it over/);
    assert.equal(loadInventory({ path: "nhi-inventory.yaml", text: applyEdits("", fix.edits) }).records[0].owner, "dev@acme.example");
    const byCodeowners = await lintFiles(files, { codeowners: ".github/ @acme/platform\n", author: "dev@acme.example" });
    assert.match(byCodeowners.findings.find((f) => f.ruleId === "unowned-connector")!.fixes[0].title, /owner @acme\/platform from CODEOWNERS/);
  });

  it("appends to an existing inventory, keeping comments, and the finding goes away", async () => {
    const existing = `# Owned by the platform team\nversion: 1\nconnectors:\n  # the deploy bot\n  - name: OTHER\n    owner: ops@acme.example # on call\n\n# end of list\n`;
    const inventoryFile = { path: "nhi-inventory.yaml", text: existing };
    const result = await lintFiles([{ path: WORKFLOW_PATH, text: workflow(deployStep) }], { inventory: inventoryFile, codeowners: "* @acme/web\n" });
    const edit = result.findings.find((f) => f.ruleId === "unowned-connector")!.fixes[0].edits[0];
    const updated = applyEdits(existing, [edit]);
    assert.ok(updated.startsWith(existing.slice(0, existing.indexOf("\n\n# end"))), "existing text kept byte for byte");
    assert.ok(updated.includes("# end of list"));
    assert.equal(parseDocument(updated).errors.length, 0);
    const after = await lintFiles([{ path: WORKFLOW_PATH, text: workflow(deployStep) }], { inventory: { path: "nhi-inventory.yaml", text: updated } });
    assert.equal(after.findings.filter((f) => f.ruleId === "unowned-connector").length, 0);
  });

  it("adds its record to an inventory whose connectors are empty, flow-styled or missing, with or without a last newline", async () => {
    for (const existing of ["version: 1\nconnectors:\n", "version: 1\nconnectors:", "version: 1\nconnectors: []\n", "version: 1\nconnectors: []", "version: 1\n", "version: 1", "version: 1\nconnectors:\n# nothing yet\n"]) {
      const inventoryFile = { path: "nhi-inventory.yaml", text: existing };
      const result = await lintFiles([{ path: WORKFLOW_PATH, text: workflow(deployStep) }], { inventory: inventoryFile });
      const edit = result.findings.find((f) => f.ruleId === "unowned-connector")!.fixes[0].edits[0];
      const updated = applyEdits(existing, [edit]);
      assert.equal(parseDocument(updated).errors.length, 0, JSON.stringify(updated));
      assert.deepEqual(loadInventory({ path: "nhi-inventory.yaml", text: updated }).records.map((r) => r.name), ["DEPLOY_TOKEN"], JSON.stringify(updated));
      // Every line kept (a flow `[]` becomes the block list).
      for (const line of existing.replace(" []", "").split("\n")) assert.ok(updated.includes(line), JSON.stringify(updated));
    }
  });

  it("reports a record without an owner on the inventory itself when it is linted, and only that one", async () => {
    const text = `version: 1\nconnectors:\n  - name: OWNED\n    owner: ops@acme.example\n  - name: DEPLOY_TOKEN\n    purpose: Deploy\n  - name: EMPTY_OWNER\n    owner: ""\n`;
    const result = await lintFiles([{ path: "nhi-inventory.yaml", text }], { inventory: { path: "nhi-inventory.yaml", text } });
    const findings = result.findings.filter((f) => f.ruleId === "unowned-connector");
    assert.deepEqual(findings.map((f) => [f.connector, f.start.line]), [["DEPLOY_TOKEN", 5], ["EMPTY_OWNER", 8]], "at the record's name, or at its empty owner:");
    assert.equal(findings[0].message, "`DEPLOY_TOKEN` has no owner: name the team or person accountable for it.");
    assert.match(findings[0].help ?? "", /team handle \(@org\/team\) or an e-mail address/);
  });

  it("the fix is safe (fix-all applies it) and says what is left to fill in; the record-without-owner help names the record", async () => {
    const files = [{ path: WORKFLOW_PATH, text: workflow(deployStep) }];
    const fix = (await lintFiles(files)).findings.find((f) => f.ruleId === "unowned-connector")!.fixes[0];
    assert.equal(fix.safe, true);
    assert.deepEqual(fix.followUp, ["Fill in `purpose` and `expires` in the new record."]);
    assert.equal(fix.title, "Register `DEPLOY_TOKEN` in nhi-inventory.yaml", "no owner to suggest: none named");
    const noOwner = (await lintFiles(files, { inventory: { path: "nhi-inventory.yaml", text: `version: 1\nconnectors:\n  - name: deploy_token\n    purpose: Deploy\n` } })).findings.find((f) => f.ruleId === "unowned-connector")!;
    assert.equal(noOwner.help, "Set `owner:` on the `deploy_token` record to the accountable team handle or e-mail.");
    assert.doesNotMatch(noOwner.message, /used \d+ times/, "one use: no count");
  });

  it("names match exactly where the platform's are case-sensitive (GitLab): `deploy_token` is another variable", async () => {
    const gitlab = { path: ".gitlab-ci.yml", text: "deploy:\n  script:\n    - ./deploy.sh --token \"$DEPLOY_TOKEN\"\n" };
    const lower = `version: 1\nconnectors:\n  - name: deploy_token\n    owner: ops@acme.example\n`;
    const findings = (await lintFiles([gitlab], { inventory: { path: "nhi-inventory.yaml", text: lower } })).findings.filter((f) => f.ruleId === "unowned-connector");
    assert.deepEqual(findings.map((f) => f.connector), ["DEPLOY_TOKEN"]);
  });
});
