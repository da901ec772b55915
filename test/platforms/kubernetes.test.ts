import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const key = new FakeSecrets(35).chars(32);
const deployment = (env: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      serviceAccountName: web-runtime\n      containers:\n        - name: web\n          image: web:1\n          env:\n${env}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n`;
const ref = `            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db-credentials\n                  key: password\n`;

platformSuite({
  platform: "kubernetes",
  claims: [
    { path: "k8s/deploy.yaml", text: deployment(ref) },
    { path: "argo/workflow.yaml", text: "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {}\n" },
    { path: "tekton/task.yaml", text: "apiVersion: tekton.dev/v1\nkind: Task\nspec: {}\n" },
  ],
  leaves: [{ path: "docker-compose.yml", text: "services:\n  web:\n    image: nginx\n" }],
  connectors: { path: "k8s/deploy.yaml", text: deployment(ref), expected: ["web-runtime:service-account", "db-credentials:secret"] },
  secret: {
    path: "k8s/deploy.yaml",
    text: deployment(`            - name: PAYMENTS_API_KEY\n              value: "${key}"\n`),
    value: key,
    fixed: deployment(`            - name: PAYMENTS_API_KEY\n              valueFrom: { secretKeyRef: { name: app-secrets, key: payments-api-key } }\n`),
  },
  clean: [
    { path: "tekton/task.yaml", text: "apiVersion: tekton.dev/v1\nkind: Task\nspec:\n  steps:\n    - name: s\n      image: x\n      env:\n        - name: TOKEN\n          valueFrom:\n            secretKeyRef:\n              name: $(params.token-secret)\n              key: token\n" },{ path: "k8s/deploy.yaml", text: deployment(ref + `            - name: LOG_LEVEL\n              value: debug\n`) }],
  validate: validYaml,
});
