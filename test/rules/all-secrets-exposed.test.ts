import { allSecretsExposed } from "../../rules/all-secrets-exposed.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const dump = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n        env:\n          ALL: ${{ toJSON(secrets) }}\n");
ruleTester(allSecretsExposed, {
  valid: [
    { name: "one secret by name", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n        env:\n          ONE: ${{ secrets.ONE }}\n") },
    { name: "toJSON of another context", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo '${{ toJSON(github.event) }}'\n") },
  ],
  invalid: [{ name: "toJSON(secrets)", code: dump, errors: [{ ...at(dump, "${{ toJSON(secrets) }}"), message: /every secret of the repository is exposed here in job `a`/ }] }],
});
