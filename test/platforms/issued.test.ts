// What each platform issues itself is no connector to own: its job tokens and built-in variables
// (`$CI_JOB_TOKEN`, `$(System.AccessToken)`, `$BITBUCKET_STEP_OIDC_TOKEN`...) get no
// `unowned-connector` finding, while a secret of the same shape that the team stored does. A false
// "unowned" on every job token would teach people to ignore the rule.
import assert from "node:assert/strict";
import { lintFiles } from "../helpers.js";

const CASES: { platform: string; path: string; file: (name: string) => string; issued: string[]; stored: string }[] = [
  { platform: "GitLab CI", path: ".gitlab-ci.yml", file: (n) => `deploy:\n  script:\n    - ./deploy.sh --token $${n}\n`, issued: ["CI_JOB_TOKEN", "CI_REGISTRY_PASSWORD"], stored: "DEPLOY_TOKEN" },
  { platform: "Azure Pipelines", path: "azure-pipelines.yml", file: (n) => `steps:\n  - script: ./deploy.sh\n    env:\n      TOKEN: $(${n})\n`, issued: ["System.AccessToken"], stored: "DeployToken" },
  { platform: "Bitbucket", path: "bitbucket-pipelines.yml", file: (n) => `pipelines:\n  default:\n    - step:\n        script:\n          - ./deploy.sh --token $${n}\n`, issued: ["BITBUCKET_STEP_OIDC_TOKEN"], stored: "DEPLOY_TOKEN" },
  { platform: "CircleCI", path: ".circleci/config.yml", file: (n) => `version: 2.1\njobs:\n  deploy:\n    docker: [{ image: cimg/base:current }]\n    steps:\n      - run: ./deploy.sh --token $${n}\n`, issued: ["CIRCLE_OIDC_TOKEN_V2", "CIRCLE_OIDC_TOKEN"], stored: "DEPLOY_TOKEN" },
  { platform: "Buildkite", path: ".buildkite/pipeline.yml", file: (n) => `steps:\n  - label: deploy\n    command: ./deploy.sh --token $$${n}\n`, issued: ["BUILDKITE_AGENT_ACCESS_TOKEN"], stored: "DEPLOY_TOKEN" },
  { platform: "Drone / Woodpecker", path: ".drone.yml", file: (n) => `kind: pipeline\ntype: docker\nname: default\nsteps:\n  - name: deploy\n    image: alpine\n    commands:\n      - ./deploy.sh --token $${n}\n`, issued: ["DRONE_NETRC_PASSWORD", "CI_NETRC_PASSWORD"], stored: "DEPLOY_TOKEN" },
  { platform: "AWS CodeBuild", path: "buildspec.yml", file: (n) => `version: 0.2\nphases:\n  build:\n    commands:\n      - ./deploy.sh --token $${n}\n`, issued: ["CODEBUILD_WEBHOOK_TOKEN"], stored: "DEPLOY_TOKEN" },
];

describe("platform-issued variables are no connectors", () => {
  for (const c of CASES) {
    it(`${c.platform}: ${c.issued.join(", ")} unreported; a stored ${c.stored} reported`, async () => {
      const unowned = async (name: string) => (await lintFiles([{ path: c.path, text: c.file(name) }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);
      for (const name of c.issued) assert.deepEqual(await unowned(name), [], name);
      assert.deepEqual(await unowned(c.stored), [c.stored]);
    });
  }

  it("Jenkins: every credential id is the team's, whatever it starts with (GIT_, BUILD_...)", async () => {
    const text = "node {\n  withCredentials([string(credentialsId: 'GIT_PUSH_KEY', variable: 'KEY'), string(credentialsId: 'BUILD_SIGNING_TOKEN', variable: 'SIGN')]) {\n    sh './release.sh'\n  }\n}\n";
    const result = await lintFiles([{ path: "Jenkinsfile", text }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["GIT_PUSH_KEY", "BUILD_SIGNING_TOKEN"]);
  });
});
