// Jenkins pipelines (Jenkinsfile, declarative and scripted; shared-library `vars/*.groovy`), parsed with
// tree-sitter's Groovy grammar. Credentials are Jenkins credential ids: `credentials('id')` in an
// `environment {}` block, `withCredentials([...])` bindings, `credentialsId:` arguments (git, sshagent,
// docker.withRegistry). A credential variable interpolated by Groovy into an `sh "..."` command (double
// quotes) is put on the command line before the shell runs: Jenkins itself warns about it.
import type { ConnectorKind, ConnectorRef, FileModel, LiteralValue, Scope, Span } from "../model.js";
import { groovyParseBudgetMs, parseGroovy, type GroovyNode } from "../documents/groovy.js";
import { boundName } from "../documents/yaml.js";
import { baseName, emptyModel, isWholeValue, repoPath } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";


/**
 * Syntax trees are walked this deep at most (recursively, with the stack): the corpus's Jenkinsfiles
 * reach 46; 3 000 nested stages overflowed the stack, and a regex compiled with it nearly spent makes
 * V8 abort the process.
 */
const MAX_TREE_DEPTH = 1000;

/** Steps whose string argument is a shell (or batch, PowerShell) script. */
const SCRIPT_STEPS = new Set(["sh", "bat", "powershell", "pwsh"]);
/** Credential bindings of `withCredentials` and steps that take SSH keys. */
const SSH_KEY_STEPS = new Set(["sshUserPrivateKey", "sshagent"]);
/** Which variable of a `withCredentials` binding holds the secret, by preference. */
const SECRET_VARIABLES = ["passwordVariable", "variable", "secretKeyVariable", "clientSecretVariable", "keyFileVariable", "tokenVariable"];
/** Bindings whose variable has a default name: static AWS keys (the AWS Credentials plugin, pipeline-aws's `withAWS(credentials:)`) and an Azure service principal. */
const DEFAULT_VARIABLES: [RegExp, string][] = [
  [/^(aws|withAWS|AmazonWebServicesCredentialsBinding)$/, "AWS_SECRET_ACCESS_KEY"],
  [/^(azureServicePrincipal|AzureCredentialsBinding)$/, "AZURE_CLIENT_SECRET"],
];

interface StringValue {
  value: string;
  /** The whole literal, quotes included. */
  span: Span;
  /** The text between the quotes. */
  content: Span;
  node: GroovyNode;
}

/**
 * A parameter's default bound to the parameter's name: `string(name: 'API_TOKEN', defaultValue: '…')`,
 * `password(name: 'DB_PASS', defaultValue: '…')` in `parameters {}`, as a YAML `name:`/`value:` pair is.
 */
function boundParameterName(item: GroovyNode, key: string): string | undefined {
  if (key !== "defaultValue" && key !== "value") return undefined;
  // Stryker disable next-line all: a map item's parent is the call's argument list; a positional argument beside it has no key, and boundName reads keys.
  const siblings = (item.parent?.namedChildren ?? []).filter((sibling): sibling is GroovyNode => sibling?.type === "map_item");
  // Stryker disable next-line OptionalChaining,StringLiteral: a map item always has its key
  return boundName(siblings.map((sibling) => ({ key: sibling.childForFieldName("key")?.text ?? "", value: stringOf(sibling.childForFieldName("value"))?.value })));
}

/** A Groovy string literal: '…', "…", '''…''', """…""". */
function stringOf(node: GroovyNode | null | undefined): StringValue | undefined {
  if (node?.type !== "string") return undefined;
  const text = node.text;
  const quote = /^("""|'\'\')/.test(text) ? 3 : /^["']/.test(text) ? 1 : 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: tree-sitter's string node always holds both its quotes (the length test only guards the slices)
  if (quote === 0 || text.length < quote * 2) return undefined;
  const { startIndex: start, endIndex: end } = node;
  return { value: text.slice(quote, text.length - quote), span: { start, end }, content: { start: start + quote, end: end - quote }, node };
}

/** A string Groovy builds at run time (`"deploy-${ENV}"`): as a credential id it names no stored credential. */
function isComputed(string: StringValue): boolean {
  // Stryker disable next-line OptionalChaining: a string's parts are nodes (the type allows null)
  return string.node.namedChildren.some((part) => part?.type === "interpolation");
}

/** The name a call is made by: `sh`, `withCredentials`, `withRegistry` (of `docker.withRegistry`). */
function callName(node: GroovyNode): string | undefined {
  // Stryker disable next-line ConditionalExpression: other nodes have no `function` field: fn is null and the name undefined either way
  if (node.type !== "function_call" && node.type !== "juxt_function_call") return undefined;
  const fn = node.childForFieldName("function");
  // Stryker disable next-line OptionalChaining: a call always has its function
  return fn?.type === "dotted_identifier" ? fn.lastNamedChild?.text : fn?.text;
}

function argumentsOf(node: GroovyNode): GroovyNode[] {
  // Stryker disable next-line all: a call always has its argument list, of nodes (the type allows null)
  return node.childForFieldName("args")?.namedChildren.filter((n): n is GroovyNode => n !== null) ?? [];
}

function mapItem(items: GroovyNode[], key: string): GroovyNode | undefined {
  // Stryker disable next-line ConditionalExpression,OptionalChaining: a positional argument has no `key` field: it never matches either way
  return items.find((item) => item.type === "map_item" && item.childForFieldName("key")?.text === key)?.childForFieldName("value") ?? undefined;
}

/** `${NAME}`, `${env.NAME}` or `$NAME` of a credential variable, interpolated by Groovy into a "…" string. */
function interpolations(string: StringValue, variables: ReadonlyMap<string, string>): { name: string; span: Span }[] {
  const found: { name: string; span: Span }[] = [];
  for (const part of string.node.namedChildren) {
    // Stryker disable next-line ConditionalExpression,OptionalChaining: a string's other parts (escapes) hold no identifier: they name nothing either way
    if (part?.type !== "interpolation") continue;
    const inner = part.firstNamedChild;
    // Stryker disable next-line ConditionalExpression,OptionalChaining: an identifier has no children (not `env.`), and a dotted name's whole text is never a variable's (\w+)
    const name = inner?.type === "dotted_identifier" && inner.firstNamedChild?.text === "env" ? inner.lastNamedChild?.text : inner?.type === "identifier" ? inner.text : undefined;
    if (name && variables.has(name)) found.push({ name, span: { start: part.startIndex, end: part.endIndex } });
  }
  return found;
}

/** The share of the file tree-sitter could not read (outermost ERROR nodes). */
function unreadShare(root: GroovyNode, length: number): number {
  let unread = 0;
  // Stryker disable ConditionalExpression,EqualityOperator,ArithmeticOperator: the depth only bounds the recursion (walk() reports the nesting); children are never null
  const visit = (node: GroovyNode, depth: number) => {
    if (node.type === "ERROR") unread += node.endIndex - node.startIndex;
    else if (depth < MAX_TREE_DEPTH) for (const child of node.children) if (child) visit(child, depth + 1);
  };
  // Stryker restore ConditionalExpression,EqualityOperator,ArithmeticOperator
  visit(root, 0);
  // Stryker disable next-line ConditionalExpression: 0 / 0 is NaN, which is not over 0.9 either
  return length === 0 ? 0 : unread / length;
}

/**
 * The variable a credential is bound to (`usernamePassword(credentialsId: 'x', passwordVariable: 'PASS')`,
 * `[$class: 'AmazonWebServicesCredentialsBinding', credentialsId: 'x']`), which says what the credential is.
 */
function bindingOf(item: GroovyNode, owner: string | undefined, id: StringValue): ConnectorRef["binding"] {
  // Stryker disable next-line all: as in boundParameterName
  const siblings = item.parent?.namedChildren.filter((n): n is GroovyNode => n?.type === "map_item") ?? [];
  const valueOf = (key: string) => stringOf(mapItem(siblings, key));
  // Stryker disable next-line Regex,OptionalChaining,StringLiteral: keys are whole identifiers, always present
  const variable = SECRET_VARIABLES.map(valueOf).find(Boolean) ?? siblings.map((n) => n.childForFieldName("key")?.text ?? "").filter((k) => /^\w+Variable$/.test(k)).map(valueOf).find(Boolean);
  if (variable) return { level: "step", name: variable.value, keySpan: variable.content };
  // Stryker disable next-line StringLiteral: no binding kind is empty
  const kind = valueOf("$class")?.value ?? owner ?? "";
  const name = DEFAULT_VARIABLES.find(([pattern]) => pattern.test(kind))?.[1];
  return name ? { level: "step", name, keySpan: id.content } : undefined;
}

export const jenkins: Platform = {
  id: "jenkins",
  title: "Jenkins",
  matchesPath: (path) => {
    const repo = repoPath(path);
    const name = baseName(path);
    // `Jenkinsfile.yml` is pipeline-as-YAML (a plugin), not Groovy: the YAML reader takes it.
    // Stryker disable next-line Regex: a name with `.yml` inside (a backup) is not Groovy either
    if (/\.ya?ml$/i.test(name)) return false;
    return /^jenkinsfile/i.test(name) || /\.jenkinsfile$/i.test(name) || /(^|\/)Jenkinsfile\.d\//.test(repo) || /(^|\/)vars\/[^/]+\.groovy$/.test(repo);
  },
  // Any Groovy file using pipeline steps (a script loaded with `load`, a snippet): not plain Groovy classes.
  matchesContent: (path, text) =>
    /\.groovy$/i.test(path) && /\b(pipeline\s*\{|node\s*[({]|stage\s*\(|withCredentials\s*\(|podTemplate\s*\(|(sh|bat|powershell)\s*[("']|env\.[A-Za-z_]|build\s+job\s*:|currentBuild\.|slackSend\b)|@Library\b/.test(text),
  secretReference: (name) => `credentials('${name}')`,
  // The OpenID Connect Provider plugin (`oidc-provider`) issues builds short-lived id tokens as credentials.
  shortLivedAlternatives: {
    aws: "an id token from the OpenID Connect Provider plugin (an `idToken` credential, bound with `withCredentials`) exchanged for a role (`AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`)",
    azure: "an id token from the OpenID Connect Provider plugin and `az login --service-principal --federated-token` against a federated credential of the app registration",
    gcp: "Workload Identity Federation with an id token from the OpenID Connect Provider plugin",
  },
  deploymentGate: "Add an `input` directive to the stage (`input { message 'Deploy to production?'; submitter 'release-managers' }`), or an `input` step before it, so a person approves the deploy before the credential is used.",
  gateAbsent: "`input` before it: it runs without anyone approving it",
  narrowerBinding: "Move it to the `environment {}` of the stage that uses it, or bind it with `withCredentials` around the steps that need it.",
  secretFix(literal, secret, name, text) {
    // `credentials('id')` is only understood in an `environment {}` directive; elsewhere the value moves
    // to a credential bound by withCredentials, which the steps describe. It stands for the whole value:
    // a secret inside a longer one (a URL's password) would leave the variable holding the password
    // alone, so the steps describe that case too.
    // Stryker disable next-line ConditionalExpression: a literal under `environment` is always an assignment
    if (literal.role !== "assignment" || literal.path[0] !== "environment" || !isWholeValue(literal, secret, text)) return undefined;
    return [{ span: literal.span, text: `credentials('${name}')` }];
  },
  storeSecretSteps: (name) => [
    `Add it as a Jenkins credential: Manage Jenkins → Credentials → the folder's or the global store → Add Credentials → Secret text, with the ID ${name}.`,
    `Use it through \`${name} = credentials('${name}')\` in an \`environment {}\` block, or \`withCredentials([string(credentialsId: '${name}', variable: '${name}')]) { … }\`; in \`sh\`, write it in single quotes (\`sh 'curl -H "Authorization: Bearer $${name}" …'\`) so the shell expands it, not Groovy.`,
    ROTATE_IF_COMMITTED,
  ],
  async buildModel(path, text): Promise<FileModel> {
    const model = emptyModel("jenkins", path, text);
    const tree = await parseGroovy(text);
    // Without the grammar (see groovyParserMissing) the file gets the text-wide secret scan only.
    // Stryker disable next-line ConditionalExpression: only without the grammar, tested in a process of its own (suppressions-groovy)
    if (!tree) return model;
    if (tree === "gave up") {
      model.parseErrors.push({
        message: `tree-sitter's Groovy parser gave up after ${(groovyParseBudgetMs(text.length) / 1000).toFixed(1)} s (its error recovery is slow on some broken files, such as many \`/*\` never closed)`,
        span: { start: 0, end: 1 },
      });
      return model;
    }
    // A tree lives in the grammar's WebAssembly memory, which no garbage collector frees: each file's
    // tree is deleted once read (kept, a 28 KB Jenkinsfile leaked 0.8 MB per parse: the editor reparses on
    // every keystroke, the history scan every version).
    try {
      const root = tree.rootNode;
      // tree-sitter recovers from what the grammar does not know (`.collect { … }.join()` chains, some
      // annotations) and everything around it is still read; only a file it could hardly read is an error.
      // Stryker disable next-line EqualityOperator: a share of exactly 0.9 is no case
      if (root.hasError && unreadShare(root, text.length) > 0.9) {
        const error = root.descendantsOfType("ERROR")[0] ?? root;
        model.parseErrors.push({ message: "Groovy syntax error (tree-sitter could read almost nothing of this file)", span: { start: error.startIndex, end: error.startIndex + 1 } });
      }
      // Variables holding a credential: `NAME = credentials('id')` in any `environment {}` (for the whole
      // file: a stage's are rarely reused elsewhere), and `withCredentials` bindings within their body.
      const environmentCredentials = new Map<string, string>();
      for (const node of root.descendantsOfType("assignment")) {
        // Stryker disable next-line OptionalChaining,ArrayDeclaration: descendantsOfType gives nodes
        const [left, right] = node?.namedChildren ?? [];
        const id = right && callName(right) === "credentials" ? stringOf(argumentsOf(right)[0]) : undefined;
        if (!left || !id) continue;
        // Stryker disable next-line OptionalChaining,StringLiteral: a dotted name always ends in a name
        const name = left.type === "dotted_identifier" ? (left.lastNamedChild?.text ?? "") : left.text;
        // A username-and-password credential also sets NAME_USR and NAME_PSW (the password). A computed
        // id is known by its variable only, as a `withCredentials` binding's is.
        const connector = isComputed(id) ? name : id.value;
        environmentCredentials.set(name, connector).set(`${name}_PSW`, connector);
      }
      const addRef = (id: StringValue, kind: ConnectorKind, scope: Scope, binding?: ConnectorRef["binding"]) => {
        if (!id.value || isComputed(id)) return;
        model.connectorRefs.push({ name: id.value, kind, span: id.content, scope, ...(binding && { binding }) });
      };
      const literal = (key: string, pathOf: (string | number)[], string: StringValue, role: LiteralValue["role"], scope: Scope, keyNode?: GroovyNode | null) => {
        const value: LiteralValue = { key, path: pathOf, value: string.value, span: string.span, ...(keyNode && { keySpan: { start: keyNode.startIndex, end: keyNode.endIndex } }), role, scope };
        model.literals.push(value);
        return value;
      };

      // Stryker disable next-line ArrayDeclaration: a stray first entry matches no stage and precedes none
      // Where each stage ends, in the order of model.jobs (a stage is its job).
      const stageEnds: number[] = [];
      /** Where `input` steps and directives start: a person approves there before the pipeline goes on. */
      // Stryker disable next-line ArrayDeclaration: a stray first entry is never before a stage's end
      const inputs: number[] = [];
      /** `variables`: the credential variables in reach, each with the credential id it holds. */
      let tooDeep: GroovyNode | undefined;
      const walk = (node: GroovyNode, scope: Scope, variables: ReadonlyMap<string, string>, inEnvironment: boolean, depth: number): void => {
        // Stryker disable next-line EqualityOperator: one level either way of 1 000
        if (depth > MAX_TREE_DEPTH) {
          tooDeep ??= node;
          return;
        }
        let innerScope = scope;
        let innerVariables = variables;
        let innerEnvironment = inEnvironment;
        const call = callName(node);
        // Stryker disable next-line ArrayDeclaration: args are read only when there is a call
        const args = call ? argumentsOf(node) : [];
        if (call === "stage") {
          const stage = stringOf(args[0]);
          if (stage) {
            innerScope = { job: stage.value };
            // Stryker disable next-line ArrayDeclaration: a Jenkins job's steps are not modelled: no rule reads them here
            model.jobs.push({ id: stage.value, span: stage.span, steps: [] });
            stageEnds.push(node.endIndex);
          }
        } else if (call === "input") {
          inputs.push(node.startIndex);
        } else if (call === "environment") {
          innerEnvironment = true;
        } else if (call === "credentials" && !inEnvironment) {
          const id = stringOf(args[0]);
          if (id) addRef(id, "secret", scope);
        } else if (call && SCRIPT_STEPS.has(call)) {
          const script = stringOf(args[0]) ?? stringOf(mapItem(args, "script"));
          if (script) {
            const value = literal(call, ["steps", call], script, "script", scope);
            const interpolated = interpolations(script, variables);
            if (interpolated.length > 0) value.interpolated = interpolated;
            if (variables.size > 0) value.secretVariables = [...variables].map(([name, connector]) => ({ name, connector }));
          }
        } else if (call === "withCredentials") {
          const bound = new Map(variables);
          // Stryker disable next-line all: a variable of bindings (`withCredentials(bindings)`) has no named children either
          for (const binding of args[0]?.type === "list" ? args[0].namedChildren : []) {
            // `usernamePassword(credentialsId: …, passwordVariable: 'PASS')`, or `[$class: …, variable: 'X']`.
            // Stryker disable next-line all: a list holds nodes; a map binding's children are its items
            const items = binding?.type === "function_call" ? argumentsOf(binding) : (binding?.namedChildren.filter((n): n is GroovyNode => n !== null) ?? []);
            // `azureServicePrincipal('id')`: the id given without its name.
            // Stryker disable next-line ConditionalExpression,OptionalChaining: a map binding's first child is a map item, never a string
            const positional = binding?.type === "function_call" ? stringOf(items[0]) : undefined;
            if (positional) addRef(positional, "secret", scope, bindingOf(items[0], callName(binding!), positional));
            // Stryker disable next-line OptionalChaining,StringLiteral: an id is read only when a variable is bound, and a missing one names the variable
            const id = positional?.value ?? stringOf(mapItem(items, "credentialsId"))?.value ?? "";
            // A `file(...)` credential's variable, a key file's or a keystore's, holds a path, not the secret.
            // Stryker disable next-line BooleanLiteral: a list holds nodes
            const holdsPath = binding ? callName(binding) === "file" : false;
            for (const item of items) {
              // Stryker disable next-line ConditionalExpression,OptionalChaining: a positional argument has no `key` field
              const key = item.type === "map_item" ? item.childForFieldName("key")?.text : undefined;
              // Stryker disable next-line Regex: keys are whole identifiers
              const variable = key && !holdsPath && /^(variable|\w+Variable)$/.test(key) && !/^(keyFile|keystore)Variable$/.test(key) ? stringOf(item.childForFieldName("value")) : undefined;
              // A credential id computed at run time (`"${credentialsId}"`) is known by its variable only.
              if (variable) bound.set(variable.value, id && !id.includes("$") ? id : variable.value);
            }
          }
          innerVariables = bound;
        } else if (call === "sshagent") {
          // Stryker disable next-line OptionalChaining: a call always has its argument list
          const list = args[0]?.type === "list" ? args[0] : mapItem(args, "credentials");
          // Stryker disable next-line OptionalChaining,ArrayDeclaration: sshagent's credentials are always given
          for (const id of list?.namedChildren ?? []) {
            const string = stringOf(id);
            if (string) addRef(string, "ssh-key", scope);
          }
        } else if (call === "withRegistry") {
          const id = stringOf(args[1]);
          if (id) addRef(id, "secret", scope);
        }

        if (node.type === "map_item") {
          const key = node.childForFieldName("key");
          const string = stringOf(node.childForFieldName("value"));
          // Stryker disable next-line OptionalChaining: a map item sits in an argument list, in a call or a map
          const owner = node.parent?.parent ? callName(node.parent.parent) : undefined;
          // Stryker disable next-line ConditionalExpression: a map item always has its key
          if (key && string && (key.text === "credentialsId" || (key.text === "credentials" && owner === "withAWS"))) {
            addRef(string, owner && SSH_KEY_STEPS.has(owner) ? "ssh-key" : "secret", scope, bindingOf(node, owner, string));
          }
          // Stryker disable next-line ConditionalExpression: `owner` alone: a missing owner is no script step either
          else if (key && string && !(owner && SCRIPT_STEPS.has(owner) && key.text === "script")) literal(boundParameterName(node, key.text) ?? key.text, ["arguments", key.text], string, "assignment", scope, key);
        } else if (node.type === "assignment" || node.type === "declaration") {
          const [left, right] = node.type === "assignment" ? node.namedChildren : [node.childForFieldName("name"), node.childForFieldName("value")];
          // Stryker disable next-line OptionalChaining: an assignment always has its left side
          const name = left?.type === "dotted_identifier" ? left.lastNamedChild?.text : left?.text;
          // Stryker disable next-line ConditionalExpression,LogicalOperator,Regex: a left side is a name, a dotted name or a subscript (`a['x']`, which ends in `]`); a `def x` without value is read by nothing here
          if (left && right && name && /^\w+$/.test(name)) {
            const string = stringOf(right);
            if (string) literal(name, [inEnvironment ? "environment" : "assign", name], string, "assignment", scope, left);
            else if (inEnvironment && callName(right) === "credentials") {
              const id = stringOf(argumentsOf(right)[0]);
              if (id) addRef(id, "secret", scope, { level: scope.job ? "job" : "workflow", name, keySpan: { start: left.startIndex, end: left.endIndex } });
            }
          }
        }
        // Stryker disable next-line ConditionalExpression: children are never null
        for (const child of node.namedChildren) if (child) walk(child, innerScope, innerVariables, innerEnvironment, depth + 1);
      };
      walk(root, {}, environmentCredentials, false, 0);
      if (tooDeep) model.parseErrors.push({ message: `nested over ${MAX_TREE_DEPTH} levels deep: not read past that`, span: { start: tooDeep.startIndex, end: tooDeep.startIndex + 1 } });
      // A stage runs after every `input` before it (stages run in order) and after its own `input` directive:
      // gated when the first `input` starts before it ends. (Each stage is its job, pushed together: two
      // stages of one name are each judged where they stand.)
      // (The walk meets them in the text's order: the first is the earliest.)
      const firstInput = inputs[0] ?? Infinity;
      model.jobs.forEach((job, index) => {
        // Stryker disable next-line EqualityOperator: an `input` never starts where a stage ends
        if (firstInput < stageEnds[index]) job.approvalGate = true;
      });
      // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: the engine orders findings by place; no rule reads the literals' order (they never nest here).
      model.literals.sort((a, b) => a.span.start - b.span.start);
      return model;
      // (Freeing the tree is measured in a process of its own, the memory test: Stryker cannot see it.)
    } finally /* Stryker disable next-line BlockStatement */ {
      tree.delete();
    }
  },
};
