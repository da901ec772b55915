import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, validYaml } from "./suite.js";

const password = new FakeSecrets(33).password(18);
const pipeline = (line: string) => `image: node:20\npipelines:\n  default:\n    - step:\n        name: deploy\n        script:\n${line}`;

platformSuite({
  platform: "bitbucket-pipelines",
  claims: [{ path: "bitbucket-pipelines.yml", text: "" }],
  leaves: [{ path: "docker-compose.yml", text: "services:\n  web:\n    image: nginx\n" }],
  connectors: { path: "bitbucket-pipelines.yml", text: pipeline(`          - docker login -u "$DOCKER_USER" -p "$DOCKER_PASSWORD"\n          - echo $BITBUCKET_COMMIT\n`), expected: ["DOCKER_PASSWORD:secret"] },
  secret: { path: "bitbucket-pipelines.yml", text: pipeline(`          - docker login -u bot -p ${password} registry.example.com\n`), value: password, fixed: pipeline(`          - docker login -u bot -p $REGISTRY_PASSWORD registry.example.com\n`) },
  clean: [{ path: "bitbucket-pipelines.yml", text: pipeline(`          - docker login -u bot -p "$DOCKER_PASSWORD" registry.example.com\n`) }],
  validate: validYaml,
});

describe("platform bitbucket-pipelines: defined variables and after-script", () => {
  it("a variable the file defines (definitions.variables) is no connector; after-script lines are scripts too", async () => {
    const text = "definitions:\n  variables:\n    LOCAL_TOKEN: x\npipelines:\n  default:\n    - step:\n        script:\n          - ./deploy.sh $LOCAL_TOKEN $DEPLOY_TOKEN\n        after-script:\n          - ./notify.sh $SLACK_TOKEN\n";
    const unowned = (await lintFiles([{ path: "bitbucket-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);
    assert.deepEqual(unowned, ["DEPLOY_TOKEN", "SLACK_TOKEN"]);
  });

  it("recognised by content only with `pipelines:` and a step", () => {
    assert.equal(platformFor("ci/bb.yml", "pipelines:\n  default:\n    - step:\n        script: [make]\n").id, "bitbucket-pipelines");
    assert.notEqual(platformFor("ci/bb.yml", "pipelines:\n  default: []\n").id, "bitbucket-pipelines");
    assert.notEqual(platformFor("ci/bb.txt", "pipelines:\n  default:\n    - step:\n        script: [make]\n").id, "bitbucket-pipelines");
  });
});

recognitionByContent(
  "bitbucket-pipelines",
  "ci/pipelines.yml",
  { "pipelines and an indented step": "pipelines:\n  default:\n    - step:\n        script: [make]\n", "a spaced step": "pipelines:\n  default:\n    -   step  :\n        script: [make]\n" },
  {
    "pipelines not at the top level": "ci:\n  pipelines:\n    default:\n      - step:\n          script: [make]\n",
    "a step at the top level": "pipelines: {}\n- step:\n",
    "a step-like key": "pipelines:\n  default:\n    - steps:\n        script: [make]\n",
    "a pipelines-like key": "pipelinesx:\n  default:\n    - step:\n        script: [make]\n",
  },
);

describe("platform bitbucket-pipelines: what Bitbucket sets", () => {
  it("BITBUCKET_ variables are Bitbucket's; a name that only contains BITBUCKET_ is a connector", async () => {
    const text = "pipelines:\n  default:\n    - step:\n        script:\n          - ./x.sh $BITBUCKET_TOKEN $MY_BITBUCKET_TOKEN\n";
    const unowned = (await lintFiles([{ path: "bitbucket-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);
    assert.deepEqual(unowned, ["MY_BITBUCKET_TOKEN"]);
  });
});
