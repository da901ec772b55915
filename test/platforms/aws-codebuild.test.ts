// Shapes from ../shared/corpus/aws-codebuild (aws/aws-encryption-sdk-* release buildspecs:
// secrets-manager `id:json-key`, parameter-store), cut down.
import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const token = new FakeSecrets(38).chars(40);
const spec = (command: string, variables = "    NODE_ENV: production\n") =>
  `version: 0.2\nenv:\n  variables:\n${variables}  secrets-manager:\n    TWINE_USERNAME: PyPiAPIToken:username\n    TWINE_PASSWORD: PyPiAPIToken:password\n  parameter-store:\n    ACCOUNT: /CodeBuild/AccountId\n    SIGNING_KEY: /ci/signing-key\nphases:\n  build:\n    commands:\n      - ${command}\n`;

platformSuite({
  platform: "aws-codebuild",
  claims: [
    { path: "buildspec.yml", text: "" },
    { path: "buildspec-release.yaml", text: "" },
    { path: "codebuild/release/prod-release.yml", text: spec("make release") },
    { path: "ci/extract.yml", text: "version: 0.2\n\nenv:\n  git-credential-helper: yes\nartifacts:\n  files:\n    - out/*\n" },
  ],
  leaves: [
    { path: "docker-compose.yml", text: "version: '3.8'\nservices:\n  web:\n    image: nginx\n" },
    { path: "config.yml", text: "version: 0.2\nname: not a buildspec\n" },
  ],
  connectors: { path: "buildspec.yml", text: spec("twine upload -u $TWINE_USERNAME -p $TWINE_PASSWORD --token $CODECOV_TOKEN $CODEBUILD_BUILD_ID"), expected: ["PyPiAPIToken:secret", "/ci/signing-key:secret", "CODECOV_TOKEN:secret"] },
  secret: { path: "buildspec.yml", text: spec(`curl -H "Authorization: Bearer ${token}" https://api.example.com`), value: token, fixed: spec('curl -H "Authorization: Bearer $CURL_H_AUTHORIZATION" https://api.example.com') },
  clean: [
    { path: "buildspec.yml", text: spec("twine upload -p $TWINE_PASSWORD dist/*") },
    { path: "buildspec.yml", text: spec("make", "    TWINE_REPOSITORY_URL: https://test.pypi.org/legacy/\n    PASSWORD_FILE: /run/secrets/pw\n") },
  ],
  validate: validYaml,
});
