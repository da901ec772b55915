// Azure Logic Apps and Power Automate definitions: connections (`connectionReferences`,
// `$connections`, connections.json) are the connectors; HTTP actions are where keys get pasted.
import type { FileModel, LiteralValue, Span } from "../model.js";
import { decodeJsonString, jsonProperty, jsonPropertiesNamed, jsonSpan, parseJson } from "../documents/json.js";
import { emptyModel } from "./common.js";
import { constantOfCalls, heldString, judgeExpressionText, quotedStringAt, quotedStrings, valuesOf, type EmbeddedCode, type ExpressionLanguage } from "./expressions.js";
import { jsonEdit, jsonLiterals, replaceInJsonString } from "./json-literals.js";
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
    return expressionFix(literal, secret, name, text) ?? replaceInJsonString(literal, secret, text, `@parameters('${name}')`, `@{parameters('${name}')}`);
  },
  buildModel(path, text): FileModel {
    const json = parseJson(text);
    const model = emptyModel("logic-apps", path, text);
    model.literals = jsonLiterals(json.root);
    // An inline code action's JavaScript (`"type": "JavaScriptCode", "inputs": { "code": "…" }`).
    for (const literal of model.literals) if (literal.key === "code" && literal.path.at(-2) === "inputs") literal.program = true;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut; a value with no expression is its own one piece of text, and a program's text is judged under `code`, no credential's name
    for (const literal of model.literals) if (!literal.program && literal.value.includes("@")) judgeExpressionText(literal, 0, expressions(literal.value), WDL);
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

// The Workflow Definition Language of Logic Apps and Power Automate: a value starting with `@` is an
// expression (`@@` is an `@`), and `@{…}` is one inside text; strings are single-quoted, a quote
// doubled inside.

/** Where each expression of a value is: the whole value after a leading `@`, else each `@{…}` (its `}` outside quotes). */
function expressions(value: string): EmbeddedCode[] {
  if (/^@[^@{]/.test(value)) return [{ start: 0, end: value.length, codeStart: 1, codeEnd: value.length }];
  const found: EmbeddedCode[] = [];
  // Stryker disable next-line ArithmeticOperator: `open` is then the `}` just read, where no `@{` starts
  for (let open = value.indexOf("@{"); open !== -1; open = value.indexOf("@{", open + 1)) {
    let i = open + 2;
    // Stryker disable next-line EqualityOperator: past the end a character is undefined, neither a brace nor a quote
    while (i < value.length && value[i] !== "}") i = value[i] === "'" ? (quotedStringAt(value, i)?.end ?? value.length) : i + 1;
    if (i >= value.length) break;
    found.push({ start: open, end: i + 1, codeStart: open + 2, codeEnd: i });
    open = i;
  }
  return found;
}

/** A string literal, or `concat(…)` of constants: the text it is. */
const constant = (code: string) => constantOfCalls(code, CONCAT_CALL, (args) => args.join(""));
const CONCAT_CALL = /^concat\s*\(/i;

/** The functions whose string argument names what they read (a parameter, an action's output, a setting), not a value. */
const READERS = /\b(?:parameters|variables|body|outputs|actions|actionBody|actionOutputs|appsetting|items|iterationIndexes|result|triggerFormDataValue|triggerFormDataMultiValues|formDataValue|formDataMultiValues|multipartBody|triggerMultipartBody)$/i;

/** Expressions' strings that are values: not a property's name (`body('Get')?['token']`), nor what a reader reads. */
const WDL: ExpressionLanguage = {
  constant,
  // Stryker disable next-line StringLiteral: in an expression a reader's name is followed by its `(`
  strings: (code) => valuesOf(code, quotedStrings(code), (before) => before.endsWith("(") && READERS.test(before.slice(0, -1).trimEnd())),
};

/**
 * The fix in an expression's string literal: the literal becomes `parameters('NAME')`, or, the secret
 * part of it, `concat('…', parameters('NAME'), '…')`. Undefined outside one (the text's own fix then).
 */
function expressionFix(literal: LiteralValue, secret: Span, name: string, text: string): { span: Span; text: string }[] | undefined {
  const contentStart = literal.span.start + 1;
  // Stryker disable next-line ArithmeticOperator: the closing quote and one more character decoded too change no place before them
  const { value, rawOffsets } = decodeJsonString(text.slice(contentStart, literal.span.end - 1));
  const start = rawOffsets.indexOf(secret.start - contentStart);
  const end = rawOffsets.indexOf(secret.end - contentStart);
  for (const expression of expressions(value)) {
    const held = heldString(value.slice(expression.codeStart, expression.codeEnd), start - expression.codeStart, end - expression.codeStart);
    if (!held) continue;
    const reference = `parameters('${name}')`;
    const { before, after } = held;
    const parts = [before && `'${before}'`, reference, after && `'${after}'`].filter(Boolean);
    const edit = { start: expression.codeStart + held.start, end: expression.codeStart + held.end, text: parts.length === 1 ? reference : `concat(${parts.join(", ")})` };
    return jsonEdit(edit, contentStart, rawOffsets);
  }
  return undefined;
}
