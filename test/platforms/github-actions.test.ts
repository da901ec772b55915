// GitHub Actions' model where the rule tests do not look: what an unnamed step is called in every
// message. A name is what a reader sees (the action, or the first plain words of the command) and
// never carries a value: `docker login -p …` stops at `-p`, a URL's user info is dropped.
import assert from "node:assert/strict";
import { lintFiles } from "../helpers.js";

describe("platform github-actions: unnamed steps", () => {
  it("are called by their action (user info dropped) or their command's first plain words (comments and blank lines skipped, three at most, none past a long or unusual word), with their place", async () => {
    const text =
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" +
      // nhilint-disable-next-line hardcoded-secret -- a made-up password in an action's URL: no step name may carry it
      "      - uses: docker://bot:s3cretPa55word@ghcr.io/acme/tool:1\n        env:\n          A: ${{ secrets.A_TOKEN }}\n" +
      "      - run: |\n          # log in\n\n          docker login -p \"$PW\" ghcr.io\n        env:\n          PW: ${{ secrets.REGISTRY_PASSWORD }}\n" +
      "      - run: ./a-very-long-script-name-that-goes-on.sh arg\n        env:\n          B: ${{ secrets.B_TOKEN }}\n" +
      "      - run: make build test lint\n        env:\n          D: ${{ secrets.D_TOKEN }}\n" +
      "      - uses: ./local-action\n        with:\n          token: ${{ secrets.C_TOKEN }}\n";
    const result = await lintFiles([{ path: ".github/workflows/ci.yml", text }]);
    const steps = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /step `([^`]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(steps, ["docker://ghcr.io/acme/tool:1 (step 1)", "docker login (step 2)", "step 3", "make build test (step 4)", "./local-action (step 5)"]);
    for (const finding of result.findings) assert.ok(!finding.message.includes("s3cretPa55word") && !finding.message.includes("bot:"), finding.message);
  });
});
