// Kubernetes manifests, Argo Workflows and Tekton: secrets are referenced through secretKeyRef,
// secretRef/envFrom and volumes; identities are service accounts. Files hold several documents.
import type { FileModel, LiteralValue, Span } from "../model.js";
import { allScalars, spanOf } from "../documents/yaml.js";
import { emptyModel, isYamlPath, parseYaml, yamlLiterals } from "./common.js";
import type { Platform } from "./platform.js";

const SCRIPT_KEYS = new Set(["script", "args", "command", "source"]);

function toSecretKey(name: string): string {
  return name.toLowerCase().replace(/_/g, "-");
}

export const kubernetes: Platform = {
  id: "kubernetes",
  title: "Kubernetes / Argo / Tekton",
  matchesPath: () => false,
  matchesContent: (path, text) => isYamlPath(path) && /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text),
  secretReference: (name) => `valueFrom: { secretKeyRef: { name: app-secrets, key: ${toSecretKey(name)} } }`,
  storeSecretSteps: (name) => [
    `Create the Secret outside the repository: kubectl create secret generic app-secrets --from-literal=${toSecretKey(name)}=… (or External Secrets / Sealed Secrets / the CSI driver from your vault).`,
    "If the value was ever committed or pushed, rotate it at the provider.",
  ],
  secretFix(literal: LiteralValue, secret: Span, name: string, text: string) {
    // An env entry `value: literal` becomes `valueFrom: { secretKeyRef: ... }` when the value is all secret.
    const wholeValue = text.slice(secret.start, secret.end) === literal.value.trim();
    if (wholeValue && literal.keySpan && literal.path.at(-1) === "value") {
      return { span: { start: literal.keySpan.start, end: literal.span.end }, text: kubernetes.secretReference!(name) };
    }
    return { span: secret, text: `$(${name})` };
  },
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("kubernetes", path, text, yaml);
    for (const doc of yaml.documents) {
      const literals = yamlLiterals(doc.contents, { scriptKeys: SCRIPT_KEYS, scopeOf: () => ({}) });
      // A Secret manifest's stringData is, by definition, secret values committed in the clear.
      const isSecret = /^\s*kind\s*:\s*Secret\s*$/m.test(text.slice(doc.range[0], doc.range[2]));
      for (const literal of literals) if (isSecret && literal.path[0] === "stringData") literal.alwaysCredential = true;
      model.literals.push(...literals);
      for (const scalar of allScalars(doc.contents)) {
        const [grand, parent, key] = [scalar.path.at(-3), scalar.path.at(-2), scalar.path.at(-1)];
        const span = spanOf(scalar.node);
        // `$(params.secret-name)` (Tekton), `{{inputs.parameters.x}}` (Argo): chosen at run time, not a connector here.
        if (/\$\(|\{\{/.test(scalar.value)) continue;
        if (key === "name" && (parent === "secretKeyRef" || parent === "secretRef" || grand === "imagePullSecrets")) {
          model.connectorRefs.push({ name: scalar.value, kind: "secret", span, scope: {} });
        } else if (key === "secretName" && parent === "secret") {
          model.connectorRefs.push({ name: scalar.value, kind: "secret", span, scope: {} });
        } else if (key === "serviceAccountName" || key === "serviceAccount") {
          // The namespace's `default` account is the platform's own.
          model.connectorRefs.push({ name: scalar.value, kind: "service-account", span, scope: {}, issuedByPlatform: scalar.value === "default" });
        }
      }
    }
    return model;
  },
};
