// Kubernetes manifests, Argo Workflows and Tekton: secrets are referenced through secretKeyRef,
// secretRef/envFrom and volumes; identities are service accounts. Files hold several documents.
import type { FileModel, LiteralValue, Span } from "../model.js";
import { allScalars, asMap, getNode, scalarText, spanOf } from "../documents/yaml.js";
import { emptyModel, isWholeValue, isYamlPath, parseYaml, valueSpan, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { isCredentialKey, looksLikeCredential } from "../secrets/values.js";

const SCRIPT_KEYS = new Set(["script", "args", "command", "source"]);

/** Keys of a Secret's `data` that hold a credential whatever they look like (the built-in Secret types'). */
const CREDENTIAL_DATA_KEYS = new Set([".dockerconfigjson", ".dockercfg", "tls.key", "ssh-privatekey", "password", "token"]);

/** `{{` opening a line or an unquoted value. */
const TEMPLATE_MARKER = /^[ \t]*(?:- +)?(?:[\w.-]+ *: +)?\{\{/m;

function toSecretKey(name: string): string {
  return name.toLowerCase().replace(/_/g, "-");
}

export const kubernetes: Platform = {
  id: "kubernetes",
  readsEveryDocument: true,
  title: "Kubernetes / Argo / Tekton",
  matchesPath: () => false,
  matchesContent: (path, text) => isYamlPath(path) && /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text),
  secretReference: (name) => `valueFrom: { secretKeyRef: { name: app-secrets, key: ${toSecretKey(name)} } }`,
  storeSecretSteps: (name) => [
    `Create the Secret outside the repository: kubectl create secret generic app-secrets --from-literal=${toSecretKey(name)}=… (or External Secrets / Sealed Secrets / the CSI driver from your vault), and keep Secret manifests with values out of git.`,
    ROTATE_IF_COMMITTED,
  ],
  secretFix(literal: LiteralValue, secret: Span, name: string, text: string) {
    // An env entry `value: literal` becomes `valueFrom: { secretKeyRef: ... }` when the value is all
    // secret (the line break that ends a block scalar stays).
    const envValue = literal.path.at(-1) === "value" && literal.path.at(-3) === "env";
    if (envValue && isWholeValue(literal, secret, text) && literal.keySpan) {
      return [{ span: valueSpan({ start: literal.keySpan.start, end: literal.span.end }, text), text: kubernetes.secretReference!(name) }];
    }
    // Kubernetes expands `$(NAME)` in a container's command, args and env values. A script (Tekton's
    // `script`, Argo's `source`) is shell, where `$(NAME)` would run a command: there it is `${NAME}`.
    // Anywhere else nothing is expanded, so no reference can stand there: a Secret manifest's own values
    // (the manifest must leave the repository; storeSecretSteps says how), a ConfigMap's (they must move
    // to a Secret), a custom resource's field.
    if (envValue || literal.key === "args" || literal.key === "command") return [{ span: valueSpan(secret, text), text: `$(${name})` }];
    if (literal.role === "script") return [{ span: valueSpan(secret, text), text: `\${${name}}` }];
    return undefined;
  },
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("kubernetes", path, text, yaml);
    // A template (a Helm chart's `{{- if .Values.x }}` line, a kops `configBase: {{{STATE_STORE}}}`) is
    // YAML only once rendered: its parse errors are the template's syntax, not a mistake (the text-wide
    // scan still reads it). Its markers stand unquoted, where YAML would not have them; Argo's
    // `"{{inputs.parameters.x}}"` are quoted values of a real manifest, whose errors are still said.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; no errors cleared are none.
    if (model.parseErrors.length > 0 && TEMPLATE_MARKER.test(text)) model.parseErrors = [];
    for (const doc of yaml.documents) {
      // Stryker disable next-line ArrowFunction: no scope and an empty one read the same.
      let literals = yamlLiterals(doc.contents, { scriptKeys: SCRIPT_KEYS, scopeOf: () => ({}) });
      // A Secret manifest holds its values in the clear: `stringData` as written, `data` in base64,
      // which is an encoding, not encryption. Its kind as parsed: quoted or not, and not a `kind:
      // Secret` line inside a ConfigMap's embedded file.
      const kind = scalarText(getNode(asMap(doc.contents), "kind"));
      const isSecret = kind === "Secret";
      // A SealedSecret's `encryptedData` is ciphertext only the cluster's controller can open: made to be committed.
      // Stryker disable next-line ConditionalExpression: a SealedSecret holds `encryptedData` under `spec` only
      if (kind === "SealedSecret") literals = literals.filter((literal) => !(literal.path[0] === "spec" && literal.path[1] === "encryptedData"));
      for (const literal of literals) {
        // Stryker disable next-line ConditionalExpression: a Secret's `data` and `stringData` hold values only.
        if (!isSecret || literal.path.length !== 2) continue;
        // As `data` is judged once decoded: the built-in types' keys and credential-like keys whatever the
        // value's strength, any random-looking value; not a service binding's `host`, `port` or `type`.
        // Stryker disable next-line StringLiteral: judged as a token, under any key that names no password.
        if (literal.path[0] === "stringData") literal.alwaysCredential = CREDENTIAL_DATA_KEYS.has(literal.key) || isCredentialKey(literal.key) || looksLikeCredential(literal.value, "token");
        if (literal.path[0] === "data") {
          literal.encoding = "base64";
          literal.alwaysCredential = CREDENTIAL_DATA_KEYS.has(literal.key);
        }
      }
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
