import assert from "node:assert/strict";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, validJson } from "./suite.js";

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
  it("lead from the pasted key to an n8n credential or a secrets manager, and say to rotate it", async () => {
    const result = await lintFiles([{ path: "workflows/notify.json", text: workflow(`Bearer ${token}`) }]);
    const steps = result.findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes[0].followUp ?? [];
    assert.match(steps[0], /create an n8n credential/);
    assert.ok(steps.some((step) => step.includes("{{ $secrets.<store>.API_TOKEN }}") && /Vault/.test(step)), steps.join("\n"));
    assert.match(steps.at(-1)!, /rotate it/);
    assert.ok(!steps.join(" ").includes(token.slice(0, 8)), "no step repeats the secret");
  });
});
