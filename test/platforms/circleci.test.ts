import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

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

  it("a `$NAME` in an `environment:` value is text, not a variable read (CircleCI does not expand it there): no connector", async () => {
    const text = "version: 2.1\njobs:\n  deploy:\n    docker: [{ image: cimg/base:current }]\n    environment:\n      NOTE: see $DEPLOY_TOKEN docs\n    steps:\n      - run: make\n";
    const unowned = (await lintFiles([{ path: ".circleci/config.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector");
    assert.deepEqual(unowned, []);
  });

  it("recognised by content only with `version: 2` and a CircleCI top-level key", () => {
    assert.equal(platformFor("ci/config.yml", "version: 2.1\nworkflows:\n  main:\n    jobs: [build]\n").id, "circleci");
    assert.notEqual(platformFor("ci/other.yml", "version: 2\nfoo: bar\n").id, "circleci");
    assert.notEqual(platformFor("ci/config.txt", "version: 2.1\njobs: {}\n").id, "circleci");
  });
});

recognitionByContent(
  "circleci",
  "ci/config.yml",
  {
    "version 2.1 and workflows": "version: 2.1\nworkflows:\n  main:\n    jobs: [build]\n",
    'a quoted "2" and jobs': 'version: "2"\njobs:\n  build:\n    docker: [{image: x}]\n',
    "a spaced version and orbs": "version:   2.1\norbs:\n  node: circleci/node@5\n",
  },
  {
    "version 3": "version: 3\njobs:\n  a: {}\n",
    "a nested version": "app:\n  version: 2.1\njobs:\n  a: {}\n",
    "CircleCI keys that are not top-level": "version: 2.1\nbuild:\n  jobs: [a]\n",
    "a jobs-like key": "version: 2.1\njobsets: [a]\n",
  },
);

recognitionByPath("circleci", [".circleci/config.yml", "sub/.circleci/continue.yaml", "src/@orb.yml", "orb/src/commands/greet.yml", "src/jobs/deploy.yaml", "src/executors/default.yml", "src/examples/usage.yml"], [".circleci/config.yml.bak", ".circleci/scripts/x/config.yml", "src/@orb.yml.bak", "src/scripts/greet.yml", "src/commands/greet.sh"]);

describe("platform circleci: what CircleCI sets, and scopes", () => {
  it("CIRCLE_ variables are CircleCI's; a name that only contains CIRCLE_ is a connector; a workflow's context outside a job list is one too", async () => {
    const text = "version: 2.1\njobs:\n  build:\n    docker: [{image: x}]\n    steps:\n      - run: ./x.sh $CIRCLE_TOKEN $MY_CIRCLE_TOKEN\nworkflows:\n  main:\n    jobs:\n      - build:\n          context: [aws-prod, npm]\n";
    const unowned = (await lintFiles([{ path: ".circleci/config.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `MY_CIRCLE_TOKEN` in job `build`", "secret `aws-prod`", "secret `npm`"]);
  });

  it("a command outside jobs (a reusable command) is in no job", async () => {
    const text = "version: 2.1\ncommands:\n  publish:\n    steps:\n      - run: npm publish --token $NPM_TOKEN\njobs:\n  build:\n    docker: [{image: x}]\n    steps: [publish]\n";
    const unowned = (await lintFiles([{ path: ".circleci/config.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `NPM_TOKEN`"]);
  });
});

describe("platform circleci: the fix for a secret under `environment:`", () => {
  // CircleCI expands no `$NAME` in `environment:`, and a config value outranks the project's variable:
  // the entry goes (with `environment:` when it was the only one); the stored variable reaches the job.
  const job = (environment: string) => `version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: x\n    environment:\n${environment}    steps:\n      - run: ./deploy.sh\n`;
  const fixesOf = async (text: string) => (await lintFiles([{ path: ".circleci/config.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes;
  it("the entry goes; with `environment:` when it held nothing else", async () => {
    const one = job(`      API_TOKEN: ${token}\n`);
    assert.equal(applyEdits(one, (await fixesOf(one))[0].edits), "version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: x\n    steps:\n      - run: ./deploy.sh\n");
    const two = job(`      REGION: eu\n      API_TOKEN: ${token}\n`);
    assert.equal(applyEdits(two, (await fixesOf(two))[0].edits), job("      REGION: eu\n"));
  });
  it("a secret inside a longer value, or under another key than its name, has no edit in place (`$NAME` would be read as written)", async () => {
    assert.deepEqual(await fixesOf(job(`      DB_URL: postgres://app:${token}@db.internal.example.com/app\n`)), []);
    assert.deepEqual(await fixesOf(job(`      api_token: ${token}\n`)), []);
  });
});

describe("platform circleci: contexts, and where `$NAME` is expanded", () => {
  const secret = new FakeSecrets(44).chars(32);
  it("contexts are what `context:` names in workflows, one or a list; no other workflow value is one", async () => {
    const text = "version: 2.1\njobs:\n  build:\n    docker:\n      - image: x\n    steps:\n      - run: make\nworkflows:\n  main:\n    jobs:\n      - build:\n          context: org-global\n          requires: [lint]\n          filters:\n            branches:\n              only: main\n      - deploy:\n          context: [aws-prod, slack]\n";
    const refs = (await lintFiles([{ path: ".circleci/config.yml", text }])).models[0].model.connectorRefs.map((ref) => ref.name);
    assert.deepEqual(refs, ["org-global", "aws-prod", "slack"]);
  });
  it("a step's own `environment:` and a docker image's go as the job's do; a docker `auth:` password, which CircleCI expands, becomes `$NAME`", async () => {
    const step = `version: 2.1\njobs:\n  a:\n    docker:\n      - image: x\n    steps:\n      - run:\n          command: ./go.sh\n          environment:\n            API_TOKEN: ${secret}\n`;
    const fixed = applyEdits(step, (await lintFiles([{ path: ".circleci/config.yml", text: step }])).findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes[0].edits);
    assert.equal(fixed, "version: 2.1\njobs:\n  a:\n    docker:\n      - image: x\n    steps:\n      - run:\n          command: ./go.sh\n");
    const auth = `version: 2.1\njobs:\n  a:\n    docker:\n      - image: acme/private\n        auth:\n          username: bot\n          password: ${secret}\n    steps:\n      - run: make\n`;
    const edit = (await lintFiles([{ path: ".circleci/config.yml", text: auth }])).findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes[0].edits[0];
    assert.equal(edit.text, "$PASSWORD");
  });
  it("claims a spaced `version : 2.1`", () => {
    assert.equal(platformFor("ci/config.yml", "version : 2.1\njobs:\n  a:\n    steps: []\n").id, "circleci");
  });
});
