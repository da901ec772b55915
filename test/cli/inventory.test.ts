// `nhilint inventory init` and `nhilint inventory` on real repositories with history.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { ROOT } from "../helpers.js";
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

describe("nhilint inventory init", () => {
  it("records every connector across platforms, owners from CODEOWNERS or git history, and is a no-op the second time", () => {
    const repo = repositoryWithHistory();
    try {
      const first = repo.nhilint("inventory", "init");
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /added 4 records to nhi-inventory\.yaml \(owners: 1 from CODEOWNERS, 3 from git history, 0 you \(git's user\.email, not committed yet\), 0 to fill in\)/);
      assert.match(first.stdout, /purpose and expires on all 4/);
      const text = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      const owners = Object.fromEntries([...text.matchAll(/- name: (.+)\n\s+kind: (.+)\n\s+owner: (.+)/g)].map((m) => [m[1], `${m[2]} ${m[3]}`]));
      assert.deepEqual(owners, {
        DEPLOY_TOKEN: 'secret "@acme/platform"',
        REGISTRY_TOKEN: 'secret "bob@acme.example"',
        "web-runtime": 'service-account "bob@acme.example"',
        '"Slack bot"': 'n8n-credential "bob@acme.example"',
      });
      // The new records are incomplete until a person fills them.
      const lint = repo.nhilint("--format", "json");
      const ids = JSON.parse(lint.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
      assert.equal(ids.filter((id: string) => id === "incomplete-connector-record").length, 4);
      assert.equal(ids.filter((id: string) => id === "unowned-connector").length, 0);

      const again = repo.nhilint("inventory", "init");
      assert.equal(again.code, 0);
      assert.match(again.stdout, /nothing to add/);
      assert.equal(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), text);
    } finally {
      repo.remove();
    }
  });

  it("suggests you (git's user.email) as the owner of a connector not committed yet", () => {
    const repo = repositoryWithHistory();
    try {
      // Outside the folder CODEOWNERS covers, never committed: no owner but you.
      repo.write("release/.gitlab-ci.yml", "stages: [release]\nrelease:\n  script:\n    - ./release.sh --token $FRESH_TOKEN\n");
      const run = repo.nhilint("inventory", "init");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /1 you \(git's user\.email, not committed yet\)/);
      assert.match(readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8"), /- name: FRESH_TOKEN\n\s+kind: secret\n\s+owner: "author@example\.com"/);
    } finally {
      repo.remove();
    }
  });

  it("keeps a hand-edited inventory byte for byte, comments included, and only appends records", () => {
    const repo = repositoryWithHistory();
    try {
      const handWritten = `# Reviewed quarterly by security@acme.example\nversion: 1\nconnectors:\n  # the deploy bot, see RUNBOOK-12\n  - name: DEPLOY_TOKEN\n    kind: secret   # GitHub secret\n    owner: "@acme/platform"\n    purpose: Deploy\n    expires: 2027-06-30\n`;
      repo.write("nhi-inventory.yaml", handWritten);
      const run = repo.nhilint("inventory", "init");
      assert.equal(run.code, 0, run.stderr);
      const text = readFileSync(join(repo.dir, "nhi-inventory.yaml"), "utf8");
      assert.ok(text.startsWith(handWritten), "the hand-written part changed");
      assert.deepEqual([...text.slice(handWritten.length).matchAll(/^  - name: (.+)$/gm)].map((m) => m[1]), ["REGISTRY_TOKEN", '"Slack bot"', "web-runtime"]);
    } finally {
      repo.remove();
    }
  });
});

describe("nhilint inventory (the report)", () => {
  let repo: TempRepo;
  before(() => {
    repo = repositoryWithHistory();
    repo.write(
      "nhi-inventory.yaml",
      `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    owner: "@acme/platform"\n    backup-owner: "@acme/sre"\n    purpose: Deploy the web app\n    expires: 2020-01-01\n    rotate-every: 90d\n    last-rotated: 2019-10-01\n    revocation: https://wiki.example/revoke\n  - name: OLD_TOKEN\n    owner: ops@acme.example\n    purpose: Legacy sync\n    expires: 2099-01-01\n`,
    );
  });
  after(() => repo.remove());

  it("json: valid against docs/inventory-report.schema.json, with status, blast radius and findings", () => {
    const run = repo.nhilint("inventory", "--format", "json");
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const ajv = new Ajv.default({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "docs", "inventory-report.schema.json"), "utf8")));
    // Validate a copy: ajv's type guard would narrow `report` itself to unknown.
    assert.ok(validate(structuredClone(report)), JSON.stringify(validate.errors));
    const deploy = report.connectors.find((c: { name: string }) => c.name === "DEPLOY_TOKEN");
    assert.equal(deploy.status, "expired");
    assert.ok(deploy.daysLeft < 0);
    assert.deepEqual(deploy.usedBy[0].jobs, [{ id: "deploy", environment: "production", permissions: "contents: read" }]);
    assert.ok(deploy.findings.some((f: { ruleId: string }) => f.ruleId === "expired-connector"));
    assert.equal(report.connectors.find((c: { name: string }) => c.name === "OLD_TOKEN").status, "unused");
    assert.equal(report.connectors.find((c: { name: string }) => c.name === "REGISTRY_TOKEN").status, "unowned");
    assert.equal(report.summary.connectors, report.connectors.length);
  });

  it("markdown and csv carry the same rows", () => {
    const markdown = repo.nhilint("inventory", "--format", "markdown").stdout;
    assert.match(markdown, /^\| expired \| `DEPLOY_TOKEN` \| secret \| @acme\/platform \| @acme\/sre \| Deploy the web app \| 2020-01-01/m);
    const csv = repo.nhilint("inventory", "--format", "csv").stdout.trim().split("\n");
    assert.equal(csv[0].split(",")[0], "status");
    assert.equal(csv.length, 1 + 5);
  });

  it("html: one self-contained page, rendered in headless Chromium, sortable", async function () {
    this.timeout(60_000);
    const run = repo.nhilint("inventory", "--format", "html", "--output", "report.html");
    assert.equal(run.code, 0, run.stderr);
    const html = readFileSync(join(repo.dir, "report.html"), "utf8");
    assert.doesNotMatch(html, /<(link|img|script)[^>]+(src|href)=/i, "external assets");
    if (!existsSync("/usr/bin/chromium")) {
      console.log("      (Chromium not installed: `apt-get install chromium` to render the page; .ci/run installs it)");
      this.skip();
    }
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 520 } });
      await page.goto(`file://${join(repo.dir, "report.html")}`);
      const firstStatus = () => page.locator("#inventory tbody tr:first-child td:first-child").innerText();
      assert.equal(await firstStatus(), "unowned");
      assert.equal(await page.locator("#inventory tbody tr").count(), 5);
      const colour = await page.locator("tr.expired .badge").evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(colour, "rgb(255, 235, 233)");
      await page.locator("th", { hasText: "Connector" }).click();
      const names = await page.locator("#inventory tbody tr td:nth-child(2) code").allInnerTexts();
      assert.deepEqual(names, [...names].sort((a, b) => (a.toLowerCase() > b.toLowerCase() ? 1 : -1)));
      // The README's picture (docs/images/inventory-report.png) is a copy of this screenshot.
      mkdirSync(join(ROOT, "out", "screenshots"), { recursive: true });
      await page.locator("th", { hasText: "Status" }).click();
      await page.screenshot({ path: join(ROOT, "out", "screenshots", "inventory-report.png") });
    } finally {
      await browser.close();
    }
  });
});
