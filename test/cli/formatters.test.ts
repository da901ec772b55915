// Every output format, byte for byte, on one fixed run: a change to what users read (a column, a
// word, an escape, an ordering) fails here and shows the difference. The expected files are in
// test/fixtures/formatters/; after an intended change, regenerate them with
// `NHILINT_UPDATE_GOLDEN=1 npx mocha out/test/cli/formatters.test.js` and review the diff in git.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildReport, lint } from "../../linter-core/index.js";
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
