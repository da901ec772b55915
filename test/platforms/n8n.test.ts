import { FakeSecrets } from "../helpers.js";
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
