import { broadSecretScope } from "../../rules/broad-secret-scope.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const steps = "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n";
const workflowLevel = wf(`  a:\n${steps}`, "permissions:\n  contents: read\nenv:\n  DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n");
const jobLevel = wf(`  a:\n    env:\n      DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n${steps}`);
const oneStep = "    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n";
const workflowOneJobOneStep = wf(`  a:\n${oneStep}`, "permissions:\n  contents: read\nenv:\n  T: ${{ secrets.T }}\n");
const workflowTwoJobs = wf(`  a:\n${oneStep}  b:\n${oneStep}`, "permissions:\n  contents: read\nenv:\n  T: ${{ secrets.T }}\n");
// GitLab and Azure: the pipeline's own top-level `variables:` reach every job.
const GITLAB = ".gitlab-ci.yml";
const gitlabPipeline = (deployScript: string) => `variables:\n  DEPLOY_TOKEN: $PROD_DEPLOY_TOKEN\n  REGION: eu\n.hidden:\n  script:\n    - echo template\nbuild:\n  script:\n    - make\ndeploy:\n  script:\n    - ${deployScript}\n`;
const gitlabOneUser = gitlabPipeline("./deploy.sh --token \"$DEPLOY_TOKEN\"");
const gitlabMapForm = "variables:\n  DEPLOY_TOKEN:\n    value: $PROD_DEPLOY_TOKEN\n    description: the deploy token\nbuild:\n  script:\n    - make\ndeploy:\n  script:\n    - ./deploy.sh\n";
const AZURE = "azure-pipelines.yml";
const azurePipeline = (variables: string, jobs = "jobs:\n  - job: build\n    steps:\n      - script: make\n  - job: sign\n    steps:\n      - script: ./sign.sh\n") => `${variables}${jobs}`;
const azureWide = azurePipeline("variables:\n  - group: signing-secrets\n  - name: config\n    value: release\n");
ruleTester(broadSecretScope, {
  valid: [
    { name: "GitLab: every job uses the pipeline-wide variable", path: GITLAB, code: gitlabPipeline("./deploy.sh").replace("    - make\n", "    - make TOKEN=$DEPLOY_TOKEN\n").replace("./deploy.sh", "./deploy.sh ${DEPLOY_TOKEN}") },
    { name: "GitLab: every job uses the pipeline-wide variable, in one of its script lines", path: GITLAB, code: gitlabPipeline("./deploy.sh ${DEPLOY_TOKEN}").replace("    - make\n", "    - make\n    - make publish TOKEN=$DEPLOY_TOKEN\n    - make clean\n") },
    { name: "GitLab: one job (hidden templates do not count)", path: GITLAB, code: "variables:\n  DEPLOY_TOKEN: $PROD_DEPLOY_TOKEN\n.hidden:\n  script:\n    - echo\ndeploy:\n  script:\n    - ./deploy.sh\n" },
    { name: "GitLab: a variable bound in the job that uses it", path: GITLAB, code: "build:\n  script:\n    - make\ndeploy:\n  variables:\n    DEPLOY_TOKEN: $PROD_DEPLOY_TOKEN\n  script:\n    - ./deploy.sh\n" },
    { name: "Azure: a group linked by the job or the stage that uses it", path: AZURE, code: "stages:\n  - stage: release\n    variables:\n      - group: signing-secrets\n    jobs:\n      - job: sign\n        variables:\n          - group: other-secrets\n        steps:\n          - script: ./sign.sh\n      - job: build\n        steps:\n          - script: make\n" },
    { name: "Azure: a pipeline of one job", path: AZURE, code: azurePipeline("variables:\n  - group: signing-secrets\n", "jobs:\n  - job: sign\n    steps:\n      - script: ./sign.sh\n") },
    { name: "bound to the step that uses it", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n") },
    { name: "workflow-level binding in a one-job, one-step workflow", code: workflowOneJobOneStep },
    { name: "workflow-level env over two jobs calling reusable workflows (it reaches no step: env is not passed to a called workflow)", code: wf("  a:\n    uses: acme/ci/.github/workflows/a.yml@v1\n  b:\n    uses: acme/ci/.github/workflows/b.yml@v1\n", "permissions:\n  contents: read\nenv:\n  T: ${{ secrets.T }}\n") },
    { name: "workflow-level env over a job of one step and a reusable-workflow call", code: wf(`  a:\n${oneStep}  b:\n    uses: acme/ci/.github/workflows/b.yml@v1\n`, "permissions:\n  contents: read\nenv:\n  T: ${{ secrets.T }}\n") },
    { name: "job-level binding in a one-step job", code: wf("  a:\n    env:\n      T: ${{ secrets.T }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./x.sh\n") },
  ],
  invalid: [
    { name: "GitLab: a secret bound for the whole pipeline, used by one of its two jobs", path: GITLAB, code: gitlabOneUser, errors: [{ ...at(gitlabOneUser, "DEPLOY_TOKEN"), message: /^secret `PROD_DEPLOY_TOKEN` is bound to `DEPLOY_TOKEN` for the whole pipeline: all 2 jobs get it, 1 names it in a script\.$/ }] },
    { name: "GitLab: the `value:` form, used by no job's script", path: GITLAB, code: gitlabMapForm, errors: [{ ...at(gitlabMapForm, "DEPLOY_TOKEN"), message: /all 2 jobs get it, 0 name it in a script/ }] },
    { name: "Azure: a variable group linked for the whole pipeline of two jobs", path: AZURE, code: azureWide, errors: [{ ...at(azureWide, "signing-secrets"), message: /^`signing-secrets` is linked for the whole pipeline: all 2 jobs get it\.$/ }] },
    { name: "workflow-level env", code: workflowLevel, errors: [{ ...at(workflowLevel, "DEPLOY_TOKEN"), message: /^secret `DEPLOY_TOKEN` is bound to `DEPLOY_TOKEN` for every step of all 1 job, third-party actions included\.$/ }] },
    { name: "job-level env in a multi-step job", code: jobLevel, errors: [{ ...at(jobLevel, "DEPLOY_TOKEN"), message: /^secret `DEPLOY_TOKEN` is bound to `DEPLOY_TOKEN` for all 2 steps of job `a`, third-party actions included\.$/ }] },
    {
      name: "workflow-level env over two one-step jobs: every step of both",
      code: workflowTwoJobs,
      errors: [{ ...at(workflowTwoJobs, "T:"), endColumn: at(workflowTwoJobs, "T:").column + 1, message: /^secret `T` is bound to `T` for every step of all 2 jobs, third-party actions included\.$/ }],
    },
  ],
});
