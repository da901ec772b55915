import assert from "node:assert/strict";
import ts from "typescript";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite } from "./suite.js";
import { registerTypescript, typescriptCode, typescriptParserMissing } from "../../linter-core/platforms/typescript.js";

/** The text parsed by TypeScript; throws the first syntax error (a fix must leave valid code). */
function parse(text: string): ts.SourceFile {
  const source = ts.createSourceFile("a.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const [error] = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return source;
}

/** The first statement's first declaration's initializer: `const x = <this>;`. */
function firstInitializer(text: string): ts.Expression {
  const statement = parse(text).statements[0];
  assert.ok(ts.isVariableStatement(statement), text);
  return statement.declarationList.declarations[0].initializer!;
}

/** A template literal's cooked string parts (what its quasis read), or a failure when it is not one. */
function templateParts(node: ts.Expression): string[] {
  assert.ok(ts.isTemplateExpression(node), `a template literal: ${ts.SyntaxKind[node.kind]}`);
  return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
}

const fake = new FakeSecrets(39);
const token = fake.chars(40);
const code = (auth: string) => `import { Octokit } from "@octokit/rest";\n\nconst octokit = new Octokit({ auth: ${auth} });\nconst slack = process.env.SLACK_BOT_TOKEN;\nexport const region = "eu-west-1";\n`;

platformSuite({
  platform: "typescript",
  claims: [
    { path: "scripts/release.ts", text: "" },
    { path: ".github/scripts/notify.mjs", text: "" },
  ],
  leaves: [
    { path: "types/index.d.ts", text: "export {};" },
    { path: "vendor/lib.min.js", text: "" },
  ],
  connectors: { path: "scripts/release.ts", text: code("process.env.GH_TOKEN"), expected: ["GH_TOKEN:secret", "SLACK_BOT_TOKEN:secret"] },
  secret: { path: "scripts/release.ts", text: code(`"${token}"`), value: token, fixed: code("process.env.AUTH_TOKEN") },
  clean: [
    { path: "scripts/release.ts", text: code("process.env.GH_TOKEN") },
    { path: "scripts/fallback.ts", text: 'const key = process.env.API_KEY ?? "<your-api-key>";\n' },
  ],
  validate: (text) => void parse(text),
});

describe("platform typescript: more idioms", () => {
  it("a process.env fallback holding a secret is flagged and becomes a template when partial", async () => {
    const secret = fake.chars(36);
    const text = `const key = process.env.API_KEY ?? "${secret}";\nconst headers = { Authorization: "Bearer ${token}" };\n`;
    const result = await lintFiles([{ path: "a.ts", text }]);
    const findings = result.findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(findings.length, 2);
    assert.equal(findings[0].fixes[0].edits[0].text, "process.env.API_KEY");
    assert.equal(applyEdits(text, findings[1].fixes[0].edits).split("\n")[1], "const headers = { Authorization: `Bearer ${process.env.API_TOKEN}` };");
  });

  it("a fix for one secret in a string never carries the other secret (edits touch only the secret and the quotes)", async () => {
    const other = `sk_live_${fake.chars(24)}`;
    const github = `ghp_${fake.chars(36)}`;
    const text = `const url = "https://x.example/?key=${github}&stripe=${other} \`tick\` \${notATemplate}";\n`;
    const findings = (await lintFiles([{ path: "a.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      const edits = finding.fixes[0].edits;
      for (const edit of edits) assert.ok(!edit.text.includes(github) && !edit.text.includes(other), `edit text carries a secret: ${edit.text}`);
      const fixed = applyEdits(text, edits);
      // Still valid TypeScript, and the string's other characters read the same in the template.
      assert.ok(templateParts(firstInitializer(fixed)).join("").includes("`tick` ${notATemplate}"));
    }
  });
});

describe("platform typescript: where a string sits", () => {
  const value = new FakeSecrets(94).chars(40);
  const fixes = async (text: string) =>
    (await lintFiles([{ path: "src/config.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => applyEdits(text, f.fixes[0].edits.filter((e) => e.path === "src/config.ts")));

  it("a quoted object key, a member assignment and a template literal without expressions are literals named by their key", async () => {
    assert.deepEqual(await fixes(`const config = { "apiKey": "${value}" };\n`), ["const config = { \"apiKey\": process.env.API_KEY };\n"]);
    assert.deepEqual(await fixes(`settings.token = "${value}";\n`), ["settings.token = process.env.TOKEN;\n"]);
    assert.deepEqual(await fixes(`const apiToken = \`${value}\`;\n`), ["const apiToken = process.env.API_TOKEN;\n"]);
  });

  it("a template literal with an expression is no literal", async () => {
    assert.deepEqual(await fixes(`const apiToken = \`${value}\${suffix}\`;\n`), []);
  });
});

describe("platform typescript: which names and values count", () => {
  const value = new FakeSecrets(95).chars(40);
  const secrets = async (path: string, text: string) => {
    const result = await lintFiles([{ path, text }]);
    assert.deepEqual(result.internalErrors, []);
    return result.findings.filter((f) => f.ruleId === "hardcoded-secret");
  };
  const fixed = async (text: string) => (await secrets("src/config.ts", text)).map((f) => applyEdits(text, f.fixes[0].edits.filter((e) => e.path === "src/config.ts")));

  it("process.env read by a computed name, and an || fallback, are judged like ?? (never &&)", async () => {
    assert.deepEqual(await fixed(`const k = process.env["API_KEY"] ?? "${value}";\n`), [`const k = process.env["API_KEY"] ?? process.env.API_KEY;\n`]);
    assert.deepEqual(await fixed(`const k = process.env.DEPLOY_TOKEN || "${value}";\n`), [`const k = process.env.DEPLOY_TOKEN || process.env.DEPLOY_TOKEN;\n`]);
    // `&&` is no fallback: the string is used only when the variable is set. Nothing names it.
    assert.deepEqual(await fixed(`const k = process.env.DEPLOY_TOKEN && "${value}";\n`), []);
  });

  it("names that are no names: destructuring, computed keys, a fallback to something else; none stops the file", async () => {
    for (const text of [`const [apiKey] = ["${value}"];\n`, `const o = { [field]: "${value}" };\n`, `const k = other ?? "${value}";\n`, `o[field] = "${value}";\n`]) {
      assert.deepEqual(await fixed(text), [], text);
    }
  });

  it("a secret inside a template literal becomes a substitution, not a new template", async () => {
    assert.deepEqual(await fixed(`const headers = { authorization: \`Bearer ${value}\` };\n`), ["const headers = { authorization: `Bearer ${process.env.API_TOKEN}` };\n"]);
  });

  it("a backtick already escaped in the string is not escaped twice when it becomes a template", async () => {
    const text = `const url = "tick \\\` https://x.example/?token=ghp_${fake.chars(36)}";\n`;
    const [result] = await fixed(text);
    assert.ok(result.includes("tick \\` https://"), result);
    assert.ok(!result.includes("\\\\`"), result);
    assert.doesNotThrow(() => parse(result));
  });

  it("only credential-like environment variables are connectors", async () => {
    const result = await lintFiles([{ path: "src/env.ts", text: "const mode = process.env.NODE_ENV;\nconst t = process.env.SLACK_TOKEN;\nconst u = process.env['NPM_TOKEN'];\n" }]);
    const refs = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /`([^`]+)`/.exec(f.message)![1]);
    assert.deepEqual(refs, ["SLACK_TOKEN", "NPM_TOKEN"]);
  });

  it("JSX parses in .tsx, .jsx and JavaScript (React code in .js); a file that does not parse gets a parse-error at its place and the text-wide scan", async () => {
    const jsx = `const card = <Card token="x" />;\nconst apiKey = "${value}";\n`;
    for (const path of ["src/card.tsx", "src/card.TSX", "src/card.jsx", "src/App.js", "src/App.mjs", "src/App.CJS", "src/view.ts.js"]) {
      const result = await lintFiles([{ path, text: jsx }]);
      assert.deepEqual(result.findings.filter((f) => f.ruleId === "parse-error"), [], path);
      assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1, path);
    }
    // An angle-bracket type assertion is TypeScript, and no JSX: it parses in a .ts file.
    for (const path of ["src/cast.ts", "src/cast.mts", "src/cast.cts", "src/cast.TS", "src/old.jsx.ts"]) {
      const cast = await lintFiles([{ path, text: "const port = <number>config.port;\n" }]);
      assert.deepEqual(cast.findings.filter((f) => f.ruleId === "parse-error"), [], path);
    }
    const broken = `const a = 1;\nconst b = ;\nconst c = "ghp_${fake.chars(36)}";\n`;
    const result = await lintFiles([{ path: "src/broken.ts", text: broken }]);
    const [parseError] = result.findings.filter((f) => f.ruleId === "parse-error");
    assert.ok(parseError, "a parse-error finding");
    assert.equal(parseError.start.line, 2, "the line that does not parse (1-based)");
    assert.match(parseError.message, /^TypeScript\/JavaScript could not be parsed: Expression expected\. Its secrets were looked for as in plain text/);
    // In a .ts file JSX is no syntax: it is said where it stops the parse.
    const tsx = (await lintFiles([{ path: "src/card.ts", text: jsx }])).findings.filter((f) => f.ruleId === "parse-error");
    assert.equal(tsx.length, 1);
    assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1);
  });

  it("a fix's edits come in the order of the text, apart: a backtick after the secret is escaped too, none inside it; the token is named as the detector names it, not after the command", async () => {
    const text = `const cmd = "curl -H 'Authorization: Bearer ${value}' see \`docs\` \\\`ok";\n`;
    const [finding] = (await lintFiles([{ path: "src/a.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    const edits = finding.fixes[0].edits;
    assert.deepEqual(edits.map((e) => e.start), [...edits.map((e) => e.start)].sort((a, b) => a - b));
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, "edits do not overlap");
    assert.equal(applyEdits(text, edits).split("\n")[0], "const cmd = `curl -H 'Authorization: Bearer ${process.env.API_TOKEN}' see \\`docs\\` \\`ok`;");
    const right = `const cmd = "curl -H 'Authorization: Bearer ${value}\`x";\n`;
    const [after] = (await lintFiles([{ path: "src/a.ts", text: right }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(applyEdits(right, after.fixes[0].edits).split("\n")[0], "const cmd = `curl -H 'Authorization: Bearer ${process.env.API_TOKEN}\\`x`;");
  });

  it("without the parser (an optional dependency) a file is plain text to the detectors, and that is said", async () => {
    try {
      registerTypescript(() => {
        throw new Error("Cannot find module 'typescript'");
      });
      const model = await typescriptCode.buildModel("src/a.ts", `const apiKey = "${value}";\n`);
      assert.deepEqual([model.platform, model.literals, model.parseErrors, typescriptParserMissing()], ["text", [], [], true]);
    } finally {
      registerTypescript(() => ts);
    }
    assert.equal((await typescriptCode.buildModel("src/a.ts", `const apiKey = "${value}";\n`)).literals.length, 1);
    assert.equal(typescriptParserMissing(), false, "a parser registered again is not missing");
  });

  it("a long run of modifiers (on which TypeScript's parser takes quadratic time) is not parsed: its parse-error says why, at the run, and its secrets are still found", async () => {
    for (const modifier of ["export", "public", "static"]) {
      const text = `const a = 1;\n${`${modifier}\n`.repeat(5_000)}const apiKey = "${value}";\n`;
      const result = await lintFiles([{ path: "src/odd.ts", text }]);
      const [parseError] = result.findings.filter((f) => f.ruleId === "parse-error");
      assert.ok(parseError, modifier);
      assert.equal(parseError.start.line, 2, "the run's first line");
      assert.match(parseError.message, new RegExp(`could not be parsed: over 64 modifiers in a row \\(${modifier}…\\), which TypeScript's parser reads in quadratic time`));
      assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1, modifier);
    }
    // Nesting deeper than TypeScript's parser can recurse: a parse-error, not an internal error.
    const deep = await lintFiles([{ path: "src/deep.ts", text: `const apiKey = "${value}";\nconst a = ${"[".repeat(30_000)};\n` }]);
    assert.deepEqual(deep.internalErrors, []);
    const tooDeep = deep.findings.find((f) => f.ruleId === "parse-error");
    assert.match(tooDeep?.message ?? "", /could not be parsed: nested too deep for TypeScript's parser \(it ran out of stack\)/);
    assert.deepEqual([tooDeep?.start, tooDeep?.end], [{ line: 1, column: 1 }, { line: 1, column: 2 }], "at the file's start");
    assert.equal(deep.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1);
    // Real code's few modifiers in a row are parsed as always.
    const real = await lintFiles([{ path: "src/real.ts", text: `export default abstract class A {\n  public static readonly override accessor x = 1;\n}\n${"export const b = 1;\n".repeat(200)}` }]);
    assert.deepEqual(real.findings.filter((f) => f.ruleId === "parse-error"), []);
  });
});

describe("platform typescript: a string no key binds, read for the command or URL it holds", () => {
  const secret = new FakeSecrets(43).chars(32);
  const cases: [string, string, string][] = [
    [`await fetch("https://api.example.com/v1/items?api_key=${secret}");`, "API_KEY", "await fetch(`https://api.example.com/v1/items?api_key=${process.env.API_KEY}`);"],
    [`await fetch(\`https://api.example.com/v1/items?token=${secret}&q=1\`);`, "TOKEN", "await fetch(`https://api.example.com/v1/items?token=${process.env.TOKEN}&q=1`);"],
    [`execSync("docker login -u bot -p ${secret} ghcr.io");`, "REGISTRY_PASSWORD", "execSync(`docker login -u bot -p ${process.env.REGISTRY_PASSWORD} ghcr.io`);"],
    [`execSync('export DB_PASSWORD=${secret} && ./migrate.sh');`, "DB_PASSWORD", "execSync(`export DB_PASSWORD=${process.env.DB_PASSWORD} && ./migrate.sh`);"],
    // The text of a template literal with substitutions, piece by piece: before the first, between two, after the last.
    [`await fetch(\`https://api.example.com/v1/items?api_key=${secret}&q=\${q}\`);`, "API_KEY", "await fetch(`https://api.example.com/v1/items?api_key=${process.env.API_KEY}&q=${q}`);"],
    [`const next = \`\${base}/v1/items?token=${secret}&page=\${page + 1}\`;`, "TOKEN", "const next = `${base}/v1/items?token=${process.env.TOKEN}&page=${page + 1}`;"],
    [`const url = \`\${base}/v1/items?access_token=${secret}\`;`, "ACCESS_TOKEN", "const url = `${base}/v1/items?access_token=${process.env.ACCESS_TOKEN}`;"],
  ];
  for (const [line, name, fixed] of cases) {
    it(line.replace(secret, "<secret>"), async () => {
      const findings = (await lintFiles([{ path: "src/a.ts", text: `${line}\n` }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
      assert.match(findings[0].fixes[0].title + findings[0].help, new RegExp(name));
      assert.equal(applyEdits(`${line}\n`, findings[0].fixes[0].edits), `${fixed}\n`);
      parse(fixed);
    });
  }
  it("a `$` in a JavaScript string is a character, not the shell's expansion: the whole password is the value", async () => {
    const password = `${secret.slice(0, 10)}$${secret.slice(10, 20)}`;
    const text = `execSync("curl -u admin:${password} https://api.example.com");\n`;
    const findings = (await lintFiles([{ path: "src/a.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(findings.map((f) => text.slice(f.span.start, f.span.end)), [password]);
  });

  it("a secret that is a whole piece of a template literal becomes a substitution: the piece's backtick, `}` and `${` stay", () => {
    const text = `const a = \`${secret}\${x}${secret}\${y}${secret}\`;\n`;
    const pieces = [...text.matchAll(/[`}][^`{}$]*(?:\$\{|`)/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    assert.equal(pieces.length, 3);
    const fixed = pieces.map((span) => {
      const start = text.indexOf(secret, span.start);
      const literal = { key: "", path: [], value: secret, span, role: "assignment" as const, scope: {} };
      const edits = typescriptCode.secretFix!(literal, { start, end: start + secret.length }, "TOKEN", text) ?? [];
      return applyEdits(text, edits.map((edit) => ({ ...edit.span, text: edit.text })));
    });
    assert.deepEqual(fixed, [
      `const a = \`\${process.env.TOKEN}\${x}${secret}\${y}${secret}\`;\n`,
      `const a = \`${secret}\${x}\${process.env.TOKEN}\${y}${secret}\`;\n`,
      `const a = \`${secret}\${x}${secret}\${y}\${process.env.TOKEN}\`;\n`,
    ]);
  });

  it("not: a string that binds nothing, a short one, a URL with no credential in its query", async () => {
    const text = `log("deploying ${secret} now"); f("${secret}"); g("https://x.test/?page=2&q=${secret}"); log(\`deploying ${secret} to \${env}: now\`);\n`;
    assert.deepEqual((await lintFiles([{ path: "src/a.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message), []);
  });
});

describe("platform typescript: a credential compared with in code (a webhook's or an API's check of its key)", () => {
  const secret = new FakeSecrets(47).chars(32);
  const cases: [string, string][] = [
    [`if (req.headers["x-api-key"] !== "${secret}") return res.sendStatus(401);`, 'if (req.headers["x-api-key"] !== process.env.X_API_KEY) return res.sendStatus(401);'],
    [`if (req.get("X-Api-Key") === "${secret}") next();`, 'if (req.get("X-Api-Key") === process.env.X_API_KEY) next();'],
    [`if ("${secret}" != token) deny();`, "if (process.env.TOKEN != token) deny();"],
    [`if (req.headers.authorization !== \`Bearer ${secret}\`) deny();`, "if (req.headers.authorization !== `Bearer ${process.env.API_TOKEN}`) deny();"],
  ];
  for (const [line, fixed] of cases) {
    it(line.replace(secret, "<secret>"), async () => {
      const findings = (await lintFiles([{ path: "src/hook.ts", text: `${line}\n` }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
      assert.equal(applyEdits(`${line}\n`, findings[0].fixes[0].edits), `${fixed}\n`);
      parse(fixed);
    });
  }
  it("a key bound inside a string (a GraphQL query's argument, a config snippet) is read as in text", async () => {
    for (const text of [`const q = gql\`query { login(token: "${secret}") { id } \${fields} }\`;\n`, `const q = "mutation { auth(apiKey: \\"${secret}\\") }";\n`]) {
      const findings = (await lintFiles([{ path: "src/api.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.deepEqual(findings.map((f) => text.slice(f.span.start, f.span.end)), [secret], text);
    }
  });

  it("not: a name that is no credential, two strings, an ordering", async () => {
    const text = `if (type === "access_token") f();\nif (req.headers["content-type"] === "${secret}") f();\nif ("api_key" === "${secret}") f();\nif (token < "${secret}") f();\n`;
    assert.deepEqual((await lintFiles([{ path: "src/a.ts", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message), []);
  });
});

describe("platform typescript: a string made a template reads the same", () => {
  const secret = `ghp_${new FakeSecrets(109).chars(36)}`;
  // Source text of string literals around the secret: backticks, `${`, escaped and doubly escaped, lone `$` and `{`.
  const around = ["`tick`", "${notATemplate}", "\\${escaped}", "\\\\${afterBackslash}", "\\`escapedTick", "$ and { and }", "'single' \\\"double\\\""];
  for (const piece of around) {
    it(JSON.stringify(piece), async () => {
      const text = `const url = "x ${piece} ${secret} ${piece} y";\n`;
      const literal = firstInitializer(text);
      assert.ok(ts.isStringLiteral(literal));
      const original = literal.text;
      const finding = (await lintFiles([{ path: "a.ts", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
      const fixed = applyEdits(text, finding.fixes[0].edits);
      assert.deepEqual(templateParts(firstInitializer(fixed)), original.split(secret), fixed);
    });
  }
});

describe("platform typescript: the literals and connectors the model reads, construct by construct", () => {
  // Each line alone: the keys of the literals the model binds (and nothing for what binds nothing).
  const cases: [string, string[]][] = [
    ['const apiKey = "v";', ["apiKey"]],
    ['let apiKey: string = "v";', ["apiKey"]],
    ['export const apiKey = ("v");', ["apiKey"]],
    ['apiKey = `v`;', ["apiKey"]],
    ['config.client.apiKey = "v";', ["apiKey"]],
    ['(config.apiKey) = "v";', ["apiKey"]],
    ['token += "v"; token ??= "v"; token ||= "v";', ["token", "token", "token"]],
    ['const o = { apiKey: "v", "x-api-key": "v", [Keys.secret]: "v", 1: "v" };', ["apiKey", "x-api-key", "secret"]],
    ['const o = { auth: "v", Authorization: "v", bearer: "v" };', ["auth_token", "authorization_token", "bearer_token"]],
    ['class C { apiKey = "v"; static token: string = "v"; #secret = "v"; }', ["apiKey", "token"]],
    ['const k = process.env.API_KEY ?? "v"; const j = process.env["DEPLOY_TOKEN"] || "v";', ["API_KEY", "DEPLOY_TOKEN"]],
    ['const k = (process.env.API_KEY) ?? ("v");', ["API_KEY"]],
    // A subscript a string keys; a call's last two arguments, a name and its value (`headers.set`).
    ['o["apiKey"] = "v"; headers[\'X-Api-Key\'] ||= "v";', ["apiKey", "X-Api-Key"]],
    ['headers.set("Authorization", "v"); localStorage.setItem(key, "token", "v"); new Header("x-api-key", `v`);', ["authorization_token", "token", "x-api-key"]],
    // What only types a value is no part of it: `as`, `satisfies`, `!`, `<T>`.
    ['const secret = "v" as const; const token = ("v" satisfies string); apiKey = "v"!; const pw = <string>"v";', ["secret", "token", "apiKey", "pw"]],
    // An object named for the credentials it holds names its own properties (not those of an object inside them), `as const` or not.
    ['const API_KEYS = { stripe: "v", "open-weather": "v" }; const o = { secrets: { webhook: "v", nested: { url: "v" } } as const };', ["stripe_API_KEY", "open-weather_API_KEY", "webhook_secret", "url"]],
    ['const tokens = { slack: "v" }; const keys = { slack: "v" }; const passwords = f({ db: "v" });', ["slack_token", "slack", "db"]],
    // An upper-case key keeps its case in the name it is given.
    ['const secrets = { STRIPE: "v", Mailgun: "v" };', ["STRIPE_SECRET", "Mailgun_secret"]],
    // Binds nothing: a subscript a variable keys, a call's other arguments, a private member, an optional chain, `&&`, a template with a
    // substitution, a tagged template, destructuring defaults, default parameters.
    ['o[apiKey] = "v"; this.#token = "v";', []],
    ['f("token", "v", x); f("v"); f(token, "v");', []],
    // A JWT signed or checked with a literal key.
    ['jwt.sign(payload, "v", { expiresIn: "v" }); jsonwebtoken.verify(t, `v`); crypto.sign(a, "v", c);', ["jwt_secret", "expiresIn", "jwt_secret"]],
    ['const k = process.env?.API_KEY ?? "v"; const j = process?.env.API_KEY ?? "v";', []],
    ['const k = process.env.API_KEY && "v";', []],
    ['const apiKey = `v${x}`; const token = tag`v`;', []],
    ['const { apiKey = "v" } = o; function f(token = "v") {}', []],
    // Not an assignment; not process.env (another object's env, process's other members, a bare env).
    ['const x = token + "v"; const y = token < "v"; if (token in "v") {} const c = new Client;', []],
    // A comparison for (in)equality names the string by what it is compared with.
    ['if (token === "v" || "v" != a.key || h["x-key"] !== "v" || req.get("x-token") == "v" || req.header("x-h") === "v" || res.getHeader("x-g") === "v" || read("x-key") === "v" || req.param("x-key") === "v" || "v" === "w") {}', ["token", "key", "x-key", "x-token", "x-h", "x-g"]],
    ['token ^= "v";', ["token"]],
    ['jwt.design(a, "v"); jwt.verifyAll(a, "v"); jwt.unsign(a, "v");', []],
    ['const { length } = "v"; const [first] = "v";', []],
    ['const a = config.env.API_KEY ?? "v"; const b = process.config.API_KEY ?? "v"; const c = env.API_KEY ?? "v";', []],
  ];
  for (const [text, keys] of cases) {
    it(text, async () => {
      const model = await typescriptCode.buildModel("src/a.ts", text);
      assert.deepEqual(model.parseErrors, []);
      assert.deepEqual(model.literals.map((l) => l.key), keys);
      for (const literal of model.literals) assert.match(text.slice(literal.span.start, literal.span.end), /^["'`]v["'`]$/, "the literal's place is the string with its quotes");
    });
  }

  it("a string no key binds is a literal under no name when it could bind its own (16 characters or more, an `=`, a `:` or an option)", async () => {
    const text = 'f("docker login -p x ghcr.io"); g("https://x.t/?a=1"); g("https://x.t/?a=");  h("0123456789abcdefgh"); i("short=1"); j("a sentence with no binding"); const apiKey = "bound to a key: no copy";';
    const model = await typescriptCode.buildModel("src/a.ts", text);
    // (Sixteen characters read, fifteen not.)
    assert.deepEqual(model.literals.map((l) => [l.key, text.slice(l.span.start, l.span.end)]), [
      ["", '"docker login -p x ghcr.io"'],
      ["", '"https://x.t/?a=1"'],
      ["apiKey", '"bound to a key: no copy"'],
    ]);
  });

  it("connectors: credential-like process.env names, read by any access (optional chains too), at the name's place", async () => {
    const text = 'a(process.env.SLACK_TOKEN, process.env["NPM_TOKEN"], process.env?.API_KEY, process.env.NODE_ENV, env.OTHER_TOKEN, config.env.CONFIG_TOKEN, process.config.X_TOKEN);';
    const model = await typescriptCode.buildModel("src/a.ts", text);
    assert.deepEqual(model.connectorRefs.map((r) => [r.name, text.slice(r.span.start, r.span.end)]), [["SLACK_TOKEN", "SLACK_TOKEN"], ["NPM_TOKEN", '"NPM_TOKEN"'], ["API_KEY", "API_KEY"]]);
  });

  it("a syntax error: no literals, the first error at its place, as the compiler words it", async () => {
    const text = 'const a = 1;\nconst b = ;\nconst apiKey = "v";\n';
    const model = await typescriptCode.buildModel("src/a.ts", text);
    assert.deepEqual([model.literals, model.parseErrors], [[], [{ message: "Expression expected.", span: { start: 23, end: 24 } }]]);
  });
});
