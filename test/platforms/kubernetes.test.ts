import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { parseDocument } from "yaml";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
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

describe("platform kubernetes: Secret manifests", () => {
  const fake = new FakeSecrets(36);
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const token = `ghp_${fake.chars(36)}`;
  const password = fake.password(14);
  const secret = (data: string, extra = "") =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\n${data}${extra}`;
  const data = [
    `  username: ${b64("app-user")}`,
    `  host: ${b64("db.internal")}`,
    `  port: ${b64("5432")}`,
    `  password: ${b64(password)}`,
    `  api-token: ${b64(token)}`,
    `  signing-seed: ${b64(fake.chars(32))}`,
    `  empty: ""`,
    `  later: ${b64("changeme")}`,
    `  settings.json: ${b64('{"retries": 3}')}`,
    `  tls.crt: ${b64("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n")}`,
  ].join("\n");

  it("decodes `data` (base64 is an encoding, not encryption) and flags the credentials in it", async () => {
    const text = secret(`data:\n${data}\n`);
    const findings = (await lintFiles([{ path: "k8s/secret.yaml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(
      findings.map((f) => f.start.line),
      [10, 11, 12], // password, api-token, signing-seed
      findings.map((f) => f.message).join("\n"),
    );
    assert.match(findings[1].message, /GitHub personal access token \(base64 in `api-token`\)/);
    for (const finding of findings) {
      assert.deepEqual(finding.fixes, [], "a Secret's own value has no in-file reference to become");
      assert.match(finding.help ?? "", /kubectl create secret generic .*Sealed Secrets/);
      for (const leaked of [token, password, b64(token), b64(password)]) assert.ok(!finding.message.includes(leaked.slice(0, 8)));
    }
  });

  it("does not decode a ConfigMap's data, nor flag a Secret holding only references and placeholders", async () => {
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  greeting: ${b64("hello world, this is config")}\n`;
    const placeholders = secret(`data:\n  password: ${b64("<your-password>")}\n  token: ""\nstringData:\n  api-key: \${API_KEY}\n`);
    for (const text of [configMap, placeholders]) {
      const findings = (await lintFiles([{ path: "k8s/cfg.yaml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.deepEqual(findings.map((f) => f.message), []);
    }
  });

  it("reports stringData values as they are, without a fix that would make the manifest invalid", async () => {
    const text = secret(`stringData:\n  password: ${password}\n`);
    const findings = (await lintFiles([{ path: "k8s/secret.yaml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});

describe("platform kubernetes: every way a workload names a Secret", () => {
  it("imagePullSecrets, a secret volume, envFrom and secretKeyRef are connectors; a templated name is not", async () => {
    const text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      imagePullSecrets:\n        - name: regcred\n      volumes:\n        - name: certs\n          secret:\n            secretName: tls-certs\n      containers:\n        - name: web\n          image: web:1\n          envFrom:\n            - secretRef:\n                name: web-env\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db-creds\n                  key: password\n            - name: TEMPLATED\n              valueFrom:\n                secretKeyRef:\n                  name: \"{{ .Values.secretName }}\"\n                  key: x\n            - name: ARGO\n              valueFrom:\n                secretKeyRef:\n                  name: $(SECRET_NAME)\n                  key: x\n";
    const unowned = (await lintFiles([{ path: "k8s/deploy.yaml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);
    assert.deepEqual(unowned, ["regcred", "tls-certs", "web-env", "db-creds"]);
  });
});

describe("platform kubernetes: Helm templates", () => {
  it("a chart's template that is YAML only once rendered gets no parse-error; a broken manifest still does, and both are scanned", async () => {
    const token = `ghp_${new FakeSecrets(4242).chars(36)}`;
    // GoogleCloudPlatform/microservices-demo's helm-chart/templates/*.yaml open like this.
    const template = `{{- if .Values.adService.create }}\n{{- if .Values.serviceAccounts.create }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Values.adService.name }}\n  namespace: {{ .Release.Namespace }}\n  {{- if not .Values.serviceAccounts.annotationsOnlyForCartservice }}\n  {{- with .Values.serviceAccounts.annotations }}\n  annotations:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n  {{- end }}\n---\n{{- end }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  note: "${token}"\n{{- end }}\n`;
    const broken = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: [b}\n`;
    const result = await lintFiles([{ path: "helm-chart/templates/adservice.yaml", text: template }, { path: "k8s/broken.yaml", text: broken }]);
    assert.deepEqual(result.internalErrors, []);
    const byPath = (path: string, rule: string) => result.findings.filter((f) => f.path === path && f.ruleId === rule).length;
    assert.equal(byPath("helm-chart/templates/adservice.yaml", "parse-error"), 0);
    assert.equal(byPath("helm-chart/templates/adservice.yaml", "hardcoded-secret"), 1);
    assert.equal(byPath("k8s/broken.yaml", "parse-error"), 1);
  });
});

describe("platform kubernetes: template markers", () => {
  it("unquoted markers make a template (no parse-error); quoted ones are a real manifest's values (its errors said)", async () => {
    const kops = "apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nspec:\n  configBase: {{{STATE_STORE}}}/{{{CLUSTER_NAME}}}\n  rbac: {a: [b}\n";
    const azure = "apiVersion : apps/v1\nkind: Deployment\nmetadata:\n  name: {{#toAlphaNumericString imageRepository 50}}{{/toAlphaNumericString}} \n";
    const argo = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n    - name: a\n      container:\n        image: "{{inputs.parameters.image}}"\n        args: ["x\n';
    const result = await lintFiles([{ path: "k8s/kops.yaml", text: kops }, { path: "k8s/azure.yml", text: azure }, { path: "k8s/argo.yaml", text: argo }]);
    assert.deepEqual(result.internalErrors, []);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "parse-error").map((f) => f.path), ["k8s/argo.yaml"]);
  });
});

describe("platform kubernetes: which documents are Secrets, and what a finding's fix may be", () => {
  const fake = new FakeSecrets(37);
  const password = fake.password(16);
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const secrets = async (path: string, text: string) => (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");

  it("a Secret is known by its parsed kind: quoted too, and not by a `kind: Secret` line in a ConfigMap's embedded file", async () => {
    const quoted = await secrets("k8s/s.yaml", `apiVersion: v1\nkind: "Secret"\nmetadata:\n  name: s\ndata:\n  password: ${b64(password)}\n`);
    assert.equal(quoted.length, 1);
    assert.match(quoted[0].message, /base64 in `password`/);
    assert.deepEqual(quoted[0].fixes, []);
    const embedded = await secrets("k8s/cm.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  secret.yaml: |\n    apiVersion: v1\n    kind: Secret\n  password: ${b64(password)}\n`);
    // The ConfigMap's value is read as written (a random-looking value under `password`), not decoded.
    assert.equal(embedded.length, 1);
    assert.doesNotMatch(embedded[0].message, /base64/);
    // A kind that only begins like one is not a Secret either.
    const provider = await secrets("k8s/spc.yaml", `apiVersion: v1\nkind: SecretProviderClass\nmetadata:\n  name: p\ndata:\n  note: ${b64(`ghp_${fake.chars(36)}`.slice(0, 10))}\n`);
    assert.deepEqual(provider.map((f) => f.message), []);
  });

  it("a ConfigMap's data gets no `$(NAME)` fix (it is never expanded there); a container's env value and args do", async () => {
    const configMap = await secrets("k8s/cm.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  password: ${password}\n`);
    assert.equal(configMap.length, 1);
    assert.deepEqual(configMap[0].fixes, []);
    assert.match(configMap[0].help ?? "", /kubectl create secret generic/);
    const token = `ghp_${fake.chars(36)}`;
    const other = `ghp_${fake.chars(36)}`;
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n      args: ["--token=${token}"]\n      env:\n        - name: AUTH\n          value: "Bearer ${other}"\n`;
    const found = await secrets("k8s/pod.yaml", pod);
    // Each replaced by a `$(NAME)` reference, which Kubernetes expands in args and env values.
    assert.deepEqual(
      found.map((f) => f.fixes.flatMap((fix) => fix.edits.map((edit) => [pod.slice(edit.start, edit.end) === token ? "token" : pod.slice(edit.start, edit.end) === other ? "other" : "?", /^\$\([A-Z][A-Z0-9_]*\)$/.test(edit.text)]))),
      [[["token", true]], [["other", true]]],
    );
  });

  it("a shell script (Tekton's `script`) gets `${NAME}`, where `$(NAME)` would run a command; a custom resource's field, never expanded, gets no fix; a block-scalar env value becomes valueFrom", async () => {
    const token = `ghp_${fake.chars(36)}`;
    const task = `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspec:\n  steps:\n    - name: s\n      image: x\n      script: |\n        curl -H "Authorization: token ${token}" https://api.github.com\n`;
    const [inScript] = await secrets("tekton/task.yaml", task);
    assert.deepEqual(inScript.fixes[0].edits.map((e) => [task.slice(e.start, e.end) === token, e.text]), [[true, "${API_TOKEN}"]]);
    const resource = `apiVersion: example.com/v1\nkind: Notifier\nmetadata:\n  name: n\nspec:\n  apiToken: ${token}\n`;
    const [inResource] = await secrets("k8s/notifier.yaml", resource);
    assert.deepEqual(inResource.fixes, []);
    // Only an env entry's `value` is expanded: not a field named `value` elsewhere, nor another key of an env entry.
    for (const [where, manifest] of [
      ["a `value` field", `apiVersion: example.com/v1\nkind: Notifier\nmetadata:\n  name: n\nspec:\n  auth:\n    value: ${token}\n`],
      ["an env entry's other key", `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n      env:\n        - name: A\n          token: ${token}\n`],
    ]) {
      const [finding] = await secrets("k8s/n.yaml", manifest);
      assert.deepEqual(finding.fixes, [], where);
    }
    assert.match(inResource.help ?? "", /kubectl create secret generic/);
    const block = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n      env:\n        - name: GH_TOKEN\n          value: |\n            ${token}\n        - name: NEXT\n          value: x\n`;
    const [inBlock] = await secrets("k8s/pod.yaml", block);
    assert.match(inBlock.fixes[0].edits[0].text, /^valueFrom: \{ secretKeyRef: /);
    // The block scalar's closing line break stays: the next entry keeps its line.
    const fixed = parseDocument(applyEdits(block, inBlock.fixes[0].edits));
    assert.deepEqual(fixed.errors, []);
    assert.deepEqual((fixed.toJS() as { spec: { containers: { env: { name: string }[] }[] } }).spec.containers[0].env.map((e) => e.name), ["GH_TOKEN", "NEXT"]);
  });

  it("a Secret's stringData: the built-in types' keys are credentials whatever they hold; other keys as their values look", async () => {
    const found = await secrets("k8s/s.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{"auths":{}}'\n  mode: fast\n`);
    assert.deepEqual(found.map((f) => f.start.line), [7]);
  });

  it("who claims a file: a YAML path with top-level apiVersion and kind, in either order, spaced or not; not indented, not one alone, not Markdown", async () => {
    const claimed = (path: string, text: string) => platformFor(path, text).id === "kubernetes";
    assert.ok(claimed("k.yml", "kind: Pod\napiVersion: v1\n"));
    assert.ok(claimed("k.yaml", "apiVersion : apps/v1\nkind : Deployment\n"));
    assert.ok(!claimed("README.md", "apiVersion: v1\nkind: Pod\n"));
    assert.ok(!claimed("k.yaml", "resource:\n  apiVersion: v1\n  kind: Pod\n"));
    assert.ok(!claimed("k.yaml", "resource:\n  apiVersion: v1\nkind: Pod\n"), "kind at the top, apiVersion not");
    assert.ok(!claimed("k.yaml", "apiVersion: v1\nmetadata: {}\n"));
    assert.ok(!claimed("k.yaml", "kind: Pod\nmetadata: {}\n"));
    assert.ok(!claimed("k.yaml", "apiVersions: v1\nkinds: Pod\n"));
  });

  it("a secret in a container's `args` or `command` list becomes `$(NAME)`, which Kubernetes expands there", async () => {
    for (const field of ["args", "command"]) {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      ${field}: ["--token", "${key}"]\n`;
      const finding = (await lintFiles([{ path: "k8s/pod.yaml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
      assert.match(applyEdits(text, finding.fixes[0].edits), new RegExp(`${field}: \\["--token", "\\$\\([A-Z_]+\\)"\\]`), field);
    }
  });

  it("a Secret's own name, type and labels are no values of it: a random-looking name is not flagged; a stringData value under a plain key is judged by its look", async () => {
    const secrets = async (stringData: string) =>
      (await lintFiles([{ path: "k8s/secret.yaml", text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: a8f3kq9z2mx7v4bn1c6d0p5w\ntype: Opaque\nstringData:\n${stringData}` }])).findings.filter((f) => f.ruleId === "hardcoded-secret").length;
    assert.equal(await secrets("  region: production\n"), 0);
    assert.equal(await secrets(`  config: ${key}\n`), 1);
  });

  it("ciphertext made to be committed is no credential: a SealedSecret's encryptedData, a SOPS-encrypted Secret (its built-in keys too); a SealedSecret's plain template data still is judged", async () => {
    const found = async (text: string) => (await lintFiles([{ path: "k8s/secret.yaml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.start.line);
    const sealed = `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: Ag${new FakeSecrets(36).chars(600)}\n    api_token: Ag${new FakeSecrets(37).chars(400)}\n  template:\n    data:\n      api_token: ${key}\n`;
    assert.deepEqual(await found(sealed), [11]);
    const enc = (n: number) => `ENC[AES256_GCM,data:${new FakeSecrets(n).chars(40)},iv:${new FakeSecrets(n + 1).chars(44)},tag:${new FakeSecrets(n + 2).chars(24)},type:str]`;
    const sops = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  token: ${enc(40)}\n  password: ${enc(43)}\n  other_token: ${key}\nsops:\n  mac: ${enc(46)}\n  version: 3.8.1\n`;
    assert.deepEqual(await found(sops), [8]);
  });

  it("a cert-manager Certificate's `secretName` is where it writes a certificate, not a Secret the workload reads: no connector", async () => {
    const text = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n  dnsNames: [web.example.com]\n";
    assert.deepEqual((await lintFiles([{ path: "k8s/cert.yaml", text }])).models[0].model.connectorRefs, []);
  });

  it("connectors: a Pod's own imagePullSecrets, the old serviceAccount key, a secret volume (only its secretName), never the namespace's default account", async () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccount: legacy-sa\n  imagePullSecrets:\n    - name: regcred\n  volumes:\n    - name: v\n      secret:\n        secretName: certs\n        defaultMode: 256\n        optional: true\n  containers: []\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  serviceAccountName: default\n  containers: []\n`;
    const result = await lintFiles([{ path: "k8s/pod.yaml", text }]);
    assert.deepEqual(
      result.models[0].model.connectorRefs.map((r) => `${r.name}:${r.kind}${r.issuedByPlatform ? " (the platform's)" : ""}`),
      ["legacy-sa:service-account", "regcred:secret", "certs:secret", "default:service-account (the platform's)"],
    );
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["legacy-sa", "regcred", "certs"]);
  });
});
