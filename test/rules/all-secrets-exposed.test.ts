import assert from "node:assert/strict";
import { allSecretsExposed, passesAllSecrets } from "../../rules/all-secrets-exposed.js";
import { at, FakeSecrets, ruleTester } from "../helpers.js";
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

describe("all-secrets-exposed: the whole context passed to fromJSON, format or join", () => {
  // The regex this pass replaced (quadratic on calls nested thousands deep): the same answers.
  const REGEX = /\b(?:fromJSON|format|join)\s*\([^)]*\bsecrets\s*[,)]/;
  const pieces = ["format(", "join (", "fromJSON(", "toJSON(", "foo(", "secrets", "secrets.X", "mysecrets", " ", ",", ")", "(", "'a'", "x"];
  it("finds what the regex finds, on 5 000 random expressions of those pieces", () => {
    const random = new FakeSecrets(35);
    for (let i = 0; i < 5_000; i++) {
      const expression = Array.from({ length: 1 + random.below(10) }, () => pieces[random.below(pieces.length)]).join("");
      assert.equal(passesAllSecrets(expression), REGEX.test(expression), expression);
    }
  });
  it("the cases that take care: a `)` between ends the call; another call's `(` between does not", () => {
    assert.deepEqual(["format('{0}', secrets)", "join(secrets, ',')", "format(foo(bar, secrets)", "format(foo(bar), secrets)", "format(x) secrets,", "secrets, format(", "fromJSON(secrets.X)"].map(passesAllSecrets), [true, true, true, false, false, false, false]);
  });
});
