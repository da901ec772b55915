import assert from "node:assert/strict";
import { addRecordsEdit, filledHints, findRecord, loadInventory, recordText } from "../../linter-core/inventory.js";
import { applyEdits, lintFiles } from "../helpers.js";

const load = (text: string) => loadInventory({ path: "nhi-inventory.yaml", text });

describe("inventory", () => {
  it("loads every field of the SPEC's example", () => {
    const inventory = load(`version: 1
connectors:
  - name: DEPLOY_TOKEN
    kind: secret
    owner: "@acme/platform"
    business-owner: ops@acme.example
    backup-owner: "@acme/sre"
    purpose: Deploy the web app to production
    expires: 2027-06-30
    rotate-every: 90d
    last-rotated: 2026-10-01
    used-by:
      - .github/workflows/deploy.yml
    revocation: https://wiki.acme.example/runbooks/revoke-deploy-token
`);
    assert.deepEqual(inventory.problems, []);
    const record = inventory.records[0];
    assert.equal(record.owner, "@acme/platform");
    assert.equal(record.backupOwner, "@acme/sre");
    assert.equal(record.expires, "2027-06-30");
    assert.equal(record.rotateEvery, "90d");
    assert.deepEqual(record.usedBy, [".github/workflows/deploy.yml"]);
    assert.ok(findRecord(inventory, "deploy_token", true));
    assert.equal(findRecord(inventory, "deploy_token", false), undefined);
  });

  it("reports schema problems where they are, never throws", () => {
    const text = `version: 2\nconnectors:\n  - name: A\n    kind: robot\n    expires: next year\n    rotate-every: often\n    colour: blue\n  - owner: "@x"\n  - name: A\n`;
    const inventory = load(text);
    const messages = inventory.problems.map((p) => `${text.slice(0, p.span.start).split("\n").length}: ${p.message}`);
    assert.deepEqual(messages, [
      "1: `version: 1` is required",
      "7: unknown field `colour` (expected one of: name, kind, owner, business-owner, backup-owner, purpose, expires, rotate-every, last-rotated, used-by, environments, revocation)",
      "4: unknown kind `robot` (expected one of: secret, service-connection, cloud-role, service-account, oauth-app, webhook, ssh-key, n8n-credential, connection-reference)",
      "5: `expires` must be a date written YYYY-MM-DD",
      "6: `rotate-every` must be a number and a unit: 90d, 12w, 6m, 1y",
      "8: a connector record needs a `name`: the secret, connection, role or credential name workflows use",
      "9: `A` is recorded twice",
    ]);
  });

  it("a malformed inventory is a finding on the inventory file (invalid-inventory), not a crash", async () => {
    const text = "version: 1\nconnectors: [\n";
    const result = await lintFiles([{ path: "nhi-inventory.yaml", text }], { inventory: { path: "nhi-inventory.yaml", text } });
    assert.deepEqual(result.internalErrors, []);
    const finding = result.findings.find((f) => f.ruleId === "invalid-inventory");
    assert.ok(finding, "expected an invalid-inventory finding");
    assert.equal(finding.path, "nhi-inventory.yaml");
    assert.equal(finding.severity, "error");
  });

  it("adds records to `connectors: []` and to a file without connectors", () => {
    for (const text of ["version: 1\nconnectors: []\n", "version: 1\n", "version: 1\nconnectors:\n"]) {
      const edit = addRecordsEdit(load(text), [{ name: "X_TOKEN", kind: "secret", owner: "@a/b", usedBy: ["w.yml"] }]);
      const inventory = load(applyEdits(text, [edit]));
      assert.deepEqual(inventory.problems, [], text);
      assert.deepEqual(inventory.records.map((r) => r.name), ["X_TOKEN"], text);
    }
  });

  it("says what shape is wrong: not a mapping, connectors not a list, a record not a mapping, used-by not globs, a field not one value", () => {
    const problems = (text: string) => load(text).problems.map((p) => `${text.slice(0, p.span.start).split("\n").length}: ${p.message}`);
    assert.deepEqual(problems("- a\n- b\n"), ["1: the inventory must be a mapping with `version: 1` and `connectors:`"]);
    assert.deepEqual(problems(""), [], "an empty file is an empty inventory");
    assert.deepEqual(problems("connectors: []\n"), ["1: `version: 1` is required"]);
    assert.deepEqual(problems("version: 1\nconnectors: A_TOKEN\n"), ["2: `connectors` must be a list of records"]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - A_TOKEN\n"), ["3: each connector must be a mapping with at least `name` and `owner`"]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    owner: o\n    used-by:\n      a: b\n"), ["6: `used-by` must be a list of file globs"]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    owner: [o, p]\n"), ["4: `owner` must be a single value"]);
    assert.deepEqual(problems("version: 1\nconnectors: [\n").map((p) => p.replace(/: .*/, "")), ["3"], "not valid YAML, once, where it breaks (at the end here)");
  });

  it("environments: a list of names, or one name; anything else is a problem where it is", () => {
    const problems = (text: string) => load(text).problems.map((p) => `${text.slice(0, p.span.start).split("\n").length}: ${p.message}`);
    assert.deepEqual(load("version: 1\nconnectors:\n  - name: A\n    owner: o\n    environments: [production, staging]\n").records[0].environments, ["production", "staging"]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    owner: o\n    environments: [production, staging]\n"), []);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    owner: o\n    environments: production\n"), []);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    owner: o\n    environments:\n      prod: yes\n"), ["6: `environments` must be a list of environment names (production, staging...)"]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    owner: o\n    environments: []\n"), ["5: `environments` must be a list of environment names (production, staging...)"]);
  });

  it("a single used-by glob may be written as a string; a glob over the length limit is a problem and dropped", () => {
    assert.deepEqual(load("version: 1\nconnectors:\n  - name: A\n    owner: o\n    used-by: .github/workflows/*.yml\n").records[0].usedBy, [".github/workflows/*.yml"]);
    const long = `x${"*".repeat(1100)}`;
    const inventory = load(`version: 1\nconnectors:\n  - name: A\n    owner: o\n    used-by: [a.yml, "${long}"]\n`);
    assert.deepEqual(inventory.records[0].usedBy, ["a.yml"]);
    assert.match(inventory.problems[0].message, /a `used-by` glob is 1101 characters long; the limit is 1024/);
  });

  it("empty and blank fields are absent, values are trimmed, kind defaults to secret", () => {
    const [record] = load('version: 1\nconnectors:\n  - name: A\n    owner: "  @acme/ops  "\n    purpose: ""\n    expires:\n').records;
    assert.equal(record.owner, "@acme/ops");
    assert.equal(record.purpose, undefined);
    assert.equal(record.expires, undefined);
    assert.equal(record.kind, "secret");
  });

  it("finds the first record of a name; case-insensitively only when asked", () => {
    const inventory = load("version: 1\nconnectors:\n  - name: A_TOKEN\n    owner: first\n  - name: a_token\n    owner: second\n");
    assert.equal(findRecord(inventory, "A_TOKEN", false)?.owner, "first");
    assert.equal(findRecord(inventory, "a_token", false)?.owner, "second");
    assert.equal(findRecord(inventory, "A_Token", true)?.owner, "first");
    assert.equal(findRecord(inventory, "A_Token", false), undefined);
  });

  it("adds records after the last one, at its indentation, keeping the rest of the file; to `connectors:` at the end of a file with no newline", () => {
    const record = { name: "X_TOKEN", kind: "secret" as const, owner: "@a/b", usedBy: ["w.yml"] };
    const indented = "version: 1\nconnectors:\n    - name: A\n      owner: o\n# trailing comment\n";
    const added = applyEdits(indented, [addRecordsEdit(load(indented), [record])]);
    assert.deepEqual(load(added).records.map((r) => r.name), ["A", "X_TOKEN"]);
    assert.match(added, /\n {4}- name: X_TOKEN\n/);
    assert.ok(added.endsWith("# trailing comment\n"));
    for (const text of ["version: 1\nconnectors:", "version: 1\nconnectors: []", "version: 1", "version: 1\nconnectors:\n  - name: A\n    owner: o"]) {
      const after = applyEdits(text, [addRecordsEdit(load(text), [record])]);
      assert.deepEqual(load(after).problems, [], JSON.stringify(text));
      assert.ok(load(after).records.some((r) => r.name === "X_TOKEN"), JSON.stringify(text));
    }
    // No inventory yet: the whole file, with its header.
    const created = addRecordsEdit(loadInventory(undefined), [record]);
    assert.equal(created.createFile, true);
    assert.ok(created.text.startsWith("# Non-human identities"));
  });

  it("an inventory written in flow style keeps every record it has and still parses: the new ones go inside its brackets", () => {
    const record = { name: "X_TOKEN", kind: "secret" as const, owner: "@a/b", usedBy: ["w.yml"] };
    const other = '{name: A, owner: "@a/b", purpose: p, expires: 2027-01-01}';
    for (const text of [
      `version: 1\nconnectors: [${other}]\n`,
      `version: 1\nconnectors: [\n  ${other},\n]\n`,
      '{"version": 1, "connectors": [{"name": "A", "owner": "o"}]}\n',
      '{"version": 1, "connectors": []}\n',
      '{"version": 1, "connectors": null}\n',
      '{"version": 1}\n',
      '{\n  "version": 1,\n}\n',
    ]) {
      const after = applyEdits(text, [addRecordsEdit(load(text), [record, { ...record, name: "Y_TOKEN", owner: undefined }])]);
      const inventory = load(after);
      assert.deepEqual(inventory.problems, [], after);
      const expected = text.includes('"A"') || text.includes("name: A") ? ["A", "X_TOKEN", "Y_TOKEN"] : ["X_TOKEN", "Y_TOKEN"];
      assert.deepEqual(inventory.records.map((r) => r.name), expected, after);
      assert.deepEqual(inventory.records.at(-2)?.usedBy, ["w.yml"]);
      assert.equal(inventory.records.at(-2)?.owner, "@a/b");
      assert.equal(inventory.records.at(-1)?.owner, undefined);
    }
  });

  it("an inventory with nothing in it yet (comments only, `---`, a null) is an empty one: no problem, and a new record makes a valid inventory that keeps the comments", () => {
    const record = { name: "X_TOKEN", kind: "secret" as const, owner: "@a/b", usedBy: ["w.yml"] };
    for (const text of ["# filled in by the platform team\n", "---\n", "---\n# soon\n", "# soon", "~\n", "--- ~\n", "null\n"]) {
      assert.deepEqual(load(text).problems, [], JSON.stringify(text));
      assert.deepEqual(load(text).records, [], JSON.stringify(text));
      const after = applyEdits(text, [addRecordsEdit(load(text), [record])]);
      assert.deepEqual(load(after).problems, [], after);
      assert.deepEqual(load(after).records.map((r) => r.name), ["X_TOKEN"], after);
      for (const comment of text.match(/#.*/g) ?? []) assert.ok(after.includes(comment), after);
    }
    // Something that is not a mapping is still said.
    assert.equal(load("- a\n").problems.length, 1);
    assert.equal(load("just text\n").problems.length, 1);
  });

  it("a new record's TODO hints go once their field holds a value, never a comment someone wrote", () => {
    const text = `connectors:\n${recordText({ name: "A", kind: "secret", usedBy: ["x.yml"] }, "  ")}`.replace('owner: ""', 'owner: "@team"').replace('purpose: ""', "purpose: 'Deploys'") + "  - name: B\n    owner: o # TODO: ask ops\n";
    const spans = filledHints(text);
    const cleaned = applyEdits(text, spans.map((span) => ({ ...span, text: "" })));
    assert.match(cleaned, /owner: "@team"\n/);
    assert.match(cleaned, /purpose: 'Deploys'\n/);
    assert.match(cleaned, /expires: "" +# TODO: YYYY-MM-DD/);
    assert.match(cleaned, /owner: o # TODO: ask ops/);
    assert.deepEqual(spans, [...spans].sort((a, b) => a.start - b.start));
  });
});
