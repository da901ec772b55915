import { unredactedSecret } from "../../rules/unredacted-secret.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

// zizmor's unredacted-secrets fixture, in short: both forms leave parsed values unmasked.
const env = (value: string) => wf(`  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$stuff"\n        env:\n          stuff: ${value}\n`);
const whole = env("${{ fromJSON(secrets.password) }}");
const field = env("${{ fromJson(secrets.otherstuff).field }}");

ruleTester(unredactedSecret, {
  valid: [
    { name: "a secret passed whole", code: env("${{ secrets.password }}") },
    { name: "fromJSON of something else (a variable, an output)", code: env("${{ fromJSON(vars.CONFIG).region }}") },
  ],
  invalid: [
    { name: "fromJSON(secrets.X)", code: whole, errors: [{ ...at(whole, "${{ fromJSON(secrets.password) }}"), message: /^`fromJSON\(secrets\.password\)` derives values GitHub does not mask: the fields parsed out of the secret are not registered for redaction in job `test`, step `[^`]+`, so they reach the logs in clear\.$/ }] },
    { name: "fromJson(secrets.X).field, any case", code: field, errors: [{ ...at(field, "${{ fromJson(secrets.otherstuff).field }}"), message: /^`fromJSON\(secrets\.otherstuff\)` derives values/ }] },
  ],
});
