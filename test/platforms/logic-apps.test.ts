import { FakeSecrets } from "../helpers.js";
import { platformSuite, validJson } from "./suite.js";

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
