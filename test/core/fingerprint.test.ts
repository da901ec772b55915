// Fingerprints name a finding across line moves, and are the same whichever SHA-256 computes them:
// the CLI uses node:crypto, the browser-safe core defaults to Web Crypto, and baselines must agree.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { lint } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import { FakeSecrets, lintFiles, NOW, WORKFLOW_PATH } from "../helpers.js";

const fake = new FakeSecrets(7);
const token = `ghp_${fake.chars(36)}`;
const workflow = (padding: string) => `on: push\n${padding}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          GH_PAT: ${token}\n          SLACK: \${{ secrets.SLACK_BOT_TOKEN }}\n`;
const nodeSha256 = (data: string) => createHash("sha256").update(data).digest("hex");

describe("fingerprints", () => {
  it("are identical from Web Crypto and node:crypto", async () => {
    const files = [{ path: WORKFLOW_PATH, text: workflow("") }];
    const web = (await lintFiles(files)).findings.map((f) => f.fingerprint);
    const node = (await lint(files, { rules: RULES, now: NOW, sha256: nodeSha256 })).findings.map((f) => f.fingerprint);
    assert.ok(web.length >= 2, "expected findings to compare");
    assert.deepEqual(node, web);
    for (const print of web) assert.match(print, /^[0-9a-f]{32}$/);
  });

  it("survive the finding moving down the file, and never hold the secret", async () => {
    const before = (await lintFiles([{ path: WORKFLOW_PATH, text: workflow("") }])).findings;
    const after = (await lintFiles([{ path: WORKFLOW_PATH, text: workflow("# a comment\n\n\n") }])).findings;
    assert.deepEqual(after.map((f) => f.fingerprint), before.map((f) => f.fingerprint));
    assert.notDeepEqual(after.map((f) => f.start.line), before.map((f) => f.start.line));
    for (const f of before) assert.ok(!f.fingerprint.includes(token.slice(4, 12)));
  });
});
