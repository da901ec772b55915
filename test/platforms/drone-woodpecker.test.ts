// Shapes from ../shared/corpus/drone-woodpecker (drone-plugins/*/.drone.yml: from_secret in plugin
// settings; go-gitea/docs: `secrets: [..]` lists; woodpecker-ci/*/.woodpecker/*.yaml), cut down.
import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const token = new FakeSecrets(39).chars(40);
const pipeline = (command: string, env = "") =>
  `kind: pipeline\ntype: docker\nname: default\nsteps:\n  - name: publish\n    image: plugins/docker\n    settings:\n      repo: acme/app\n      password:\n        from_secret: docker_password\n  - name: deploy\n    image: alpine\n    environment:\n      NODE_ENV: production\n${env}    commands:\n      - ${command}\n`;

platformSuite({
  platform: "drone-woodpecker",
  claims: [
    { path: ".drone.yml", text: "" },
    { path: ".woodpecker.yaml", text: "" },
    { path: ".woodpecker/release.yaml", text: "" },
    { path: "ci/pipeline.yml", text: pipeline("make") },
  ],
  leaves: [{ path: ".gitlab-ci.yml", text: "build:\n  script:\n    - make\n" }, { path: "k8s/a.yaml", text: "kind: Deployment\napiVersion: apps/v1\n" }],
  connectors: {
    path: ".drone.yml",
    text: pipeline("./deploy.sh --token $DEPLOY_TOKEN --bot $BOT_TOKEN $DRONE_COMMIT", "      BOT_TOKEN:\n        from_secret: bot_token\n") + "---\nkind: pipeline\nname: docs\nsteps:\n  - name: push\n    image: plugins/docker\n    secrets: [ quay_password ]\n",
    expected: ["docker_password:secret", "bot_token:secret", "DEPLOY_TOKEN:secret", "quay_password:secret"],
  },
  secret: { path: ".drone.yml", text: pipeline("make", `      API_TOKEN: ${token}\n`), value: token, fixed: pipeline("make", "      API_TOKEN: { from_secret: api_token }\n") },
  clean: [{ path: ".drone.yml", text: pipeline("./deploy.sh --token $DEPLOY_TOKEN", "      DEPLOY_TOKEN:\n        from_secret: deploy_token\n") }],
  validate: validYaml,
});
