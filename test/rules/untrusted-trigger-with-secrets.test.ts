import { untrustedTriggerWithSecrets } from "../../rules/untrusted-trigger-with-secrets.js";
import { at, ruleTester } from "../helpers.js";

const prt = (ref: string, extra = "        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n") =>
  `name: pr\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${ref}\n      - run: npm ci && npm test\n${extra}`;
const bad = prt("${{ github.event.pull_request.head.sha }}");
ruleTester(untrustedTriggerWithSecrets, {
  valid: [
    { name: "pull_request_target checking out the base", code: prt("${{ github.sha }}") },
    { name: "untrusted checkout but no secrets and no write token", code: prt("${{ github.event.pull_request.head.sha }}", "") },
    { name: "plain pull_request", code: bad.replace("pull_request_target", "pull_request") },
  ],
  invalid: [{ name: "head checkout with a secret in reach", code: bad, errors: [{ ...at(bad, "${{ github.event.pull_request.head.sha }}"), message: /`pull_request_target` .* job `test` checks out the untrusted head while NPM_TOKEN is in reach/ }] }],
});
