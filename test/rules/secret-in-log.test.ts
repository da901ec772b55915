import { secretInLog } from "../../rules/secret-in-log.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const direct = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo \"token is ${{ secrets.API_TOKEN }}\"\n");
const viaEnv = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: debug\n        env:\n          TOKEN: ${{ secrets.API_TOKEN }}\n        run: |\n          echo \"$TOKEN\" | base64 >> $GITHUB_STEP_SUMMARY\n");
ruleTester(secretInLog, {
  valid: [
    { name: "a secret piped to a tool on stdin", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PASS: ${{ secrets.REG }}\n        run: echo \"$PASS\" | docker login -u bot --password-stdin r.example.com\n") },
    { name: "written to a file or to GITHUB_ENV, not to the log (apache/opendal, actions/starter-workflows idioms)", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          KEY: ${{ secrets.RSYNC_KEY }}\n        run: |\n          echo \"::add-mask::${{ secrets.OP_TOKEN }}\"\n          echo \"OP_TOKEN=${{ secrets.OP_TOKEN }}\" >> \"$GITHUB_ENV\"\n          printf '%s' \"${KEY}\" > \"${HOME}/.ssh/key\"\n          {\n            echo \"AWS_SECRET_ACCESS_KEY=${KEY}\"\n          } >> \"${GITHUB_ENV}\"\n") },
    { name: "piped into a tool, or `print` inside awk (actions/starter-workflows jfrog-sast, apache/arrow, huggingface/diffusers idioms)", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          JF_TOKEN: ${{ secrets.JF_TOKEN }}\n          KEY: ${{ secrets.GPG_KEY }}\n          HOOK: ${{ secrets.HOOK }}\n        run: |\n          echo $JF_TOKEN | jf c add --access-token-stdin\n          echo \"${KEY}\" | gpg --import\n          SIG=\"$(openssl dgst -hmac \"${HOOK}\" p.json | awk '{print $NF}')\"\n") },
    { name: "a secret used, not printed", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          TOKEN: ${{ secrets.API_TOKEN }}\n        run: curl -H \"Authorization: Bearer $TOKEN\" https://x\n") },
  ],
  invalid: [
    { name: "echo through base64 still prints", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.K }} | base64\n"), errors: [{ line: 9, column: 19, message: /secret `K` is printed/ }] },
    { name: "echo of a secret expression", code: direct, errors: [{ ...at(direct, '${{ secrets.API_TOKEN }}"'), message: /secret `API_TOKEN` is printed in job `a`/ }] },
    { name: "an env var bound to a secret written to the job summary", code: viaEnv, errors: [{ ...at(viaEnv, '$TOKEN" | base64 >> $GITHUB_STEP_SUMMARY'), message: /in job `a`, step `debug`/ }] },
  ],
});
