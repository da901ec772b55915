import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const password = new FakeSecrets(36).password(20);
const compose = (environment: string) => `services:\n  api:\n    image: api:1\n    environment:\n${environment}    secrets:\n      - stripe_key\nsecrets:\n  stripe_key:\n    file: ./stripe.key\n`;

platformSuite({
  platform: "docker-compose",
  claims: [
    { path: "docker-compose.yml", text: "" },
    { path: "deploy/compose.prod.yaml", text: "" },
  ],
  leaves: [{ path: "k8s/svc.yaml", text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n" }],
  connectors: { path: "docker-compose.yml", text: compose(`      DB_PASSWORD: \${DB_PASSWORD}\n      LOG_LEVEL: info\n`), expected: ["DB_PASSWORD:secret", "stripe_key:secret"] },
  secret: { path: "docker-compose.yml", text: compose(`      - DB_PASSWORD=${password}\n`), value: password, fixed: compose(`      - DB_PASSWORD=\${DB_PASSWORD}\n`) },
  clean: [{ path: "docker-compose.yml", text: compose(`      POSTGRES_PASSWORD: postgres\n      DB_PASSWORD: \${DB_PASSWORD:?set it}\n`) }],
  validate: validYaml,
});

describe("platform docker-compose: interpolation as compose reads it", () => {
  it("`${VAR}`, `$VAR` and every modifier (`:-`, `-`, `:?`, `?`, `:+`, `+`) read a variable; `$$` is a literal dollar; an unclosed `${` reads nothing; each by its service", async () => {
    const text =
      "services:\n  api:\n    image: x\n    environment:\n      A: $$NOT_A_REF_TOKEN\n      B: ${DB_PASSWORD}\n      C: ${API_TOKEN:-}\n      D: ${SIGNING_KEY?required}\n      E: $PLAIN_SECRET\n      F: ${UNCLOSED_TOKEN\n      H: ${OPTIONAL_TOKEN+set}\n  worker:\n    image: y\n    environment:\n      G: \"${WORKER_TOKEN} and $${ESCAPED_TOKEN}\"\n";
    const result = await lintFiles([{ path: "docker-compose.yml", text }]);
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `(\w+)`/.exec(f.message)?.[1]}`),
      ["DB_PASSWORD api", "API_TOKEN api", "SIGNING_KEY api", "PLAIN_SECRET api", "OPTIONAL_TOKEN api", "WORKER_TOKEN worker"],
    );
  });

  it("a YAML file with services and images is compose only when nothing else claims its top-level keys", () => {
    assert.equal(platformFor("deploy/stack.yml", "services:\n  web:\n    image: nginx\n").id, "docker-compose");
    assert.notEqual(platformFor("deploy/stack.yml", "services:\n  - web\n").id, "docker-compose");
    assert.notEqual(platformFor("deploy/stack.json", "services:\n  web:\n    image: nginx\n").id, "docker-compose");
  });
});
