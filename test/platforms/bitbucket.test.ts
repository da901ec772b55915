import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

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
