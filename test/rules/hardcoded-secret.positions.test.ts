// The classes of credential issue 11 found missed, each at its root: private keys of every kind and
// length, URL passwords whatever the scheme or host, random values that hold `/`, every platform's
// script fields, credential variable names, base64-wrapped tokens. Values are made at test time.
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { SourceFile } from "../../linter-core/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";

const fake = new FakeSecrets(2611);
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

async function secretsIn(file: SourceFile) {
  return (await lintFiles([file])).findings.filter((f) => f.ruleId === "hardcoded-secret");
}

/** Whether a finding covers the planted value (located in the raw text, JSON-escaped if need be). */
async function assertFound(file: SourceFile, value: string, title?: RegExp) {
  const findings = await secretsIn(file);
  const raw = file.path.endsWith(".json") ? JSON.stringify(value).slice(1, -1) : value;
  const at = file.text.indexOf(raw);
  assert.ok(at >= 0, "the value is in the file");
  const hit = findings.find((f) => f.span.start < at + raw.length && at < f.span.end);
  assert.ok(hit, `${file.path}: not found; findings: ${findings.map((f) => f.message).join(" | ") || "none"}`);
  if (title) assert.match(hit.message, title);
  for (const f of findings) assert.ok(!f.message.includes(value.slice(0, 12)) || value.length <= 12, "no message holds the value");
}

async function assertClean(file: SourceFile) {
  assert.deepEqual((await secretsIn(file)).map((f) => f.message), [], file.text);
}

const workflow = (steps: string) => `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const indent = (text: string, by: string) => text.replace(/^/gm, by);
// Built from parts, so this file holds no armour line for scanners to trip on.
const armour = (edge: "BEGIN" | "END", kind: string) => ["-----", edge, " ", kind, "PRIVATE KEY", "-----"].join("");

describe("hardcoded-secret: private keys of every kind", () => {
  const keys: [string, string][] = [
    ["RSA (PKCS#1)", generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }) as string],
    ["EC P-256 (SEC1)", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "sec1", format: "pem" }) as string],
    ["EC P-384 (PKCS#8)", generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string],
    ["Ed25519 (PKCS#8)", generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }) as string],
    ["X25519 (PKCS#8)", generateKeyPairSync("x25519").privateKey.export({ type: "pkcs8", format: "pem" }) as string],
    ["encrypted PKCS#8", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: fake.chars(20) }) as string],
    ["OpenSSH", `${armour("BEGIN", "OPENSSH ")}\n${Buffer.concat([Buffer.from("openssh-key-v1\0"), randomBytes(200)]).toString("base64").replace(/(.{70})/g, "$1\n")}\n${armour("END", "OPENSSH ")}\n`],
    ["DSA", `${armour("BEGIN", "DSA ")}\n${randomBytes(300).toString("base64").replace(/(.{64})/g, "$1\n")}\n${armour("END", "DSA ")}\n`],
    ["PGP", `${armour("BEGIN", "PGP ").replace("KEY-----", "KEY BLOCK-----")}\n\n${randomBytes(400).toString("base64").replace(/(.{64})/g, "$1\n")}\n${armour("END", "PGP ").replace("KEY-----", "KEY BLOCK-----")}\n`],
    [
      "PuTTY",
      `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${randomBytes(48).toString("base64")}\nPrivate-Lines: 1\n${randomBytes(48).toString("base64")}\nPrivate-MAC: ${randomBytes(32).toString("hex")}\n`,
    ],
  ];
  for (const [kind, pem] of keys) {
    const key = pem.trim();
    const bodyLine = key.split("\n").find((line, i) => i > 0 && line.trim().length >= 40 && !line.includes(":"))!.trim();
    it(`${kind}: in a block scalar, a JSON string with \\n escapes and a heredoc`, async () => {
      await assertFound({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          SIGNING_MATERIAL: |\n${indent(key, "            ")}\n        run: ./sign.sh\n`) }, bodyLine, /private key|PuTTY/);
      await assertFound({ path: "config/service.json", text: JSON.stringify({ name: "svc", material: key }, null, 2) }, bodyLine);
      await assertFound({ path: ".github/workflows/c.yml", text: workflow(`      - run: |\n          cat > key.pem <<'EOF'\n${indent(key, "          ")}\n          EOF\n`) }, bodyLine);
    });
  }
  it("an example block (`...`, `<your key>`) or a public key is not a secret", async () => {
    await assertClean({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          KEY: |\n            ${armour("BEGIN", "RSA ")}\n            ...\n            ${armour("END", "RSA ")}\n        run: ./sign.sh\n`) });
    await assertClean({ path: ".github/workflows/b.yml", text: workflow(`      - env:\n          KEY: "${armour("BEGIN", "")}\\n<your key here>\\n${armour("END", "")}"\n        run: ./sign.sh\n`) });
    const publicKey = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }) as string;
    await assertClean({ path: ".github/workflows/c.yml", text: workflow(`      - env:\n          VERIFY_KEY: |\n${indent(publicKey.trim(), "            ")}\n        run: ./verify.sh\n`) });
  });
});

describe("hardcoded-secret: URL passwords, whatever the scheme or host", () => {
  const password = () => fake.password(18);
  const urls: [string, (p: string) => string][] = [
    ["mongodb+srv", (p) => `mongodb+srv://orders:${p}@cluster0.example.mongodb.net/orders`],
    ["redis without user", (p) => `redis://:${p}@cache.example.com:6379/0`],
    ["rediss", (p) => `rediss://default:${p}@cache.internal:6380`],
    ["amqps", (p) => `amqps://svc:${p}@mq.example.org/vhost`],
    ["amqp", (p) => `amqp://svc:${p}@rabbit:5672`],
    ["mssql", (p) => `mssql://sa:${p}@db.example.com:1433/app`],
    ["postgres on an example host", (p) => `postgresql://app:${p}@db.example.com:5432/app`],
    ["https on example.com", (p) => `https://deployer:${p}@git.example.com/app.git`],
  ];
  for (const [scheme, url] of urls) {
    it(`${scheme}: the password is judged, not the host`, async () => {
      const p = password();
      await assertFound({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          APP_CONNECTION: ${url(p)}\n        run: ./migrate.sh\n`) }, p, /password in a URL/);
      await assertFound({ path: "deploy/app.yaml", text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n        - name: BROKER\n          value: "${url(p)}"\n` }, p);
    });
  }
  it("a test container's throw-away password, a reference or a placeholder is not", async () => {
    for (const value of ["postgres://postgres:postgres@localhost:5432/test", "redis://:${{ secrets.REDIS_PASSWORD }}@cache:6379", "amqp://guest:guest@localhost", "mongodb://user:<password>@host/db", "mongodb://app:$MONGO_PASSWORD@db/app", "https://user:password@example.com"]) {
      await assertClean({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          APP_CONNECTION: "${value}"\n        run: ./migrate.sh\n`) });
    }
  });
});

describe("hardcoded-secret: random values holding / or + are not paths", () => {
  it("an AWS secret access key with / in a Kubernetes env list", async () => {
    const key = `${fake.chars(12, b64)}/${fake.chars(14, b64)}+${fake.chars(12, b64)}`;
    await assertFound({ path: "deploy/app.yaml", text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: AWS_SECRET_ACCESS_KEY\n              value: ${key}\n` }, key);
  });
  it("a Bearer token with / in a header value and in a curl header", async () => {
    const token = `${fake.chars(20, b64)}/${fake.chars(20, b64)}==`;
    await assertFound({ path: ".github/workflows/a.yml", text: workflow(`      - run: curl -H "Authorization: Bearer ${token}" https://api.acme.test\n`) }, token);
    await assertFound({ path: "workflows/n.json", text: JSON.stringify({ nodes: [{ type: "n8n-nodes-base.httpRequest", name: "HTTP", parameters: { headerParameters: { parameters: [{ name: "Authorization", value: `Bearer ${token}` }] } } }], connections: {} }) }, token);
  });
  it("real paths under credential-like keys are not secrets", async () => {
    await assertClean({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          TOKEN_PATH: .github/workflows/release-candidate.yml\n          SECRET_KEY: config/secrets/production/app.key\n          API_KEY: src/components/UserProfile/index.tsx\n        run: ./x.sh\n`) });
  });
});

describe("hardcoded-secret: every platform's script fields", () => {
  const key = () => fake.chars(40);
  const cases: [string, (v: string) => SourceFile][] = [
    ["Azure AzureCLI@2 inlineScript", (v) => ({ path: "azure-pipelines.yml", text: `trigger: [main]\nsteps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: prod\n      scriptType: bash\n      scriptLocation: inlineScript\n      inlineScript: |\n        az storage blob upload --account-name acme --account-key ${v} -f app.zip\n` })],
    ["Azure task arguments", (v) => ({ path: "azure-pipelines.yml", text: `trigger: [main]\nsteps:\n  - task: PowerShell@2\n    inputs:\n      targetType: filePath\n      filePath: deploy.ps1\n      arguments: -ApiKey ${v} -Environment prod\n` })],
    ["GitLab before_script", (v) => ({ path: ".gitlab-ci.yml", text: `stages: [deploy]\ndeploy:\n  stage: deploy\n  before_script:\n    - export DEPLOY_TOKEN=${v}\n  script:\n    - ./deploy.sh\n` })],
    ["GitLab after_script", (v) => ({ path: ".gitlab-ci.yml", text: `stages: [test]\ntest:\n  script:\n    - make test\n  after_script:\n    - curl -H "PRIVATE-TOKEN: ${v}" https://gitlab.example.com/api/v4/projects\n` })],
    ["CircleCI run.command", (v) => ({ path: ".circleci/config.yml", text: `version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: cimg/base:current\n    steps:\n      - run:\n          name: deploy\n          command: curl -H "X-Api-Key: ${v}" https://api.acme.test\n` })],
    ["Bitbucket script", (v) => ({ path: "bitbucket-pipelines.yml", text: `pipelines:\n  default:\n    - step:\n        script:\n          - ./release --api-token ${v}\n` })],
    ["Tekton script", (v) => ({ path: "tekton/task.yaml", text: `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: deploy\nspec:\n  steps:\n    - name: deploy\n      image: alpine\n      script: |\n        export API_TOKEN=${v}\n        ./deploy.sh\n` })],
    ["Kubernetes args", (v) => ({ path: "deploy/job.yaml", text: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sync\nspec:\n  template:\n    spec:\n      containers:\n        - name: sync\n          image: sync:1\n          args: ["--api-key=${v}", "--once"]\n` })],
    ["compose command", (v) => ({ path: "docker-compose.yml", text: `services:\n  worker:\n    image: worker:1\n    command: ["worker", "--access-token", "${v}"]\n` })],
    ["n8n Code node", (v) => ({ path: "workflows/code.json", text: JSON.stringify({ name: "w", nodes: [{ id: "1", name: "Code", type: "n8n-nodes-base.code", typeVersion: 2, position: [0, 0], parameters: { jsCode: `const API_KEY = "${v}";\nreturn [{ json: { key: API_KEY } }];` } }], connections: {} }, null, 2) })],
    ["Logic Apps inline code", (v) => ({ path: "workflow.json", text: JSON.stringify({ definition: { $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", triggers: {}, actions: { Code: { type: "JavaScriptCode", inputs: { code: `var apiToken = '${v}';\nreturn apiToken.length;` } } } } }, null, 2) })],
  ];
  for (const [where, make] of cases) {
    it(where, async () => {
      const v = key();
      await assertFound(make(v), v);
      await assertClean(make("$API_TOKEN"));
    });
  }
});

describe("hardcoded-secret: base64-wrapped tokens", () => {
  it("a known format under base64 is reported with the format named", async () => {
    const token = `glpat-${fake.chars(20)}`;
    const wrapped = Buffer.from(`${token}\n`).toString("base64");
    await assertFound({ path: ".github/workflows/a.yml", text: workflow(`      - run: echo ${wrapped} | base64 -d > ~/.token\n`) }, wrapped, /GitLab PAT \(base64-encoded\)/);
  });
  it("base64 of ordinary text is not", async () => {
    await assertClean({ path: ".github/workflows/a.yml", text: workflow(`      - run: echo ${Buffer.from("hello from the release pipeline, nothing secret").toString("base64")} | base64 -d\n`) });
  });
});

describe("connectors: credential variable names on every platform", () => {
  it("GitLab: $RELEASE_PAT and $GITLAB_TOKEN are connectors someone must own; $CI_JOB_TOKEN is GitLab's", async () => {
    const text = `stages: [release]\nrelease:\n  script:\n    - docker login -u bot -p $RELEASE_PAT registry.gitlab.com\n    - curl -H "PRIVATE-TOKEN: $GITLAB_TOKEN" https://gitlab.com/api/v4/projects\n    - curl -H "JOB-TOKEN: $CI_JOB_TOKEN" https://gitlab.com/api/v4/jobs\n    - echo $GITLAB_USER_LOGIN\n`;
    const findings = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings;
    const unowned = findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /`([A-Z_]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(unowned.sort(), ["GITLAB_TOKEN", "RELEASE_PAT"]);
    assert.equal(findings.filter((f) => f.ruleId === "hardcoded-secret").length, 0, "references are not hardcoded secrets");
  });
  it("a variable the script sets itself is not a connector", async () => {
    const text = `stages: [build]\nbuild:\n  script:\n    - creds=$(curl -sS http://169.254.169.254/latest/meta-data/iam/security-credentials/role)\n    - echo "$creds" | jq .\n`;
    const findings = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message), []);
  });
});

describe("step names in messages", () => {
  it("an unnamed step is called by its action or its first plain words, never by a value", async () => {
    const token = `ghp_${fake.chars(36)}`;
    const password = fake.password(18);
    const text = workflow(`      - uses: acme/deploy@v1\n        with:\n          token: ${token}\n      - run: docker login -u bot -p ${password} registry.acme.test\n`);
    const messages = (await secretsIn({ path: ".github/workflows/a.yml", text })).map((f) => f.message);
    assert.ok(messages.some((m) => m.includes("step `acme/deploy@v1 (step 1)`")), messages.join("\n"));
    assert.ok(messages.some((m) => m.includes("step `docker login (step 2)`")), messages.join("\n"));
    for (const m of messages) assert.ok(!m.includes(password) && !m.includes(token));
  });
});
