// How the detectors' hits become detections (linter-core/secrets/detect.ts): base64 anywhere, JSON
// inside a string, secretlint's own disable comments, and overlapping hits merged into one.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { detectSecrets } from "../../linter-core/secrets/detect.js";
import { platformFor } from "../../linter-core/platforms/index.js";
import { CREDENTIAL_KEYS, FakeSecrets } from "../helpers.js";

const fake = new FakeSecrets(107);
const github = `ghp_${fake.chars(36)}`;
const detect = async (path: string, text: string) => {
  const model = await platformFor(path, text).buildModel(path, text);
  return (await detectSecrets(model)).map((d) => ({ title: d.title, name: d.secretName, at: text.slice(d.span.start, d.span.end) === d.value ? "in place" : "misplaced", value: d.value }));
};
/** Each detection as its title, name, confidence and whether its value is the text at its span. */
const full = async (path: string, text: string) => {
  const model = await platformFor(path, text).buildModel(path, text);
  return (await detectSecrets(model)).map((d) => `${d.title} | ${d.secretName} | ${d.confidence} | ${text.slice(d.span.start, d.span.end) === d.value ? "in place" : "misplaced"}`);
};

describe("secret detection: base64 anywhere in a text", () => {
  it("a token wrapped in base64 is found by what it decodes to, at the base64's place", async () => {
    const wrapped = btoa(github);
    assert.deepEqual(await detect("run.sh", `echo ${wrapped} | base64 -d > token\n`), [{ title: "GitHub personal access token (base64-encoded)", name: "ENCODED_SECRET", at: "in place", value: wrapped }]);
  });
  it("a private key wrapped in base64 is found too", async () => {
    const body = Array.from({ length: 3 }, (_, i) => new FakeSecrets(300 + i).chars(64)).join("\n");
    const wrapped = btoa(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`);
    const found = await detect("notes.txt", `key: ${wrapped}\n`);
    assert.deepEqual(found.map((d) => d.title), ["RSA private key (base64-encoded)"]);
  });
  it("not: base64 of bytes, of text that is no credential, or a run shorter than 24", async () => {
    const bytes = btoa(String.fromCharCode(...Array.from({ length: 48 }, (_, i) => (i * 97 + 13) % 256)));
    assert.deepEqual(await detect("run.sh", `echo ${bytes}\n`), []);
    assert.deepEqual(await detect("run.sh", `echo ${btoa("just an ordinary sentence here.")}\n`), []);
    // Text that opens as a token and runs on into control bytes is not text; a run of a length base64
    // cannot have (one past a multiple of four) decodes to nothing.
    const tokenThenBytes = btoa(github + String.fromCharCode(...Array.from({ length: 24 }, (_, i) => (i * 7 + 1) % 32)));
    assert.deepEqual(await detect("run.sh", `echo ${tokenThenBytes}\n`), []);
    const unpadded = btoa(github).replace(/=+$/, "");
    const undecodable = unpadded + "Q".repeat((5 - (unpadded.length % 4)) % 4);
    assert.equal(undecodable.length % 4, 1);
    assert.deepEqual(await detect("run.sh", `echo ${undecodable}\n`), []);
    assert.deepEqual(await detect("run.sh", `echo ${btoa("ghp_short")}\n`), []);
  });
  it("a Kubernetes Secret's data field is judged once, by its key, not again as loose base64", async () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  token: ${btoa(github)}\n`;
    const found = await detect("k8s/secret.yaml", text);
    assert.equal(found.length, 1);
    assert.match(found[0].title, /^GitHub personal access token \(base64 in `token`\)$/);
  });
});

describe("secret detection: an AWS secret access key is its value, not its name", () => {
  // secretlint's aws rule reports from where the name starts, the value's length on: the detection
  // (what is shown, fingerprinted and replaced) is the 40-character value, wherever it is written.
  const secret = new FakeSecrets(77).chars(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
  for (const [path, text] of [
    [".github/workflows/a.yml", `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      AWS_SECRET_ACCESS_KEY: ${secret}\n    steps:\n      - run: aws s3 ls\n`],
    [".env", `AWS_SECRET_ACCESS_KEY=${secret}\n`],
    ["credentials", `[default]\naws_secret_access_key = ${secret}\n`],
    ["config.json", `{"awsSecretAccessKey": "${secret}"}\n`],
  ]) {
    it(path, async () => assert.deepEqual(await detect(path, text), [{ title: "AWS secret access key", name: "AWS_SECRET_ACCESS_KEY", at: "in place", value: secret }]));
  }
});

describe("secret detection: a UUID under a key that names it the secret", () => {
  it("in a document's field and in JSON inside a string; not under an identifier's key", async () => {
    const uuid = "8e1c4b7a-2d5f-4a9c-8b3e-6f0d2a7c9e14";
    const workflow = `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      CLIENT_SECRET: ${uuid}\n      CLIENT_ID: ${uuid}\n    steps:\n      - uses: x/y@v1\n        with:\n          payload: '{"apiKey": "${uuid}", "tenantId": "${uuid}"}'\n`;
    const found = await detect(".github/workflows/a.yml", workflow);
    assert.deepEqual(found.map((d) => [d.title, d.at, d.value]), [
      ["credential-like value under `CLIENT_SECRET`", "in place", uuid],
      ["credential-like value under `apiKey` (in embedded JSON)", "in place", uuid],
    ]);
    // Blanks around it inside the quotes: the UUID is judged and placed without them.
    const padded = `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      CLIENT_SECRET: "${uuid}  "\n      API_KEY: "  ${uuid}"\n    steps:\n      - run: x\n`;
    assert.deepEqual((await detect(".github/workflows/a.yml", padded)).map((d) => [d.at, d.value]), [["in place", uuid], ["in place", uuid]]);
  });
});

describe("secret detection: JSON inside a string", () => {
  const key = fake.chars(32);
  it("a credential-like key in embedded JSON (a payload, an n8n expression) is judged as any key, named by it", async () => {
    const found = await detect("conf/app.yml", `payload: '{"service": "x", "auth": {"apiKey": "${key}"}}'\n`);
    assert.deepEqual(found, [{ title: "credential-like value under `apiKey` (in embedded JSON)", name: "API_KEY", at: "in place", value: key }]);
    assert.deepEqual(await full("conf/app.yml", `payload: '{"apiKey": "${key}"}'\n`), ["credential-like value under `apiKey` (in embedded JSON) | API_KEY | medium | in place"]);
    const expression = await detect("conf/app.yml", `body: '={"clientSecret": "${key}"}'\n`);
    assert.deepEqual(expression.map((d) => d.name), ["CLIENT_SECRET"]);
  });
  it("not: JSON without a credential word, broken JSON, a value that is not JSON, a placeholder", async () => {
    assert.deepEqual(await detect("conf/app.yml", `payload: '{"service": "${key}"}'\n`), []);
    assert.deepEqual(await detect("conf/app.yml", `payload: '{"apiKey": "${key}"'\n`), []);
    assert.deepEqual(await detect("conf/app.yml", `payload: 'apiKey ${key}'\n`), []);
    assert.deepEqual(await detect("conf/app.yml", `payload: '{"apiKey": "<your api key>"}'\n`), []);
  });
});

describe("secret detection: JSON inside a string, its limits", () => {
  const key = fake.chars(32);
  const found = async (json: string) => (await detect("conf/app.yml", `payload: '${json}'\n`)).map((d) => `${d.name} ${d.at} ${d.value === key ? "whole" : d.value.length}`);
  it("every key judged as a document's own key is judged the same inside JSON", async () => {
    const differ: string[] = [];
    for (const name of CREDENTIAL_KEYS) {
      const own = (await detect("conf/app.yml", `${name}: "${key}"\n`)).map((d) => d.name);
      const inside = (await detect("conf/app.yml", `payload: '{"${name}": "${key}"}'\n`)).map((d) => d.name);
      if (own.length === 0) differ.push(`${name}: not found as a key`);
      else if (JSON.stringify(own) !== JSON.stringify(inside)) differ.push(`${name}: ${own} as a key, ${inside} inside JSON`);
    }
    assert.deepEqual(differ, []);
  });
  it("a null, a number or a boolean beside the key is skipped", async () => {
    assert.deepEqual(await found(`{"auth": null, "n": 5, "ok": true, "list": [null, 1], "inner": {"apiKey": "${key}"}}`), ["API_KEY in place whole"]);
  });
  it("read to 20 levels deep", async () => {
    const nested = (levels: number) => `${'{"a": '.repeat(levels)}{"apiKey": "${key}"}${"}".repeat(levels)}`;
    assert.deepEqual(await found(nested(20)), ["API_KEY in place whole"]);
    assert.deepEqual(await found(nested(21)), []);
  });
  it("read to 5 000 values", async () => {
    // The values are read last one first: the key's object is the last of them.
    const wide = (others: number) => `{"auth": {"apiKey": "${key}"}, "items": [${"{}, ".repeat(others - 1)}{}]}`;
    assert.deepEqual(await found(wide(4_997)), ["API_KEY in place whole"]);
    assert.deepEqual(await found(wide(4_998)), []);
  });
  it("read when at most 100 000 characters long", async () => {
    const padded = (length: number) => {
      const json = `{"apiKey": "${key}"}`;
      return json.slice(0, -1) + " ".repeat(length - json.length) + "}";
    };
    assert.deepEqual(await found(padded(100_000)), ["API_KEY in place whole"]);
    assert.deepEqual(await found(padded(100_001)), []);
  });
  it("an expression's `=` is dropped before and after blanks, and no other `=`", async () => {
    assert.deepEqual(await found(`  =  {"apiKey": "${key}"}`), ["API_KEY in place whole"]);
    for (const json of [`={"apiKey": "${key}=="}`, `{"apiKey": "${key}=="}`]) {
      assert.deepEqual(await detect("conf/app.yml", `payload: '${json}'\n`), [{ title: "credential-like value under `apiKey` (in embedded JSON)", name: "API_KEY", at: "in place", value: `${key}==` }], json);
    }
  });
  it("a value written with escapes is never reported outside the JSON", async () => {
    const json = `{"apiKey": "${key.slice(0, 16)}\\u0041${key.slice(16)}"}`;
    const escaped = await detect("conf/app.yml", `payload: '${json}'\n`);
    assert.ok(escaped.every((d) => json.includes(d.value)), JSON.stringify(escaped.map((d) => d.value.slice(0, 4))));
  });
});

describe("secret detection: base64 by what it decodes to, through secretlint's rules too", () => {
  const groq = `gsk_${fake.chars(52)}`;
  it("loose base64, and a Secret's data field", async () => {
    assert.deepEqual(await detect("run.sh", `echo ${btoa(groq)} | base64 -d\n`), [{ title: "Groq API key (base64-encoded)", name: "ENCODED_SECRET", at: "in place", value: btoa(groq) }]);
    const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n${data}`;
    assert.deepEqual(await detect("k8s/s.yaml", secret(`  config: ${btoa(groq)}\n`)), [{ title: "Groq API key (base64 in `config`)", name: "CONFIG", at: "in place", value: btoa(groq) }]);
    // A key whose value is always a credential (a registry's auth file) is reported whatever it decodes to; another key's plain text is not.
    assert.deepEqual((await detect("k8s/s.yaml", secret(`  .dockercfg: ${btoa("hello there friend")}\n`))).map((d) => d.title), ["credential (base64 in `.dockercfg`)"]);
    assert.deepEqual(await detect("k8s/s.yaml", secret(`  greeting: ${btoa("hello there friend")}\n`)), []);
  });
  it("a known format decoded is high confidence, a value judged by its key or shape medium", async () => {
    const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n${data}`;
    assert.deepEqual(await full("run.sh", `echo ${btoa(groq)} | base64 -d\n`), ["Groq API key (base64-encoded) | ENCODED_SECRET | high | in place"]);
    assert.deepEqual(await full("k8s/s.yaml", secret(`  config: ${btoa(groq)}\n  password: ${btoa("Xk9mP2qLz7!a")}\n`)), [
      "Groq API key (base64 in `config`) | CONFIG | high | in place",
      "credential (base64 in `password`) | PASSWORD | medium | in place",
    ]);
  });
  it("a Secret's data field is judged as a field; base64 elsewhere in the same file still as loose base64", async () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    note: ${btoa(groq)}\ndata:\n  config: ${btoa(groq)}\n`;
    assert.deepEqual(await full("k8s/s.yaml", text), ["Groq API key (base64-encoded) | ENCODED_SECRET | high | in place", "Groq API key (base64 in `config`) | CONFIG | high | in place"]);
    const fieldFirst = `apiVersion: v1\nkind: Secret\ndata:\n  config: ${btoa(groq)}\nmetadata:\n  name: s\n  annotations:\n    note: ${btoa(groq)}\n`;
    assert.deepEqual(await full("k8s/s.yaml", fieldFirst), ["Groq API key (base64 in `config`) | CONFIG | high | in place", "Groq API key (base64-encoded) | ENCODED_SECRET | high | in place"]);
  });
});

describe("secret detection: secretlint's rules alone, and values known by the provider in their key", () => {
  it("a secretlint-only format is found at its own place, named by its rule", async () => {
    const groq = `gsk_${fake.chars(52)}`;
    assert.deepEqual(await detect("notes.txt", `the key is ${groq} for now\n`), [{ title: "Groq API key", name: "GROQ_API_KEY", at: "in place", value: groq }]);
  });
  it("a value known by its key's provider, quoted and with blanks inside the quotes: the value alone", async () => {
    const value = fake.chars(32, "abcdefghijklmnopqrstuvwxyz0123456789");
    for (const text of [`env:\n  - name: ALGOLIA_KEY\n    value: "${value}"\n`, `env:\n  - name: ALGOLIA_KEY\n    value: "  ${value} "\n`]) {
      assert.deepEqual(await full("conf/app.yml", text), ["Algolia API key | ALGOLIA_KEY | medium | in place"], text);
      assert.deepEqual((await detect("conf/app.yml", text)).map((d) => d.value), [value]);
    }
  });
  it("a value always a credential by its place is none when blank", async () => {
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${value}\n`;
    for (const value of ['""', '"   "', "''"]) assert.deepEqual(await detect("k8s/s.yaml", secret(value)), [], value);
    assert.equal((await detect("k8s/s.yaml", secret('"Winter2024"'))).length, 1);
  });
});

describe("secret detection: secretlint's disable comments and merging", () => {
  it("secretlint-disable-line and -next-line keep working for what the table finds", async () => {
    assert.deepEqual(await detect("run.sh", `export T=${github} # secretlint-disable-line\n`), []);
    assert.deepEqual(await detect("run.sh", `# secretlint-disable-next-line\nexport T=${github}\n`), []);
    assert.equal((await detect("run.sh", `# secretlint-disable-next-line\n\nexport T=${github}\n`)).length, 1, "only the next line");
  });
  it("overlapping hits are one detection: the most specific title, the name from the key", async () => {
    const found = await detect("conf/app.yml", `deploy_token: ${github}\n`);
    assert.deepEqual(found, [{ title: "GitHub personal access token, checksum does not match (mistyped or altered: still a leak)", name: "DEPLOY_TOKEN", at: "in place", value: github }]);
  });
});

describe("secret detection: each kind's title, name and confidence", () => {
  const random = fake.chars(32);

  it("a private key, a URL password, a script idiom, a value judged by its key, an Authorization value in a field", async () => {
    const body = Array.from({ length: 3 }, (_, i) => new FakeSecrets(400 + i).chars(64)).join("\n");
    assert.deepEqual(await full("key.pem", `-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----\n`), ["EC private key | PRIVATE_KEY | high | in place"]);
    assert.deepEqual(await full("notes.txt", `db: postgres://app:${random}@db.internal/x\n`), ["password in a URL | URL_PASSWORD | medium | in place"]);
    assert.deepEqual(await full("run.sh", `deploy --api-token ${random}\n`), ["credential passed as a command-line option | API_TOKEN | medium | in place"]);
    assert.deepEqual(await full("conf/app.yml", `service:\n  client_secret: ${random}\n`), ["credential-like value under `client_secret` | CLIENT_SECRET | medium | in place"]);
    assert.deepEqual(await full("conf/app.yml", `headers:\n  X-Custom: Bearer ${random}\n`), ["token in an Authorization header value | API_TOKEN | medium | in place"]);
  });

  it("a format known only by the provider named in its key is medium; secretlint's AWS rule names its variable", async () => {
    const aws = `${fake.chars(30)}/${fake.chars(9)}`;
    const found = await full("conf/aws.txt", `aws_secret_access_key = ${aws}\n`);
    assert.ok(found.includes("AWS secret access key | AWS_SECRET_ACCESS_KEY | high | in place"), found.join("\n"));
  });

  it("a Kubernetes Secret's values: stringData by its key or its shape, data by what it decodes to, by its key, by its shape; plain names are none", async () => {
    // A service binding's Secret (spring-petclinic's k8s/db.yml): its type, host, port and user name are no credentials.
    const binding = "type: servicebinding.io/postgresql\nstringData:\n  type: \"postgresql\"\n  host: \"demo-db\"\n  port: \"5432\"\n  database: \"petclinic\"\n  username: \"user\"\n";
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n${binding.replace("stringData:\n", `stringData:\n  note: ${random}\n  client-secret: Winter2024\n`)}data:\n  password: ${btoa("Xk9mP2qLz7!a")}\n  random: ${btoa(fake.chars(28))}\n  username: ${btoa("admin")}\n  blob: not*base64\n`;
    assert.deepEqual(await full("k8s/secret.yaml", text), [
      "credential in `note` | NOTE | medium | in place",
      "credential in `client-secret` | CLIENT_SECRET | medium | in place",
      "credential (base64 in `password`) | PASSWORD | medium | in place",
      "credential (base64 in `random`) | RANDOM | medium | in place",
    ]);
  });

  it("in TypeScript the idioms read string literals only: a comment is code's, not a script's", async () => {
    assert.deepEqual(await full("src/a.ts", `// export DEPLOY_TOKEN=${random}\nconst x = 1;\n`), []);
    assert.deepEqual(await full("src/a.ts", `const cmd = "export DEPLOY_TOKEN=${random}";\n`), ["credential assigned to a variable | DEPLOY_TOKEN | medium | in place"]);
    assert.deepEqual(await full("run.sh", `# export DEPLOY_TOKEN=${random}\n`), ["credential assigned to a variable | DEPLOY_TOKEN | medium | in place"]);
  });

  it("in other program source read as text, an assignment's unquoted name is code, unless random (full-stack-fastapi-template's tests); in a string it is a value", async () => {
    const assigned = ["credential assigned to a variable | DEPLOY_TOKEN | medium | in place"];
    // (TypeScript's declaration files and minified JavaScript, which no platform models, are program source too: @azure/msal-browser's types.)
    for (const path of ["app/settings.py", "cmd/main.go", "lib/client.rb", "src/Config.java", "types/result.d.ts", "dist/app.min.js"]) {
      assert.deepEqual(await full(path, `DEPLOY_TOKEN = "${random}"\n`), assigned, path);
      assert.deepEqual(await full(path, `DEPLOY_TOKEN = '${random}'\n`), assigned, path);
      assert.deepEqual(await full(path, `user = User(email=email, hashed_password=argon2_hash, is_active=True)\nDEPLOY_PASSWORD = db_password2\n`), [], path);
      assert.deepEqual(await full(path, `DEPLOY_TOKEN = ${random}\n`), assigned, path);
      // A test's fixture: the assignment inside a raw string.
      assert.deepEqual(await full(path, `fragment := \`export DEPLOY_TOKEN=${btoa(random)}\`\n`), assigned, path);
    }
    // Shell, .env, Dockerfiles: the unquoted value is the value.
    for (const path of ["deploy.sh", ".env", "Dockerfile", "notes.txt"]) assert.deepEqual(await full(path, `DEPLOY_TOKEN=${random}\n`), assigned, path);
  });
});

describe("secret detection: a service-account key file", () => {
  // A real key's shape (generated here), in a file as GCP hands it out.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const keyFile = (projectId: string) =>
    JSON.stringify({ type: "service_account", project_id: projectId, private_key_id: fake.hex(40), private_key: privateKey, client_email: `ci@${projectId}.iam.gserviceaccount.com` }, null, 2);
  it("is reported at its private_key string, not as the whole file", async () => {
    const text = keyFile("billing-prod-4821");
    const found = await detect("deploy/sa.json", text);
    assert.deepEqual(found.map((d) => [d.title, d.at]), [["GCP service account key", "in place"]]);
    assert.equal(found[0].value, JSON.stringify(privateKey).slice(1, -1));
  });
  it("a placeholder in another field (`project_id: xxxxxxxx`) does not hide the key", async () => {
    assert.deepEqual((await detect("deploy/sa.json", keyFile("xxxxxxxx"))).map((d) => d.title), ["GCP service account key"]);
  });
});

describe("secret detection: a URL under a credential-like name", () => {
  // secretlint's own suite (database-connection-string, ok.valid) holds the first: a test container.
  it("is judged by its password: a test container's `postgres:postgres` is none", async () => {
    assert.deepEqual(await detect("db.py", `POSTGRES_IDENTICAL_CREDENTIALS = "postgres://postgres:postgres@localhost:5432/database"\n`), []);
    assert.deepEqual(await detect("settings.env", `DATABASE_URL_SECRET=mysql://root:root@127.0.0.1/test\n`), []);
  });
  it("a real password is reported as itself, even where the whole URL names an example host", async () => {
    const password = fake.chars(14);
    const found = await detect("db.py", `PROD_DB_CREDENTIALS = "postgres://app:${password}@db.internal.example.org:5432/app"\n`);
    assert.deepEqual(found.map((d) => [d.title, d.value, d.at]), [["password in a URL", password, "in place"]]);
  });
});

describe("secret detection: an unquoted name is code only in program source", () => {
  // (A value that switches character kinds seldom, as a name does: only where it stands decides.)
  const value = "kqvzmwxb84629173";
  it("a .env or plain-text assignment's value is the credential", async () => {
    for (const path of ["deploy.env", "notes.txt"]) assert.deepEqual((await detect(path, `API_KEY=${value}\n`)).map((d) => d.value), [value], path);
  });
  it("in Python, or TypeScript that does not parse (read as text), it is a name", async () => {
    assert.deepEqual(await detect("settings.py", `API_KEY = ${value}\n`), []);
    assert.deepEqual(await detect("broken.ts", `const API_KEY = ${value} {{\n`), []);
  });
});

describe("secret detection: a quoted value's `$` is text where the file's language expands none", () => {
  // Django's generated SECRET_KEY draws from `!@#$%^&*(-_=+)`: most hold a `$`, `&` or `(`.
  const key = `${fake.chars(12)}$${fake.chars(10)}(&${fake.chars(10)})${fake.chars(10)}`;
  it("Python, Go, Java, a .properties file and JavaScript code: the whole key; a shell script and a workflow's run: up to the `$` its shell expands", async () => {
    for (const [path, text] of [
      ["app/settings.py", `SECRET_KEY = "${key}"\n`],
      ["main.go", `const signingKey = "${key}"\n`],
      ["src/Config.java", `String apiSecret = "${key}";\n`],
      ["application.properties", `app.jwt.secret="${key}"\n`],
    ]) {
      assert.deepEqual((await detect(path, text)).map((d) => d.value), [key], path);
    }
    const js = await detect("src/config.js", `const secretKey = "${key}";\n`);
    assert.deepEqual(js.map((d) => d.value), [key], "JavaScript");
    assert.deepEqual((await detect("deploy.sh", `export SECRET_KEY="${key}"\n`)).map((d) => d.value), [], "12 characters before the `$`: too short to judge");
    const run = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: export SECRET_KEY="${key}"\n`;
    assert.deepEqual((await detect(".github/workflows/ci.yml", run)).map((d) => d.value), []);
  });
});

describe("secret detection: PostgreSQL's password file", () => {
  const password = `${fake.chars(8)}\\:${fake.chars(8)}`;
  it("the fifth field of each line of a .pgpass or pgpass.conf, as written (an escaped colon in it), when it is a password; not a comment, a test default or a line of fewer fields", async () => {
    const text = `# hosts\nlocalhost:5432:*:postgres:postgres\n*:*:*:replicator:${password}\r\n#db:5432:app:app:${fake.chars(16)}\nnot:a:line\n`;
    for (const path of [".pgpass", "home/ci/.pgpass", "AppData/postgresql/pgpass.conf"]) {
      const found = await detect(path, text);
      assert.deepEqual(found.map((d) => [d.title, d.name, d.at, d.value]), [["password in a PostgreSQL password file", "PGPASSWORD", "in place", password]], path);
    }
    assert.deepEqual(await detect("notes.txt", text), [], "elsewhere, colons are no fields");
    const escapedHost = `db\\:1:5432:app:${password}`;
    assert.deepEqual((await detect(".pgpass", `${escapedHost}`)).map((d) => d.value), [], "an escaped colon in a field before is no field's end: four fields, no password");
    assert.deepEqual(await full(".pgpass", `\n*:*:*:replicator:${password}\nlocalhost:5432:*:postgres:postgres\n`), ["password in a PostgreSQL password file | PGPASSWORD | medium | in place"], "after a blank first line; judged with medium confidence");
    const short = fake.chars(10);
    assert.deepEqual((await detect(".pgpass", `*:*:*:app:${short}\n`)).map((d) => d.value), [short], "judged as a password: ten characters are enough");
    const colons = `Kx9pQ2\\:\\:`;
    assert.deepEqual((await detect(".pgpass", `*:*:*:app:${colons}\n`)).map((d) => d.value), [colons], "its escaped colons are the password's: eight characters");
    const last = fake.chars(18);
    assert.deepEqual((await detect(".pgpass", `db\\:1:5432:app:user:${last}`)).map((d) => d.value), [last], "the last line, with no line break after it, and an escaped colon in the host");
  });
});
