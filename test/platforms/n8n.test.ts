import assert from "node:assert/strict";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, validJson } from "./suite.js";
import { platformFor } from "../../linter-core/platforms/index.js";

const fake = new FakeSecrets(37);
const token = fake.chars(40);
const workflow = (header: string) =>
  JSON.stringify(
    {
      name: "Notify",
      nodes: [
        { name: "Webhook", type: "n8n-nodes-base.webhook", parameters: { path: "hook" } },
        {
          name: "Call API",
          type: "n8n-nodes-base.httpRequest",
          parameters: { url: "https://api.example.com", headerParameters: { parameters: [{ name: "Authorization", value: header }] } },
          credentials: { httpHeaderAuth: { id: "7", name: "Example API key" } },
        },
      ],
      connections: { Webhook: { main: [[{ node: "Call API", type: "main", index: 0 }]] } },
    },
    null,
    2,
  ) + "\n";

platformSuite({
  platform: "n8n",
  claims: [{ path: "workflows/notify.json", text: workflow("x") }],
  leaves: [{ path: "package.json", text: '{"name": "x", "dependencies": {}}' }],
  connectors: { path: "workflows/notify.json", text: workflow("={{ $json.auth }}"), expected: ["Example API key:n8n-credential"] },
  secret: { path: "workflows/notify.json", text: workflow(`Bearer ${token}`), value: token, fixed: workflow("=Bearer {{ $env.API_TOKEN }}") },
  clean: [{ path: "workflows/notify.json", text: workflow("=Bearer {{ $env.API_TOKEN }}") }],
  validate: validJson,
});

describe("platform n8n: the guided steps after the fix", () => {
  it("start with what the fix wrote ($env), then lead to an n8n credential or a secrets manager, and say to rotate it", async () => {
    const result = await lintFiles([{ path: "workflows/notify.json", text: workflow(`Bearer ${token}`) }]);
    const fix = result.findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes[0];
    const steps = fix.followUp ?? [];
    // The first step explains the reference the fix wrote: the guide never contradicts the edit.
    assert.ok(fix.title.includes("{{ $env.API_TOKEN }}") && steps[0].includes("{{ $env.API_TOKEN }}"), `${fix.title}\n${steps[0]}`);
    assert.match(steps[1], /create an n8n credential/);
    assert.ok(steps.some((step) => step.includes("{{ $secrets.<store>.API_TOKEN }}") && /Vault/.test(step)), steps.join("\n"));
    assert.match(steps.at(-1)!, /rotate it/);
    assert.ok(!steps.join(" ").includes(token.slice(0, 8)), "no step repeats the secret");
  });
});

describe("n8n and Logic Apps fixes never carry a neighbour secret", () => {
  const github = `ghp_${fake.chars(36)}`;
  const stripe = `sk_live_${fake.chars(24)}`;
  const cases = [
    { platform: "n8n", path: "workflows/notify.json", text: workflow(`token ${github} and ${stripe}`), hasReference: "{{ $env." },
    {
      platform: "logic-apps",
      path: "workflow.json",
      text: JSON.stringify({ definition: { $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", triggers: {}, actions: { Call: { type: "Http", inputs: { uri: "https://api.example.com", headers: { Authorization: `token ${github} and ${stripe}` } } } } } }, null, 2),
      hasReference: "@{parameters(",
    },
  ];
  for (const { platform, path, text, hasReference } of cases) {
    it(`${platform}: two secrets in one string, each fix edits only its own`, async () => {
      const findings = (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 2, findings.map((f) => f.message).join("\n"));
      for (const finding of findings) {
        const edits = finding.fixes[0].edits;
        for (const edit of edits) assert.ok(!edit.text.includes(github) && !edit.text.includes(stripe), `edit text carries a secret: ${edit.text}`);
        const fixed = applyEdits(text, edits);
        JSON.parse(fixed);
        assert.ok(fixed.includes(hasReference));
        // The other secret is still where it was (for its own fix, and to be rotated).
        assert.equal([github, stripe].filter((s) => fixed.includes(s)).length, 1);
      }
    });
  }
});

describe("n8n: references to the environment and external secrets are connectors", () => {
  it("{{ $env.API_TOKEN }} and {{ $secrets.vault.X }} need an owner; n8n's own WEBHOOK_URL and a non-credential $env name do not", async () => {
    const text = JSON.stringify({ nodes: [{ name: "Call", type: "n8n-nodes-base.httpRequest", parameters: { url: "={{ $env.WEBHOOK_URL }}{{ $env.BASE_URL }}/v1", headerParameters: { parameters: [{ name: "Authorization", value: "={{ $env.API_TOKEN }}" }, { name: "X-Key", value: "={{ $secrets.vault.PARTNER_KEY }}" }, { name: "X-Tenant", value: "={{ $secrets.vault.tenant }}" }] } } }], connections: {} }, null, 2);
    const result = await lintFiles([{ path: "workflows/call.json", text }]);
    const unowned = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector).sort();
    // Whatever its name, a value kept in an external secrets store is a secret someone owns.
    assert.deepEqual(unowned, ["API_TOKEN", "PARTNER_KEY", "tenant"]);
    const at = result.findings.find((f) => f.connector === "API_TOKEN")!;
    assert.equal(text.slice(at.span.start, at.span.end), "API_TOKEN");
  });
});

describe("n8n: credentials, expressions and recognition", () => {
  const node = (extra: object) => ({ name: "Call", type: "n8n-nodes-base.httpRequest", parameters: {}, ...extra });
  const refs = async (nodes: object[]) =>
    (await lintFiles([{ path: "workflows/w.json", text: JSON.stringify({ nodes, connections: {} }, null, 2) }])).findings
      .filter((f) => f.ruleId === "unowned-connector")
      .map((f) => f.message.replace(/ has no record.*$/, ""));

  it("a stored credential is named by its name, else its id, in the step of its node (else of its type); one without either, or with a number for an id (a hand-edited export), is none", async () => {
    assert.deepEqual(
      await refs([
        node({ credentials: { httpHeaderAuth: { id: "7", name: "Partner API" } } }),
        node({ name: "Mail", credentials: { smtp: { id: "12" } } }),
        { type: "n8n-nodes-base.slack", credentials: { slackApi: { name: "Slack bot" } } },
        node({ name: "Odd", credentials: { oAuth2Api: {}, other: "x", numbered: { id: 12 } } }),
      ]),
      ["n8n-credential `Partner API` in step `Call`", "n8n-credential `12` in step `Mail`", "n8n-credential `Slack bot` in step `slackApi`"],
    );
  });

  it("$env read with brackets (quoted either way) is a connector as $env.NAME is", async () => {
    assert.deepEqual(await refs([node({ parameters: { a: "={{ $env[\"DEPLOY_TOKEN\"] }}", b: "={{ $env['SIGNING_KEY'] }}", c: "={{ $env['REGION'] }}" } })]), ["secret `DEPLOY_TOKEN`", "secret `SIGNING_KEY`"]);
  });

  it("a secret ending in `=` in a plain parameter becomes an expression (the `=` prefix is added, not guessed from the end)", async () => {
    const secret = `${fake.chars(38)}==`;
    const text = workflow(`Basic ${secret}`);
    const finding = (await lintFiles([{ path: "workflows/notify.json", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    assert.ok(finding, "the Basic credential is found");
    assert.match(applyEdits(text, finding.fixes[0].edits), /"value": "=Basic \{\{ \$env\.\w+ \}\}"/);
  });
});

describe("n8n: the text an expression holds", () => {
  // A parameter that starts with `=` is an expression: text, with JavaScript inside `{{ … }}`. What
  // n8n sends as written is a literal however the expression spells it.
  const key = fake.chars(28);
  const withHeader = (name: string, value: string) =>
    JSON.stringify({ name: "Call", nodes: [{ name: "Call API", type: "n8n-nodes-base.httpRequest", parameters: { url: "https://api.example.com", headerParameters: { parameters: [{ name, value }] } } }], connections: {} }, null, 2) + "\n";
  const headerValue = (text: string) => (JSON.parse(text) as { nodes: { parameters: { headerParameters: { parameters: { value: string }[] } } }[] }).nodes[0].parameters.headerParameters.parameters[0].value;
  const secrets = async (text: string) => (await lintFiles([{ path: "workflows/call.json", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");

  const cases = [
    { name: "Authorization", value: `=Bearer ${key}`, fixed: "=Bearer {{ $env.API_TOKEN }}" },
    { name: "Authorization", value: `=Bearer ${key} {{ $json.suffix }}`, fixed: "=Bearer {{ $env.API_TOKEN }} {{ $json.suffix }}" },
    { name: "Authorization", value: `={{ 'Bearer ' + '${key}' }}`, fixed: "={{ 'Bearer ' + $env.API_TOKEN }}" },
    { name: "Authorization", value: `=Bearer {{ "${key}" }}`, fixed: "=Bearer {{ $env.API_TOKEN }}" },
    { name: "X-Api-Key", value: `=${key}`, fixed: "={{ $env.X_API_KEY }}" },
    { name: "X-Api-Key", value: `={{ "${key}" }}`, fixed: "={{ $env.X_API_KEY }}" },
    { name: "X-Api-Key", value: `={{ $json.apiKey || '${key}' }}`, fixed: "={{ $json.apiKey || $env.X_API_KEY }}" },
    { name: "X-Api-Key", value: `={{ \`prefix-\${$json.id}\` && \`${key}\` }}`, fixed: "={{ `prefix-${$json.id}` && `${$env.X_API_KEY}` }}" },
  ];
  for (const { name, value, fixed } of cases) {
    it(`${name}: ${value.replace(key, "<key>")} is found where it is written, and fixed in the expression's own syntax`, async () => {
      const text = withHeader(name, value);
      const found = await secrets(text);
      assert.equal(found.length, 1, found.map((f) => f.message).join("\n"));
      assert.equal(text.slice(found[0].span.start, found[0].span.end), key);
      assert.equal(headerValue(applyEdits(text, found[0].fixes[0].edits)), fixed);
    });
  }

  it("an expression that only reads (the item, a node's output, the environment) is no literal", async () => {
    for (const value of ["={{ $json.token }}", "=Bearer {{ $json.token }}", "={{ $('Get Token').item.json.access_token }}", "={{ $env.API_TOKEN }}", "={{ $json[\"api_key\"] }}", "=Bearer {{ $node[\"Login\"].json[\"token\"] }}"]) {
      assert.deepEqual((await secrets(withHeader("Authorization", value))).map((f) => f.message), [], value);
      assert.deepEqual((await secrets(withHeader("X-Api-Key", value))).map((f) => f.message), [], value);
    }
  });

  it("the text judged: each `{{ … }}` in turn, constants joined to the text around them, a `{{` never closed left as text", async () => {
    const model = async (value: string) => {
      const text = withHeader("X-Api-Key", value);
      const literal = (await platformFor("workflows/call.json", text).buildModel("workflows/call.json", text)).literals.find((l) => l.key === "X-Api-Key")!;
      return { value: literal.value, texts: literal.texts };
    };
    assert.deepEqual(await model("=a{{ 'b' }}c{{ \"d\" + 'e' }}f"), { value: "abcdef", texts: undefined });
    assert.deepEqual(await model("=a{{ $json.x }}b{{ 'c' }}{{ $json.y || 'd' }}e {{ 'f"), { value: "=a{{ $json.x }}b{{ 'c' }}{{ $json.y || 'd' }}e {{ 'f", texts: ["a", "bc", "d", "e {{ 'f"] });
    assert.deepEqual(await model("={{ $json.x }}{{ $json.y }}"), { value: "={{ $json.x }}{{ $json.y }}", texts: undefined }, "nothing but what it reads");
    assert.deepEqual(await model("={{ '' }} {{ $json.a['k'] }}{{ $( 'Get token' ).item }}{{ $node[ \"Login\" ] }}{{ f('v') }}"), { value: "={{ '' }} {{ $json.a['k'] }}{{ $( 'Get token' ).item }}{{ $node[ \"Login\" ] }}{{ f('v') }}", texts: ["v"] }, "names of what is read are no text; blank pieces none");
    assert.deepEqual(await model("={{ 'a' }}"), { value: "a", texts: undefined });
    assert.deepEqual(await model("={{}}{{ 'a' }}"), { value: "={{}}{{ 'a' }}", texts: ["a"] }, "an empty `{{}}` (no constant), then the next");
    assert.deepEqual(await model("={{ $json.a || ' ' }} b"), { value: "={{ $json.a || ' ' }} b", texts: [" b"] }, "a blank string is no text");
    assert.deepEqual(await model("=  "), { value: "=  ", texts: undefined }, "an expression of blanks");
    assert.deepEqual(await model("plain {{ 'a' }}"), { value: "plain {{ 'a' }}", texts: undefined }, "no `=`: no expression, sent as written");
  });

  it("a secret the expression makes but does not write (split by a `{{ 'constant' }}`): the whole parameter becomes the reference", async () => {
    const text = withHeader("X-Api-Key", `=${key.slice(0, 10)}{{ '${key.slice(10)}' }}`);
    const found = await secrets(text);
    assert.equal(found.length, 1);
    assert.equal(headerValue(applyEdits(text, found[0].fixes[0].edits)), "={{ $env.X_API_KEY }}");
  });

  it("a secret in the second `{{ … }}` is fixed there; a JSON body made of constants is read as JSON", async () => {
    const text = withHeader("X-Api-Key", `={{ $json.region }}-{{ $json.key || '${key}' }}`);
    const found = await secrets(text);
    assert.equal(found.length, 1);
    assert.equal(headerValue(applyEdits(text, found[0].fixes[0].edits)), "={{ $json.region }}-{{ $json.key || $env.X_API_KEY }}");
    const body = JSON.stringify({ nodes: [{ name: "Call", type: "n8n-nodes-base.httpRequest", parameters: { jsonBody: `={ "api_key": "{{ '${key}' }}" }` } }], connections: {} }, null, 2);
    assert.equal((await secrets(body)).length, 1);
  });

  it("a JSON body around a `{{ … }}` is still read as JSON", async () => {
    const body = `={\n  "api_key": "${key}",\n  "q": "{{ $json.q }}"\n}`;
    const text = JSON.stringify({ nodes: [{ name: "Call", type: "n8n-nodes-base.httpRequest", parameters: { jsonBody: body } }], connections: {} }, null, 2);
    const found = await secrets(text);
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].span.start, found[0].span.end), key);
  });
});

describe("platform n8n: a Code node's program", () => {
  const code = (parameters: Record<string, string>) => JSON.stringify({ name: "Code", nodes: [{ name: "Code", type: "n8n-nodes-base.code", parameters }], connections: {} }, null, 2) + "\n";
  const [a, b, c, d] = [fake.chars(32), fake.chars(32), fake.chars(32), fake.chars(32)];
  const js = [`const apiSecret = '${a}';`, `const headers = { "x-api-key": "${b}", Authorization: 'Bearer ${c}' };`, `const url = \`https://api.example.com/v1?token=${d}\`;`, "return $input.all();"].join("\n");
  const findings = async (text: string) => (await lintFiles([{ path: "workflows/code.json", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");

  it("is read as a program file is: its quoted keys bind their values, JSON's escaped quotes too", async () => {
    const found = await findings(code({ jsCode: js }));
    assert.deepEqual(found.map((f) => f.message.match(/\((\w{4})…/)?.[1]), [a, b, c, d].map((v) => v.slice(0, 4)));
  });

  it("read as program source is: a credential compared with in code, and a value under an object's key", async () => {
    const program = [`if (apiKey !== '${a}') throw new Error("unauthorised");`, `const db = { host: "db.internal", db_password: "${b}" };`, "return items;"].join("\n");
    const found = await findings(code({ jsCode: program }));
    assert.deepEqual(
      found.map((f) => f.message.match(/^Hardcoded (.*?) \((\w{4})…/)?.slice(1)),
      [
        ["credential compared with in code", a.slice(0, 4)],
        ["credential-like value under `db_password`", b.slice(0, 4)],
      ],
    );
  });

  it("the fix reads $env in the code (no `=` expression, no `{{ }}`), and the code still parses", async () => {
    const text = code({ jsCode: js });
    const found = await findings(text);
    const fixed = applyEdits(text, found.flatMap((f) => f.fixes[0].edits));
    const program = (JSON.parse(fixed) as { nodes: { parameters: { jsCode: string } }[] }).nodes[0].parameters.jsCode;
    assert.equal(
      program,
      ["const apiSecret = $env.API_SECRET;", `const headers = { "x-api-key": $env.X_API_KEY, Authorization: 'Bearer ' + $env.API_TOKEN + '' };`, "const url = `https://api.example.com/v1?token=${$env.TOKEN}`;", "return $input.all();"].join("\n"),
    );
    // Parsed, not run: an async function body, as n8n runs it.
    assert.doesNotThrow(() => new (Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor)("$env", "$input", program));
    assert.deepEqual(found.map((f) => f.fixes[0].title), ["API_SECRET", "X_API_KEY", "API_TOKEN", "TOKEN"].map((name) => `Replace with $env.${name}`));
    assert.match(found[0].fixes[0].followUp![0], /^The node now reads \$env\.API_SECRET:/);
  });

  it("a secret in a comment gets no fix; one in a multi-line template literal or before more text in its string is cut out of it", async () => {
    const program = [`const q = \`query {\n  auth(token: "${a}") }\`;`, `const h = { 'x-api-key': '${b} ' };`, `// api_key=${c}`, `const h2 = { Authorization: "Bearer ${d}" };`, "return items;"].join("\n");
    const text = code({ jsCode: program });
    const found = await findings(text);
    assert.deepEqual(found.map((f) => f.fixes[0]?.edits[0].text), ["${$env.TOKEN}", "' + $env.X_API_KEY + '", undefined, '\\" + $env.API_TOKEN + \\"']);
    const fixed = (JSON.parse(applyEdits(text, found.flatMap((f) => f.fixes[0]?.edits ?? []))) as { nodes: { parameters: { jsCode: string } }[] }).nodes[0].parameters.jsCode;
    assert.equal(fixed.split("\n").filter((line) => !line.startsWith("//")).join("\n"), `const q = \`query {\n  auth(token: "\${$env.TOKEN}") }\`;\nconst h = { 'x-api-key': '' + $env.X_API_KEY + ' ' };\nconst h2 = { Authorization: "Bearer " + $env.API_TOKEN + "" };\nreturn items;`);
  });

  it("a legacy Function node's code too; Python's is found with no fix (it reads its environment otherwise)", async () => {
    assert.equal((await findings(code({ functionCode: `const h = { 'x-api-key': '${a}' };\nreturn items;` })))[0].fixes[0].edits[0].text, "$env.X_API_KEY");
    const python = await findings(code({ pythonCode: `headers = {"x-api-key": "${a}"}\nreturn _input.all()` }));
    assert.equal(python.length, 1);
    assert.deepEqual(python[0].fixes, []);
  });
});

recognitionByContent(
  "n8n",
  "workflows/w.json",
  { "nodes and connections": '{"nodes": [], "connections": {}}' },
  { "nodes without connections": '{"nodes": []}', "connections without nodes": '{"connections": {}}', "the words, unquoted": '{"a": "nodes and connections"}' },
);
recognitionByContent("n8n", "workflows/w.yml", {}, { "a YAML file with both keys": "nodes: []\nconnections: {}\n" });
recognitionByContent("n8n", "workflows/w.json.bak", {}, { "a backup of an export": '{"nodes": [], "connections": {}}' });
