import assert from "node:assert/strict";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, validJson } from "./suite.js";
import { platformFor } from "../../linter-core/platforms/index.js";

const key = new FakeSecrets(38).chars(32);
const definition = (apiKey: string) =>
  JSON.stringify(
    {
      definition: {
        $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
        triggers: { manual: { type: "Request" } },
        actions: { Call: { type: "Http", inputs: { method: "GET", uri: "https://api.example.com", headers: { "x-api-key": apiKey } } } },
        parameters: { $connections: { value: { office365: { connectionId: "/subscriptions/x/office365" } } } },
      },
    },
    null,
    2,
  ) + "\n";

platformSuite({
  platform: "logic-apps",
  claims: [
    { path: "workflow.json", text: definition("x") },
    { path: "flows/definition.json", text: '{"properties":{"connectionReferences":{},"definition":{"triggers":{},"actions":{}}}}' },
  ],
  leaves: [{ path: "tsconfig.json", text: '{"compilerOptions": {}}' }],
  connectors: { path: "workflow.json", text: definition("@parameters('apiKey')"), expected: ["office365:connection-reference"] },
  secret: { path: "workflow.json", text: definition(key), value: key, fixed: definition("@parameters('X_API_KEY')") },
  clean: [{ path: "workflow.json", text: definition("@{parameters('apiKey')}") }],
  validate: validJson,
});

recognitionByContent(
  "logic-apps",
  "flows/order.json",
  {
    "the Logic Apps schema": '{"definition": {"$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#"}}',
    "a workflowdefinition.json schema by another host": '{"$schema": "https://example.test/workflowdefinition.json#"}',
    "managed API connections (Standard connections.json)": '{"managedApiConnections": {}}',
    "service provider connections": '{"serviceProviderConnections": {}}',
    "triggers and actions (a Power Automate export)": '{"triggers": {}, "actions": {}}',
  },
  {
    "triggers without actions": '{"triggers": {}}',
    "actions without triggers": '{"actions": {}}',
    "unquoted words": '{"a": "triggers and actions"}',
  },
);
recognitionByContent("logic-apps", "flows/order.json.bak", {}, { "a backup of a definition": '{"triggers": {}, "actions": {}}' });

describe("platform logic-apps: the text an expression holds", () => {
  // `@…` is an expression, `@{…}` one inside text; what it sends as written is a literal however the
  // expression spells it (concat of strings, a fallback's string), and the fix stays in the language.
  const withHeader = (name: string, value: string) =>
    JSON.stringify({ definition: { $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", triggers: {}, actions: { Call: { type: "Http", inputs: { uri: "https://api.example.com", headers: { [name]: value } } } } } }, null, 2);
  const header = (text: string, name: string) => (JSON.parse(text) as { definition: { actions: { Call: { inputs: { headers: Record<string, string> } } } } }).definition.actions.Call.inputs.headers[name];
  const secrets = async (text: string) => (await lintFiles([{ path: "workflow.json", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
  const cases = [
    { name: "Authorization", value: `@concat('Bearer ', '${key}')`, fixed: "@concat('Bearer ', parameters('API_TOKEN'))" },
    { name: "Authorization", value: `@{concat('Bearer ', '${key}')}`, fixed: "@{concat('Bearer ', parameters('API_TOKEN'))}" },
    { name: "Authorization", value: `Bearer @{'${key}'}`, fixed: "Bearer @{parameters('API_TOKEN')}" },
    { name: "Authorization", value: `@{'Bearer ${key}'}`, fixed: "@{concat('Bearer ', parameters('API_TOKEN'))}" },
    { name: "x-api-key", value: `@coalesce(parameters('apiKey'), '${key}')`, fixed: "@coalesce(parameters('apiKey'), parameters('X_API_KEY'))" },
    { name: "x-api-key", value: `@{body('Get')?['region']} ${key}`, fixed: "@{body('Get')?['region']} @{parameters('X_API_KEY')}" },
  ];
  for (const { name, value, fixed } of cases) {
    it(`${name}: ${value.replace(key, "<key>")} is found where it is written, and fixed in the expression`, async () => {
      const text = withHeader(name, value);
      const found = await secrets(text);
      assert.equal(found.length, 1, found.map((f) => f.message).join("\n"));
      assert.equal(text.slice(found[0].span.start, found[0].span.end), key);
      assert.equal(header(applyEdits(text, found[0].fixes[0].edits), name), fixed);
    });
  }

  it("the text judged: `@…` whole, each `@{…}` in text (a `}` inside its quotes is no end, a quote doubled is one), concat of constants, `@@` no expression", async () => {
    const model = async (value: string) => {
      const text = withHeader("x-api-key", value);
      const literal = (await platformFor("workflow.json", text).buildModel("workflow.json", text)).literals.find((l) => l.key === "x-api-key")!;
      return { value: literal.value, texts: literal.texts };
    };
    assert.deepEqual(await model("@@concat('a', 'b')"), { value: "@@concat('a', 'b')", texts: undefined });
    assert.deepEqual(await model("@{concat('}', 'it''s')}"), { value: "}it's", texts: undefined });
    assert.deepEqual(await model("@CONCAT ( 'a' ,concat('b','c') ) "), { value: "abc", texts: undefined });
    assert.deepEqual(await model("a @{'b'} c @{body('X')?['k']} d @{'e'}"), { value: "a @{'b'} c @{body('X')?['k']} d @{'e'}", texts: ["a b c ", " d e"] });
    assert.deepEqual(await model("@{parameters ( 'p' )} @{variables('v')} @{f('w', 'x')}"), { value: "@{parameters ( 'p' )} @{variables('v')} @{f('w', 'x')}", texts: [" ", "w", "x"].filter((t) => t.trim() !== "") });
    assert.deepEqual(await model("@concat('a') 'b'"), { value: "@concat('a') 'b'", texts: ["a", "b"] }, "more after a constant: it reads something");
    assert.deepEqual(await model("x @{'never closed"), { value: "x @{'never closed", texts: undefined });
    assert.deepEqual(await model("@{'a'} and @{'b"), { value: "a and @{'b", texts: undefined }, "a `@{` never closed ends the expressions: the rest is text");
    assert.deepEqual(await model("@concat('a', 'b', "), { value: "@concat('a', 'b', ", texts: ["a", "b"] });
    assert.deepEqual(await model("mail@example.com"), { value: "mail@example.com", texts: undefined });
    assert.deepEqual(await model("@myconcat('a', 'b')"), { value: "@myconcat('a', 'b')", texts: ["a", "b"] }, "only concat itself joins");
    assert.deepEqual(await model("@('a')"), { value: "@('a')", texts: ["a"] }, "no parentheses around a value in this language");
    assert.deepEqual(await model("@concat('a', 'b"), { value: "@concat('a', 'b", texts: ["a"] }, "a string never closed is none");
    const nested = (depth: number) => `@${"concat(".repeat(depth)}'x'${")".repeat(depth)}`;
    assert.deepEqual(await model(nested(21)), { value: "x", texts: undefined });
    assert.deepEqual(await model(nested(22)), { value: nested(22), texts: ["x"] }, "22 deep: a bound on the stack");
  });

  it("the fix of a secret inside a longer string of an expression cuts it out with concat, keeping what is around it", async () => {
    const github = `ghp_${new FakeSecrets(39).chars(36)}`;
    for (const [name, value, fixed] of [
      ["Authorization", `@{'Bearer ${key} '}`, "@{concat('Bearer ', parameters('API_TOKEN'), ' ')}"],
      ["X-Note", `@if(equals(1, 1), 'see ${github} it''s', '')`, "@if(equals(1, 1), concat('see ', parameters('GH_PAT'), ' it''s'), '')"],
      ["X-Note", `@if(equals(1, 1), '${github}', '')`, "@if(equals(1, 1), parameters('GH_PAT'), '')"],
      ["X-Note", `@if(equals(1, 1), 'a', '${github}')`, "@if(equals(1, 1), 'a', parameters('GH_PAT'))"],
    ]) {
      const text = withHeader(name, value);
      const found = await secrets(text);
      assert.equal(found.length, 1, value);
      assert.equal(header(applyEdits(text, found[0].fixes[0].edits), name), fixed);
    }
  });

  it("calls nested deeper than any hand writes (a generated value) are read without exhausting the stack, as no constant", async () => {
    const deep = "@" + "concat(".repeat(100_000) + `'${key}'` + ")".repeat(100_000);
    const found = await secrets(withHeader("x-api-key", deep));
    assert.deepEqual(found.map((f) => f.message.slice(0, 60)), [`Hardcoded credential-like value under \`x-api-key\` (${key.slice(0, 4)}… (32`.slice(0, 60)]);
  });

  it("what an expression reads is named by its strings, never a value: a parameter, a setting, an action's output, a property", async () => {
    for (const value of [`@{parameters('odata-api-key_${key}')}`, `@appsetting('${key}')`, `@body('${key}')?['token']`, `@{triggerBody()?['${key}']}`, `@{variables( '${key}' )}`, `@outputs('Get')['${key}']`]) {
      assert.deepEqual((await secrets(withHeader("x-api-key", value))).map((f) => f.message), [], value);
    }
  });
});

describe("platform logic-apps: connection references", () => {
  const refs = async (definition: object) =>
    (await lintFiles([{ path: "flows/order.json", text: JSON.stringify(definition, null, 2) }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);

  it("each connection of a $connections parameter (under its value, or directly) and of connections.json is a connector; a non-object set is none", async () => {
    assert.deepEqual(await refs({ triggers: {}, actions: {}, parameters: { $connections: { value: { office365: { connectionId: "x" }, sql: {} } } } }), ["office365", "sql"]);
    assert.deepEqual(await refs({ triggers: {}, actions: {}, parameters: { $connections: { servicebus: { connectionId: "x" } } } }), ["servicebus"]);
    assert.deepEqual(await refs({ managedApiConnections: { sharepoint: {} }, serviceProviderConnections: { blob: {} } }), ["sharepoint", "blob"]);
    assert.deepEqual(await refs({ managedApiConnections: ["not", "a", "map"] }), []);
    // Only `$connections` keeps its connections under `value`: elsewhere a connection may be named so.
    assert.deepEqual(await refs({ managedApiConnections: { value: { api: {} }, office365: {} } }), ["value", "office365"]);
  });
});

describe("platform logic-apps: an inline JavaScript action's code", () => {
  const [a, b] = [new FakeSecrets(39).chars(32), new FakeSecrets(40).chars(32)];
  const inline = (code: string) =>
    JSON.stringify({ definition: { $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", triggers: {}, actions: { Run: { type: "JavaScriptCode", inputs: { code } } } } }, null, 2);

  it("is read as a program: its quoted keys bind; no fix writes an expression into the code, the steps still guide", async () => {
    const findings = (await lintFiles([{ path: "workflow.json", text: inline(`var apiKey = "${a}";\r\nvar h = { 'x-api-key': '${b}' };\r\nreturn h;`) }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(findings.map((f) => f.message.match(/\((\w{4})…/)?.[1]), [a.slice(0, 4), b.slice(0, 4)]);
    assert.ok(findings.every((f) => f.fixes.length === 0 && /securestring/.test(f.help ?? "")), findings.map((f) => f.help).join("\n"));
  });

  it("only an action's `inputs.code` is code: a URL among the inputs, or a `code` elsewhere, gets the parameter fix", async () => {
    const action = (inputs: object) =>
      JSON.stringify({ definition: { $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", triggers: {}, actions: { Call: { type: "Http", inputs } } } }, null, 2);
    for (const inputs of [{ method: "GET", uri: `https://api.example.com/v1?api_key=${a}` }, { method: "POST", body: { code: `Bearer ${a}` } }]) {
      const findings = (await lintFiles([{ path: "workflow.json", text: action(inputs) }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 1, JSON.stringify(inputs));
      assert.match(findings[0].fixes[0]?.title ?? "", /@\{parameters\('\w+'\)\}/, JSON.stringify(inputs));
    }
  });
});
