// The model-building helpers the YAML platforms share (linter-core/platforms/common.ts).
import assert from "node:assert/strict";
import { severalDocuments } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { baseName, emptyModel, isWholeValue, isYamlPath, parseYaml, repoPath, valueSpan, yamlLiterals } from "../../linter-core/platforms/common.js";

describe("platform helpers: paths", () => {
  it("a flattened corpus name (owner+repo__dir__file) reads as the path inside its repository; other names are kept", () => {
    assert.equal(repoPath("corpus/github/acme+app__.github__workflows__ci.yml"), ".github/workflows/ci.yml");
    assert.equal(repoPath("acme+app.js__Jenkinsfile"), "Jenkinsfile");
    assert.equal(repoPath("a/b/plain__name.yml"), "a/b/plain__name.yml");
    assert.equal(repoPath("a/b/c+d.yml"), "a/b/c+d.yml");
    assert.equal(repoPath("+repo__x.yml"), "+repo__x.yml");
    // The owner is the name's start, and the path its end: `@acme+web__…` and a name with a line break are not flattened.
    assert.equal(repoPath("ci/@acme+web__.github__workflows__ci.yml"), "ci/@acme+web__.github__workflows__ci.yml");
    assert.equal(repoPath("acme+app__ci.yml\nx"), "acme+app__ci.yml\nx");
    assert.equal(baseName("deep/dir/acme+app__ci__build.yml"), "build.yml");
    assert.equal(baseName("deep/dir/azure-pipelines.yml"), "azure-pipelines.yml");
  });

  it("YAML by extension only, in any case", () => {
    assert.deepEqual(["a.yml", "b.YAML", "c.yaml.bak", "d.ymlx", "yml"].map(isYamlPath), [true, true, false, false, false]);
  });
});

describe("platform helpers: literals of a YAML document", () => {
  const text = "env:\n  API_KEY: abc\nscript:\n  - echo one\n  - - nested\ntags:\n  - echo two\nrun: make\nflow: { KEY: v }\n";
  const root = parseYaml(text).documents[0].contents;
  const literals = yamlLiterals(root, { scriptKeys: new Set(["script", "run"]), scopeOf: (p) => ({ job: String(p[0]) }) });

  it("pairs are assignments unless their key is a script key; list items are script lines only under a script key; in text order", () => {
    assert.deepEqual(
      literals.map((l) => `${l.role} ${l.key}=${l.value} at "${text.slice(l.span.start, l.span.end)}" ${l.scope.job}`),
      ['assignment API_KEY=abc at "abc" env', 'script script=echo one at "echo one" script', 'script run=make at "make" run', 'assignment KEY=v at "v" flow'],
    );
  });

  it("a pair in a flow map is marked so (a fix writing braces there must quote them); one in a block map is not", () => {
    assert.deepEqual(literals.map((l) => l.inFlow ?? false), [false, false, false, true]);
  });

  it("an empty model has nothing but its file, and the parser's errors", () => {
    assert.deepEqual(emptyModel("text", "a.txt", "x"), { platform: "text", path: "a.txt", text: "x", literals: [], connectorRefs: [], jobs: [], triggers: [], checkouts: [], expressions: [], parseErrors: [] });
    const broken = parseYaml("a: [\n");
    assert.equal(emptyModel("x", "a.yml", "a: [\n", broken).parseErrors.length > 0, true);
  });
});

describe("platform helpers: a value's span and whole values", () => {
  it("a block scalar's span stops before the line breaks it owns (\\n and \\r\\n), never before its start", () => {
    const text = "a: |\r\n  s3cr3t\r\n\r\nb: x\n";
    assert.deepEqual(valueSpan({ start: 5, end: 18 }, text), { start: 5, end: 14 });
    assert.deepEqual(valueSpan({ start: 3, end: 5 }, "ab\n\n\n"), { start: 3, end: 3 });
    assert.deepEqual(valueSpan({ start: 0, end: 2 }, "ab\n"), { start: 0, end: 2 });
  });

  it("a secret is the whole value of an assignment even when the value carries spaces or a block's newline; never of a script", () => {
    const literal = { key: "K", path: ["K"], value: "  tok3n\n", span: { start: 3, end: 11 }, role: "assignment" as const, scope: {} };
    const text = "K: " + "  tok3n\n";
    assert.equal(isWholeValue(literal, { start: 5, end: 10 }, text), true);
    assert.equal(isWholeValue(literal, { start: 5, end: 9 }, text), false);
    assert.equal(isWholeValue({ ...literal, role: "script" }, { start: 5, end: 10 }, text), false);
    assert.equal(isWholeValue(literal, { start: 5, end: 9 }, text, "tok3n"), true);
  });

  it("a secret written otherwise than it reads is whole when it spans all the value's text: not its head, nor its tail", () => {
    // A JSON value with an escape: it reads `a"bc`, its text is `a\"bc`.
    const text = 'K: "a\\"bc"';
    const literal = { key: "K", path: ["K"], value: 'a"bc', span: { start: 3, end: 10 }, role: "assignment" as const, scope: {} };
    assert.equal(isWholeValue(literal, { start: 4, end: 9 }, text), true);
    assert.equal(isWholeValue(literal, { start: 5, end: 9 }, text), false);
    assert.equal(isWholeValue(literal, { start: 4, end: 8 }, text), false);
  });
});

describe("platform models: the YAML documents a platform does not read", () => {
  const value = new FakeSecrets(61).chars(32);
  const secretsIn = async (path: string, text: string) => {
    const result = await lintFiles([{ path, text }]);
    assert.deepEqual(result.internalErrors, [], "read by the model, not by the plain-text fallback");
    return result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => text.slice(f.span.start, f.span.end));
  };
  it("a credential under a second `---` of a single-document platform's file is judged as any YAML's (GitHub, compose, CircleCI)", async () => {
    assert.deepEqual(await secretsIn(".github/workflows/ci.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n---\nAPI_TOKEN: ${value}\n`), [value]);
    assert.deepEqual(await secretsIn("docker-compose.yml", `services:\n  a:\n    image: x\n...\n---\nx:\n  DB_PASSWORD: ${value}\n`), [value]);
    assert.deepEqual(await secretsIn(".circleci/config.yml", `---\nversion: 2.1\njobs: {}\n---\n- API_KEY: ${value}\n`), [value]);
  });
  it("an empty first document (`---` twice, or `...` first) does not hide the workflow or pipeline after it", async () => {
    const workflow = `---\n---\non: push\njobs:\n  a:\n    runs-on: x\n    env:\n      API_TOKEN: ${value}\n    steps:\n      - run: ./deploy.sh \${{ secrets.DEPLOY_TOKEN }}\n`;
    const { findings } = await lintFiles([{ path: ".github/workflows/ci.yml", text: workflow }]);
    // (The workflow's own rules run too: the model read it.)
    assert.deepEqual(findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["DEPLOY_TOKEN"]);
    assert.ok(findings.some((f) => f.ruleId === "excessive-permissions"));
    assert.match(findings.find((f) => f.ruleId === "hardcoded-secret")!.message, /in job `a`/);
    assert.deepEqual(await secretsIn(".gitlab-ci.yml", `...\njob:\n  variables:\n    API_TOKEN: ${value}\n  script: make\n`), [value]);
  });
  it("what a null or complex key holds is still read (CircleCI's language server's invalid-file case)", async () => {
    assert.deepEqual(await secretsIn("config/app.yml", `parameters:\n  :\n    default: 1.0.0\n    API_TOKEN: ${value}\n? [a, b]\n: { DB_PASSWORD: ${value}x }\n? [c]\n: a scalar under no name\n`), [value, `${value}x`]);
  });
  it("not twice where the platform reads every document (Kubernetes), nor a document marker inside a block scalar", async () => {
    assert.deepEqual(await secretsIn("k8s/app.yaml", `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n---\napiVersion: v1\nkind: Secret\nstringData:\n  API_TOKEN: ${value}\n`), [value]);
    assert.deepEqual(await secretsIn(".github/workflows/ci.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          cat <<EOF\n---\n          EOF\n`), []);
  });
});

describe("platform models: a file that does not parse is read as plain text", () => {
  const value = new FakeSecrets(63).chars(32);
  const found = async (path: string, text: string) => {
    const { findings } = await lintFiles([{ path, text }]);
    return findings.filter((f) => f.ruleId === "hardcoded-secret" || f.ruleId === "parse-error").map((f) => (f.ruleId === "parse-error" ? "parse-error" : text.slice(f.span.start, f.span.end))).sort();
  };
  it("a workflow with a syntax error: its key-bound secrets are still found, and the error says so", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      DEPLOY_TOKEN: ${value}\n    steps: [\n`;
    assert.deepEqual(await found(".github/workflows/ci.yml", text), [value, "parse-error"].sort());
    const { findings } = await lintFiles([{ path: ".github/workflows/ci.yml", text }]);
    assert.match(findings.find((f) => f.ruleId === "parse-error")!.message, /looked for as in plain text; its connectors could not be read/);
  });
  it("TypeScript that does not parse: its literals' keys and script idioms are read from the text (program source: a name is code)", async () => {
    const text = `const apiKey = "${value}";\nconst token = process.env.TOKEN;\nfunction f( {\n`;
    assert.deepEqual(await found("src/deploy.ts", text), [value, "parse-error"].sort());
  });
});

describe("platform models: telling a file of several YAML documents without parsing it", () => {
  it("two documents with something in each; not a leading `---`, comments before it, an end marker, `---` inside a line", () => {
    const cases: [string, boolean][] = [
      ["a: 1\n---\nb: 2\n", true],
      ["--- a: 1\n--- b: 2\n", true],
      ["---\na: 1\n...\n---\nb: 2\n", true],
      ["---\na: 1\n", false],
      ["# licence\n# more\n---\na: 1\n", false],
      ["a: 1\n...\n", false],
      ["a: 1\n---\n# only a comment\n\n", false],
      ["a: |\n  x\n  ---\nb: c --- d\n", false],
      ["", false],
    ];
    for (const [text, expected] of cases) assert.equal(severalDocuments(text), expected, JSON.stringify(text));
  });
});
