// The inventory report's one computation (every face — markdown, CSV, JSON, HTML, the editor's
// Connectors view and hovers — shows these rows): each connector's status from its record and findings.
import assert from "node:assert/strict";
import { buildReport, lint, type ConnectorReportRow } from "../../linter-core/index.js";
import { unrecordedConnectors } from "../../linter-core/report.js";
import { RULES } from "../../rules/index.js";
import { FakeSecrets, NOW } from "../helpers.js";

// NOW is 2026-11-23.
const workflow = (path: string, secrets: string[], extra = "") => ({
  path,
  text: `on: push\npermissions:\n  contents: read\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    environment: prod\n    steps:\n      - run: ./ship.sh\n        env:\n${secrets.map((s) => `          ${s}: \${{ secrets.${s} }}\n`).join("")}${extra}`,
});
const record = (name: string, fields: Record<string, string> = {}) =>
  `  - name: ${name}\n    kind: secret\n${Object.entries({ owner: '"@acme/platform"', purpose: "Ship", expires: "2027-06-30", ...fields })
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join("")}`;

async function report(files: { path: string; text: string }[], records: string, options: { expiryWarningDays?: number; config?: Record<string, "off"> } = {}) {
  const inventory = { path: "nhi-inventory.yaml", text: `version: 1\nconnectors:\n${records}` };
  const result = await lint([inventory, ...files], { rules: RULES, now: NOW, inventory, wholeWorkspace: true, config: { rules: options.config ?? {}, ignore: [], expiryWarningDays: options.expiryWarningDays ?? 30 } });
  return buildReport({ models: result.models, inventory: result.inventory, findings: [...result.findings, ...result.suppressed], now: NOW, expiryWarningDays: options.expiryWarningDays ?? 30 });
}
const row = (rows: ConnectorReportRow[], name: string) => rows.find((r) => r.name === name)!;

describe("report: each connector's status, from its record and its findings", () => {
  it("healthy, unowned, expired, expiring, incomplete, unused, rotation-overdue: each from the record", async () => {
    const r = await report(
      [workflow(".github/workflows/ship.yml", ["OK_TOKEN", "NEW_TOKEN", "OLD_TOKEN", "SOON_TOKEN", "HALF_TOKEN", "STALE_ROT"])],
      record("OK_TOKEN") +
        record("OLD_TOKEN", { expires: "2026-11-01" }) +
        record("SOON_TOKEN", { expires: "2026-12-10" }) +
        record("HALF_TOKEN", { purpose: "" }) +
        record("IDLE_TOKEN") +
        record("STALE_ROT", { "rotate-every": "30d", "last-rotated": "2026-01-01" }),
    );
    const status = Object.fromEntries(r.connectors.map((c) => [c.name, c.status]));
    assert.deepEqual(status, { NEW_TOKEN: "unowned", OLD_TOKEN: "expired", HALF_TOKEN: "incomplete", SOON_TOKEN: "expiring", STALE_ROT: "rotation-overdue", IDLE_TOKEN: "unused", OK_TOKEN: "healthy" });
    assert.deepEqual(row(r.connectors, "OK_TOKEN").conditions, []);
    assert.equal(row(r.connectors, "OK_TOKEN").severity, "none");
    assert.equal(row(r.connectors, "OLD_TOKEN").severity, "error");
    assert.equal(row(r.connectors, "SOON_TOKEN").severity, "warning");
    assert.equal(row(r.connectors, "OLD_TOKEN").daysLeft, -22);
    assert.equal(row(r.connectors, "SOON_TOKEN").daysLeft, 17);
    assert.equal(row(r.connectors, "STALE_ROT").rotationDue, "2026-01-31");
    assert.equal(row(r.connectors, "NEW_TOKEN").recorded, false);
    assert.equal(row(r.connectors, "NEW_TOKEN").owner, null);
  });

  it("orders rows by urgency: errors first (unowned before expired), then warnings, then healthy", async () => {
    const r = await report([workflow(".github/workflows/ship.yml", ["B_OK", "A_OK", "NEW_TOKEN", "OLD_TOKEN", "SOON_TOKEN"])], record("A_OK") + record("B_OK") + record("OLD_TOKEN", { expires: "2026-11-01" }) + record("SOON_TOKEN", { expires: "2026-12-10" }));
    assert.deepEqual(r.connectors.map((c) => c.name), ["NEW_TOKEN", "OLD_TOKEN", "SOON_TOKEN", "A_OK", "B_OK"]);
  });

  it("every condition that applies is listed, most urgent first; the summary counts a row in each", async () => {
    const r = await report([], record("MESSY", { owner: "", expires: "2026-11-01", "rotate-every": "90d" }));
    const messy = row(r.connectors, "MESSY");
    assert.deepEqual(messy.conditions, ["unowned", "expired", "rotation-overdue", "unused"]);
    assert.equal(r.summary.unowned, 1);
    assert.equal(r.summary.expired, 1);
    assert.equal(r.summary["rotation-overdue"], 1);
    assert.equal(r.summary.unused, 1);
    assert.equal(r.summary.healthy, 0);
    assert.equal(r.summary.connectors, 1);
  });

  it("the expiry window is the configured one, inclusive", async () => {
    const files = [workflow(".github/workflows/ship.yml", ["T"])];
    assert.equal(row((await report(files, record("T", { expires: "2026-12-03" }), { expiryWarningDays: 10 })).connectors, "T").status, "expiring");
    assert.equal(row((await report(files, record("T", { expires: "2026-12-04" }), { expiryWarningDays: 10 })).connectors, "T").status, "healthy");
  });

  it("a connector with findings is at risk even when its record is complete; the findings are on its row", async () => {
    const scoped = record("DEPLOY", { "used-by": "[.github/workflows/ship.yml]" });
    const r = await report([workflow(".github/workflows/ship.yml", ["DEPLOY"]), workflow(".github/workflows/other.yml", ["DEPLOY"])], scoped);
    const deploy = row(r.connectors, "DEPLOY");
    assert.equal(deploy.status, "at-risk");
    assert.deepEqual(deploy.findings.map((f) => [f.ruleId, f.path]), [["connector-scope", ".github/workflows/other.yml"]]);
    assert.deepEqual(deploy.usedBy.map((u) => u.path), [".github/workflows/other.yml", ".github/workflows/ship.yml"], "uses sorted by path");
    assert.deepEqual(deploy.usedBy[1].jobs, [{ id: "ship", environment: "prod", permissions: "contents: read" }]);
  });

  it("the record's own state counts where its rule is off (an expired record is expired with expired-connector off)", async () => {
    const r = await report([workflow(".github/workflows/ship.yml", ["OLD"])], record("OLD", { expires: "2026-11-01" }), { config: { "expired-connector": "off" } });
    assert.equal(row(r.connectors, "OLD").status, "expired");
    assert.deepEqual(row(r.connectors, "OLD").findings, []);
  });

  it("each finding lands in one place: its connector's row, the secrets, or the rest; accepted ones say why", async () => {
    const token = `ghp_${new FakeSecrets(606).chars(36)}`;
    const files = [
      workflow(".github/workflows/ship.yml", ["A_TOKEN"], `      - run: echo hi\n        env:\n          # nhilint-disable-next-line hardcoded-secret -- fixture for the report test\n          PASTED: ${token}\n`),
      { path: ".github/workflows/open.yml", text: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    ];
    const r = await report(files, record("A_TOKEN"));
    assert.deepEqual(r.secrets.map((s) => [s.ruleId, s.accepted]), [["hardcoded-secret", "fixture for the report test"]]);
    assert.deepEqual(r.otherFindings.map((f) => [f.ruleId, f.path]), [["excessive-permissions", ".github/workflows/open.yml"]]);
    assert.equal(r.summary.secrets, 1);
    assert.equal(r.summary.otherFindings, 1);
    assert.ok(!JSON.stringify(r).includes(token), "no report field holds the secret");
  });

  it("names match case-insensitively on GitHub: one row for a record and its differently-cased use", async () => {
    const r = await report([workflow(".github/workflows/ship.yml", ["deploy_token"])], record("DEPLOY_TOKEN"));
    assert.deepEqual(r.connectors.map((c) => [c.name, c.status, c.usedBy.length]), [["DEPLOY_TOKEN", "healthy", 1]]);
  });

  it("says what it describes: version, time, inventory, window", async () => {
    const r = await report([], "");
    assert.equal(r.version, 2);
    assert.equal(r.generated, NOW.toISOString());
    assert.equal(r.inventory, "nhi-inventory.yaml");
    assert.equal(r.expiryWarningDays, 30);
    assert.equal(r.repository, null);
    assert.deepEqual(r.connectors, []);
  });
});

describe("report: never a secret, even where the inventory holds one", () => {
  const fake = new FakeSecrets(77);
  const token = `ghp_${fake.chars(36)}`;
  const other = `glpat-${fake.chars(20)}`;
  const records = record("DEPLOY_TOKEN", { owner: token, "backup-owner": `"x ${other}"`, purpose: `"Deploy with ${token}"`, revocation: `"revoke ${other}"` });
  const check = async (among: boolean) => {
    const inventory = { path: "nhi-inventory.yaml", text: `version: 1\nconnectors:\n${records}` };
    const files = [workflow(".github/workflows/ci.yml", ["DEPLOY_TOKEN"])];
    const result = await lint(among ? [inventory, ...files] : files, { rules: RULES, now: NOW, inventory, wholeWorkspace: true });
    const built = buildReport({ models: result.models, inventory: result.inventory, findings: [...result.findings, ...result.suppressed], now: NOW, expiryWarningDays: 30, redact: result.redact });
    const shown = JSON.stringify(built);
    for (const value of [token, other]) assert.ok(!shown.includes(value.slice(4)), `${among ? "linted" : "not linted"}: ${value.slice(0, 6)}… shown`);
    const deploy = row(built.connectors, "DEPLOY_TOKEN");
    assert.equal(deploy.owner, "ghp_… (40 chars)");
    assert.equal(deploy.purpose, "Deploy with ghp_… (40 chars)");
    assert.deepEqual(deploy.usedBy.map((use) => use.jobs.map((job) => job.id)), [["ship"]], "what holds no secret is left as it is");
  };
  it("a token pasted as an owner, a purpose, a revocation path: shown redacted, with the inventory among the files linted", () => check(true));
  it("and with the inventory given apart from the files (its secrets still known)", () => check(false));
});

describe("report: the record alone decides when the connector rules are off", () => {
  const off = { "unowned-connector": "off", "expired-connector": "off", "rotation-overdue": "off", "incomplete-connector-record": "off", "stale-connector": "off", "connector-scope": "off" } as const;
  it("each state and its severity, and the earliest ones first", async () => {
    const files = [workflow(".github/workflows/ship.yml", ["NO_OWNER", "OLD", "SOON", "TODAY", "NEVER_ROTATED", "ROTATE_DUE", "ROTATED", "NO_PURPOSE", "NO_EXPIRY", "FINE"])];
    const records =
      record("NO_OWNER", { owner: "" }) +
      record("OLD", { expires: "2026-11-22" }) +
      record("SOON", { expires: "2026-12-23" }) +
      record("TODAY", { expires: "2026-11-23" }) +
      record("NEVER_ROTATED", { "rotate-every": "30d" }) +
      record("ROTATE_DUE", { "rotate-every": "30d", "last-rotated": "2026-10-23" }) +
      record("ROTATED", { "rotate-every": "30d", "last-rotated": "2026-10-24" }) +
      record("NO_PURPOSE", { purpose: "" }) +
      record("NO_EXPIRY", { expires: "" }) +
      record("FINE") +
      record("UNUSED");
    const r = await report(files, records, { config: off });
    const state = Object.fromEntries(r.connectors.map((c) => [c.name, `${c.status}/${c.severity}`]));
    assert.deepEqual(state, {
      NO_OWNER: "unowned/error",
      OLD: "expired/error",
      SOON: "expiring/warning",
      TODAY: "expiring/warning",
      NEVER_ROTATED: "rotation-overdue/warning",
      ROTATE_DUE: "rotation-overdue/warning",
      ROTATED: "healthy/none",
      NO_PURPOSE: "incomplete/warning",
      NO_EXPIRY: "incomplete/warning",
      FINE: "healthy/none",
      UNUSED: "unused/warning",
    });
    assert.deepEqual(r.connectors.map((c) => c.name).slice(0, 2), ["NO_OWNER", "OLD"], "errors first, unowned before expired");
    assert.equal(row(r.connectors, "ROTATED").rotationDue, "2026-11-23");
  });
});

describe("report: what a use says about its job", () => {
  it("the job's environment and its token's permissions: declared scopes, a shorthand, none, or the default", async () => {
    const job = (id: string, permissions: string) => `  ${id}:\n    runs-on: ubuntu-latest\n${permissions}    steps:\n      - run: ./x.sh\n        env:\n          T: \${{ secrets.T }}\n`;
    const text = `on: push\njobs:\n${job("scoped", "    permissions:\n      contents: read\n      packages: write\n")}${job("short", "    permissions: read-all\n")}${job("empty", "    permissions: {}\n")}${job("unset", "")}`;
    const r = await report([{ path: ".github/workflows/x.yml", text }], record("T"));
    const jobs = Object.fromEntries(row(r.connectors, "T").usedBy[0].jobs.map((j) => [j.id, [j.permissions, j.environment]]));
    assert.deepEqual(jobs, { scoped: ["contents: read, packages: write", null], short: ["read-all", null], empty: ["none", null], unset: ["default (not declared)", null] });
    const gitlab = await report([{ path: ".gitlab-ci.yml", text: "deploy:\n  environment: prod\n  script:\n    - ./deploy.sh --token \"$DEPLOY_TOKEN\"\n" }], record("DEPLOY_TOKEN"));
    assert.deepEqual(row(gitlab.connectors, "DEPLOY_TOKEN").usedBy[0].jobs, [{ id: "deploy", environment: "prod", permissions: "n/a" }]);
  });

  it("secrets and other findings are listed by file, then line", async () => {
    const open = (path: string) => ({ path, text: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" });
    const r = await report([open(".github/workflows/z.yml"), open(".github/workflows/a.yml")], "");
    assert.deepEqual(r.otherFindings.map((f) => f.path), [".github/workflows/a.yml", ".github/workflows/z.yml"]);
  });
});

describe("report: connectors with no record yet (inventory init)", () => {
  it("lists each once, with every file that uses it, sorted; issued tokens and recorded ones left out", async () => {
    const files = [workflow(".github/workflows/b.yml", ["NEW_TOKEN", "KNOWN"]), workflow(".github/workflows/a.yml", ["new_token", "GITHUB_TOKEN", "ANOTHER"])];
    const inventory = { path: "nhi-inventory.yaml", text: `version: 1\nconnectors:\n${record("KNOWN")}` };
    const result = await lint(files, { rules: RULES, now: NOW, inventory });
    assert.deepEqual(unrecordedConnectors(result.models, result.inventory), [
      { name: "ANOTHER", kind: "secret", paths: [".github/workflows/a.yml"] },
      { name: "NEW_TOKEN", kind: "secret", paths: [".github/workflows/a.yml", ".github/workflows/b.yml"] },
    ]);
  });
});

describe("report: the order rows and findings are shown in, and names as each platform compares them", () => {
  it("rows: errors first, then warnings, then healthy ones, each by the urgency of its status; a row's findings by path, line and rule", async () => {
    const r = await report(
      [workflow(".github/workflows/b.yml", ["OK_TOKEN", "NEW_TOKEN", "SOON_TOKEN", "OLD_TOKEN"]), workflow(".github/workflows/a.yml", ["NEW_TOKEN"])],
      record("OK_TOKEN") + record("SOON_TOKEN", { expires: "2026-12-10" }) + record("OLD_TOKEN", { expires: "2026-11-01" }) + record("IDLE_TOKEN"),
    );
    assert.deepEqual(
      r.connectors.map((c) => `${c.severity} ${c.status} ${c.name}`),
      ["error unowned NEW_TOKEN", "error expired OLD_TOKEN", "warning expiring SOON_TOKEN", "warning unused IDLE_TOKEN", "none healthy OK_TOKEN"],
    );
    const places = row(r.connectors, "NEW_TOKEN").findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`);
    assert.deepEqual(places, [...places].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
    assert.deepEqual([...new Set(places.map((p) => p.split(":")[0]))], [".github/workflows/a.yml", ".github/workflows/b.yml"]);
  });

  it("a record matches a GitHub secret whatever its case, a GitLab variable only as written", async () => {
    const gitlab = { path: ".gitlab-ci.yml", text: "deploy:\n  script:\n    - ./deploy.sh --token \"$DEPLOY_TOKEN\"\n" };
    const r = await report([workflow(".github/workflows/ship.yml", ["deploy_token"]), gitlab], record("DEPLOY_TOKEN"));
    const rows = r.connectors.map((c) => `${c.name} ${c.status} ${c.usedBy.map((u) => u.path).join(",")}`);
    assert.deepEqual(rows, ["DEPLOY_TOKEN healthy .github/workflows/ship.yml,.gitlab-ci.yml"]);
    // GitLab's `$DEPLOY_TOKEN` is not the record `deploy_token`: two rows, as the rules say (one unowned, one stale).
    const other = await report([gitlab], record("deploy_token"));
    assert.deepEqual(other.connectors.map((c) => `${c.name} ${c.status} ${c.usedBy.length}`).sort(), ["DEPLOY_TOKEN unowned 1", "deploy_token unused 0"]);
    // Two records whose names differ only in case are two rows: neither hides the other.
    const both = await report([gitlab], record("deploy_token") + record("DEPLOY_TOKEN"));
    assert.deepEqual(both.connectors.map((c) => `${c.name} ${c.status}`).sort(), ["DEPLOY_TOKEN healthy", "deploy_token unused"]);
    // On GitHub, a use belongs to the record the rules match: the first of that name in any case
    // (stale-connector calls the other unused, and so does its row).
    const github = await report([workflow(".github/workflows/ship.yml", ["DEPLOY_TOKEN"])], record("deploy_token") + record("DEPLOY_TOKEN"));
    assert.deepEqual(github.connectors.map((c) => `${c.name} ${c.conditions.join("+") || "healthy"} ${c.usedBy.length}`).sort(), ["DEPLOY_TOKEN unused 0", "deploy_token healthy 1"]);
  });
});
