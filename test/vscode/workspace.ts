// The workspace the extension tests open: a workflow with a pasted token and an unowned secret,
// a workflow with an owned secret, an inventory with one expired record, CODEOWNERS for .github/,
// and a GitLab pipeline CODEOWNERS does not cover, in a git repository whose user is AUTHOR.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FakeSecrets } from "../helpers.js";

export const API_KEY = new FakeSecrets(77).chars(32);
/** Pasted into nightly.yml and committed: the guide must say to rotate it. */
export const NIGHTLY_TOKEN = `ghp_${new FakeSecrets(78).chars(36)}`;
/** In an n8n export on disk, a file no CI path names. */
export const N8N_TOKEN = `ghp_${new FakeSecrets(79).chars(36)}`;
export const JENKINS_TOKEN = `glpat-${new FakeSecrets(80).chars(20)}`;
export const AUTHOR = "dev@acme.example";

/** An n8n export whose HTTP node has a token pasted into a header. */
export const n8nExport = (token: string) =>
  JSON.stringify(
    {
      name: "notify",
      nodes: [{ name: "Call GitHub", type: "n8n-nodes-base.httpRequest", parameters: { url: "https://api.github.com/user", headerParameters: { parameters: [{ name: "Authorization", value: `token ${token}` }] } } }],
      connections: {},
    },
    null,
    2,
  );

export function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "nhilint-ws-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(
    ".github/workflows/deploy.yml",
    `name: deploy\non: push\npermissions:\n  contents: read\nenv:\n  API_KEY: "${API_KEY}"\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n`,
  );
  write(
    ".github/workflows/release.yml",
    "name: release\non: push\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    environment: npm\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n      - run: gh release create v1\n        env:\n          GH_TOKEN: ${{ secrets.GH_TOKEN }}\n",
  );
  write(".github/CODEOWNERS", "/.github/ @acme/platform\n");
  write(
    "nhi-inventory.yaml",
    `version: 1\nconnectors:\n  - name: NPM_TOKEN\n    kind: secret\n    owner: "@acme/release-eng"\n    purpose: "Publish packages to npm <registry> *only*, see [docs](x) & $(zap) _now_"\n    expires: 2099-03-31\n    revocation: https://runbooks.example.com/npm_(publish)\n  - name: OLD_DEPLOY_KEY\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Legacy deploys\n    expires: 2020-01-01\n  - name: GH_TOKEN\n    kind: secret\n    owner: "@acme/release-eng"\n    purpose: Create releases\n    expires: 2099-01-01\n    used-by:\n      - .github/workflows/release.yml\n`,
  );
  // Two connectors nobody owns yet (for fix-all), one accepted without an owner, and GH_TOKEN, which
  // the inventory gives to release.yml only (connector-scope).
  write(
    ".github/workflows/sync.yml",
    "name: sync\non: push\npermissions:\n  contents: read\njobs:\n  sync:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./sync.sh\n        env:\n          ALPHA_TOKEN: ${{ secrets.ALPHA_TOKEN }}\n          BETA_TOKEN: ${{ secrets.BETA_TOKEN }}\n          # nhilint-disable-next-line unowned-connector -- removed with the old sync this sprint\n          LEGACY_TOKEN: ${{ secrets.LEGACY_TOKEN }}\n          GH_TOKEN: ${{ secrets.GH_TOKEN }}\n",
  );
  write("automations/notify.json", n8nExport(N8N_TOKEN));
  // A Jenkinsfile: the Groovy parser's WebAssembly must load in the extension host.
  write("Jenkinsfile", `pipeline {\n  agent any\n  environment {\n    GITLAB_TOKEN = "${JENKINS_TOKEN}"\n  }\n  stages {\n    stage('Sync') {\n      steps {\n        sh 'make'\n      }\n    }\n  }\n}\n`);
  write(".gitlab-ci.yml", "publish:\n  script:\n    - docker login -u ci -p \"$REGISTRY_PASSWORD\" registry.acme.example\n");
  spawnSync("git", ["init", "-q"], { cwd: dir });
  spawnSync("git", ["config", "user.email", AUTHOR], { cwd: dir });
  // A token committed once (then pasted again as the user edits): its guide must say "rotate it".
  write(".github/workflows/nightly.yml", `name: nightly\non: schedule\npermissions:\n  contents: read\njobs:\n  n:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh api /user\n        env:\n          GH_TOKEN: ${NIGHTLY_TOKEN}\n`);
  spawnSync("git", ["add", ".github/workflows/nightly.yml"], { cwd: dir });
  spawnSync("git", ["-c", "user.name=Dev", "commit", "-q", "--no-verify", "-m", "nightly"], { cwd: dir });
  return dir;
}
