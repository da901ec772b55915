// The workspace the extension tests open: a workflow with a pasted token and an unowned secret,
// a workflow with an owned secret, an inventory with one expired record, CODEOWNERS for .github/,
// and a GitLab pipeline CODEOWNERS does not cover, in a git repository whose user is AUTHOR.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FakeSecrets } from "../helpers.js";

export const API_KEY = new FakeSecrets(77).chars(32);
export const AUTHOR = "dev@acme.example";

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
    "name: release\non: push\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    environment: npm\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
  );
  write(".github/CODEOWNERS", "/.github/ @acme/platform\n");
  write(
    "nhi-inventory.yaml",
    `version: 1\nconnectors:\n  - name: NPM_TOKEN\n    kind: secret\n    owner: "@acme/release-eng"\n    purpose: Publish packages to npm\n    expires: 2099-03-31\n  - name: OLD_DEPLOY_KEY\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Legacy deploys\n    expires: 2020-01-01\n`,
  );
  write(".gitlab-ci.yml", "publish:\n  script:\n    - docker login -u ci -p \"$REGISTRY_PASSWORD\" registry.acme.example\n");
  spawnSync("git", ["init", "-q"], { cwd: dir });
  spawnSync("git", ["config", "user.email", AUTHOR], { cwd: dir });
  return dir;
}
