// Every output format, byte for byte, on one fixed run: a change to what users read (a column, a
// word, an escape, an ordering) fails here and shows the difference. The expected files are in
// test/fixtures/formatters/; after an intended change, regenerate them with
// `NHILINT_UPDATE_GOLDEN=1 npx mocha out/test/cli/formatters.test.js` and review the diff in git.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildReport, lint, type ConnectorReport, type ConnectorReportRow, type ReportFinding } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import { formatGithub } from "../../cli/formatters/github.js";
import { formatGitlab } from "../../cli/formatters/gitlab.js";
import { formatJson } from "../../cli/formatters/json.js";
import { formatReportCsv, formatReportHtml, formatReportJson, formatReportMarkdown } from "../../cli/formatters/report.js";
import { formatSarif } from "../../cli/formatters/sarif.js";
import { formatStylish } from "../../cli/formatters/stylish.js";
import type { Report } from "../../cli/formatters/types.js";
import { FakeSecrets, NOW, ROOT } from "../helpers.js";

const GOLDEN = join(ROOT, "test", "fixtures", "formatters");
const fake = new FakeSecrets(2611);
// Characters each format must escape: a comma and quotes (CSV), `|` (markdown), `<&>` (HTML), `%:,` and a newline (GitHub commands).
const files = [
  {
    path: ".github/workflows/deploy.yml",
    text: `on: push\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    environment: prod\n    steps:\n      - run: ./ship.sh --key "${fake.chars(32)}"\n        env:\n          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n          OLD_TOKEN: \${{ secrets.OLD_TOKEN }}\n          NEW_TOKEN: \${{ secrets.NEW_TOKEN }}\n      - run: echo "$DEPLOY_TOKEN"\n        env:\n          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n`,
  },
  {
    path: ".gitlab-ci.yml",
    text: `deploy:\n  environment: production\n  script:\n    # nhilint-disable-next-line hardcoded-secret -- revoked demo key, "kept" for the <training> deck, a|b\n    - curl -u "bot:${fake.password(20)}" https://example.com\n    - ./deploy.sh $REGISTRY_PASSWORD\n`,
  },
];
const inventory = {
  path: "nhi-inventory.yaml",
  text: `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    kind: secret\n    owner: "@acme/platform"\n    purpose: "Deploy, tag, and release"\n    expires: 2026-12-10\n    rotate-every: 90d\n    last-rotated: 2026-01-01\n    used-by:\n      - .github/workflows/deploy.yml\n  - name: OLD_TOKEN\n    kind: secret\n    owner: ops@acme.example\n    purpose: Legacy sync\n    expires: 2026-11-01\n  - name: IDLE_TOKEN\n    kind: webhook\n    owner: "@acme/web"\n    purpose: Nothing uses it\n    expires: 2027-06-30\n    rotate-every: 30d\n`,
};

async function run() {
  const result = await lint([inventory, ...files], { rules: RULES, now: NOW, inventory, wholeWorkspace: true, config: { rules: {}, ignore: [], expiryWarningDays: 30 } });
  const report: Report = { findings: result.findings, suppressed: result.suppressed, notices: [{ path: "big.bin", message: "skipped: binary file" }], filesLinted: 3, staleBaselineEntries: 0, baselined: 0 };
  const connectors = buildReport({ models: result.models, inventory: result.inventory, findings: [...result.findings, ...result.suppressed], now: NOW, expiryWarningDays: 30, repository: { name: "acme/web", commit: "0123456789abcdef0123456789abcdef01234567", uncommittedChanges: true } });
  return { report, connectors };
}

const options = { color: false, version: "9.9.9", now: NOW };
const outputs: Record<string, (r: Awaited<ReturnType<typeof run>>) => string> = {
  "stylish.txt": ({ report }) => formatStylish(report, options),
  "stylish-suppressed.txt": ({ report }) => formatStylish({ ...report, showSuppressed: true }, options),
  "stylish-color.txt": ({ report }) => formatStylish(report, { ...options, color: true }),
  "github.txt": ({ report }) => formatGithub(report, options),
  "gitlab.json": ({ report }) => formatGitlab(report, options),
  "findings.json": ({ report }) => formatJson(report, options),
  // Each rule's help is its docs page, which changes with the docs: checked to be that page, then
  // left out of the comparison.
  "findings.sarif": ({ report }) => {
    const log = JSON.parse(formatSarif({ ...report, baselineInUse: true }, options)) as { runs: { tool: { driver: { rules: { id: string; help?: { text: string; markdown?: string } }[] } } }[] };
    for (const rule of log.runs[0].tool.driver.rules) {
      if (rule.help?.markdown !== undefined) {
        assert.ok(rule.help!.markdown!.startsWith(`# ${rule.id}\n`), `${rule.id}: help is not its docs page`);
        assert.equal(rule.help!.markdown, readFileSync(join(ROOT, "docs", "rules", `${rule.id}.md`), "utf8"));
        rule.help = { text: `(docs/rules/${rule.id}.md, as text)`, markdown: `(docs/rules/${rule.id}.md)` };
      }
    }
    return `${JSON.stringify(log, null, 2)}\n`;
  },
  "inventory.md": ({ connectors }) => formatReportMarkdown(connectors),
  "inventory.csv": ({ connectors }) => formatReportCsv(connectors),
  "inventory.json": ({ connectors }) => formatReportJson(connectors),
  "inventory.html": ({ connectors }) => formatReportHtml(connectors),
};

describe("output formats, byte for byte (test/fixtures/formatters)", () => {
  let runs: Awaited<ReturnType<typeof run>>;
  before(async () => (runs = await run()));
  for (const [name, format] of Object.entries(outputs)) {
    it(name, () => {
      const actual = format(runs);
      const path = join(GOLDEN, name);
      if (process.env.NHILINT_UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
      assert.equal(actual, readFileSync(path, "utf8"), `${name} differs from ${path}`);
      // The planted secrets never appear, in any format.
      for (const file of files) for (const secret of file.text.match(/"[A-Za-z0-9]{32}"|bot:[^"]+/g) ?? []) assert.ok(!actual.includes(secret.replace(/^"|"$|^bot:/g, "")), `${name} holds a secret`);
    });
  }
});

// The report's cases one fixed run does not reach, on a report made up here: leaks found by `--history`
// (open, accepted in the baseline or by a comment, rotated since), expiry today and a day either side,
// a record never rotated, no connector findings, no hardcoded secret and no other finding (then one of
// each, in the singular, but for two secrets), no repository, a repository with no commit yet, and Markdown's `<` and `&`
// outside and inside code spans.
const SHA = "89abcdef0123456789abcdef0123456789abcdef";
const leak = { title: "GitHub personal access token", redacted: "ghp_… (40 chars)", firstCommit: SHA, date: "2025-03-04", path: "deploy/old.env", inHead: false };
const row = (name: string, fields: Partial<ConnectorReportRow>): ConnectorReportRow => ({
  name,
  kind: "secret",
  status: "healthy",
  severity: "none",
  conditions: [],
  recorded: true,
  owner: "@acme/ops",
  backupOwner: null,
  businessOwner: null,
  purpose: "Sync",
  expires: null,
  daysLeft: null,
  rotateEvery: null,
  lastRotated: null,
  rotationDue: null,
  revocation: null,
  usedBy: [],
  findings: [],
  leakedInHistory: null,
  ...fields,
});
const zero = { unowned: 0, expired: 0, leaked: 0, "at-risk": 0, expiring: 0, "rotation-overdue": 0, incomplete: 0, unused: 0, healthy: 0 };
const withHistory: ConnectorReport = {
  version: 2,
  generated: "2026-11-23T12:00:00.000Z",
  repository: null,
  inventory: "nhi-inventory.yaml",
  expiryWarningDays: 30,
  summary: { ...zero, leaked: 2, expiring: 1, healthy: 3, connectors: 5, secrets: 0, otherFindings: 0 },
  connectors: [
    row("OPEN_LEAK", {
      status: "leaked",
      severity: "error",
      conditions: ["leaked", "expiring"],
      owner: null,
      backupOwner: "@acme/backup",
      purpose: null,
      expires: "2026-11-23",
      daysLeft: 0,
      rotateEvery: "90d",
      usedBy: [{ path: ".github/workflows/sync.yml", platform: "github-actions", jobs: [{ id: "sync", environment: null, permissions: "contents: read" }, { id: "ship", environment: "prod", permissions: "write-all" }] }],
      leakedInHistory: { ...leak, inHead: true, revoke: "https://github.com/settings/tokens" },
      revocation: "https://wiki.acme.example/revoke",
    }),
    row("QUIET_LEAK", { status: "leaked", severity: "error", conditions: ["leaked"], expires: "2026-11-24", daysLeft: 1, rotateEvery: "30d", rotationDue: "2026-12-01", leakedInHistory: leak }),
    row("BASELINED", { expires: "2026-11-22", daysLeft: -1, leakedInHistory: { ...leak, accepted: true, resolved: "accepted" } }),
    row("COMMENTED", { leakedInHistory: { ...leak, accepted: true, resolved: "accepted", suppression: { path: "deploy/old.env", line: 3, reason: "revoked in March" } } }),
    row("ROTATED", { recorded: false, leakedInHistory: { ...leak, resolved: "rotated" } }),
  ],
  secrets: [],
  otherFindings: [],
  history: { revisions: ["HEAD", "--all"] },
};
const finding = (ruleId: string, message: string, accepted: string | null): ReportFinding => ({ ruleId, severity: "error", path: "=cmd|x.yml", line: 4, message, accepted });
const oneOfEach: ConnectorReport = {
  ...withHistory,
  repository: { name: "acme/new", commit: null, uncommittedChanges: true },
  summary: { ...zero, healthy: 2, connectors: 2, secrets: 2, otherFindings: 1 },
  connectors: [
    row("FINE", { findings: [finding("connector-scope", "used in step `echo <x> & y` outside its `used-by` <here> & there", "reviewed")] }),
    // A date nhilint cannot read has no days left; two workflows use it; a purpose on two lines.
    row("PLAIN", { expires: "next spring", purpose: "Line one\nline two", usedBy: [{ path: "a.yml", platform: "github-actions", jobs: [] }, { path: "b.yml", platform: "github-actions", jobs: [] }] }),
  ],
  secrets: [finding("hardcoded-secret", "Hardcoded password (abcd… (12 chars))", null), finding("hardcoded-secret", "Hardcoded token (efgh… (30 chars))", null)],
  otherFindings: [finding("excessive-permissions", "no `permissions:`", "legacy <job>")],
  history: undefined,
};
const reportShapes: Record<string, (report: ConnectorReport) => string> = { md: formatReportMarkdown, csv: formatReportCsv, html: formatReportHtml };

describe("the inventory report's other cases, byte for byte (test/fixtures/formatters)", () => {
  for (const [name, report] of Object.entries({ "inventory-history": withHistory, "inventory-one-of-each": oneOfEach })) {
    for (const [extension, format] of Object.entries(reportShapes)) {
      it(`${name}.${extension}`, () => {
        const actual = format(report);
        const path = join(GOLDEN, `${name}.${extension}`);
        if (process.env.NHILINT_UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
        assert.equal(actual, readFileSync(path, "utf8"), `${name}.${extension} differs from ${path}`);
      });
    }
  }
});
