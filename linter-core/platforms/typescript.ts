// TypeScript / JavaScript automation code (Actions scripts, Octokit, Slack, AWS SDK, n8n custom
// nodes). The typescript-eslint parser (and TypeScript, ~23 MB) is loaded only when such a file is linted.
import type { TSESTree } from "@typescript-eslint/typescript-estree";
import type { ConnectorRef, FileModel, LiteralValue, Span } from "../model.js";
import { isCredentialKey } from "../secrets/values.js";
import { emptyModel } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";

type Parse = typeof import("@typescript-eslint/typescript-estree").parse;
let parser: Promise<Parse | undefined> | undefined;
let parserMissing = false;
// An optional dependency: where it is not installed, TS/JS files get the text-wide secret scan only.
const loadParser = () =>
  (parser ??= import("@typescript-eslint/typescript-estree").then(
    (module) => module.parse,
    () => {
      parserMissing = true;
      return undefined;
    },
  ));

/** Whether a TS/JS file was linted without the parser (it is an optional dependency): say so, once. */
export function typescriptParserMissing(): boolean {
  return parserMissing;
}

/** Property names that carry a credential in client options (`new Octokit({ auth })`). */
const AUTH_PROPERTIES: Record<string, string> = { auth: "auth_token", authorization: "authorization_token", bearer: "bearer_token" };

function nameOf(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "Identifier") return node.name;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "MemberExpression" && !node.computed) return nameOf(node.property);
  return undefined;
}

/** A string literal, or a template literal without substitutions. */
function stringValue(node: TSESTree.Node | null | undefined): { value: string; span: Span } | undefined {
  if (!node) return undefined;
  if (node.type === "Literal" && typeof node.value === "string") return { value: node.value, span: { start: node.range[0], end: node.range[1] } };
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return { value: node.quasis[0].value.cooked ?? "", span: { start: node.range[0], end: node.range[1] } };
  return undefined;
}

/** `process.env.X` or `process.env["X"]`: the variable name. */
function envName(node: TSESTree.Node | null | undefined): string | undefined {
  if (node?.type !== "MemberExpression") return undefined;
  const object = node.object;
  if (object.type !== "MemberExpression" || nameOf(object.object) !== "process" || nameOf(object.property) !== "env") return undefined;
  return node.computed ? (node.property.type === "Literal" && typeof node.property.value === "string" ? node.property.value : undefined) : nameOf(node.property);
}

export const typescriptCode: Platform = {
  id: "typescript",
  title: "TypeScript/JavaScript",
  matchesPath: (path) => /\.(m|c)?[jt]sx?$/i.test(path) && !/\.d\.ts$/.test(path) && !/\.min\.js$/.test(path),
  matchesContent: () => false,
  secretReference: (name) => `process.env.${name}`,
  storeSecretSteps: (name) => [
    `Provide ${name} through the environment (a CI secret, a secrets manager, an untracked .env file) and read process.env.${name}.`,
    ROTATE_IF_COMMITTED,
  ],
  secretFix(literal, secret, name, text) {
    const reference = `process.env.${name}`;
    const secretText = text.slice(secret.start, secret.end);
    if (secretText === literal.value) return [{ span: literal.span, text: reference }];
    const quote = text[literal.span.start];
    if (quote === "`") return [{ span: secret, text: `\${${reference}}` }];
    // Part of a plain string: it becomes a template literal around the reference. Only the quotes,
    // the secret and the characters a template literal reads differently are edited, so a second
    // secret in the same string is never copied into the fix.
    const edits = [{ span: { start: literal.span.start, end: literal.span.start + 1 }, text: "`" }];
    const raw = text.slice(literal.span.start + 1, literal.span.end - 1);
    for (const special of raw.matchAll(/`|\$\{/g)) {
      const at = literal.span.start + 1 + special.index!;
      // Already escaped in the source (an odd run of backslashes before it): leave it.
      const backslashes = /\\*$/.exec(raw.slice(0, special.index!))![0].length;
      if (backslashes % 2 === 0 && (at < secret.start || at >= secret.end)) edits.push({ span: { start: at, end: at }, text: "\\" });
    }
    edits.push({ span: secret, text: `\${${reference}}` }, { span: { start: literal.span.end - 1, end: literal.span.end }, text: "`" });
    return edits.sort((a, b) => a.span.start - b.span.start);
  },
  async buildModel(path, text): Promise<FileModel> {
    const parse = await loadParser();
    // Without the parser the file is plain text to the detectors (their script idioms read all of it).
    if (!parse) return emptyModel("text", path, text);
    const model = emptyModel("typescript", path, text);
    let program: TSESTree.Program;
    try {
      // loc: true costs nothing (the converter computes it anyway); loc: false walks the whole tree
      // again to delete it from every node (a tenth of the parse, measured on this repository's history).
      program = parse(text, { range: true, loc: true, comment: false, jsx: /x$/i.test(path), errorOnUnknownASTType: false });
    } catch (error) {
      const offset = (error as { index?: number }).index ?? 0;
      model.parseErrors.push({ message: (error as Error).message.split("\n")[0], span: { start: offset, end: offset + 1 } });
      return model;
    }
    const literal = (key: string, node: TSESTree.Node | null | undefined, keyNode?: TSESTree.Node) => {
      const string = stringValue(node);
      if (!string) return;
      const entry: LiteralValue = { key: AUTH_PROPERTIES[key.toLowerCase()] ?? key, path: [key], value: string.value, span: string.span, role: "assignment", scope: {} };
      if (keyNode) entry.keySpan = { start: keyNode.range[0], end: keyNode.range[1] };
      model.literals.push(entry);
    };
    const stack: TSESTree.Node[] = [program];
    let visited = 0;
    while (stack.length > 0 && visited++ < 500_000) {
      const node = stack.pop()!;
      switch (node.type) {
        case "VariableDeclarator":
          if (node.id.type === "Identifier") literal(node.id.name, node.init, node.id);
          break;
        case "Property":
        case "PropertyDefinition": {
          const key = nameOf(node.key);
          if (key) literal(key, node.value as TSESTree.Node, node.key);
          break;
        }
        case "AssignmentExpression": {
          const key = nameOf(node.left);
          if (key) literal(key, node.right, node.left);
          break;
        }
        case "LogicalExpression": {
          // process.env.API_KEY ?? "literal": a fallback that ships the secret.
          const name = envName(node.left);
          if (name && (node.operator === "??" || node.operator === "||")) literal(name, node.right);
          break;
        }
        case "MemberExpression": {
          const name = envName(node);
          if (name && isCredentialKey(name)) {
            const ref: ConnectorRef = { name, kind: "secret", span: { start: node.property.range[0], end: node.property.range[1] }, scope: {} };
            model.connectorRefs.push(ref);
          }
          break;
        }
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) {
          for (const child of value) if (child && typeof child.type === "string") stack.push(child);
        } else if (value && typeof value === "object" && typeof (value as TSESTree.Node).type === "string" && value !== (node as { parent?: unknown }).parent) {
          stack.push(value as TSESTree.Node);
        }
      }
    }
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: the engine orders findings by place; no rule reads the literals' order (they never nest here).
    model.literals.sort((a, b) => a.span.start - b.span.start);
    return model;
  },
};
