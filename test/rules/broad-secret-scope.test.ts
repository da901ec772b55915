import { broadSecretScope } from "../../rules/broad-secret-scope.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const steps = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n";
const workflowLevel = wf(`  a:\n${steps}`, "permissions:\n  contents: read\nenv:\n  DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n");
const jobLevel = wf(`  a:\n    env:\n      DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n${steps}`);
const oneStep = "    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n";
const workflowOneJobOneStep = wf(`  a:\n${oneStep}`, "permissions:\n  contents: read\nenv:\n  T: ${{ secrets.T }}\n");
const workflowTwoJobs = wf(`  a:\n${oneStep}  b:\n${oneStep}`, "permissions:\n  contents: read\nenv:\n  T: ${{ secrets.T }}\n");
ruleTester(broadSecretScope, {
  valid: [
    { name: "bound to the step that uses it", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n") },
    { name: "workflow-level binding in a one-job, one-step workflow", code: workflowOneJobOneStep },
    { name: "job-level binding in a one-step job", code: wf("  a:\n    env:\n      T: ${{ secrets.T }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n") },
  ],
  invalid: [
    { name: "workflow-level env", code: workflowLevel, errors: [{ ...at(workflowLevel, "DEPLOY_TOKEN"), message: /bound to `DEPLOY_TOKEN` for every step of all 1 job/ }] },
    { name: "job-level env in a multi-step job", code: jobLevel, errors: [{ ...at(jobLevel, "DEPLOY_TOKEN"), message: /^secret `DEPLOY_TOKEN` is bound to `DEPLOY_TOKEN` for all 2 steps of job `a`, third-party actions included\.$/ }] },
    {
      name: "workflow-level env over two one-step jobs: every step of both",
      code: workflowTwoJobs,
      errors: [{ ...at(workflowTwoJobs, "T:"), endColumn: at(workflowTwoJobs, "T:").column + 1, message: /^secret `T` is bound to `T` for every step of all 2 jobs, third-party actions included\.$/ }],
    },
  ],
});
