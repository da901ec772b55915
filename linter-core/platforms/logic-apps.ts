// Azure Logic Apps and Power Automate definitions: connections (`connectionReferences`,
// `$connections`, connections.json) are the connectors; HTTP actions are where keys get pasted.
import type { FileModel } from "../model.js";
import { jsonProperty, jsonPropertiesNamed, jsonSpan, parseJson } from "../documents/json.js";
import { emptyModel } from "./common.js";
import { jsonLiterals, replaceInJsonString } from "./json-literals.js";
import { ROTATE_IF_EXPORTED, type Platform } from "./platform.js";

const CONNECTION_SETS = new Set(["connectionReferences", "managedApiConnections", "serviceProviderConnections", "$connections"]);

export const logicApps: Platform = {
  id: "logic-apps",
  title: "Logic Apps / Power Automate",
  matchesPath: () => false,
  matchesContent: (path, text) =>
    /\.json$/i.test(path) &&
    (text.includes("Microsoft.Logic/schemas") || text.includes("workflowdefinition.json") || text.includes('"managedApiConnections"') || text.includes('"serviceProviderConnections"') || (text.includes('"triggers"') && text.includes('"actions"'))),
  secretReference: (name) => `@parameters('${name}')`,
  storeSecretSteps: (name) => [
    `Declare a parameter ${name} of type securestring in the workflow definition and set it from Azure Key Vault (a Key Vault reference in the parameters file or an @appsetting backed by Key Vault), or use the Key Vault connector's "Get secret" action with secure outputs.`,
    ROTATE_IF_EXPORTED,
  ],
  secretFix(literal, secret, name, text) {
    // Inline JavaScript is code, not an expression string: `@{…}` there would be a literal. No fix;
    // the steps say where the value goes (a securestring parameter passed in by the action before it).
    if (literal.program) return undefined;
    return replaceInJsonString(literal, secret, text, `@parameters('${name}')`, `@{parameters('${name}')}`);
  },
  buildModel(path, text): FileModel {
    const json = parseJson(text);
    const model = emptyModel("logic-apps", path, text);
    model.literals = jsonLiterals(json.root);
    // An inline code action's JavaScript (`"type": "JavaScriptCode", "inputs": { "code": "…" }`).
    for (const literal of model.literals) if (literal.key === "code" && literal.path.at(-2) === "inputs") literal.program = true;
    for (const { key, value } of jsonPropertiesNamed(json.root, CONNECTION_SETS)) {
      // `$connections` is a parameter: its connections sit under `value`.
      const set = key.value === "$connections" ? (jsonProperty(value, "value") ?? value) : value;
      // Stryker disable next-line ConditionalExpression,ArrayDeclaration: an array's items are values, with no key to name a connection; jsonc-parser gives objects their children.
      for (const property of set.type === "object" ? (set.children ?? []) : []) {
        // Stryker disable next-line OptionalChaining: jsonc-parser gives every property its key.
        const nameNode = property.children?.[0];
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a property's key is a string; the check narrows its type.
        if (nameNode && typeof nameNode.value === "string") model.connectorRefs.push({ name: nameNode.value, kind: "connection-reference", span: jsonSpan(nameNode), scope: {} });
      }
    }
    return model;
  },
};
