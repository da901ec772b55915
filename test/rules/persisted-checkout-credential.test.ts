import { persistedCheckoutCredential } from "../../rules/persisted-checkout-credential.js";
import assert from "node:assert/strict";
import { applyEdits, at, lintFiles, ruleTester, WORKFLOW_PATH } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const bare = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make\n");
const withFetch = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Check out\n        uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n      - run: make\n");
const explicitTrue = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: true\n");
// Azure Pipelines keeps System.AccessToken in .git/config only when asked to.
const AZURE = "azure-pipelines.yml";
const azure = (checkout: string) => `jobs:\n  - job: build\n    steps:\n      - checkout: self\n${checkout}      - script: git push origin HEAD\n`;
const azurePersist = azure("        persistCredentials: True\n");
// Composite actions run their own steps: a checkout there persists the caller's token the same way.
const compositeCheckout = "name: Build\ndescription: d\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n    - run: make\n      shell: bash\n";
// `- *checkout` is the anchored step, run in job b too.
const aliased = wf("  a:\n    runs-on: x\n    steps:\n      - &checkout\n        uses: actions/checkout@v4\n  b:\n    runs-on: x\n    steps:\n      - *checkout\n      - run: make\n");
// `with:` in the other ways YAML writes it: the fix must add the input there, never a second `with:`.
const step = (lines: string) => wf(`  a:\n    runs-on: ubuntu-latest\n    steps:\n${lines}      - run: make\n`);
const flowWith = step("      - uses: actions/checkout@v4\n        with: { fetch-depth: 0 }\n");
const emptyFlowWith = step("      - uses: actions/checkout@v4\n        with: {}\n");
const emptyWith = step("      - uses: actions/checkout@v4\n        with:\n");
const flowStep = step("      - { uses: actions/checkout@v4, name: co }\n");
const withAlias = wf("  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with: &opts\n          fetch-depth: 0\n      - uses: actions/checkout@v4\n        with: *opts\n");
ruleTester(persistedCheckoutCredential, {
  valid: [
    { name: "an anchored checkout with persist-credentials: false, reused by alias", code: wf("  a:\n    runs-on: x\n    steps:\n      - &checkout\n        uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n  b:\n    runs-on: x\n    steps:\n      - *checkout\n      - run: make\n") },
    { name: "persist-credentials: false", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n") },
    { name: "Azure: a checkout as it comes (persistCredentials defaults to false)", path: AZURE, code: azure("") },
    { name: "Azure: persistCredentials: false", path: AZURE, code: azure("        persistCredentials: false\n") },
  ],
  invalid: [
    { name: "a composite action's checkout (action.yml runs.steps)", path: "action.yml", code: compositeCheckout, errors: [at(compositeCheckout, "actions/checkout@v4", /checkout in the composite action, step `actions\/checkout@v4 \(step 1\)`/)], output: compositeCheckout.replace("actions/checkout@v4\n", "actions/checkout@v4\n      with:\n        persist-credentials: false\n") },
    { name: "a checkout reached through an alias is a checkout of each job that uses it (reported where each job runs it; the fix edits the anchor)", code: aliased, errors: [at(aliased, "actions/checkout@v4", /job `a`/), at(aliased, "*checkout", /job `b`/)], output: aliased.replace("actions/checkout@v4\n", "actions/checkout@v4\n        with:\n          persist-credentials: false\n") },
    { name: "a bare checkout: the fix adds a with: block", code: bare, errors: [at(bare, "actions/checkout@v4", /leaves its token in \.git\/config/)], output: bare.replace("actions/checkout@v4\n", "actions/checkout@v4\n        with:\n          persist-credentials: false\n") },
    { name: "a checkout with inputs: the fix adds one line", code: withFetch, errors: [at(withFetch, "actions/checkout@v4")], output: withFetch.replace("fetch-depth: 0\n", "fetch-depth: 0\n          persist-credentials: false\n") },
    { name: "Azure: persistCredentials: True, with the job and step in the message", path: AZURE, code: azurePersist, errors: [at(azurePersist, "True", /checkout in job `build`, step `checkout: self \(step 1\)` leaves its token/)], output: azurePersist.replace("True", "false") },
    { name: "a flow `with: { … }`: the input joins it", code: flowWith, errors: [at(flowWith, "actions/checkout@v4")], output: flowWith.replace("{ fetch-depth: 0 }", "{ fetch-depth: 0, persist-credentials: false }") },
    { name: "an empty flow `with: {}`: the input goes inside", code: emptyFlowWith, errors: [at(emptyFlowWith, "actions/checkout@v4")], output: emptyFlowWith.replace("{}", "{ persist-credentials: false }") },
    { name: "an empty `with:`: the input goes under it", code: emptyWith, errors: [at(emptyWith, "actions/checkout@v4")], output: emptyWith.replace("with:\n", "with:\n          persist-credentials: false\n") },
    ...["~", "null", '""', "''", "~ # nothing"].map((empty) => {
      const code = step(`      - uses: actions/checkout@v4\n        with: ${empty}\n      - run: make\n`);
      const written = empty.replace(/ #.*/, "");
      // A line under `with: ~` would not parse: the empty value itself becomes the input's flow map.
      return { name: `an empty \`with: ${empty}\`: it becomes \`{ persist-credentials: false }\``, code, errors: [at(code, "actions/checkout@v4")], output: code.replace(`with: ${written}`, "with: { persist-credentials: false }") };
    }),
    ...["~", '""'].map((empty) => {
      const code = step(`      - { uses: actions/checkout@v4, with: ${empty} }\n`);
      return { name: `a flow step's empty \`with: ${empty}\`: it becomes \`{ persist-credentials: false }\``, code, errors: [at(code, "actions/checkout@v4")], output: code.replace(`with: ${empty}`, "with: { persist-credentials: false }") };
    }),
    { name: "a step written `{ uses: … }`: a flow `with:` of its own", code: flowStep, errors: [at(flowStep, "actions/checkout@v4")], output: flowStep.replace("name: co }", "name: co, with: { persist-credentials: false } }") },
    { name: "persist-credentials: true", code: explicitTrue, errors: [at(explicitTrue, "true\n".slice(0, 4))], output: explicitTrue.replace("persist-credentials: true", "persist-credentials: false") },
  ],
});

describe("persisted-checkout-credential: the fix as the editor offers it", () => {
  const find = async (path: string, text: string) => (await lintFiles([{ path, text }], { rules: [persistedCheckoutCredential] })).findings;
  it("GitHub: not applied silently (a later push may need the token), with what to do next, and the help names the fix", async () => {
    const [finding] = await find(WORKFLOW_PATH, bare);
    assert.equal(finding.fixes.length, 1);
    assert.equal(finding.fixes[0].safe, false);
    assert.deepEqual(finding.fixes[0].followUp, ["A later step that pushes must now authenticate itself (for example with a token in its own env)."]);
    assert.equal(finding.help, `${finding.fixes[0].title} on the checkout; give a token only to the step that pushes.`);
  });
  it("no fix where no edit is safe (`with:` an alias another step shares): the help says what to do", async () => {
    const findings = await find(WORKFLOW_PATH, withAlias);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings[1].fixes, []);
    assert.equal(findings[1].help, "Turn off keeping the token on the checkout; give a token only to the step that pushes.");
    // The anchored one is edited in place, as any block `with:`.
    assert.equal(findings[0].fixes[0].edits[0].text, "          persist-credentials: false\n");
  });
  it("no fix where `with:` is a string or a list (a second `with:` would be a duplicate key; a line under it would not parse)", async () => {
    for (const value of ["fetch-depth", "[a]", '"x"'])
      assert.deepEqual((await find(WORKFLOW_PATH, step(`      - uses: actions/checkout@v4\n        with: ${value}\n`)))[0].fixes, [], value);
  });
  it("a file that ends without a line break: the new line starts with one (it was appended to the last line)", async () => {
    const cases = [
      ["      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0", "      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n          persist-credentials: false\n"],
      ["      - uses: actions/checkout@v4\n        with:", "      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n"],
      ["      - uses: actions/checkout@v4", "      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n"],
    ];
    const job = (lines: string) => wf(`  a:\n    runs-on: ubuntu-latest\n    steps:\n${lines}`);
    for (const [last, fixed] of cases) {
      const code = job(last);
      assert.ok(!code.endsWith("\n"));
      const [finding] = await find(WORKFLOW_PATH, code);
      assert.equal(applyEdits(code, finding.fixes[0].edits), job(fixed), last);
    }
  });
  it("Azure: the fix has no follow-up step of its own", async () => {
    const [finding] = await find(AZURE, azurePersist);
    assert.equal(finding.fixes[0].safe, false);
    assert.equal(finding.fixes[0].followUp, undefined);
    assert.ok(finding.help!.startsWith(finding.fixes[0].title));
  });
});
