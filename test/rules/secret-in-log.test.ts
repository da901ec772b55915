import { secretInLog } from "../../rules/secret-in-log.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const direct = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo \"token is ${{ secrets.API_TOKEN }}\"\n");
const viaEnv = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: debug\n        env:\n          TOKEN: ${{ secrets.API_TOKEN }}\n        run: |\n          echo \"$TOKEN\" | base64 >> $GITHUB_STEP_SUMMARY\n");
ruleTester(secretInLog, {
  valid: [
    { name: "a secret piped to a tool on stdin", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PASS: ${{ secrets.REG }}\n        run: echo \"$PASS\" | docker login -u bot --password-stdin r.example.com\n") },
    { name: "a secret used, not printed", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          TOKEN: ${{ secrets.API_TOKEN }}\n        run: curl -H \"Authorization: Bearer $TOKEN\" https://x\n") },
  ],
  invalid: [
    { name: "echo of a secret expression", code: direct, errors: [{ ...at(direct, '${{ secrets.API_TOKEN }}"'), message: /secret `API_TOKEN` is printed in job `a`/ }] },
    { name: "an env var bound to a secret written to the job summary", code: viaEnv, errors: [{ ...at(viaEnv, '$TOKEN" | base64 >> $GITHUB_STEP_SUMMARY'), message: /in job `a`, step `debug`/ }] },
  ],
});
