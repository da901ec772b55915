import { FakeSecrets } from "../helpers.js";
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
