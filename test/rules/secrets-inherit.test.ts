import { secretsInherit } from "../../rules/secrets-inherit.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const inherit = wf("  call:\n    uses: acme/shared/.github/workflows/release.yml@v1\n    secrets: inherit\n");
// GitLab: a trigger job forwarding the variables its pipeline was started with to another project's pipeline.
const GITLAB = ".gitlab-ci.yml";
const trigger = (forward: string) => `deploy:\n  stage: deploy\n  trigger:\n    project: ops/deploy\n    forward:\n${forward}`;
const forwarded = trigger("      pipeline_variables: true\n");
const childForwarded = "child:\n  trigger:\n    include: ci/child.yml\n    forward:\n      pipeline_variables: true\n";
ruleTester(secretsInherit, {
  valid: [
    { name: "secrets passed by name", code: wf("  call:\n    uses: acme/shared/.github/workflows/release.yml@v1\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n") },
    { name: "GitLab: a trigger forwarding only its own YAML variables (the default)", path: GITLAB, code: trigger("      yaml_variables: true\n      pipeline_variables: false\n") },
    { name: "GitLab: a trigger with no `forward:`", path: GITLAB, code: "deploy:\n  trigger: ops/deploy\n" },
  ],
  invalid: [
    { name: "secrets: inherit", code: inherit, errors: [{ ...at(inherit, "inherit"), message: /^job `call` passes every secret to acme\/shared\/.github\/workflows\/release.yml@v1 with `secrets: inherit`: it needs only some of them\.$/ }] },
    { name: "`secrets: inherit` on a job whose `uses:` is not written yet", code: wf("  call:\n    secrets: inherit\n"), errors: [{ ...at(wf("  call:\n    secrets: inherit\n"), "inherit"), message: /^job `call` passes every secret to the called workflow with `secrets: inherit`/ }] },
    { name: "GitLab: a multi-project trigger with `forward: pipeline_variables: true`", path: GITLAB, code: forwarded, errors: [{ ...at(forwarded, "true"), message: /^job `deploy` passes every variable its pipeline was started with \(manual, scheduled, API and trigger variables, secrets among them\) to ops\/deploy with `forward: pipeline_variables: true`/ }] },
    { name: "GitLab: a child pipeline with `forward: pipeline_variables: true`", path: GITLAB, code: childForwarded, errors: [{ ...at(childForwarded, "true"), message: /^job `child` passes every variable .* to ci\/child.yml with/ }] },
  ],
});
