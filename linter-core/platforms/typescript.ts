// TypeScript / JavaScript automation code (Actions scripts, Octokit, Slack, AWS SDK, n8n custom
// nodes). TypeScript's own parser (~9 MB) is loaded only when such a file is linted; its syntax tree is
// read directly (an ESTree conversion, as typescript-estree makes, cost twice the parse: see
// docs/platforms.md).
import type TS from "typescript";
import type { ConnectorRef, FileModel, LiteralValue, Span } from "../model.js";
import { CREDENTIAL_SECTION, isCredentialKey, keyInSection } from "../secrets/values.js";
import { emptyModel } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";

const MAX_MODIFIERS = 64;
const MODIFIER = "abstract|accessor|async|const|declare|default|export|in|out|override|private|protected|public|readonly|static";
/** More than MAX_MODIFIERS modifiers in a row; the first one captured. */
const MODIFIER_RUN = new RegExp(`\\b(${MODIFIER})\\s+(?:(?:${MODIFIER})\\s+){${MAX_MODIFIERS}}`);

type TypeScript = typeof TS;
let compiler: Promise<TypeScript | undefined> | undefined;
let parserMissing = false;
let loadTypescript = async (): Promise<TypeScript> => (await import("typescript")).default;

/**
 * How the host loads TypeScript. The CLI requires it: an ESM import of its 9 MB of CommonJS first
 * scans all of it for its exports (0.4 s more, paid by every pre-commit run that stages a TS file).
 */
export function registerTypescript(load: () => TypeScript): void {
  loadTypescript = async () => load();
  compiler = undefined;
  parserMissing = false;
}

// An optional dependency: where it is not installed, TS/JS files get the text-wide secret scan only.
const loadCompiler = () =>
  (compiler ??= loadTypescript().catch(() => {
    parserMissing = true;
    return undefined;
  }));

/** Whether a TS/JS file was linted without the parser (it is an optional dependency): say so, once. */
export function typescriptParserMissing(): boolean {
  return parserMissing;
}

/** Property names that carry a credential in client options (`new Octokit({ auth })`). */
// (A Map: a property named `constructor` or `toString` is no key of it, as it would be of an object's prototype.)
const AUTH_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ["auth", "auth_token"],
  ["authorization", "authorization_token"],
  ["bearer", "bearer_token"],
]);

/** The shortest string no key binds that is read for a binding of its own (`?key=` and 12 characters). */
const MIN_UNBOUND_STRING = 16;
/** What a string binding its own value holds: an `=` or a `:` (a query, an assignment, a header, JSON), or a command's option (`-p …`). */
const MAY_BIND = /[=:]|\s-/;

/** What parentheses hold: `x = ("…")` binds the string as `x = "…"` does. */
function unwrapped(ts: TypeScript, node: TS.Node | undefined): TS.Node | undefined {
  // (Less what only types it too: `"…" as string`, `{ … } as const`, `satisfies`, `x!`, `<T>x`.)
  while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node))) node = node.expression;
  return node;
}

/**
 * The name a key, a binding or an assignment target gives: an identifier, a string, the last name
 * of `a.b.name` (not `a[b]`, not a private `#name`), what a computed key `[name]` holds.
 */
function nameOf(ts: TypeScript, node: TS.Node | undefined): string | undefined {
  node = unwrapped(ts, node);
  // Stryker disable next-line ConditionalExpression: every caller passes a node (a guard)
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isStringLiteral(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return ts.isIdentifier(node.name) ? node.name.text : undefined;
  // Stryker disable next-line ConditionalExpression: another key (a number's) has no expression: no name either way
  if (ts.isComputedPropertyName(node)) return nameOf(ts, node.expression);
  return undefined;
}

/**
 * The name an assignment's target gives: `a = "…"`, `a.b ||= "…"`, `headers["X-Api-Key"] = "…"`; not
 * `a[b] = …` (whose key is not written there), nor a destructuring pattern.
 */
function assignedName(ts: TypeScript, target: TS.Node | undefined): string | undefined {
  // Stryker disable next-line ConditionalExpression: an assignment always has a target (a guard)
  if (!target) return undefined;
  if (ts.isIdentifier(target) || ts.isPropertyAccessExpression(target)) return nameOf(ts, target);
  return ts.isElementAccessExpression(target) && ts.isStringLiteral(target.argumentExpression) ? target.argumentExpression.text : undefined;
}

/**
 * The name a comparison with a string checks: `token`, `req.query.token`, `req.headers["x-api-key"]`,
 * a header read by name (`req.get("X-Api-Key")`, `headers.get("authorization")`). Not a string: two
 * strings compared name nothing.
 */
function comparedName(ts: TypeScript, node: TS.Node | undefined): string | undefined {
  node = unwrapped(ts, node);
  // Stryker disable next-line ConditionalExpression: a guard for the types: a comparison's operands are nodes, and so is what they unwrap to
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return assignedName(ts, node);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !HEADER_READERS.has(node.expression.name.text)) return undefined;
  const [name] = node.arguments;
  return node.arguments.length === 1 && ts.isStringLiteral(name) ? name.text : undefined;
}

/** Methods that read a request's or a response's header by name (Express, Fetch's Headers, Node's http). */
const HEADER_READERS = new Set(["get", "header", "getHeader"]);

/** `===`, `!==`, `==`, `!=`. */
function isEquality(ts: TypeScript, kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

/** A string literal, or a template literal without substitutions: its value and where it is. */
function stringValue(ts: TypeScript, source: TS.SourceFile, node: TS.Node | undefined): { value: string; span: Span } | undefined {
  node = unwrapped(ts, node);
  if (!node || !(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return undefined;
  return { value: node.text, span: { start: node.getStart(source), end: node.end } };
}

/**
 * A piece of a template literal with substitutions: from its backtick or `}` to the next `${` or its
 * closing backtick. What it holds is text, but it is no whole string to replace.
 */
function isTemplatePiece(text: string, span: Span): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent: only a piece that opens with a backtick ends with `${` (a quoted string ends with its quote)
  return text[span.start] === "}" || (text[span.start] === "`" && text.endsWith("${", span.end));
}

/** A piece of a template literal with substitutions: `…${`, `}…${` or `}…`. */
function isTemplatePieceNode(ts: TypeScript, node: TS.Node): node is TS.TemplateHead | TS.TemplateMiddle | TS.TemplateTail {
  return ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
}

/** Such a piece's text and where it is. */
function templatePiece(ts: TypeScript, source: TS.SourceFile, node: TS.Node): { value: string; span: Span } | undefined {
  // Stryker disable next-line ConditionalExpression: a guard: it is asked only of the strings collected (above), the pieces among them the only ones no stringValue reads
  if (!isTemplatePieceNode(ts, node)) return undefined;
  return { value: node.text, span: { start: node.getStart(source), end: node.end } };
}

/** `process.env.X` or `process.env["X"]`: the variable name. */
function envName(ts: TypeScript, node: TS.Node | undefined): string | undefined {
  if (!node || !(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) return undefined;
  const object = node.expression;
  // Stryker disable next-line ConditionalExpression: a bare `env.X` names no member below either (a guard for the types)
  if (!(ts.isPropertyAccessExpression(object) || ts.isElementAccessExpression(object))) return undefined;
  const objectName = ts.isPropertyAccessExpression(object) ? nameOf(ts, object.name) : nameOf(ts, object.argumentExpression);
  if (nameOf(ts, object.expression) !== "process" || objectName !== "env") return undefined;
  if (ts.isPropertyAccessExpression(node)) return nameOf(ts, node.name);
  return ts.isStringLiteral(node.argumentExpression) ? node.argumentExpression.text : undefined;
}

export const typescriptCode: Platform = {
  id: "typescript",
  title: "TypeScript/JavaScript",
  // Stryker disable next-line Regex: a path the first test claims ends with its extension: `.d.ts` and `.min.js` there end it too
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
    // A piece of a template literal with substitutions (`…${`, `}…${`, `}…`): one more substitution,
    // never the piece replaced whole.
    if (isTemplatePiece(text, literal.span)) return [{ span: secret, text: `\${${reference}}` }];
    if (secretText === literal.value) return [{ span: literal.span, text: reference }];
    const quote = text[literal.span.start];
    // (A shortcut: in a template literal every backtick and `${` is escaped already, so the edits below come to the same.)
    // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut (above)
    if (quote === "`") return [{ span: secret, text: `\${${reference}}` }];
    // Part of a plain string: it becomes a template literal around the reference. Only the quotes,
    // the secret and the characters a template literal reads differently are edited, so a second
    // secret in the same string is never copied into the fix.
    const edits = [{ span: { start: literal.span.start, end: literal.span.start + 1 }, text: "`" }];
    // Stryker disable next-line ArithmeticOperator: past the closing quote only a tagged template could follow, and then the string is no literal
    const raw = text.slice(literal.span.start + 1, literal.span.end - 1);
    for (const special of raw.matchAll(/`|\$\{/g)) {
      const at = literal.span.start + 1 + special.index!;
      // Already escaped in the source (an odd run of backslashes before it): leave it.
      // (Counted back from it: a regex over the text before each one was quadratic in a string of backticks.)
      let backslashes = 0;
      while (raw[special.index! - 1 - backslashes] === "\\") backslashes++;
      // (No secret holds a backtick or `$`: values end there. The test is what keeps edits apart if one ever did.)
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (above), but for a backtick right after the secret, which the tests escape
      if (backslashes % 2 === 0 && (at < secret.start || at >= secret.end)) edits.push({ span: { start: at, end: at }, text: "\\" });
    }
    edits.push({ span: secret, text: `\${${reference}}` }, { span: { start: literal.span.end - 1, end: literal.span.end }, text: "`" });
    return edits.sort((a, b) => a.span.start - b.span.start);
  },
  async buildModel(path, text): Promise<FileModel> {
    const ts = await loadCompiler();
    // Without the parser the file is plain text to the detectors (their script idioms read all of it).
    if (!ts) return emptyModel("text", path, text);
    const model = emptyModel("typescript", path, text);
    // TypeScript's parser looks ahead over a whole run of modifiers for each statement it starts, so a
    // long run (`export export …`, `public public …`: never real code) takes quadratic time: 8 000 took
    // 6 s, 50 000 minutes. Such a file is read as plain text, and its parse-error says why.
    const run = MODIFIER_RUN.exec(text);
    if (run) {
      // Stryker disable next-line ArithmeticOperator: a one-character place; only its start is shown
      model.parseErrors.push({ message: `over ${MAX_MODIFIERS} modifiers in a row (${run[1]}…), which TypeScript's parser reads in quadratic time`, span: { start: run.index, end: run.index + 1 } });
      return model;
    }
    // Each extension as TypeScript reads it (the script kind it takes from the name): JavaScript with
    // JSX (React code in `.js` is common), TypeScript without (`<T>x` is a type assertion in `.ts`),
    // TSX. JSDoc is not read (nothing here needs it).
    let source: TS.SourceFile;
    try {
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: for speed (no JSDoc, no parent links): the same tree for what is read here
      source = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false);
    } catch (error) {
      // TypeScript's parser recurses once per level of nesting: 3 000 `[` in a row exhaust the stack.
      // Stryker disable next-line ConditionalExpression: a guard: the parser throws nothing else on any text (the fuzz tests)
      if (!(error instanceof RangeError)) throw error;
      model.parseErrors.push({ message: "nested too deep for TypeScript's parser (it ran out of stack)", span: { start: 0, end: 1 } });
      return model;
    }
    // The parser's syntax errors (what the compiler itself reports first; not in its public typings).
    const [error] = (source as unknown as { parseDiagnostics: TS.DiagnosticWithLocation[] }).parseDiagnostics;
    if (error) {
      // Stryker disable next-line StringLiteral: a parse diagnostic is one message, no chain to join
      model.parseErrors.push({ message: ts.flattenDiagnosticMessageText(error.messageText, "\n").split("\n")[0], span: { start: error.start, end: error.start + 1 } });
      return model;
    }
    const literal = (key: string, node: TS.Node | undefined, keyNode?: TS.Node) => {
      const string = stringValue(ts, source, node);
      if (!string) return;
      // Stryker disable next-line ArrayDeclaration: no rule reads a TypeScript literal's path
      const entry: LiteralValue = { key: AUTH_PROPERTIES.get(key.toLowerCase()) ?? key, path: [key], value: string.value, span: string.span, role: "assignment", scope: {} };
      // Stryker disable next-line ConditionalExpression,ObjectLiteral: no rule reads a TypeScript literal's key place (no fix removes an entry here)
      if (keyNode) entry.keySpan = { start: keyNode.getStart(source), end: keyNode.end };
      model.literals.push(entry);
    };
    // An explicit stack: a bundle nests deeper than the call stack allows. (The callback returns
    // nothing: forEachChild stops at a child whose callback returns a truthy value.)
    const stack: TS.Node[] = [source];
    const push = (child: TS.Node) => {
      stack.push(child);
    };
    // An object named for the credentials it holds (`const API_KEYS = { stripe: "…" }`, `tokens: {
    // slack: "…" }`, `as const` or not) names each of its properties, as a YAML or JSON section does.
    const sectionOf = new Map<TS.Node, string>();
    const section = (name: string | undefined, initializer: TS.Node | undefined) => {
      const object = unwrapped(ts, initializer);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: `name &&`: no section's name is undefined (a guard for the types)
      if (name && object && ts.isObjectLiteralExpression(object) && CREDENTIAL_SECTION.test(name)) for (const property of object.properties) sectionOf.set(property, name);
    };
    // Every string, bound or not: one no key binds may still hold a command or a URL that binds its own
    // (`execSync("docker login -p …")`, `fetch("https://…?api_key=…")`).
    const strings: TS.Node[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || isTemplatePieceNode(ts, node)) strings.push(node);
      if (ts.isVariableDeclaration(node)) {
        if (ts.isIdentifier(node.name)) {
          literal(node.name.text, node.initializer, node.name);
          section(node.name.text, node.initializer);
        }
      } else if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) {
        const key = nameOf(ts, node.name);
        const within = sectionOf.get(node);
        // A computed key's place is what the brackets hold.
        if (key) literal(within ? keyInSection(key, within) : key, node.initializer, ts.isComputedPropertyName(node.name) ? node.name.expression : node.name);
        section(key, node.initializer);
      } else if (ts.isBinaryExpression(node)) {
        const operator = node.operatorToken.kind;
        if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) {
          const key = assignedName(ts, unwrapped(ts, node.left));
          if (key) literal(key, node.right, node.left);
        } else if (isEquality(ts, operator)) {
          // A credential compared with in code (a webhook's or an API's check of the key it expects):
          // the string is the credential, named by what it is compared with.
          const [named, value] = stringValue(ts, source, node.right) ? [node.left, node.right] : [node.right, node.left];
          const key = comparedName(ts, named);
          if (key) literal(key, value, named);
        } else if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
          // process.env.API_KEY ?? "literal": a fallback that ships the secret (not through `?.`).
          const left = unwrapped(ts, node.left);
          const name = left && !(left.flags & ts.NodeFlags.OptionalChain) ? envName(ts, left) : undefined;
          if (name) literal(name, node.right);
        }
      } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        // A name, then its value as the call's last argument: `headers.set("Authorization", "Bearer …")`,
        // `localStorage.setItem("token", "…")`, `new Header("X-Api-Key", "…")`.
        // Stryker disable next-line ArrayDeclaration: `new X` without arguments: fewer than two either way
        const args = node.arguments ?? [];
        if (args.length >= 2) {
          const [name, value] = args.slice(-2);
          if (ts.isStringLiteral(name)) literal(name.text, value, name);
          // A JWT signed or checked with a literal key: `jwt.sign(payload, "…")`, `jwt.verify(token, "…")`.
          const callee = node.expression;
          if (ts.isPropertyAccessExpression(callee) && /^(sign|verify)$/.test(callee.name.text) && /jwt|jsonwebtoken/i.test(callee.expression.getText(source))) literal("jwt_secret", args[1]);
        }
        // Stryker disable next-line ConditionalExpression: a shortcut: envName reads nothing else
      } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        const name = envName(ts, node);
        if (name && isCredentialKey(name)) {
          const property = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
          const ref: ConnectorRef = { name, kind: "secret", span: { start: property.getStart(source), end: property.end }, scope: {} };
          model.connectorRefs.push(ref);
        }
      }
      ts.forEachChild(node, push);
    }
    // The strings no key binds, that could hold a binding of their own (an `=`, a `:`, an option: a
    // query, a header, a command), as literals under no name: the script idioms read them, and a
    // secret found in one gets the fix a bound string's gets.
    const bound = new Set(model.literals.map((entry) => entry.span.start));
    for (const node of strings) {
      const string = stringValue(ts, source, node) ?? templatePiece(ts, source, node)!;
      if (!bound.has(string.span.start) && string.value.length >= MIN_UNBOUND_STRING && MAY_BIND.test(string.value)) {
        // (No rule reads a TypeScript literal's path; every TypeScript literal's text is read by the idioms whatever its role.)
        // Stryker disable next-line ArrayDeclaration,StringLiteral: equivalent (above)
        model.literals.push({ key: "", path: [], value: string.value, span: string.span, role: "assignment", scope: {} });
      }
    }
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: the engine orders findings by place; no rule reads the literals' order (they never nest here).
    model.literals.sort((a, b) => a.span.start - b.span.start);
    model.connectorRefs.sort((a, b) => a.span.start - b.span.start);
    return model;
  },
};
