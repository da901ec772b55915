// `nhilint inventory init` and `nhilint inventory` on real repositories with history.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { FakeSecrets, ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

const deployWorkflow = "name: deploy\non: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n";
const gitlab = "stages: [build]\nbuild:\n  image: alpine\n  script:\n    - 'docker login -u ci -p \"$REGISTRY_TOKEN\" registry.example.com'\n";
const k8s = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      serviceAccountName: web-runtime\n      containers:\n        - name: web\n          image: web:1\n";
const n8n = JSON.stringify({ nodes: [{ name: "Slack", type: "n8n-nodes-base.slack", parameters: {}, credentials: { slackApi: { id: "1", name: "Slack bot" } } }], connections: {} });

/** A repository with connectors on four platforms, CODEOWNERS for one folder, and two authors. */
function repositoryWithHistory(): TempRepo {
  const repo = new TempRepo();
  repo.write(".github/CODEOWNERS", "/.github/workflows/ @acme/platform\n");
  repo.write(".github/workflows/deploy.yml", deployWorkflow);
  repo.git("add", "-A");
  repo.git("commit", "-q", "-m", "deploy workflow");
  repo.write(".gitlab-ci.yml", gitlab);
  repo.write("k8s/web.yaml", k8s);
  repo.write("automations/slack.json", n8n);
  repo.git("add", "-A");
  repo.exec("git", ["-c", "user.name=Bob", "-c", "user.email=bob@acme.example", "commit", "-q", "-m", "ci and k8s"]);
  return repo;
}

/** Valid against docs/inventory-report.schema.json (a copy is checked: ajv's type guard would narrow the report to unknown). */
function assertValidReport(report: unknown): void {
  const ajv = new Ajv.default({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "docs", "inventory-report.schema.json"), "utf8")));
  assert.ok(validate(structuredClone(report)), JSON.stringify(validate.errors));
}

describe("nhilint inventory init", () => {
  it("records every connector across platforms, owners from CODEOWNERS or git history, and is a no-op the second time", async () => {
    const repo = repositoryWithHistory();
    try {
      const first = await repo.nhilint("inventory", "init");
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /added 4 records to nhi-inventory\.yaml \(owners: 1 from CODEOWNERS, 3 from git history, 0 you \(git's user\.email, not committed yet\), 0 to fill in\)/);
      assert.match(first.stdout, /purpose and expires on all 4/);
      const text = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      const owners = Object.fromEntries([...text.matchAll(/- name: (.+)\n\s+kind: (.+)\n\s+owner: (.+)/g)].map((m) => [m[1], `${m[2]} ${m[3]}`]));
      assert.deepEqual(owners, {
        DEPLOY_TOKEN: 'secret "@acme/platform"',
        REGISTRY_TOKEN: 'secret "bob@acme.example"',
        "web-runtime": 'service-account "bob@acme.example"',
        "Slack bot": 'n8n-credential "bob@acme.example"',
      });
      // The new records are incomplete until a person fills them.
      const lint = await repo.nhilint("--format", "json");
      const ids = JSON.parse(lint.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
      assert.equal(ids.filter((id: string) => id === "incomplete-connector-record").length, 4);
      assert.equal(ids.filter((id: string) => id === "unowned-connector").length, 0);

      const again = await repo.nhilint("inventory", "init");
      assert.equal(again.code, 0);
      assert.match(again.stdout, /nothing to add/);
      assert.equal(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), text);
    } finally {
      repo.remove();
    }
  });

  it("names a git-history owner as the repository's .mailmap does (bob's current address, not the one he committed with)", async () => {
    const repo = repositoryWithHistory();
    try {
      repo.write(".mailmap", "Bob Builder <bob@acme.example.org> <bob@acme.example>\n");
      const run = await repo.nhilint("inventory", "init");
      assert.equal(run.code, 0, run.stderr);
      assert.match(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), /- name: REGISTRY_TOKEN\n\s+kind: secret\n\s+owner: "bob@acme\.example\.org"/);
    } finally {
      repo.remove();
    }
  });

  it("suggests you (git's user.email) as the owner of a connector not committed yet", async () => {
    const repo = repositoryWithHistory();
    try {
      // Outside the folder CODEOWNERS covers, never committed: no owner but you.
      repo.write("release/.gitlab-ci.yml", "stages: [release]\nrelease:\n  script:\n    - ./release.sh --token $FRESH_TOKEN\n");
      const run = await repo.nhilint("inventory", "init");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /1 you \(git's user\.email, not committed yet\)/);
      assert.match(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), /- name: FRESH_TOKEN\n\s+kind: secret\n\s+owner: "author@example\.com"/);
    } finally {
      repo.remove();
    }
  });

  it("keeps a hand-edited inventory byte for byte, comments included, and only appends records", async () => {
    const repo = repositoryWithHistory();
    try {
      const handWritten = `# Reviewed quarterly by security@acme.example\nversion: 1\nconnectors:\n  # the deploy bot, see RUNBOOK-12\n  - name: DEPLOY_TOKEN\n    kind: secret   # GitHub secret\n    owner: "@acme/platform"\n    purpose: Deploy\n    expires: 2027-06-30\n`;
      repo.write("nhi-inventory.yaml", handWritten);
      const run = await repo.nhilint("inventory", "init");
      assert.equal(run.code, 0, run.stderr);
      const text = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      assert.ok(text.startsWith(handWritten), "the hand-written part changed");
      assert.deepEqual([...text.slice(handWritten.length).matchAll(/^  - name: (.+)$/gm)].map((m) => m[1]), ["REGISTRY_TOKEN", "Slack bot", "web-runtime"]);
    } finally {
      repo.remove();
    }
  });

  it("an inventory written in flow style keeps its records and still parses; the new ones go inside its brackets", async () => {
    const repo = repositoryWithHistory();
    try {
      repo.write("nhi-inventory.yaml", 'version: 1\nconnectors: [{name: DEPLOY_TOKEN, owner: "@acme/platform", purpose: Deploy, expires: 2027-06-30}]\n');
      const run = await repo.nhilint("inventory", "init");
      assert.equal(run.code, 0, run.stderr);
      const text = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      assert.ok(text.startsWith('version: 1\nconnectors: [{name: DEPLOY_TOKEN, owner: "@acme/platform", purpose: Deploy, expires: 2027-06-30}, {"name": "REGISTRY_TOKEN"'), text);
      const report = JSON.parse((await repo.nhilint("inventory", "--format", "json")).stdout);
      assert.deepEqual(report.connectors.map((c: { name: string }) => c.name).sort(), ["DEPLOY_TOKEN", "REGISTRY_TOKEN", "Slack bot", "web-runtime"]);
      assert.doesNotMatch((await repo.nhilint("--format", "json")).stdout, /invalid-inventory/);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint inventory (the report)", () => {
  // A fixture with every status, a hardcoded secret (one of them accepted by a comment) and a finding
  // about no connector. Dates are relative to today: the CLI judges them against the real clock.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const token = `ghp_${"Kq7ZtW2mXv9LbR4nYc8PdJ3sHf6GgA1eUo5i".slice(0, 36)}`;
  const demo = `ghp_${"Zr8YbN3kVq6MwT1pLx5CjH9dFs2GaE7uRo4i".slice(0, 36)}`;
  const ci = `name: ci
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: ./build.sh
        env:
          SCOPED: \${{ secrets.SCOPED_TOKEN }}
          EXPIRING: \${{ secrets.EXPIRING_TOKEN }}
          ROTATE: \${{ secrets.ROTATE_TOKEN }}
          DANA: \${{ secrets.DANA_TOKEN }}
          HEALTHY: \${{ secrets.HEALTHY_TOKEN }}
          GH_PAT: ${token}
          # nhilint-disable-next-line hardcoded-secret -- revoked demo token kept for the training deck
          DEMO_PAT: ${demo}
`;
  const record = (name: string, fields: string) => `  - name: ${name}\n    kind: secret\n${fields}`;
  const complete = (owner = '"@acme/platform"') => `    owner: ${owner}\n    purpose: Build\n    expires: ${day(400)}\n`;
  const inventory = [
    "version: 1",
    "connectors:",
    record("DEPLOY_TOKEN", `    owner: "@acme/platform"\n    backup-owner: "@acme/sre"\n    purpose: Deploy the web app\n    expires: 2020-01-01\n    revocation: https://wiki.example/revoke\n`),
    record("OLD_TOKEN", complete("ops@acme.example")),
    record("SCOPED_TOKEN", `${complete()}    used-by: [.github/workflows/deploy.yml]\n`),
    record("EXPIRING_TOKEN", `    owner: "@acme/platform"\n    purpose: Build\n    expires: ${day(15)}\n`),
    record("ROTATE_TOKEN", `${complete()}    rotate-every: 30d\n    last-rotated: 2020-01-01\n`),
    record("DANA_TOKEN", complete("Dana")),
    record("HEALTHY_TOKEN", complete()),
  ].join("\n");
  const expected: Record<string, string> = {
    DEPLOY_TOKEN: "expired",
    OLD_TOKEN: "unused",
    SCOPED_TOKEN: "at-risk",
    EXPIRING_TOKEN: "expiring",
    ROTATE_TOKEN: "rotation-overdue",
    DANA_TOKEN: "incomplete",
    HEALTHY_TOKEN: "healthy",
    REGISTRY_TOKEN: "unowned",
    "web-runtime": "unowned",
    "Slack bot": "unowned",
  };
  let repo: TempRepo;
  before(() => {
    repo = repositoryWithHistory();
    repo.write(".github/workflows/ci.yml", ci);
    repo.write("nhi-inventory.yaml", inventory + "\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "inventory");
    // nhilint-disable-next-line hardcoded-secret -- a made-up credential in a remote URL: the report must drop it
    repo.git("remote", "add", "origin", "https://ci-bot:s3cr3t-remote-token@git.example/acme/web.git");
  });
  after(() => repo.remove());

  it("a workflow named after the token it holds: every report format and the records init writes show its path redacted", async () => {
    const repo = new TempRepo();
    const token = `ghp_${new FakeSecrets(3131).chars(36)}`;
    try {
      repo.write(`.github/workflows/${token}.yml`, `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./x\n        env:\n          PAT: ${token}\n          OTHER: \${{ secrets.DEPLOY_TOKEN }}\n`);
      repo.git("add", "-A");
      for (const format of ["markdown", "csv", "json", "html"]) {
        const report = await repo.nhilint("inventory", "--format", format);
        assert.equal(report.code, 0, report.stderr);
        assert.ok(report.stdout.includes("ghp_… (40 chars)"), `${format} shows the path, redacted`);
        assert.ok(!report.stdout.includes(token.slice(4)) && !report.stderr.includes(token.slice(4)), `${format} holds the token`);
      }
      const init = await repo.nhilint("inventory", "init");
      assert.equal(init.code, 0, init.stderr);
      const written = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      assert.match(written, /\.github\/workflows\/ghp_… \(40 chars\)\.yml/);
      assert.ok(!written.includes(token.slice(4)) && !init.stdout.includes(token.slice(4)), "the inventory written holds the token");
    } finally {
      repo.remove();
    }
  });

  it("init: a connector named by a credential itself (an n8n credential named after its key) gets no record, and init says so", async () => {
    const repo = new TempRepo();
    const token = `xoxb-${new FakeSecrets(3132).digits(11)}-${new FakeSecrets(3133).digits(13)}-${new FakeSecrets(3134).chars(24)}`;
    const named = (name: string) => JSON.stringify({ nodes: [{ name: "Slack", type: "n8n-nodes-base.slack", parameters: {}, credentials: { slackApi: { id: "1", name } } }], connections: {} });
    try {
      repo.write("automations/pasted.json", named(token));
      repo.git("add", "-A");
      const alone = await repo.nhilint("inventory", "init");
      assert.equal(alone.code, 0, alone.stderr);
      assert.match(alone.stdout, /nothing to add: every connector has a record in nhi-inventory\.yaml, but for those below\nnhilint: 1 connector named by a credential itself: no record written/);
      repo.write("automations/good.json", named("Slack bot"));
      const init = await repo.nhilint("inventory", "init");
      assert.match(init.stdout, /added 1 record to nhi-inventory\.yaml/);
      assert.match(init.stdout, /1 connector named by a credential itself: no record written/);
      const written = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      assert.match(written, /name: Slack bot\n/);
      assert.ok(!written.includes(token.slice(5)) && !init.stdout.includes(token.slice(5)), "the inventory written holds the token");
    } finally {
      repo.remove();
    }
  });

  it("init and the report: a token used as a connector's name is never written or shown, even with the secret and connector rules off; two such tokens that redact alike count as two", async () => {
    const repo = new TempRepo();
    // The same prefix and length: the same redacted form, "xoxb… (55 chars)".
    const tokens = [3135, 3136].map((seed) => `xoxb-${new FakeSecrets(seed).digits(11)}-${new FakeSecrets(seed + 10).digits(13)}-${new FakeSecrets(seed + 20).chars(24)}`);
    const named = (name: string) => JSON.stringify({ nodes: [{ name: "Slack", type: "n8n-nodes-base.slack", parameters: {}, credentials: { slackApi: { id: "1", name } } }], connections: {} });
    try {
      repo.write("automations/one.json", named(tokens[0]!));
      repo.write("automations/two.json", named(tokens[1]!));
      repo.write("automations/again.json", named(tokens[0]!));
      repo.write(".nhilint.yaml", "rules:\n  hardcoded-secret: off\n  unowned-connector: off\n");
      repo.git("add", "-A");
      const init = await repo.nhilint("inventory", "init");
      assert.equal(init.code, 0, init.stderr);
      assert.match(init.stdout, /nhilint: 2 connectors named by a credential itself: no record written/);
      assert.ok(!existsSync(join(repo.dir, "nhi-inventory.yaml")), "no inventory written");
      for (const format of ["markdown", "json", "csv"]) {
        const report = await repo.nhilint("inventory", "--format", format);
        assert.equal(report.code, 0, report.stderr);
        for (const token of tokens) assert.ok(!report.stdout.includes(token.slice(5, 20)), `the ${format} report shows a token`);
      }
    } finally {
      repo.remove();
    }
  });

  it("json: valid against docs/inventory-report.schema.json; every status agrees with the CLI's findings", async () => {
    const run = await repo.nhilint("inventory", "--format", "json");
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assertValidReport(report);
    type Row = { name: string; status: string; severity: string; conditions: string[]; findings: { ruleId: string; path: string; line: number; severity: string }[] };
    const rows = report.connectors as Row[];
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.name, r.status])), expected);

    // Row by row against the linter: every finding about a connector is on its row, and an
    // error-level finding never leaves a row looking better than "error".
    const lint = JSON.parse((await repo.nhilint("--format", "json")).stdout) as { findings: { ruleId: string; severity: string; path: string; line: number; connector: string | null }[] };
    for (const finding of lint.findings.filter((f) => f.connector)) {
      const row = rows.find((r) => r.name.toUpperCase() === finding.connector!.toUpperCase());
      assert.ok(row, `no row for ${finding.connector}`);
      assert.ok(row.findings.some((f) => f.ruleId === finding.ruleId && f.line === finding.line), `${finding.ruleId} missing on ${row.name}`);
      if (finding.severity === "error") assert.equal(row.severity, "error", `${row.name} has an error finding but severity ${row.severity}`);
    }
    assert.ok(rows.find((r) => r.name === "SCOPED_TOKEN")!.findings.some((f) => f.ruleId === "connector-scope"));
    assert.deepEqual(rows.find((r) => r.name === "HEALTHY_TOKEN")!.findings, []);

    // The expiring window is the CLI's, and a row counts in every state that applies.
    assert.equal(report.expiryWarningDays, 30);
    assert.equal(report.summary.expiring, 1);
    assert.equal(report.summary.unowned, 3);
    assert.equal(report.summary.healthy, 1);
    assert.equal(report.summary.connectors, rows.length);

    // Hardcoded secrets have their own section, redacted, the accepted one marked; the finding about
    // no connector (ci.yml declares no permissions) has its own.
    assert.deepEqual(report.secrets.map((f: { line: number; accepted: string | null }) => [f.line, f.accepted]), [
      [14, null],
      [16, "revoked demo token kept for the training deck"],
    ]);
    assert.ok(report.otherFindings.some((f: { ruleId: string; path: string }) => f.ruleId === "excessive-permissions" && f.path === ".github/workflows/ci.yml"));
    assert.ok(!run.stdout.includes(token) && !run.stdout.includes(demo.slice(0, 12)));

    // The header names the repository (without the remote's credentials) and the commit.
    assert.equal(report.repository.name, "https://git.example/acme/web");
    assert.equal(report.repository.commit, repo.git("rev-parse", "--short=12", "HEAD").trim());
    assert.equal(report.repository.uncommittedChanges, false);
    assert.ok(!run.stdout.includes("s3cr3t-remote-token"));
  });

  it("markdown and csv carry the same rows, statuses and sections as json", async () => {
    const json = JSON.parse((await repo.nhilint("inventory", "--format", "json")).stdout);
    const markdown = (await repo.nhilint("inventory", "--format", "markdown")).stdout;
    assert.match(markdown, /^https:\/\/git\.example\/acme\/web at commit [0-9a-f]{12} · generated/m);
    assert.match(markdown, /^\| expired \| expired \| `DEPLOY_TOKEN` \| secret \| @acme\/platform \| @acme\/sre \| Deploy the web app \| 2020-01-01/m);
    assert.match(markdown, /^## Hardcoded secrets \(2\)$/m);
    assert.match(markdown, /is not a team handle/);
    const markdownStatuses = [...markdown.matchAll(/^\| ([a-z-]+) \| [a-z-, ]+ \| `([^`]+)`/gm)].map((m) => [m[2], m[1]]);
    assert.deepEqual(markdownStatuses, json.connectors.map((r: { name: string; status: string }) => [r.name, r.status]));

    const csv = (await repo.nhilint("inventory", "--format", "csv")).stdout.trim().split("\n");
    assert.deepEqual(csv[0].split(",").slice(0, 5), ["section", "status", "severity", "states", "name"]);
    const connectorRows = csv.slice(1).filter((line) => line.startsWith("connector,"));
    assert.deepEqual(
      connectorRows.map((line) => [line.split(",")[4].replace(/"/g, ""), line.split(",")[1]]),
      json.connectors.map((r: { name: string; status: string }) => [r.name, r.status]),
    );
    assert.equal(csv.filter((line) => line.startsWith("hardcoded-secret,")).length, 2);
    // days_left stays a number a spreadsheet can sort (negative when past), not text.
    assert.match(csv.find((line) => line.includes(",DEPLOY_TOKEN,"))!.split(",")[11], /^-\d+$/);
    assert.equal(csv.filter((line) => line.startsWith("other-finding,")).length, json.otherFindings.length);
  });

  it("html: self-contained, fits 1280 px in Chromium, statuses and messages visible, sortable, printable", async function () {
    this.timeout(60_000);
    const json = JSON.parse((await repo.nhilint("inventory", "--format", "json")).stdout);
    const run = await repo.nhilint("inventory", "--format", "html", "--output", "report.html");
    assert.equal(run.code, 0, run.stderr);
    const html = readFileSync(join(repo.dir, "report.html"), "utf8");
    assert.doesNotMatch(html, /<(link|img|script)[^>]+(src|href)=/i, "external assets");
    assert.ok(!html.includes(token) && !html.includes("s3cr3t-remote-token"));
    if (!existsSync("/usr/bin/chromium")) {
      console.log("      (Chromium not installed: `apt-get install chromium` to render the page; .ci/run installs it)");
      this.skip();
    }
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`file://${join(repo.dir, "report.html")}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1280, `the page is ${width} px wide at a 1280 px window: it scrolls sideways`);
      // The page shows what the JSON says, row by row.
      const shown = await page.locator("#inventory tbody tr").evaluateAll((rows) => rows.map((row) => [row.querySelector("code")!.textContent, row.querySelector(".badge")!.textContent]));
      assert.deepEqual(shown, json.connectors.map((r: { name: string; status: string }) => [r.name, r.status]));
      const colour = await page.locator("tr.expired .badge").evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(colour, "rgb(255, 235, 233)");
      // Messages are on the page, not only in tooltips.
      assert.ok(await page.getByText("is not a team handle").first().isVisible());
      assert.equal(await page.locator("#secrets tbody tr").count(), 2);
      assert.match(await page.locator("#source").innerText(), /https:\/\/git\.example\/acme\/web at commit [0-9a-f]{12}/);
      await page.locator("#inventory th", { hasText: "Connector" }).click();
      const names = await page.locator("#inventory tbody tr td:nth-child(2) code").allInnerTexts();
      assert.deepEqual(names, [...names].sort((a, b) => (a.toLowerCase() > b.toLowerCase() ? 1 : -1)));
      await page.locator("#inventory th", { hasText: "Status" }).click();
      // The README's picture (docs/images/inventory-report.png) is a copy of this screenshot.
      mkdirSync(join(ROOT, "out", "screenshots"), { recursive: true });
      await page.screenshot({ path: join(ROOT, "out", "screenshots", "inventory-report.png"), fullPage: true });
      // Printing: an A4 PDF renders (sticky headers and sort arrows off in print styles).
      const pdf = await page.pdf({ format: "A4" });
      assert.ok(pdf.length > 10_000);
    } finally {
      await browser.close();
    }
  });
});

describe("nhilint inventory --history", () => {
  const leaked = `ghp_${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c".slice(0, 36)}`;
  const workflow = (value: string) => `on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: ${value}\n          SLACK_WEBHOOK: \${{ secrets.SLACK_WEBHOOK }}\n`;
  const record = (name: string) => `  - name: ${name}\n    kind: secret\n    owner: "@acme/platform"\n    purpose: deploys\n    expires: 2099-01-01\n`;
  let repo: TempRepo;
  let pasted: string;
  before(() => {
    repo = new TempRepo();
    // The token was pasted into the workflow, then moved to a secret of the same name: its value is still in the history.
    repo.write(".github/workflows/deploy.yml", workflow(leaked));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "pasted");
    pasted = repo.git("rev-parse", "HEAD").trim();
    repo.write(".github/workflows/deploy.yml", workflow("${{ secrets.DEPLOY_TOKEN }}"));
    repo.write("nhi-inventory.yaml", `connectors:\n${record("DEPLOY_TOKEN")}${record("SLACK_WEBHOOK")}`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "moved to a secret");
  });
  after(() => repo.remove());

  it("marks the connector whose name once held a committed value as leaked, in every shape, never showing the value", async () => {
    const run = await repo.nhilint("inventory", "--history", "--format", "json");
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assertValidReport(report);
    assert.deepEqual(report.history, { revisions: ["HEAD"] });
    const row = (name: string) => report.connectors.find((c: { name: string }) => c.name === name);
    assert.deepEqual(row("DEPLOY_TOKEN").leakedInHistory, { title: row("DEPLOY_TOKEN").leakedInHistory.title, redacted: "ghp_… (40 chars)", firstCommit: pasted, date: row("DEPLOY_TOKEN").leakedInHistory.date, path: ".github/workflows/deploy.yml", inHead: false, revoke: "https://github.com/settings/tokens" });
    assert.equal(row("DEPLOY_TOKEN").status, "leaked");
    assert.deepEqual(row("DEPLOY_TOKEN").conditions, ["leaked"]);
    assert.equal(row("SLACK_WEBHOOK").leakedInHistory, null);
    assert.equal(row("SLACK_WEBHOOK").status, "healthy");
    assert.equal(report.summary.leaked, 1);
    const markdown = (await repo.nhilint("inventory", "--history")).stdout;
    assert.match(markdown, new RegExp(`\\| leaked \\| leaked \\| \`DEPLOY_TOKEN\` \\|.*leaked in history: .*\\(ghp_… \\(40 chars\\)\\) committed in ${pasted.slice(0, 12)} on \\d{4}-\\d\\d-\\d\\d at \\.github/workflows/deploy\\.yml: rotate it \\(https://github\\.com/settings/tokens\\) unless that was done since \\|`));
    assert.match(markdown, /· history of HEAD read/);
    const csv = (await repo.nhilint("inventory", "--history", "--format", "csv")).stdout;
    assert.match(csv.split("\n").find((line) => line.includes(",DEPLOY_TOKEN,"))!, /^connector,leaked,error,leaked,DEPLOY_TOKEN,.*leaked in history: /);
    const html = (await repo.nhilint("inventory", "--history", "--format", "html")).stdout;
    assert.match(html, /<span class="s-leaked">1 leaked<\/span>/);
    assert.match(html, /<b>leaked in history<\/b>/);
    for (const text of [run.stdout, markdown, csv, html]) assert.ok(!text.includes(leaked), "the value is shown");
  });

  it("a leak is over once rotated: after the record's last-rotated (not the same day), or accepted by `history --update-baseline`; shown, not hidden", async () => {
    const committed = repo.git("log", "-1", "--format=%aI", pasted).trim().slice(0, 10);
    const dayAfter = new Date(Date.parse(`${committed}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const inventory = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
    const deploy = async () => {
      const run = await repo.nhilint("inventory", "--history", "--format", "json");
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assertValidReport(report);
      return { report, row: report.connectors.find((c: { name: string }) => c.name === "DEPLOY_TOKEN") };
    };
    try {
      // Rotated the day it was committed: the value rotated to may be the one committed.
      repo.write("nhi-inventory.yaml", inventory.replace("    purpose: deploys\n", `    purpose: deploys\n    last-rotated: ${committed}\n`));
      assert.equal((await deploy()).row.status, "leaked");
      repo.write("nhi-inventory.yaml", inventory.replace("    purpose: deploys\n", `    purpose: deploys\n    last-rotated: ${dayAfter}\n`));
      const rotated = await deploy();
      assert.equal(rotated.row.leakedInHistory.resolved, "rotated");
      assert.equal(rotated.row.leakedInHistory.firstCommit, pasted);
      assert.ok(!rotated.row.conditions.includes("leaked"), rotated.row.conditions.join());
      assert.equal(rotated.report.summary.leaked, 0);
      assert.match((await repo.nhilint("inventory", "--history")).stdout, /leaked in history: .*: rotated since \(the record's last-rotated is later\)/);
      // No last-rotated; the team records the rotation in the baseline instead.
      repo.write("nhi-inventory.yaml", inventory);
      const accept = await repo.nhilint("history", "--update-baseline");
      assert.equal(accept.code, 0, accept.stderr);
      const accepted = await deploy();
      assert.deepEqual([accepted.row.leakedInHistory.accepted, accepted.row.leakedInHistory.resolved, accepted.row.status], [true, "accepted", "healthy"]);
      const html = (await repo.nhilint("inventory", "--history", "--format", "html")).stdout;
      assert.match(html, /<div class="finding accepted"><b>leaked in history<\/b><div>.*accepted in the baseline \(rotated\)/);
      assert.ok(!html.includes(leaked));
    } finally {
      repo.write("nhi-inventory.yaml", inventory);
      rmSync(join(repo.dir, ".nhilint-baseline.json"), { force: true });
    }
  });

  it("a leak a nhilint-disable-next-line comment accepts where it is now is over too, and says which comment and why", async () => {
    // The team puts the (revoked) value back as a documented fixture, with a comment accepting it.
    repo.write(".github/workflows/deploy.yml", workflow(leaked).replace("          DEPLOY_TOKEN:", "          # nhilint-disable-next-line hardcoded-secret -- revoked demo token\n          DEPLOY_TOKEN:"));
    repo.git("commit", "-q", "--no-verify", "-am", "fixture");
    try {
      const run = await repo.nhilint("inventory", "--history", "--format", "json");
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assertValidReport(report);
      const leak = report.connectors.find((c: { name: string }) => c.name === "DEPLOY_TOKEN").leakedInHistory;
      assert.deepEqual([leak.accepted, leak.resolved, leak.suppression], [true, "accepted", { path: ".github/workflows/deploy.yml", line: 11, reason: "revoked demo token" }]);
      assert.match((await repo.nhilint("inventory", "--history")).stdout, /leaked in history: .*: accepted by a comment at \.github\/workflows\/deploy\.yml:11: revoked demo token/);
    } finally {
      repo.git("reset", "-q", "--hard", "HEAD~1");
    }
  });

  it("without --history nothing is claimed about it; outside git --history is a usage error", async () => {
    const report = JSON.parse((await repo.nhilint("inventory", "--format", "json")).stdout);
    assert.equal(report.history, undefined);
    assert.ok(report.connectors.every((c: object) => !("leakedInHistory" in c)));
    assert.doesNotMatch((await repo.nhilint("inventory", "--format", "html")).stdout, /s-leaked">/);
    const outside = new TempRepo({ git: false });
    try {
      outside.write("nhi-inventory.yaml", "connectors: []\n");
      const run = await outside.nhilint("inventory", "--history");
      assert.equal(run.code, 2);
      assert.match(run.stderr, /not in a git repository: --history reads its commits/);
    } finally {
      outside.remove();
    }
  });
});

describe("nhilint inventory init --history", () => {
  it("writes a comment above each new record whose name once held a committed value, and says how many", async () => {
    const repo = new TempRepo();
    try {
      const value = `glpat-${"x7Kq2LmN9pRt4VwY8zAb".slice(0, 20)}`;
      repo.write(".gitlab-ci.yml", `deploy:\n  variables:\n    DEPLOY_TOKEN: ${value}\n  script:\n    - ./deploy.sh\n`);
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "pasted");
      const pasted = repo.git("rev-parse", "HEAD").trim();
      repo.write(".gitlab-ci.yml", "deploy:\n  script:\n    - ./deploy.sh --token $DEPLOY_TOKEN --notify $SLACK_TOKEN\n");
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "moved");
      const run = await repo.nhilint("inventory", "init", "--history");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /nhilint: 1 of them leaked in history: rotate it unless that was done since \(a comment above each says where and when\)\.\n$/);
      const inventory = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      assert.match(inventory, new RegExp(`\\n  # leaked in history: .*\\(glpa… \\(26 chars\\)\\) committed in ${pasted.slice(0, 12)} on \\d{4}-\\d\\d-\\d\\d at \\.gitlab-ci\\.yml: rotate it \\(https://gitlab\\.com/-/user_settings/personal_access_tokens\\) unless that was done since\\n  - name: DEPLOY_TOKEN\\n`));
      assert.match(inventory, /\n  - name: SLACK_TOKEN\n/);
      assert.doesNotMatch(inventory, /# leaked in history[^\n]*\n  - name: SLACK_TOKEN/);
      assert.ok(!inventory.includes(value));
      // The inventory is still valid: the comment is only a comment.
      assert.equal((await repo.nhilint("--format", "json")).stdout.includes("invalid-inventory"), false);
      // Once the baseline accepts the value (rotated), a new record's comment says so, and it is counted apart: nothing is left to rotate.
      rmSync(join(repo.dir, "nhi-inventory.yaml"));
      assert.equal((await repo.nhilint("history", "--update-baseline")).code, 0);
      const again = await repo.nhilint("inventory", "init", "--history");
      assert.match(again.stdout, /nhilint: 1 of them leaked and is accepted in the baseline as rotated \(a comment above each says where and when\)\.\n$/);
      assert.doesNotMatch(again.stdout, /rotate it/);
      assert.match(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), /\n  # leaked in history: .*: accepted in the baseline \(rotated\)\n  - name: DEPLOY_TOKEN\n/);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint inventory: a token pasted into the inventory is never shown", () => {
  it("an owner, a purpose or a revocation path holding a token: redacted in every shape, the record still reported", async () => {
    const fake = new FakeSecrets(404);
    const token = `ghp_${fake.chars(36)}`;
    const repo = new TempRepo();
    try {
      repo.write(".github/workflows/ci.yml", "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    environment: prod\n    steps:\n      - run: make\n        env:\n          T: ${{ secrets.DEPLOY_TOKEN }}\n");
      repo.write("nhi-inventory.yaml", `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    kind: secret\n    owner: ${token}\n    purpose: "Deploy (${token})"\n    expires: 2030-01-01\n    revocation: "revoke ${token}"\n`);
      for (const format of ["markdown", "csv", "json", "html"]) {
        const out = (await repo.nhilint("inventory", "--format", format)).stdout;
        assert.ok(out.includes("DEPLOY_TOKEN"), `${format}: the record is reported`);
        assert.ok(!out.includes(token.slice(4)), `${format}: the token is shown`);
        assert.ok(out.includes("ghp_… (40 chars)"), `${format}: shown redacted`);
      }
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint inventory: an empty repository's report says so in every shape", () => {
  it("no connectors, no secrets, no other findings: counts of zero, 'None found.' and 'None.'; no commit yet, or a folder outside git", async () => {
    const repo = new TempRepo();
    const plain = new TempRepo({ git: false });
    try {
      repo.write("README.md", "# nothing here\n");
      plain.write("README.md", "# nothing here\n");
      const markdown = (await repo.nhilint("inventory", "--format", "markdown")).stdout;
      assert.match(markdown, /no commit yet/);
      assert.match(markdown, /\*\*0 connectors: 0 healthy \(a connector counts in every state that applies\) · 0 hardcoded secrets · 0 other findings\*\*/);
      assert.match(markdown, /## Hardcoded secrets \(0\)\n\nNone found\.\n/);
      assert.match(markdown, /## Other findings \(0\)\n\nNone\.\n/);
      const html = (await repo.nhilint("inventory", "--format", "html")).stdout;
      assert.match(html, /None found\./);
      assert.match(html, /None\./);
      assert.match((await plain.nhilint("inventory", "--format", "markdown")).stdout, /^a folder outside git · /m);
    } finally {
      repo.remove();
      plain.remove();
    }
  });
});

describe("nhilint inventory init: an inventory with problems is left alone", () => {
  it("refuses (exit 2), says why, and writes nothing", async () => {
    const repo = new TempRepo();
    try {
      repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./x.sh\n        env:\n          T: ${{ secrets.DEPLOY_TOKEN }}\n");
      const broken = "version: 1\nconnectors:\n  - name: [not, a, name]\n";
      repo.write("nhi-inventory.yaml", broken);
      const run = await repo.nhilint("inventory", "init");
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "nhilint: nhi-inventory.yaml has problems; fix them first (run `nhilint` to see them)\n");
      assert.equal(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), broken);
    } finally {
      repo.remove();
    }
  });
});
