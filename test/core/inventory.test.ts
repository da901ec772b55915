import assert from "node:assert/strict";
import { addRecordsEdit, filledHints, findRecord, INVENTORY_HEADER, loadInventory, recordText } from "../../linter-core/inventory.js";
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

describe("inventory: edges of the format", () => {
  const problems = (text: string) => load(text).problems.map((p) => `${text.slice(0, p.span.start).split("\n").length}: ${p.message}`);
  const record = { name: "X_TOKEN", kind: "secret" as const, owner: "@a/b", usedBy: ["w.yml"] };
  const X_TOKEN = '  - name: X_TOKEN\n    kind: secret\n    owner: "@a/b"\n    purpose: ""        # TODO: what this connector is for\n    expires: ""        # TODO: YYYY-MM-DD, when access is re-approved or revoked\n    used-by:\n      - w.yml\n';

  it("no inventory file is an empty inventory at the default path", () => {
    assert.deepEqual(loadInventory(undefined), { path: "nhi-inventory.yaml", exists: false, text: "", records: [], problems: [] });
  });

  it("an inventory that is not valid YAML gives that one problem, named, and no records read from it", () => {
    const inventory = load("version: 1\nconnectors:\n  - name: A\n    owner: o\n  bad: [\n");
    assert.deepEqual(inventory.records, []);
    assert.ok(inventory.problems.length > 0);
    for (const problem of inventory.problems) assert.match(problem.message, /^nhi-inventory\.yaml is not valid YAML: /);
  });

  it("`connectors:` with nothing under it is no problem; a list holding a list is one, in environments and used-by alike", () => {
    assert.deepEqual(problems("version: 1\nconnectors:\n"), []);
    assert.deepEqual(problems("version: 1\n"), []);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    environments: [prod, [x]]\n"), ["4: `environments` must be a list of environment names (production, staging...)"]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    used-by: [a.yml, [b.yml]]\n"), ["4: `used-by` must be a list of file globs"]);
  });

  it("a used-by glob of exactly the limit (1 024 characters) is kept; one more is not", () => {
    const glob = (length: number) => `x${"*".repeat(length - 1)}`;
    assert.deepEqual(problems(`version: 1\nconnectors:\n  - name: A\n    used-by: ["${glob(1024)}"]\n`), []);
    const inventory = load(`version: 1\nconnectors:\n  - name: A\n    used-by: ["${glob(1024)}", "${glob(1025)}"]\n`);
    assert.deepEqual(inventory.records[0].usedBy, [glob(1024)]);
    assert.equal(inventory.problems.length, 1);
  });

  it("values as written: a number-like name keeps its digits, a blank value is absent, an alias is no value, an unknown kind falls back to secret, both dates are checked", () => {
    const [record] = load('version: 1\nconnectors:\n  - name: 0123\n    owner: &o "@team"\n    backup-owner: *o\n    purpose: "   "\n    kind: robot\n    last-rotated: soon\n').records;
    assert.equal(record.name, "0123");
    assert.equal(record.backupOwner, undefined);
    assert.equal(record.purpose, undefined);
    assert.equal(record.kind, "secret");
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    last-rotated: soon\n"), ["4: `last-rotated` must be a date written YYYY-MM-DD"]);
  });

  it("a day its month does not have is no date (JavaScript would read 2027-02-30 as 2 March), in either field", () => {
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    expires: 2027-02-30\n    last-rotated: 2026-04-31\n"), [
      "4: `expires` must be a date written YYYY-MM-DD",
      "5: `last-rotated` must be a date written YYYY-MM-DD",
    ]);
    assert.deepEqual(problems("version: 1\nconnectors:\n  - name: A\n    expires: 2028-02-29\n"), []);
  });

  it("the first of two records with the very same name is the one found", () => {
    const inventory = load("version: 1\nconnectors:\n  - name: A\n    owner: first\n  - name: A\n    owner: second\n");
    assert.equal(findRecord(inventory, "A", false)?.owner, "first");
  });

  it("a new record's text: every field on its line, names and paths quoted only where YAML would read them otherwise, a note on one line", () => {
    assert.equal(recordText({ name: "web", kind: "service-account", usedBy: ["k8s/*.yaml", "*.yml"], note: "leaked\n\nin  history" }, "  "),
      '  # leaked in history\n  - name: web\n    kind: service-account\n    owner: ""          # TODO: accountable team handle (@org/team) or e-mail\n    purpose: ""        # TODO: what this connector is for\n    expires: ""        # TODO: YYYY-MM-DD, when access is re-approved or revoked\n    used-by:\n      - k8s/*.yaml\n      - "*.yml"\n');
    // A long name stays on its line; so does one with a line break (quoted, escaped).
    for (const name of ["null", "true", "#x", "a #b", "*.yml", "x: y", "-", "Slack bot", "", "~", "a b ".repeat(30).trim(), "line\nbreak"]) {
      assert.equal(recordText({ name, kind: "secret", usedBy: [] }, "").split("\n").length, 7, name);
      const inventory = load(`version: 1\nconnectors:\n${recordText({ name, kind: "secret", usedBy: [name] }, "  ")}`);
      assert.equal(inventory.records[0]?.name ?? "", name, name);
      if (name) assert.deepEqual(inventory.records[0].usedBy, [name], name);
    }
  });

  it("where new records go, exactly: after what an empty inventory holds, after the last record (its line ended), in place of `[]`, at the end", () => {
    const added = (text: string, records = [record]) => applyEdits(text, [addRecordsEdit(load(text), records)]);
    const header = addRecordsEdit(loadInventory(undefined), [record]).text;
    assert.equal(header, `${INVENTORY_HEADER}${X_TOKEN}`);
    assert.equal(added("# soon"), `# soon\n${header}`);
    assert.equal(added("---\n"), `---\n${header}`);
    assert.equal(added("~\n"), header);
    assert.equal(added("\n  \n"), header);
    assert.equal(added("version: 1"), `version: 1\nconnectors:\n${X_TOKEN}`);
    assert.equal(added("version: 1\n"), `version: 1\nconnectors:\n${X_TOKEN}`);
    assert.equal(added("version: 1\nconnectors: []\n"), `version: 1\nconnectors:\n${X_TOKEN}`);
    assert.equal(added("version: 1\nconnectors: \t[]  # none yet\n"), `version: 1\nconnectors:\n${X_TOKEN.replace(/\n$/, "")}  # none yet\n`);
    assert.equal(added("version: 1\nconnectors:\n"), `version: 1\nconnectors:\n${X_TOKEN}`);
    assert.equal(added("version: 1\nconnectors:\n  - name: A"), `version: 1\nconnectors:\n  - name: A\n${X_TOKEN}`);
    assert.equal(added("version: 1\nconnectors:\n  - name: A\n"), `version: 1\nconnectors:\n  - name: A\n${X_TOKEN}`);
    assert.equal(added("version: 1\n", [record, { ...record, name: "Y_TOKEN" }]), `version: 1\nconnectors:\n${X_TOKEN}${X_TOKEN.replace("X_TOKEN", "Y_TOKEN")}`);
  });

  it("a flow inventory with no keys yet gets `connectors`; one that is a list is left to its problem, never a crash", () => {
    const after = applyEdits("{}\n", [addRecordsEdit(load("{}\n"), [record])]);
    assert.deepEqual(load(after).records.map((r) => r.name), ["X_TOKEN"]);
    assert.doesNotThrow(() => addRecordsEdit(load("- a\n"), [record]));
  });

  it("a flow record has no purpose or expiry until someone writes them", () => {
    const after = applyEdits('{"version": 1, "connectors": []}\n', [addRecordsEdit(load('{"version": 1, "connectors": []}\n'), [record])]);
    const [added] = load(after).records;
    assert.equal(added.purpose, undefined);
    assert.equal(added.expires, undefined);
  });

  it("filled hints: a quoted empty value, `''` too, keeps its hint; the spans come in the text's order across records", () => {
    const two = recordText({ name: "A", kind: "secret", usedBy: [] }, "  ") + recordText({ name: "B", kind: "secret", usedBy: [] }, "  ");
    const text = two.replaceAll('owner: ""', "owner: o").replace('purpose: ""', "purpose: ''").replaceAll('expires: ""', "expires: 2030-01-01");
    const spans = filledHints(text);
    // Two owners and two expiries filled; the purposes, `''` and `""`, are not.
    assert.equal(spans.length, 4);
    assert.deepEqual(spans, [...spans].sort((a, b) => a.start - b.start));
    assert.ok(spans[0].start < spans[1].start && spans[1].start < spans[2].start);
    assert.match(applyEdits(text, spans.map((span) => ({ ...span, text: "" }))), /purpose: '' +# TODO/);
  });
});
