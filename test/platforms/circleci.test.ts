import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const token = new FakeSecrets(34).chars(40);
const config = (command: string) => `version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: cimg/node:20.11\n    steps:\n      - checkout\n      - run:\n          name: Deploy\n          command: ${command}\nworkflows:\n  main:\n    jobs:\n      - deploy:\n          context: [aws-prod]\n`;

platformSuite({
  platform: "circleci",
  claims: [
    { path: ".circleci/config.yml", text: "" },
    { path: "src/commands/install.yml", text: "" },
  ],
  leaves: [{ path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" }],
  connectors: { path: ".circleci/config.yml", text: config("./deploy.sh --token $DEPLOY_TOKEN $CIRCLE_SHA1"), expected: ["DEPLOY_TOKEN:secret", "aws-prod:secret"] },
  secret: { path: ".circleci/config.yml", text: config(`./deploy.sh --token ${token}`), value: token, fixed: config("./deploy.sh --token $TOKEN") },
  clean: [{ path: ".circleci/config.yml", text: config("./deploy.sh --token $DEPLOY_TOKEN") }],
  validate: validYaml,
});

describe("platform circleci: jobs, run shorthands and contexts", () => {
  it("a `run:` string is a script in its job; contexts named by workflow jobs, one or a list, are connectors", async () => {
    const text = "version: 2.1\njobs:\n  deploy:\n    docker: [{ image: cimg/base:current }]\n    steps:\n      - run: ./deploy.sh $DEPLOY_TOKEN\nworkflows:\n  main:\n    jobs:\n      - deploy:\n          context: slack-notify\n      - deploy:\n          context: [aws-prod, npm-publish]\n";
    const unowned = (await lintFiles([{ path: ".circleci/config.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `DEPLOY_TOKEN` in job `deploy`", "secret `slack-notify`", "secret `aws-prod`", "secret `npm-publish`"]);
  });

  it("recognised by content only with `version: 2` and a CircleCI top-level key", () => {
    assert.equal(platformFor("ci/config.yml", "version: 2.1\nworkflows:\n  main:\n    jobs: [build]\n").id, "circleci");
    assert.notEqual(platformFor("ci/other.yml", "version: 2\nfoo: bar\n").id, "circleci");
    assert.notEqual(platformFor("ci/config.txt", "version: 2.1\njobs: {}\n").id, "circleci");
  });
});
