import { FakeSecrets } from "../helpers.js";
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
