import { allSecretsExposed } from "../../rules/all-secrets-exposed.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const dump = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n        env:\n          ALL: ${{ toJSON(secrets) }}\n");
const computed = wf(
  "  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n        env:\n          A: ${{ secrets[format('{0}_DEPLOY_TOKEN', matrix.env)] }}\n          B: ${{ secrets[matrix.secret] }}\n          C: ${{ secrets [ inputs.name ] }}\n",
);
ruleTester(allSecretsExposed, {
  valid: [
    { name: "one secret by name", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n        env:\n          ONE: ${{ secrets.ONE }}\n") },
    { name: "toJSON of another context", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo '${{ toJSON(github.event) }}'\n") },
    { name: "a secret by a quoted name or a number; another context indexed", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n        env:\n          A: ${{ secrets['NPM_TOKEN'] }}\n          B: ${{ secrets[ \"GH_TOKEN\" ] }}\n          C: ${{ vars[matrix.name] }}\n          D: ${{ github.event.secrets[matrix.x] }}\n") },
  ],
  invalid: [
    { name: "toJSON(secrets)", code: dump, errors: [{ ...at(dump, "${{ toJSON(secrets) }}"), message: /every secret of the repository is exposed here in job `a`/ }] },
    { name: "a secret by a name made at run time (format, a matrix value, an input)", code: computed, errors: ["${{ secrets[format('{0}_DEPLOY_TOKEN', matrix.env)] }}", "${{ secrets[matrix.secret] }}", "${{ secrets [ inputs.name ] }}"].map((text) => ({ ...at(computed, text), message: /a secret is chosen by a name made at run time here in job `a`, step `.\/x.sh \(step 1\)`: GitHub then gives the job every secret/ })) },
  ],
});
