// The package as a user gets it: `npm pack`, installed into a fresh project (no registry entry yet),
// `npx nhilint init`, and a real commit carrying a token blocked. No source maps, no runtime
// dependency but the optional TypeScript parser (everything else is bundled).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeSecrets, ROOT } from "../helpers.js";
import { snapshotOfThisCheckout, TempRepo } from "./repo.js";

const token = `ghp_${new FakeSecrets(4040).chars(36)}`;

describe("the packed package, installed into a fresh project", function () {
  this.timeout(600_000);
  let tarball: string;
  let packDir: string;
  let repo: TempRepo;

  before(() => {
    packDir = mkdtempSync(join(tmpdir(), "nhilint-pack-"));
    // Packed from a copy of the checkout: prepack rebuilds dist/, which other test files run meanwhile.
    const checkout = snapshotOfThisCheckout();
    symlinkSync(join(ROOT, "node_modules"), join(checkout.dir, "node_modules"));
    const pack = spawnSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: checkout.dir, encoding: "utf8" });
    checkout.remove();
    assert.equal(pack.status, 0, pack.stderr);
    tarball = join(packDir, pack.stdout.trim().split("\n").at(-1)!);
    repo = new TempRepo();
    repo.write("package.json", JSON.stringify({ name: "acme-app", version: "1.0.0", private: true }, null, 2));
    repo.write(".gitignore", "node_modules/\n");
  });
  after(() => {
    repo?.remove();
    rmSync(packDir, { recursive: true, force: true });
  });

  it("holds what runs and nothing else: the bundle, docs, README, LICENSE; no maps, no sources", () => {
    const list = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    assert.ok(list.includes("package/dist/cli.js") && list.includes("package/dist/nhilint.cjs") && list.includes("package/dist/package.json"));
    assert.ok(list.includes("package/README.md") && list.includes("package/LICENSE"));
    assert.ok(list.some((f) => f.startsWith("package/docs/rules/")));
    assert.deepEqual(list.filter((f) => f.endsWith(".map") || f.endsWith(".ts") || f.includes("/test/") || f.includes("/linter-core/")), []);
    const manifest = JSON.parse(spawnSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }).stdout);
    assert.equal(manifest.private, undefined);
    // Consumers never run this repository's own scripts (husky, the build) nor see its dev setup.
    assert.deepEqual([manifest.scripts, manifest.devDependencies, manifest.allowScripts], [undefined, undefined, undefined]);
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], "everything but the optional TypeScript parser is bundled");
  });

  it("installs without its optional parser, sets up the hook with init, and blocks a commit with a token", () => {
    const install = repo.exec("npm", ["install", "--no-audit", "--no-fund", "--omit=optional", "--save-dev", tarball, "husky@9.1.7"]);
    assert.equal(install.code, 0, install.stderr);
    const init = repo.exec("npx", ["--no-install", "nhilint", "init"]);
    assert.equal(init.code, 0, init.stdout + init.stderr);
    assert.equal(JSON.parse(readFileSync(join(repo.dir, "package.json"), "utf8")).scripts.prepare, "husky");
    repo.write(".github/workflows/ci.yml", `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "initial");
    repo.write(".github/workflows/ci.yml", `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GH_PAT: ${token}\n        run: make\n`);
    repo.git("add", "-A");
    const commit = repo.exec("git", ["commit", "-m", "token"]);
    assert.notEqual(commit.code, 0, "the commit must be blocked");
    assert.match(commit.stdout + commit.stderr, /hardcoded-secret/);
    assert.ok(!(commit.stdout + commit.stderr).includes(token));
  });

  it("without the optional TypeScript parser, a TS file is still scanned as text and the run says so once", () => {
    repo.write("scripts/notify.ts", `const API_TOKEN = "${token}";\nexport const headers = { Authorization: \`Bearer \${API_TOKEN}\` };\n`);
    repo.write("scripts/other.ts", "export const x = 1;\n");
    const run = repo.exec("npx", ["--no-install", "nhilint", "scripts"]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /hardcoded-secret/);
    assert.equal(run.stdout.match(/optional typescript package is not installed/g)?.length, 1);
  });
  // Last: `npm ci` reinstalls the optional parser the test above does without.
  it("runs every docs/ci.md recipe's commands as written: exit 1 and a report on a finding, 2 when it cannot run", () => {
    const doc = readFileSync(join(ROOT, "docs", "ci.md"), "utf8");
    // What CI is there to catch: the token committed past the hook (the history recipe reads commits).
    repo.git("add", ".github/workflows/ci.yml");
    repo.git("commit", "-q", "--no-verify", "-m", "token, past the hook");
    // The shell commands of the recipes: `run:` / `script:` values and script list items.
    const commands = [...doc.matchAll(/^\s*(?:-\s+)?(?:run:|script:|-)\s+((?:npm|npx)\s[^\n#]*?)\s*(?:#.*)?$/gm)].map((m) => m[1]);
    const nhilint = commands.filter((c) => c.includes("nhilint"));
    assert.ok(nhilint.length >= 5, commands.join("\n"));
    assert.ok(nhilint.some((c) => c.includes("nhilint history")), "the history recipe");
    // Recipes share commands (`npm ci --ignore-scripts` in each): each distinct one runs once.
    for (const command of new Set(commands)) {
      const shell = command.replace(/\$\(Build\.ArtifactStagingDirectory\)/g, "out");
      repo.exec("mkdir", ["-p", "out"]);
      const run = repo.exec("sh", ["-c", shell]);
      if (!shell.includes("nhilint")) {
        assert.equal(run.code, 0, `${shell}: ${run.stderr}`);
        continue;
      }
      assert.equal(run.code, 1, `${shell} should exit 1 on the committed token: ${run.stdout}${run.stderr}`);
      const output = /--output (\S+)/.exec(shell)?.[1];
      const text = output ? readFileSync(join(repo.dir, output), "utf8") : run.stdout;
      assert.match(text, /hardcoded-secret/, shell);
      assert.ok(!text.includes(token), `${shell} printed the token`);
      if (output) JSON.parse(text);
      const broken = repo.exec("sh", ["-c", `${shell} --config missing.yaml`]);
      assert.equal(broken.code, 2, `${shell} with a missing config must exit 2`);
    }
  });


  it("action.yml's step runs the installed nhilint: SARIF written and exit 1 on a finding, fail-level none passes, bad input exits 2", () => {
    const action = (env: Record<string, string>) => repo.exec("bash", [join(ROOT, "scripts", "action.sh")], { env: { GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(repo.dir, "out", "github-output"), ...env } });
    repo.exec("mkdir", ["-p", "out"]);
    const sarif = action({ NHILINT_FORMAT: "sarif" });
    assert.equal(sarif.code, 1, sarif.stdout + sarif.stderr);
    const log = readFileSync(join(repo.dir, "nhilint.sarif"), "utf8");
    assert.match(log, /"ruleId": "hardcoded-secret"/);
    // The docs pages ship in the package and become each rule's help in code scanning.
    assert.match(log, /"markdown": "# hardcoded-secret/);
    assert.match(readFileSync(join(repo.dir, "out", "github-output"), "utf8"), /sarif-file=nhilint\.sarif/);
    assert.equal(action({ NHILINT_FORMAT: "github", NHILINT_FAIL_LEVEL: "none" }).code, 0);
    assert.equal(action({ NHILINT_FORMAT: "xml" }).code, 2);
  });

  it("a teammate's clone gets the hook from `npm ci` alone and blocks a staged token", () => {
    // The project as committed: package.json with "prepare": "husky", the lockfile, the hook.
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "nhilint and its hook");
    const clone = new TempRepo({ git: false });
    try {
      assert.equal(clone.exec("git", ["clone", "-q", repo.dir, "."]).code, 0);
      clone.git("config", "user.name", "Teammate");
      clone.git("config", "user.email", "teammate@example.com");
      const ci = clone.exec("npm", ["ci", "--no-audit", "--no-fund", "--omit=optional"]);
      assert.equal(ci.code, 0, ci.stderr);
      assert.equal(clone.git("config", "core.hooksPath").trim(), ".husky/_", "npm ci ran prepare: husky");
      clone.write(".github/workflows/release.yml", `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GH_PAT: ${token}\n        run: make\n`);
      clone.git("add", "-A");
      const commit = clone.exec("git", ["commit", "-m", "release"]);
      assert.notEqual(commit.code, 0, "the teammate's commit must be blocked");
      assert.ok(!(commit.stdout + commit.stderr).includes(token));
    } finally {
      clone.remove();
    }
  });
});
