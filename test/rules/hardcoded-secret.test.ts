import assert from "node:assert/strict";
import { type Document, parseAllDocuments, parseDocument } from "yaml";
import { hardcodedSecret } from "../../rules/hardcoded-secret.js";
import { applyEdits, at, FakeSecrets, lintFiles, ruleTester, WORKFLOW_PATH } from "../helpers.js";

const fake = new FakeSecrets(7);
const ghp = `ghp_${fake.chars(36)}`;
const apiKey = fake.chars(32);
const bearer = fake.chars(40);
const dockerPassword = fake.password(18);
const curlPassword = fake.password(14);
const urlPassword = fake.password(16);
const stripe = `sk_live_${fake.chars(24)}`;
const akia = `AKIA${fake.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`;
const clientSecret = `${fake.chars(3)}8Q~${fake.chars(34)}`;
const exported = fake.chars(36);

const header = "name: ci\non: push\n";

describe("hardcoded-secret: a fix in a YAML flow map leaves the value GitHub reads", () => {
  const cases = [
    { code: `${header}env: { API_KEY: ${apiKey}, REGION: eu }\njobs: {}\n`, key: "API_KEY", value: "${{ secrets.API_KEY }}" },
    { code: `${header}env: {\n  REGION: eu,\n  API_KEY: "${apiKey}"\n}\njobs: {}\n`, key: "API_KEY", value: "${{ secrets.API_KEY }}" },
    { code: `${header}env: { DB_URL: postgres://app:${urlPassword}@db.example.com/a\\b }\njobs: {}\n`, key: "DB_URL", value: "postgres://app:${{ secrets.DB_URL }}@db.example.com/a\\b" },
    { code: `${header}env: { DB_URL: "postgres://app:${urlPassword}@db.example.com/main" }\njobs: {}\n`, key: "DB_URL", value: "postgres://app:${{ secrets.DB_URL }}@db.example.com/main" },
    // Compose's `${NAME}` has braces too.
    { path: "docker-compose.yml", at: ["services", "web", "environment"], code: `services:\n  web:\n    image: web\n    environment: { API_KEY: ${apiKey} }\n`, key: "API_KEY", value: "${API_KEY}" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`case ${i + 1}: parses, with the reference as the value`, async () => {
      const finding = (await lintFiles([{ path: c.path ?? WORKFLOW_PATH, text: c.code }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
      const document = parseDocument(applyEdits(c.code, finding.fixes[0].edits));
      assert.deepEqual(document.errors, []);
      assert.equal(document.getIn([...(c.at ?? ["env"]), c.key]), c.value);
    });
  }

  it("in a second document the platform does not read (`---`), judged as any YAML's: the fix quotes there too", async () => {
    const code = `${header}jobs: {}\n---\nenv: { API_KEY: ${apiKey} }\n`;
    const finding = (await lintFiles([{ path: WORKFLOW_PATH, text: code }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    const documents = parseAllDocuments(applyEdits(code, finding.fixes[0].edits)) as Document[];
    assert.deepEqual(documents.flatMap((d) => d.errors), []);
    assert.equal(documents[1].getIn(["env", "API_KEY"]), "${{ secrets.API_KEY }}");
  });
});

ruleTester(hardcodedSecret, {
  valid: [
    { name: "secret references", code: `${header}env:\n  API_TOKEN: \${{ secrets.API_TOKEN }}\n  DB_PASSWORD: "\${{ secrets.DB_PASSWORD }}"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com\n` },
    { name: "shell and Azure-style references", code: `${header}env:\n  NPM_TOKEN: $NPM_TOKEN\n  OTHER_TOKEN: \${OTHER_TOKEN}\n  AZ_SECRET: $(AzureSecret)\njobs: {}\n` },
    { name: "placeholders", code: `${header}env:\n  API_KEY: <your-api-key>\n  SECRET_TOKEN: changeme\n  DEPLOY_TOKEN: xxxxxxxxxxxxxxxx\n  SLACK_TOKEN: REPLACE_ME\n  AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n  AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\njobs: {}\n` },
    { name: "action pinned to a commit SHA and image digests", code: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    container: node@sha256:${fake.hex(64)}\n    steps:\n      - uses: actions/checkout@${fake.hex(40)}\n` },
    { name: "UUIDs, ARNs, versions and public keys", code: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: 0f8fad5b-d9cb-469f-a165-70867728950e\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n          aws-region: eu-west-1\n      - env:\n          SIGNING_PUBLIC_KEY: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake.chars(43)}\n          TOOL_VERSION: 20.11.1\n        run: echo ok\n` },
    { name: "cache keys", code: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/cache@v4\n        with:\n          key: \${{ runner.os }}-node-\${{ hashFiles('**/package-lock.json') }}\n          restore-keys: matlab-ccache-ubuntu-\n` },
    { name: "throw-away test-container passwords", code: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres\n        env:\n          POSTGRES_PASSWORD: postgres\n          MSSQL_SA_PASSWORD: Localtestpass1!\n    steps:\n      - run: psql postgres://postgres:postgres@localhost:5432/test\n` },
    { name: "identifiers passed along, brace placeholders, Atlassian space keys (tektoncd/catalog, n8n-workflows cases)", code: `${header}jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          python -c "client = OpenAI(api_key=api_key,base_url=api_base_url)"\n        env:\n          DEVELOPER_TOKEN: "{developer-token}"\n          TARGET_SPACE_KEY: "~5f5915647187b8006ffffe8e"\n` },
    { name: "a long non-secret value under a non-credential key", code: `${header}env:\n  BUILD_ID: ${fake.chars(32)}\njobs: {}\n` },
  ],
  invalid: [
    {
      name: "GitHub token in step env, fix uses the key's name",
      code: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GH_PAT: ${ghp}\n        run: gh release list\n`,
      errors: [at(`${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GH_PAT: ${ghp}\n`, ghp, /GitHub personal access token, checksum does not match \(mistyped or altered: still a leak\) \(ghp_… \(40 chars\)\) in job `a`, step `gh release list \(step 1\)`/)],
      output: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          GH_PAT: \${{ secrets.GH_PAT }}\n        run: gh release list\n`,
    },
    {
      name: "random API key under a credential-like key, quoted; the fix replaces the quotes too",
      code: `${header}env:\n  API_KEY: "${apiKey}"\njobs: {}\n`,
      errors: [at(`${header}env:\n  API_KEY: "${apiKey}"`, apiKey, /credential-like value under `API_KEY`/)],
      output: `${header}env:\n  API_KEY: \${{ secrets.API_KEY }}\njobs: {}\n`,
    },
    // In a flow map `{ … }` a plain `${{ … }}` would end at its `{`: the fix writes it quoted, and the file still parses.
    {
      name: "a flow map's value (`env: { API_KEY: … }`): the fix writes the reference quoted",
      code: `${header}env: { API_KEY: ${apiKey}, REGION: eu }\njobs: {}\n`,
      errors: [at(`${header}env: { API_KEY: ${apiKey}`, apiKey, /credential-like value under `API_KEY`/)],
      output: `${header}env: { API_KEY: "\${{ secrets.API_KEY }}", REGION: eu }\njobs: {}\n`,
    },
    {
      name: "a quoted value in a workflow written as one flow map",
      code: `{"name": "ci", "on": "push", "env": {"API_KEY": "${apiKey}"}, "jobs": {}}\n`,
      errors: [at(`{"name": "ci", "on": "push", "env": {"API_KEY": "${apiKey}`, apiKey, /credential-like value under `API_KEY`/)],
      output: `{"name": "ci", "on": "push", "env": {"API_KEY": "\${{ secrets.API_KEY }}"}, "jobs": {}}\n`,
    },
    {
      name: "a password in a URL, part of a plain scalar in a flow map: the whole scalar is rewritten double-quoted",
      code: `${header}env: { DB_URL: postgres://app:${urlPassword}@db.example.com/"main" }\njobs: {}\n`,
      errors: [at(`${header}env: { DB_URL: postgres://app:${urlPassword}`, urlPassword, /password in a URL/)],
      output: `${header}env: { DB_URL: "postgres://app:\${{ secrets.DB_URL }}@db.example.com/\\"main\\"" }\njobs: {}\n`,
    },
    {
      name: "a password in a URL, part of a quoted scalar in a flow map: the quotes already hold the reference",
      code: `${header}env: { DB_URL: 'postgres://app:${urlPassword}@db.example.com/main' }\njobs: {}\n`,
      errors: [at(`${header}env: { DB_URL: 'postgres://app:${urlPassword}`, urlPassword, /password in a URL/)],
      output: `${header}env: { DB_URL: 'postgres://app:\${{ secrets.DB_URL }}@db.example.com/main' }\njobs: {}\n`,
    },
    {
      name: "with: input named like a credential",
      code: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/deploy@v1\n        with:\n          client-secret: ${clientSecret}\n`,
      errors: [at(`${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/deploy@v1\n        with:\n          client-secret: ${clientSecret}`, clientSecret, /Azure AD client secret/)],
      output: `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/deploy@v1\n        with:\n          client-secret: \${{ secrets.CLIENT_SECRET }}\n`,
    },
    (() => {
      const code = `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: call\n        run: |\n          curl -H "Authorization: Bearer ${bearer}" https://api.example.com\n          docker login -u bot -p '${dockerPassword}' registry.example.com\n          curl -u deploy:${curlPassword} https://nexus.example.com/upload\n          git clone https://bot:${urlPassword}@git.example.com/repo.git\n          export SERVICE_TOKEN=${exported}\n`;
      return {
        name: "script idioms in run:",
        code,
        errors: [
          at(code, bearer, /Authorization header .* in job `a`, step `call`/),
          at(code, dockerPassword, /registry login/),
          at(code, curlPassword, /curl\/wget user option/),
          at(code, urlPassword, /password in a URL/),
          at(code, exported, /assigned to a variable/),
        ],
        output: code
          .replace(bearer, "${{ secrets.API_TOKEN }}")
          .replace(dockerPassword, "${{ secrets.REGISTRY_PASSWORD }}")
          .replace(curlPassword, "${{ secrets.BASIC_AUTH_PASSWORD }}")
          .replace(urlPassword, "${{ secrets.URL_PASSWORD }}")
          .replace(exported, "${{ secrets.SERVICE_TOKEN }}"),
      };
    })(),
    {
      name: "provider keys secretlint misses: Stripe and an AWS access key id",
      code: `${header}env:\n  PAYMENTS: ${stripe}\n  AWS_ACCESS_KEY_ID: ${akia}\njobs: {}\n`,
      errors: [at(`${header}env:\n  PAYMENTS: ${stripe}`, stripe, /Stripe secret or restricted key/), at(`${header}env:\n  PAYMENTS: ${stripe}\n  AWS_ACCESS_KEY_ID: ${akia}`, akia, /AWS access key id/)],
    },
    (() => {
      const code = `${header}jobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: registry.example.com/app:1\n      credentials:\n        username: user\n        password: hackme\n    steps:\n      - run: make\n`;
      return { name: "a registry password of a job container, however weak (zizmor's hardcoded-container-credentials case)", code, errors: [at(code, "hackme", /credential in `password`/)] };
    })(),
    {
      name: "a secret in a file no platform claims still gets the provider scan",
      path: "scripts/deploy.sh",
      code: `#!/bin/sh\nexport TOKEN=${ghp}\n`,
      errors: [at(`#!/bin/sh\nexport TOKEN=${ghp}`, ghp, /GitHub personal access token/)],
    },
  ],
});

describe("hardcoded-secret: fixes and messages", () => {
  it("the fixed workflow still parses and no longer has the finding", async () => {
    const code = `${header}env:\n  API_KEY: "${apiKey}"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          curl -H "Authorization: Bearer ${bearer}" https://x.example.com\n`;
    const before = await lintFiles([{ path: WORKFLOW_PATH, text: code }]);
    const secrets = before.findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(secrets.length, 2);
    const fixed = applyEdits(code, secrets.flatMap((f) => f.fixes[0].edits));
    assert.equal(parseDocument(fixed).errors.length, 0);
    const after = await lintFiles([{ path: WORKFLOW_PATH, text: fixed }]);
    assert.equal(after.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 0);
  });

  it("fixes are suggestions (not safe to apply silently) and say where to store the value", async () => {
    const result = await lintFiles([{ path: WORKFLOW_PATH, text: `${header}env:\n  API_KEY: ${apiKey}\njobs: {}\n` }]);
    const fix = result.findings[0].fixes[0];
    assert.equal(fix.safe, false);
    assert.match(fix.followUp!.join(" "), /gh secret set API_KEY/);
  });

  it("no message, help, fix or fingerprint holds the secret", async () => {
    const code = `${header}env:\n  API_KEY: ${apiKey}\n  GH: ${ghp}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: docker login -p ${dockerPassword} r.example.com\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text: code }]);
    // What the faces print: findings (messages, help, fixes, fingerprints) and internal errors.
    const serialised = JSON.stringify({ findings: result.findings, internalErrors: result.internalErrors });
    assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 3);
    for (const secret of [apiKey, ghp, dockerPassword]) {
      assert.ok(!serialised.includes(secret), "a whole secret leaked into the result");
      assert.ok(!serialised.includes(secret.slice(0, 12)), "more than a short prefix leaked");
    }
  });

  it("a key that only begins with a generic word (RUNNER_GH, DEFAULT_STRIPE) still names the secret, not the format", async () => {
    const code = `${header}env:\n  RUNNER_GH: ${ghp}\n  DEFAULT_STRIPE: ${stripe}\n  VALUE: ${akia}\njobs: {}\n`;
    const result = await lintFiles([{ path: WORKFLOW_PATH, text: code }]);
    const edits = result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.fixes[0].edits[0].text);
    assert.deepEqual(edits, ["${{ secrets.RUNNER_GH }}", "${{ secrets.DEFAULT_STRIPE }}", "${{ secrets.AWS_ACCESS_KEY_ID }}"]);
  });

  it("where no reference can stand (an input's default), the help is the platform's steps, one sentence after another", async () => {
    const code = `name: ci\non:\n  workflow_dispatch:\n    inputs:\n      api_key:\n        default: ${apiKey}\njobs: {}\n`;
    const finding = (await lintFiles([{ path: WORKFLOW_PATH, text: code }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.help ?? "", /^Store the value as a repository or environment secret: gh secret set API_KEY .*New repository secret\. Where secrets live in a manager, .*`az keyvault secret show`\. \S/);
  });

  it("the fingerprint survives moving the secret to another line", async () => {
    const one = await lintFiles([{ path: WORKFLOW_PATH, text: `${header}env:\n  API_KEY: ${apiKey}\njobs: {}\n` }]);
    const two = await lintFiles([{ path: WORKFLOW_PATH, text: `${header}\n\n# moved\nenv:\n  OTHER: 1\n  API_KEY: ${apiKey}\njobs: {}\n` }]);
    assert.equal(one.findings[0].fingerprint, two.findings[0].fingerprint);
    assert.notEqual(one.findings[0].start.line, two.findings[0].start.line);
  });
});

describe("hardcoded-secret: the fix's secret name never takes one the inventory gives to other files", () => {
  const nightly = `on: schedule\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./nightly.sh\n        env:\n          GH_TOKEN: ${ghp}\n`;
  const inventory = (usedBy: string, extra = "") =>
    `version: 1\nconnectors:\n  - name: GH_TOKEN\n    kind: secret\n    owner: "@acme/platform"\n    purpose: Deploy\n    expires: 2027-06-30\n    used-by: [${usedBy}]\n${extra}`;
  const fixOf = async (inventoryText: string) => {
    const { findings } = await lintFiles([{ path: ".github/workflows/nightly.yml", text: nightly }], { inventory: { path: "nhi-inventory.yaml", text: inventoryText } });
    const finding = findings.find((f) => f.ruleId === "hardcoded-secret")!;
    return { text: finding.fixes[0].edits[0].text, help: finding.help ?? "", followUp: (finding.fixes[0].followUp ?? []).join(" ") };
  };

  it("GH_TOKEN recorded for deploy.yml: the nightly workflow gets NIGHTLY_GH_TOKEN, in the edit and the steps", async () => {
    const fix = await fixOf(inventory(".github/workflows/deploy.yml"));
    assert.equal(fix.text, "${{ secrets.NIGHTLY_GH_TOKEN }}");
    assert.match(fix.help, /NIGHTLY_GH_TOKEN/);
    assert.match(fix.followUp, /gh secret set NIGHTLY_GH_TOKEN/);
    assert.doesNotMatch(fix.followUp, /gh secret set GH_TOKEN\b/);
  });

  it("that name taken too: a numbered one", async () => {
    const fix = await fixOf(inventory(".github/workflows/deploy.yml", `  - name: NIGHTLY_GH_TOKEN\n    kind: secret\n    owner: "@acme/ops"\n    purpose: Other\n    expires: 2027-06-30\n    used-by: [.github/workflows/other.yml]\n`));
    assert.equal(fix.text, "${{ secrets.NIGHTLY_GH_TOKEN_2 }}");
  });

  it("GH_TOKEN recorded for this very file (by glob): the same credential keeps its name", async () => {
    assert.equal((await fixOf(inventory(".github/workflows/night*.yml"))).text, "${{ secrets.GH_TOKEN }}");
  });

  const record = (name: string, usedBy?: string) => `  - name: ${name}\n    kind: secret\n    owner: "@acme/ops"\n    purpose: Other\n    expires: 2027-06-30\n${usedBy ? `    used-by: [${usedBy}]\n` : ""}`;

  it("numbers upwards until a name is free (NIGHTLY_GH_TOKEN_3 when _2 is taken too)", async () => {
    const taken = `version: 1\nconnectors:\n${record("GH_TOKEN", ".github/workflows/deploy.yml")}${record("NIGHTLY_GH_TOKEN", "x.yml")}${record("NIGHTLY_GH_TOKEN_2", "y.yml")}`;
    assert.equal((await fixOf(taken)).text, "${{ secrets.NIGHTLY_GH_TOKEN_3 }}");
  });

  it("a record used by no file (`used-by: []`) is another credential too: a distinct name", async () => {
    assert.equal((await fixOf(inventory(""))).text, "${{ secrets.NIGHTLY_GH_TOKEN }}");
  });

  it("a record with no used-by (any file may use it) still means another credential: a distinct name", async () => {
    assert.equal((await fixOf(`version: 1\nconnectors:\n${record("GH_TOKEN")}`)).text, "${{ secrets.NIGHTLY_GH_TOKEN }}");
  });

  it("GitHub names are case-insensitive: a record `gh_token` takes GH_TOKEN", async () => {
    assert.equal((await fixOf(`version: 1\nconnectors:\n${record("gh_token", ".github/workflows/deploy.yml")}`)).text, "${{ secrets.NIGHTLY_GH_TOKEN }}");
  });

  it("the file's whole name, dots and all, makes the prefix (nightly.build.yml: NIGHTLY_BUILD_GH_TOKEN)", async () => {
    const { findings } = await lintFiles([{ path: ".github/workflows/nightly.build.yml", text: nightly }], { inventory: { path: "nhi-inventory.yaml", text: inventory(".github/workflows/deploy.yml") } });
    assert.equal(findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes[0].edits[0].text, "${{ secrets.NIGHTLY_BUILD_GH_TOKEN }}");
  });
});

describe("hardcoded-secret: the name, the edit and the help of the fix", () => {
  const workflow = (env: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./go.sh\n        env:\n${env}`;
  const secretFinding = async (path: string, text: string) => (await lintFiles([{ path, text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;

  it("names the secret after its key, but not after a generic one (value, Authorization, args...)", async () => {
    assert.equal((await secretFinding(WORKFLOW_PATH, workflow(`          PARTNER_KEY: ${ghp}\n`))).fixes[0].title, "Replace with ${{ secrets.PARTNER_KEY }}");
    // A key that merely contains a generic word is still a name of its own.
    assert.equal((await secretFinding(WORKFLOW_PATH, workflow(`          default_value_token: ${ghp}\n`))).fixes[0].title, "Replace with ${{ secrets.DEFAULT_VALUE_TOKEN }}");
    for (const key of ["value", "Authorization", "args", "headers"]) {
      const title = (await secretFinding(WORKFLOW_PATH, workflow(`          ${key}: ${ghp}\n`))).fixes[0].title;
      assert.doesNotMatch(title, new RegExp(`secrets\\.${key.toUpperCase()} `), `${key} names nothing: ${title}`);
    }
  });

  it("a key names the secret inside its value when it names a credential or a URL that carries one; a key naming something else (a command) leaves the detector's name", async () => {
    const title = async (env: string) => (await secretFinding(WORKFLOW_PATH, workflow(env))).fixes[0].title;
    const password = new FakeSecrets(1424).password(20);
    assert.equal(await title(`          DEPLOY_CMD: curl -H "Authorization: token ${ghp}" https://api.github.com\n`), "Replace with ${{ secrets.API_TOKEN }}");
    assert.equal(await title(`          DATABASE_URL: postgres://app:${password}@db.internal.example.com/app\n`), "Replace with ${{ secrets.DATABASE_URL }}");
    assert.equal(await title(`          SENTRY_DSN: https://app:${password}@sentry.internal.example.com/1\n`), "Replace with ${{ secrets.SENTRY_DSN }}");
    assert.equal(await title(`          DEPLOY_TOKEN: Bearer ${ghp}\n`), "Replace with ${{ secrets.DEPLOY_TOKEN }}");
    assert.equal(await title(`          PARTNER_SETTING: ${ghp}\n`), "Replace with ${{ secrets.PARTNER_SETTING }}");
  });

  it("a token inside a script is replaced alone; a whole value (block scalar too) is replaced whole", async () => {
    const script = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -H "Authorization: token ${ghp}" https://api.github.com\n`;
    const inScript = await secretFinding(WORKFLOW_PATH, script);
    assert.equal(applyEdits(script, inScript.fixes[0].edits), script.replace(ghp, "${{ secrets.GITHUB_TOKEN_2 }}".replace("GITHUB_TOKEN_2", /secrets\.(\w+)/.exec(inScript.fixes[0].title)![1])));
    // The block scalar's line break stays: the next key keeps its own line (the YAML stays valid).
    const block = workflow(`          PARTNER_KEY: |\n            ${ghp}\n          REGION: eu\n`);
    const whole = await secretFinding(WORKFLOW_PATH, block);
    const fixed = applyEdits(block, whole.fixes[0].edits);
    assert.equal(fixed, workflow("          PARTNER_KEY: ${{ secrets.PARTNER_KEY }}\n          REGION: eu\n"));
    assert.deepEqual(parseDocument(fixed).errors, []);
  });

  it("the title and the help name what the fix writes where a platform writes other than its usual reference (Drone's `from_secret`, Kubernetes' valueFrom and `$(NAME)`)", async () => {
    const cases = [
      { path: ".drone.yml", text: `kind: pipeline\nsteps:\n  - name: a\n    image: x\n    environment:\n      API_KEY: ${apiKey}\n    commands:\n      - make --token ${bearer}\n` },
      { path: "k8s/job.yaml", text: `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          args: ["--token", "${bearer}"]\n          env:\n            - name: API_KEY\n              value: ${apiKey}\n` },
    ];
    const written = new Set<string>();
    for (const c of cases) {
      const findings = (await lintFiles([c])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 2, c.path);
      for (const finding of findings) {
        const edit = finding.fixes[0].edits[0].text;
        written.add(edit);
        assert.equal(finding.fixes[0].title, `Replace with ${edit}`);
        assert.match(finding.help!, new RegExp(`reference it as ${edit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")};`));
      }
    }
    // Two kinds of edit on each platform: the test reaches both of each.
    assert.equal(written.size, 4, [...written].join(" | "));
  });

  it("the help says the name and the reference, and where a credential of its kind is revoked; with no reference syntax (plain text), where to move it", async () => {
    const inWorkflow = await secretFinding(WORKFLOW_PATH, workflow(`          PARTNER_KEY: ${ghp}\n`));
    assert.equal(inWorkflow.help, "Store it as a secret named PARTNER_KEY and reference it as ${{ secrets.PARTNER_KEY }}; rotate it at https://github.com/settings/tokens if it was ever committed.");
    // The fix's steps after the edit: the rotate step names the page too.
    assert.equal(inWorkflow.fixes[0].followUp?.at(-1), "If the value was ever committed or pushed, rotate it at the provider (https://github.com/settings/tokens): moving it does not make it secret again.");
    const plain = await secretFinding("notes/setup.txt", `token: ${ghp}\n`);
    assert.equal(plain.fixes.length, 0);
    assert.equal(plain.help, "Move it to a secrets manager and read it from there; rotate it at https://github.com/settings/tokens if it was ever committed.");
    // A kind with no page nhilint knows: rotated at its provider, as before; an n8n export's steps say "shared or exported".
    const password = await secretFinding(WORKFLOW_PATH, workflow(`          DB_PASSWORD: ${new FakeSecrets(1423).password(20)}\n`));
    assert.equal(password.help, "Store it as a secret named DB_PASSWORD and reference it as ${{ secrets.DB_PASSWORD }}; rotate it if it was ever committed.");
    assert.equal(password.fixes[0].followUp?.at(-1), "If the value was ever committed or pushed, rotate it at the provider: moving it does not make it secret again.");
  });
});

describe("hardcoded-secret: names, help and fingerprints at their edges", () => {
  const workflow = (env: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./go.sh\n        env:\n${env}`;
  const finding = async (path: string, text: string, inventory?: string) =>
    (await lintFiles([{ path, text }], inventory ? { inventory: { path: "nhi-inventory.yaml", text: inventory } } : {})).findings.find((f) => f.ruleId === "hardcoded-secret")!;
  const record = (name: string, usedBy: string) => `version: 1\nconnectors:\n  - name: ${name}\n    kind: secret\n    owner: "@acme/ops"\n    purpose: Other\n    expires: 2027-06-30\n    used-by: [${usedBy}]\n`;

  it("every generic key names nothing (arg, auth, auth_token, authorization_token, header, default): a Bearer value there is an API_TOKEN", async () => {
    for (const key of ["arg", "auth", "auth_token", "authorization_token", "header", "default"]) {
      const title = (await finding(WORKFLOW_PATH, workflow(`          ${key}: Bearer ${bearer}\n`))).fixes[0].title;
      assert.equal(title, "Replace with ${{ secrets.API_TOKEN }}", key);
    }
  });

  it("a record for this file by a ** glob (matching the dot folder) keeps the name; on a case-sensitive platform a lower-case record is another name", async () => {
    assert.equal((await finding(WORKFLOW_PATH, workflow(`          GH_TOKEN: ${ghp}\n`), record("GH_TOKEN", "'**/ci.yml'"))).fixes[0].edits[0].text, "${{ secrets.GH_TOKEN }}");
    const gitlab = `deploy:\n  script:\n    - ./deploy.sh --token ${ghp}\n`;
    const name = (f: Awaited<ReturnType<typeof finding>>) => /secrets? named (\w+)/.exec(f.help ?? "")?.[1];
    assert.equal(name(await finding(".gitlab-ci.yml", gitlab, record("token", "other.yml"))), "TOKEN");
    assert.equal(name(await finding(".gitlab-ci.yml", gitlab, record("TOKEN", "other.yml"))), "GITLAB_CI_TOKEN");
  });

  it("where the platform has no reference to write, the help says where to move it", async () => {
    const found = await finding("notes.txt", `token: ${ghp}\n`);
    assert.deepEqual(found.fixes, []);
    assert.equal(found.help, "Move it to a secrets manager and read it from there; rotate it at https://github.com/settings/tokens if it was ever committed.");
  });

});
