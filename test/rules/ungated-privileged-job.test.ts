import { ungatedPrivilegedJob } from "../../rules/ungated-privileged-job.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const ungated = wf("  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.PROD_DEPLOY_TOKEN }}\n");
const cloud = wf("  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n");
// GitLab CI: protected environments are the gate, and `extends:` may bring one in.
const GITLAB = ".gitlab-ci.yml";
const gitlab = (job: string) => `stages: [deploy]\n.deploy-template:\n  stage: deploy\n  environment: production\n${job}`;
const gitlabUngated = gitlab("deploy:\n  stage: deploy\n  script:\n    - ./deploy.sh --token $PROD_DEPLOY_TOKEN\n");
// A secret not named for a deployment: only the strict level asks for an environment.
const plainSecret = wf("  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./notify.sh\n        env:\n          SLACK_WEBHOOK: ${{ secrets.SLACK_WEBHOOK }}\n");
// Azure Pipelines: a deployment job's environment is the gate; service connections and variable groups carry their own checks.
const AZURE = "azure-pipelines.yml";
const azureJob = (job: string) => `jobs:\n${job}`;
const azureUngated = azureJob("  - job: deploy\n    steps:\n      - script: ./deploy.sh\n        env:\n          TOKEN: $(PROD_DEPLOY_TOKEN)\n");
const azureStrict = azureJob("  - job: notify\n    steps:\n      - script: ./notify.sh\n        env:\n          HOOK: $(SLACK_WEBHOOK_SECRET)\n");
// Jenkins: an `input` (in the stage, or in a stage before it) is the gate; credential ids are kebab-case.
const JENKINS = "Jenkinsfile";
const jenkins = (stages: string) => `pipeline {\n  agent any\n  stages {\n${stages}  }\n}\n`;
const jenkinsDeploy = "    stage('Deploy') {\n      steps {\n        withCredentials([string(credentialsId: 'prod-deploy-token', variable: 'TOKEN')]) {\n          sh './deploy.sh'\n        }\n      }\n    }\n";
const jenkinsUngated = jenkins(jenkinsDeploy);
// Bound as a static AWS key: the binding, not the id, says what it is.
const jenkinsAws = jenkins("    stage('Sync') {\n      steps {\n        withCredentials([[$class: 'AmazonWebServicesCredentialsBinding', credentialsId: 'ci-bucket']]) {\n          sh 'aws s3 sync out s3://site'\n        }\n      }\n    }\n");
// Buildkite: a `block` step holds every step after it.
const BUILDKITE = ".buildkite/pipeline.yml";
const buildkite = (steps: string) => `steps:\n  - label: test\n    command: make test\n${steps}  - label: deploy\n    key: deploy\n    command: ./deploy.sh\n    secrets:\n      - PROD_DEPLOY_TOKEN\n`;
// A sign-in whose role comes from a variable names no credential: the sign-in step does (after a checkout).
const cloudFromVariable = wf("  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{ vars.DEPLOY_ROLE }}\n");
// CircleCI: a job's secrets come from contexts, restricted in the organisation's settings the file cannot show.
const circleci = "version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: cimg/base:current\n    steps:\n      - run: ./deploy.sh --token $PROD_DEPLOY_TOKEN\nworkflows:\n  main:\n    jobs:\n      - deploy\n";
ruleTester(ungatedPrivilegedJob, {
  valid: [
    { name: "a platform whose files cannot say where the gate is (CircleCI)", path: ".circleci/config.yml", code: circleci, config: { level: "strict" } },
    { name: "a checkout and a build step are no cloud sign-in", code: wf("  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n      - run: make\n") },
    { name: "Jenkins: an `input` directive in the deploy stage", path: JENKINS, code: jenkinsUngated.replace("      steps {\n        withCredentials", "      input {\n        message 'Deploy to production?'\n      }\n      steps {\n        withCredentials") },
    { name: "Jenkins: an `input` step in a stage before it", path: JENKINS, code: jenkins(`    stage('Approve') {\n      steps {\n        input 'Deploy to production?'\n      }\n    }\n${jenkinsDeploy}`) },
    { name: "Jenkins: a credential not named for a deployment (default level)", path: JENKINS, code: jenkinsUngated.replace("prod-deploy-token", "sonar-scan-token") },
    { name: "Buildkite: a `block` step before the deploy step", path: BUILDKITE, code: buildkite("  - block: \":rocket: Release?\"\n") },
    { name: "Buildkite: a `wait` step is no approval, but no deploy secret either", path: BUILDKITE, code: buildkite("  - wait\n").replace("PROD_DEPLOY_TOKEN", "CODECOV_TOKEN") },
    { name: "Azure: a deployment job with its environment", path: AZURE, code: azureJob("  - deployment: deploy\n    environment: production\n    strategy:\n      runOnce:\n        deploy:\n          steps:\n            - script: ./deploy.sh\n              env:\n                TOKEN: $(PROD_DEPLOY_TOKEN)\n") },
    { name: "Azure: a service connection or a variable group (each with its own approvals and checks)", path: AZURE, code: azureJob("  - job: deploy\n    variables:\n      - group: prod-deploy-secrets\n    steps:\n      - task: AzureCLI@2\n        inputs:\n          azureSubscription: prod-arm-connection\n          scriptType: bash\n          inlineScript: ./deploy.sh\n"), config: { level: "strict" } },
    { name: "Azure: a job with a secret not named for a deployment (default level)", path: AZURE, code: azureStrict },
    { name: "any secret outside an environment, at the default level", code: plainSecret },
    { name: "at level: strict, a job with an environment", code: plainSecret.replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    environment: notifications\n"), config: { level: "strict" } },
    { name: "behind an environment", code: ungated.replace("    runs-on", "    environment: production\n    runs-on") },
    { name: "user names, URLs and bot tokens that only name a deployment word in passing (kubernetes/minikube, apache/arrow, pytorch/test-infra)", code: wf("  bump:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./bump.sh\n        env:\n          GH: ${{ secrets.MINIKUBE_BOT_PAT }}\n          U: ${{ secrets.DOCKERHUB_USER }}\n          L: ${{ secrets.AWS_INFRA_ALERTS_LAMBDA_URL }}\n") },
    { name: "GitLab: a job with `environment:`", path: GITLAB, code: gitlabUngated.replace("deploy:\n  stage: deploy\n", "deploy:\n  stage: deploy\n  environment:\n    name: production\n") },
    { name: "GitLab: a job extending a template (in this file) that has the environment", path: GITLAB, code: gitlabUngated.replace("deploy:\n  stage: deploy\n", "deploy:\n  extends: .deploy-template\n") },
    { name: "GitLab: a job extending a template from an include (its environment cannot be seen)", path: GITLAB, code: gitlabUngated.replace("deploy:\n  stage: deploy\n", "deploy:\n  extends: [.from-include]\n") },
    { name: "Azure Pipelines: service connections carry their own approvals and checks", path: "azure-pipelines.yml", code: "steps:\n  - script: ./deploy.sh\n    env:\n      TOKEN: $(PROD_DEPLOY_TOKEN)\n" },
    { name: "a job with a non-deployment secret", code: wf("  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          CODECOV: ${{ secrets.CODECOV_UPLOAD }}\n") },
  ],
  invalid: [
    { name: "Jenkins: a stage using a deploy credential with no `input` before it", path: JENKINS, code: jenkinsUngated, errors: [{ ...at(jenkinsUngated, "'Deploy'"), message: /^job `Deploy` uses deployment credentials \(prod-deploy-token\) with no `input` before it/ }] },
    { name: "Jenkins: an `input` only in a later stage gates nothing before it", path: JENKINS, code: jenkins(`${jenkinsDeploy}    stage('Approve') {\n      steps {\n        input 'Promote?'\n      }\n    }\n`), errors: [{ line: 4, column: 11, message: /job `Deploy`/ }] },
    { name: "Jenkins: a credential bound as a static AWS key", path: JENKINS, code: jenkinsAws, errors: [{ ...at(jenkinsAws, "'Sync'"), message: /job `Sync` uses deployment credentials \(ci-bucket\)/ }] },
    { name: "Buildkite: a deploy step with only a `wait` before it", path: BUILDKITE, code: buildkite("  - wait\n"), errors: [{ line: 5, column: 5, message: /^job `deploy` uses deployment credentials \(PROD_DEPLOY_TOKEN\) with no `block` step before it/ }] },
    { name: "Azure: a job using a deployment secret with no environment", path: AZURE, code: azureUngated, errors: [{ ...at(azureUngated, "deploy"), message: /^job `deploy` uses deployment credentials \(PROD_DEPLOY_TOKEN\) with no `environment:`/ }] },
    { name: "Azure: at level: strict, any secret variable outside a deployment job", path: AZURE, code: azureStrict, config: { level: "strict" }, errors: [{ ...at(azureStrict, "notify"), message: /^job `notify` uses a secret \(SLACK_WEBHOOK_SECRET\)/ }] },
    { name: "at level: strict, any secret outside an environment", code: plainSecret, config: { level: "strict" }, errors: [{ ...at(plainSecret, "notify"), message: /^job `notify` uses a secret \(SLACK_WEBHOOK\) with no `environment:`/ }] },
    { name: "a deploy token with no environment", code: ungated, errors: [{ ...at(ungated, "deploy:"), endColumn: undefined, message: /job `deploy` uses deployment credentials \(PROD_DEPLOY_TOKEN\)/ }] },
    { name: "GitLab: a deploy token in a job's script with no environment", path: GITLAB, code: gitlabUngated, errors: [{ line: 5, column: 1, message: /job `deploy` uses deployment credentials \(PROD_DEPLOY_TOKEN\)/ }] },
    { name: "a cloud sign-in whose role is a variable: named by its action", code: cloudFromVariable, errors: [{ ...at(cloudFromVariable, "release"), message: /^job `release` uses deployment credentials \(aws-actions\/configure-aws-credentials\) with no `environment:`/ }] },
    { name: "a cloud sign-in with no environment", code: cloud, errors: [{ ...at(cloud, "release"), message: /uses deployment credentials \(arn:aws:iam::123456789012:role\/deploy\)/ }] },
  ],
});
