// n8n workflow exports: nodes with `parameters` (where keys get pasted) and `credentials` (the
// connectors: each node names the stored credential it uses).
import type { FileModel, LiteralValue, Span } from "../model.js";
import { decodeJsonString, jsonProperty, jsonSpan, parseJson } from "../documents/json.js";
import { constantString, replaceWithExpression, stringLiterals } from "../documents/javascript.js";
import { emptyModel } from "./common.js";
import { judgeExpressionText, valuesOf, type EmbeddedCode, type ExpressionLanguage } from "./expressions.js";
import { jsonEdit, jsonLiterals, replaceInJsonString } from "./json-literals.js";
import { ROTATE_IF_EXPORTED, type Platform } from "./platform.js";
import { isCredentialKey } from "../secrets/values.js";

/** n8n's own settings, read from its environment: its public URL is not a credential (WEBHOOK_URL, N8N_*). */
const N8N_SETTINGS = /^(WEBHOOK_URL|N8N_\w+)$/;

/** The parameters that hold a node's program: the Code node's JavaScript and Python, the legacy Function nodes'. */
const CODE_PARAMETERS: ReadonlySet<string> = new Set(["jsCode", "pythonCode", "functionCode"]);

/** How a node reads the server's environment: an expression's `{{ $env.NAME }}`, or in a Code node's program `$env.NAME` itself. */
const envReference = (name: string, literal?: LiteralValue) => (literal?.program ? `$env.${name}` : `{{ $env.${name} }}`);

export const n8n: Platform = {
  id: "n8n",
  title: "n8n workflow",
  matchesPath: () => false,
  matchesContent: (path, text) => /\.json$/i.test(path) && text.includes('"nodes"') && text.includes('"connections"'),
  secretReference: envReference,
  // The first step matches what the fix wrote; the better ways follow.
  storeSecretSteps: (name, literal) => [
    `The node now reads ${envReference(name, literal)}: set ${name} in the n8n server's environment (Docker: -e ${name}=…; needs N8N_BLOCK_ENV_ACCESS_IN_NODE=false).`,
    "Better, where the node supports it: create an n8n credential for the service (Credentials → Add credential, e.g. Header Auth with the header name and this value), select it in the node's Authentication field, and clear the expression; the workflow export then holds only the credential's name.",
    `With a secrets manager (n8n Enterprise external secrets: HashiCorp Vault, AWS Secrets Manager, Azure Key Vault, GCP Secret Manager, Infisical, 1Password): store the value there as ${name}, connect the store under Settings → External Secrets, and write {{ $secrets.<store>.${name} }} in that credential's field (external secrets resolve in credential fields only).`,
    ROTATE_IF_EXPORTED,
  ],
  secretFix(literal, secret, name, text) {
    if (literal.program) return codeFix(literal, secret, name, text);
    const reference = envReference(name);
    // The parameter as the export holds it: an expression (`=…`) keeps its `=`, and its code is JavaScript.
    if (text.startsWith("=", literal.span.start + 1)) return expressionFix(literal, secret, name, text);
    return replaceInJsonString(literal, secret, text, `=${reference}`, reference, "=");
  },
  buildModel(path, text): FileModel {
    const json = parseJson(text);
    const model = emptyModel("n8n", path, text);
    model.literals = jsonLiterals(json.root);
    for (const literal of model.literals) if (CODE_PARAMETERS.has(literal.key) && literal.path.includes("parameters")) literal.program = true;
    const nodes = jsonProperty(json.root, "nodes");
    // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every array and object its children.
    for (const node of nodes?.type === "array" ? (nodes.children ?? []) : []) {
      const nodeName = jsonProperty(node, "name")?.value as string | undefined;
      const credentials = jsonProperty(node, "credentials");
      // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every array and object its children.
      for (const property of credentials?.type === "object" ? (credentials.children ?? []) : []) {
        // Stryker disable next-line ArrayDeclaration: jsonc-parser gives every property its children.
        const [typeNode, value] = property.children ?? [];
        const nameNode = jsonProperty(value, "name") ?? jsonProperty(value, "id");
        if (!nameNode || typeof nameNode.value !== "string") continue;
        // Stryker disable next-line OptionalChaining: jsonc-parser gives every property its key.
        model.connectorRefs.push({ name: nameNode.value, kind: "n8n-credential", span: jsonSpan(nameNode), scope: { step: nodeName ?? String(typeNode?.value) } });
      }
    }
    // Values read from the server's environment or an external secrets store are connectors too: the
    // fix writes {{ $env.NAME }}, and that name then needs an owner like any other.
    for (const literal of model.literals) {
      // Stryker disable next-line StringLiteral,ConditionalExpression: a shortcut; a value without `$` reads nothing either.
      if (!literal.value.includes("$")) continue;
      const raw = text.slice(literal.span.start, literal.span.end);
      for (const match of raw.matchAll(/\$env\.([A-Za-z_]\w*)|\$env\[\\?["']([A-Za-z_]\w*)\\?["']\]|\$secrets\.\w+\.([A-Za-z_]\w*)/g)) {
        const name = match[1] ?? match[2] ?? match[3];
        if (match[3] === undefined && (!isCredentialKey(name) || N8N_SETTINGS.test(name))) continue;
        const start = literal.span.start + match.index! + match[0].lastIndexOf(name);
        model.connectorRefs.push({ name, kind: "secret", span: { start, end: start + name.length }, scope: literal.scope });
      }
    }
    // Last, as the references above are read from the expressions as written.
    for (const literal of model.literals) {
      if (!literal.program && literal.value.startsWith("=") && literal.path.includes("parameters")) judgeExpressionText(literal, 1, expressionCode(literal.value), JAVASCRIPT);
    }
    return model;
  },
};

/** Where each `{{ … }}` of an n8n expression is. */
function expressionCode(expression: string): EmbeddedCode[] {
  const code: EmbeddedCode[] = [];
  for (let open = expression.indexOf("{{"); open !== -1; open = expression.indexOf("{{", open)) {
    const close = expression.indexOf("}}", open + 2);
    if (close === -1) break;
    code.push({ start: open, end: close + 2, codeStart: open + 2, codeEnd: close });
    open = close + 2;
  }
  return code;
}

/**
 * The code inside `{{ … }}` is JavaScript. Its strings that name what it reads are not values: a
 * property's (`$json['api_key']`), a node's (`$('Get token')`, `$node["Login"]`).
 */
const JAVASCRIPT: ExpressionLanguage = {
  constant: constantString,
  strings: (code) => valuesOf(code, stringLiterals(code), (before) => before.endsWith("$(")),
};

/**
 * The fix in an expression: a secret in its text becomes `{{ $env.NAME }}` (the `=` is there
 * already), one in a `{{ … }}`'s code `$env.NAME` as in a Code node; the whole expression
 * `={{ $env.NAME }}`. None for a secret that spans text and code.
 */
function expressionFix(literal: LiteralValue, secret: Span, name: string, text: string): { span: Span; text: string }[] | undefined {
  const contentStart = literal.span.start + 1;
  // Stryker disable next-line ArithmeticOperator: the closing quote and one more character decoded too change no place before them
  const { value: expression, rawOffsets } = decodeJsonString(text.slice(contentStart, literal.span.end - 1));
  const start = rawOffsets.indexOf(secret.start - contentStart);
  const end = rawOffsets.indexOf(secret.end - contentStart);
  // From the `=` on: the whole expression, judged as the text it makes (not written as such: `=ab{{ 'cd' }}`).
  if (start === 0) return [{ span: literal.span, text: JSON.stringify(`=${envReference(name)}`) }];
  const code = expressionCode(expression);
  // Stryker disable next-line EqualityOperator: a secret in code lies inside a string, past the code's first character and before its last
  const inCode = code.find((c) => c.codeStart <= start && end <= c.codeEnd);
  if (inCode) {
    const edit = replaceWithExpression(expression.slice(inCode.codeStart, inCode.codeEnd), start - inCode.codeStart, end - inCode.codeStart, `$env.${name}`);
    return jsonEdit(edit && { ...edit, start: edit.start + inCode.codeStart, end: edit.end + inCode.codeStart }, contentStart, rawOffsets);
  }
  // Text, if no `{{ … }}` overlaps it (a guard: each detector's span lies in one string or in the text).
  // Stryker disable next-line all: the guard (above)
  if (code.some((c) => c.start < end && start < c.end)) return undefined;
  return [{ span: secret, text: JSON.stringify(envReference(name)).slice(1, -1) }];
}

/**
 * A secret in a Code node's JavaScript is read there as `$env.NAME` (an expression's `{{ }}` and `=`
 * would break the code): the string that is the secret becomes `$env.NAME`; a secret inside a longer
 * string is cut out of it (`'Bearer ' + $env.NAME + ''`, or `${$env.NAME}` in a template literal).
 * None in a comment, nor in Python's Code node, which reads its environment otherwise (the steps
 * still say what to do).
 */
function codeFix(literal: LiteralValue, secret: Span, name: string, text: string): { span: Span; text: string }[] | undefined {
  if (literal.key === "pythonCode") return undefined;
  const contentStart = literal.span.start + 1;
  // Stryker disable next-line ArithmeticOperator: the closing quote and one more character decoded too change no place before them
  const { value: code, rawOffsets } = decodeJsonString(text.slice(contentStart, literal.span.end - 1));
  const start = rawOffsets.indexOf(secret.start - contentStart);
  const end = rawOffsets.indexOf(secret.end - contentStart);
  return jsonEdit(replaceWithExpression(code, start, end, envReference(name, literal)), contentStart, rawOffsets);
}
