// literalsMayMatter and documentLiteralsMayMatter: the history skips parsing a TS/JS version, or
// building a YAML or JSON document's model, when they say no and the text alone holds nothing. They
// must never say no where a literal adds a detection: checked here against the parse and the models on
// generated source and documents (every place a literal is bound to a key, with comments, type
// annotations, escapes, JSON in strings, Authorization values and script idioms; anchors, name/value
// pairs, Secret manifests, job container credentials, n8n headers) and on real files (this
// repository's sources and its dependencies', the public corpus).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { emptyModel } from "../../linter-core/platforms/common.js";
import { buildModel, platformFor, type Platform } from "../../linter-core/platforms/index.js";
import { typescriptCode } from "../../linter-core/platforms/typescript.js";
import { detectSecrets, documentLiteralsMayMatter, literalsMayMatter } from "../../linter-core/secrets/detect.js";
import { CORPUS, FakeSecrets, ROOT } from "../helpers.js";

const fake = new FakeSecrets(2718);

/** What a platform's model adds: detections (title, place) of the full model that the text alone lacks, or differing. */
async function addedByModel(platform: Platform, path: string, text: string): Promise<string[]> {
  const show = (d: { title: string; span: { start: number; end: number } }) => `${d.span.start}-${d.span.end} ${d.title}`;
  const full = (await detectSecrets(await buildModel(platform, path, text))).map(show);
  const alone = new Set((await detectSecrets(emptyModel(platform.id, path, text))).map(show));
  return full.filter((d) => !alone.has(d));
}

/** What the parse of program source adds. */
const addedByLiterals = (path: string, text: string) => addedByModel(typescriptCode, path, text);

describe("literalsMayMatter: never says no where a literal adds a detection", function () {
  this.timeout(120_000);

  it("generated source: every binding of a literal to a key, with what may stand between them", async () => {
    const values = [`${fake.chars(24)}9!`, `${fake.chars(6)}-${fake.chars(30)}`, `Bearer ${fake.chars(40)}`, `token ${fake.chars(32)}`, `{"apiKey": "${fake.chars(32)}"}`, `export API_TOKEN=${fake.chars(30)}`, `curl -H "X-Api-Key: ${fake.chars(32)}" https://x`, `./cli --api-token ${fake.chars(32)}`, `docker login -u me -p ${fake.chars(20)}`, `curl -u me:${fake.chars(20)} https://x`, `sshpass -p ${fake.chars(12)}9! ssh h`, `mysql -uroot -p${fake.chars(12)}9! db`, `machine h login bot password ${fake.chars(12)}9!`, `openssl rsa -passin pass:${fake.chars(12)}9!`, `//r/:_password=${fake.chars(12)}9!`, `keytool -storepass ${fake.chars(12)}9!`, `\nENV API_TOKEN ${fake.chars(32)}\n`, `_authToken=${fake.chars(36)}`, fake.chars(32, "abcdefghijklmnopqrstuvwxyz0123456789"), fake.hex(40)];
    const keys = ["apiKey", "API_TOKEN", "clientSecret", "password", "db_pwd", "auth", "Authorization", "bearer", "deployKey", "webhookUrl", "connectionString", "SENTRY_DSN", "RELEASE_PAT", "creds", "credentials", "passphrase", "db_pass", "smtpPass", "x-api-key", "setting", "algolia", "merakiId", "API_KEY_PROD", "secretKeyBase", "tokenGithub", "DB_PASSWORD_RO"];
    const quote = (v: string, q: string) => (q === "`" ? `\`${v.replace(/[`$\\]/g, "\\$&")}\`` : JSON.stringify(v).replace(/^"|"$/g, q === "'" ? "'" : '"').replace(q === "'" ? /'/g : /$^/, "\\'"));
    const places = (key: string, lit: string) => [
      `const ${key.replace(/-/g, "_")} = ${lit};`,
      `let ${key.replace(/-/g, "_")}: string = ${lit};`,
      `const options = { ${key.replace(/-/g, "_")}: ${lit} };`,
      `const headers = { "${key}": ${lit} };`,
      `const headers = { '${key}' /* why */ : ${lit} };`,
      `class Client { ${key.replace(/-/g, "_")}? = ${lit}; }`,
      `class Client { private readonly ${key.replace(/-/g, "_")}!: string; constructor() { this.${key.replace(/-/g, "_")} = ${lit}; } }`,
      `config.${key.replace(/-/g, "_")} += ${lit};`,
      `config.${key.replace(/-/g, "_")} ??= ${lit};`,
      `const v = process.env.${key.replace(/-/g, "_").toUpperCase()} ?? ${lit};`,
      `const v = process.env["${key}"] || ${lit};`,
      `const ${key.replace(/-/g, "_")} = // a note\n  ${lit};`,
      `const ${key.replace(/-/g, "_")} =\n\n\n\n\n\n  (${lit});`,
      `headers.set("${key}", ${lit});`,
      `const t = jwt.sign({ id }, ${lit}, { expiresIn: "1h" });`,
      `new Header('${key}' /* why */ , ${lit})`,
      `headers["${key}"] = ${lit};`,
      `call(${lit});`,
      `const body = JSON.stringify(${lit});`,
    ];
    const missed: string[] = [];
    let checked = 0;
    for (const value of values) {
      for (const q of ['"', "'", "`"]) {
        for (const key of keys) {
          for (const text of places(key, quote(value, q))) {
            const added = await addedByLiterals("src/a.ts", `import x from "y";\n${text}\nexport default x;\n`);
            checked++;
            if (added.length > 0 && !literalsMayMatter(text)) missed.push(`${text}  →  ${added.join("; ")}`);
          }
        }
      }
    }
    assert.ok(checked > 2000, `${checked} checked`);
    assert.deepEqual(missed, []);
  });

  it("spelled with escapes: a key or a scheme written with \\u or \\x escapes", async () => {
    for (const text of [`const o = { "api\\u004bey": "${fake.chars(32)}9!" };`, `const o = { "tok\\x65n": "${fake.chars(32)}9!" };`, `const h = "\\u0042earer ${fake.chars(40)}";`]) {
      assert.ok((await addedByLiterals("a.ts", text)).length > 0, text);
      assert.equal(literalsMayMatter(text), true, text);
    }
  });

  it("real source (this repository's and its dependencies' files): where the parse adds something, it says yes", async () => {
    const files: string[] = [];
    const walk = (dir: string, depth: number) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const stat = statSync(path);
        if (stat.isDirectory() && depth > 0 && name !== ".git") walk(path, depth - 1);
        else if (stat.isFile() && /\.(m?js|ts)$/.test(name) && !name.endsWith(".d.ts") && stat.size < 200_000) files.push(path);
      }
    };
    for (const dir of ["linter-core", "rules", "cli", "test", "node_modules/yaml/dist", "node_modules/commander/lib", "node_modules/jsonc-parser/lib/esm", "node_modules/ignore"]) walk(join(ROOT, dir), 3);
    assert.ok(files.length > 150, `${files.length} files`);
    let said = 0;
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      const may = literalsMayMatter(text);
      if (may) said++;
      else assert.deepEqual(await addedByLiterals(path, text), [], path);
    }
    // The gate is worth having: it says no for some real files.
    assert.ok(said < files.length, "it said yes for every file");
  });
});

/** What the model of the platform that claims a YAML or JSON document adds. */
const addedByDocument = (path: string, text: string) => addedByModel(platformFor(path, text), path, text);

const DOCUMENT_PLATFORMS = (id: string) => !["text", "typescript", "jenkins"].includes(id);

describe("documentLiteralsMayMatter: a credential word binds nothing in prose or a reference", () => {
  it("says no for words in descriptions, messages and `${{ secrets.X }}`; yes for a key, a bound name, `kind: Secret`", () => {
    const no = [
      "name: scan\ndescription: Detect hardcoded secrets using Gitleaks\n",
      "jobs:\n  a:\n    steps:\n      - run: make\n        env:\n          GH: ${{ secrets.GITHUB_TOKEN }}\n",
      '[{"rule": "Generic Credential", "commitMessage": "adding some secrets"}]',
      // A provider named in prose binds nothing either.
      "description: deploy the algolia index\nname: x\n",
    ];
    const yes = [
      "env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n",
      'env:\n  - name: API_TOKEN\n    value: x\n',
      "apiVersion: v1\nkind: Secret\nstringData:\n  a: b\n",
      '{"Secret": "a secret"}',
      "? password\n: x\n",
      "name:\n  API_TOKEN\n",
      "environment:\n  - API_TOKEN=x\n",
    ];
    for (const text of no) assert.equal(documentLiteralsMayMatter(text), false, text);
    for (const text of yes) assert.equal(documentLiteralsMayMatter(text), true, text);
  });
});

describe("documentLiteralsMayMatter: what may stand between a key and what binds it", () => {
  const key = "api_token";
  it("blanks, quotes and backslashes, on either side", () => {
    for (const between of [" ", "\t", "\n", "\r", '"', "'", "\\"]) {
      const shown = JSON.stringify(between);
      assert.equal(documentLiteralsMayMatter(`${key}${between}: x\n`), true, `a key, ${shown}, then a colon`);
      assert.equal(documentLiteralsMayMatter(`name:${between}${key} x\n`), true, `a colon, ${shown}, then a name`);
      assert.equal(documentLiteralsMayMatter(`see${between}${key}${between}here\n`), false, `words, with ${shown} between`);
    }
  });
  it("farther than 200 blanks it says yes (erring that way); within them it looks on", () => {
    assert.equal(documentLiteralsMayMatter(`${key}${" ".repeat(200)}here\n`), false);
    assert.equal(documentLiteralsMayMatter(`${key}${" ".repeat(201)}here\n`), true);
    assert.equal(documentLiteralsMayMatter(`see${" ".repeat(200)}${key} here\n`), false);
    assert.equal(documentLiteralsMayMatter(`see${" ".repeat(201)}${key} here\n`), true);
    // The reach is counted from the word, wherever it is in the text.
    assert.equal(documentLiteralsMayMatter(`${"lorem ".repeat(60)}${key} here\n`), false);
    assert.equal(documentLiteralsMayMatter(`${"lorem ".repeat(60)}${key}\n`), false);
  });
});

describe("documentLiteralsMayMatter: never says no where a YAML or JSON document's literal adds a detection", function () {
  this.timeout(180_000);

  it("generated documents: every way a document binds a value to a key, on every platform shape", async () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const values = [`${fake.chars(24)}9!`, `Bearer ${fake.chars(40)}`, `token ${fake.chars(32)}`, `{"apiKey": "${fake.chars(32)}"}`, fake.chars(32, "0123456789abcdef")];
    const keys = ["apiKey", "API_TOKEN", "client_secret", "password", "db-pwd", "auth", "Authorization", "deploy.key", "WEBHOOK_URL", "SENTRY_DSN", "RELEASE_PAT", "creds", "passphrase", "x-api-key", "setting", "ALGOLIA_ADMIN", "datadog_app"];
    const documents = (key: string, value: string): [string, string][] => [
      ["config/app.yaml", `${key}: ${JSON.stringify(value)}\n`],
      ["config/app.yaml", `"${key}": '${value.replace(/'/g, "''")}'\n`],
      ["config/app.yaml", `settings: { ${key}: ${JSON.stringify(value)} }\n`],
      ["config/app.yaml", `anchors:\n  v: &v ${JSON.stringify(value)}\nuse:\n  ${key}: *v\n`],
      ["config/app.yaml", `env:\n  - name: ${key}\n    value: ${JSON.stringify(value)}\n`],
      ["config/app.yaml", `${key}: |\n  ${value}\n`],
      [".github/workflows/ci.yml", `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/acme/app\n      credentials:\n        username: bot\n        password: ${JSON.stringify(value)}\n    env:\n      ${key}: ${JSON.stringify(value)}\n    steps:\n      - run: make\n`],
      ["k8s/secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  note: ${b64(value)}\nstringData:\n  other: ${JSON.stringify(value)}\n`],
      // An input's or a parameter's default; a document after GitLab's `spec:` header, or a second one.
      [".github/workflows/ci.yml", `on:\n  workflow_dispatch:\n    inputs:\n      ${key}:\n        default: ${JSON.stringify(value)}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n`],
      ["azure-pipelines.yml", `parameters:\n- name: ${key}\n  default: ${JSON.stringify(value)}\nsteps:\n- script: make\n`],
      [".gitlab-ci.yml", `spec:\n  inputs:\n    ${key}:\n      default: ${JSON.stringify(value)}\n---\njob:\n  variables:\n    ${key}: ${JSON.stringify(value)}\n  script: make\n`],
      ["docker-compose.yml", `services:\n  a:\n    image: x\n---\n${key}: ${JSON.stringify(value)}\n`],
      ["config/app.json", JSON.stringify({ settings: { [key]: value } }, null, 2)],
      // A section named for what it holds names each entry (`secrets: { setting: … }`).
      ["config/app.yaml", `secrets:\n  ${key}: ${JSON.stringify(value)}\n`],
      ["config/app.json", JSON.stringify({ ApiKeys: { [key]: value } })],
      ["config/app.json", JSON.stringify({ headers: [{ name: key, value }] })],
      ["workflows/n8n.json", JSON.stringify({ nodes: [{ name: "HTTP", type: "n8n-nodes-base.httpRequest", parameters: { headerParameters: { parameters: [{ name: key, value }] } } }], connections: {} })],
      // A Code node's program: its quoted keys bind (the model marks it as a program).
      ["workflows/n8n.json", JSON.stringify({ nodes: [{ name: "Code", type: "n8n-nodes-base.code", parameters: { jsCode: `const h = { "${key}": ${JSON.stringify(value)} };\nreturn items;` } }], connections: {} })],
      ["workflows/n8n.json", JSON.stringify({ nodes: [{ name: "Code", type: "n8n-nodes-base.code", parameters: { jsCode: `const h = { '${key}': '${value}' };` } }], connections: {} })],
    ];
    const missed: string[] = [];
    let checked = 0;
    let added = 0;
    for (const value of values) {
      for (const key of keys) {
        for (const [path, text] of documents(key, value)) {
          const found = await addedByDocument(path, text);
          checked++;
          if (found.length > 0) added++;
          if (found.length > 0 && !documentLiteralsMayMatter(text)) missed.push(`${path}: ${text}  →  ${found.join("; ")}`);
        }
      }
    }
    assert.ok(checked > 900 && added > 300, `${checked} checked, ${added} with a detection the model adds`);
    assert.deepEqual(missed, []);
  });

  it("spelled with escapes: a key written with \\u or \\x escapes", async () => {
    for (const [path, text] of [["a.json", `{"api\\u004bey": "${fake.chars(32)}9!"}`], ["a.yaml", `"tok\\x65n": "${fake.chars(32)}9!"\n`]]) {
      assert.ok((await addedByDocument(path, text)).length > 0, text);
      assert.equal(documentLiteralsMayMatter(text), true, text);
    }
  });

  it("the public corpus (when ../shared/corpus is present): where a model adds something, it says yes; it says no for most", async function () {
    if (!existsSync(CORPUS)) this.skip();
    let documents = 0;
    let said = 0;
    let addedSomewhere = 0;
    for (const name of (readdirSync(CORPUS, { recursive: true }) as string[]).sort()) {
      const path = join(CORPUS, name);
      if (!statSync(path).isFile() || statSync(path).size > 500_000) continue;
      const text = readFileSync(path, "utf8");
      if (!DOCUMENT_PLATFORMS(platformFor(name, text).id)) continue;
      documents++;
      if (documentLiteralsMayMatter(text)) {
        said++;
        continue;
      }
      const added = await addedByDocument(name, text);
      if (added.length > 0) addedSomewhere++;
      assert.deepEqual(added, [], name);
    }
    assert.ok(documents > 2000, `${documents} documents`);
    assert.equal(addedSomewhere, 0);
    assert.ok(said < documents * 0.8, `it said yes for ${said} of ${documents}`);
  });
});
