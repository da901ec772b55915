import assert from "node:assert/strict";
import { staleConnector } from "../../rules/stale-connector.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

const gitlabDeploy = { path: ".gitlab-ci.yml", text: "deploy:\n  script:\n    - ./deploy.sh --token $DEPLOY_TOKEN\n" };

ruleTester(staleConnector, {
  valid: [
    { name: "a record a workflow uses", path: INVENTORY_PATH, code: record(), files: [deployWorkflow], wholeWorkspace: true },
    { name: "a partial run (--staged, named paths) cannot tell", path: INVENTORY_PATH, code: record({ name: "OLD_TOKEN" }), files: [deployWorkflow], wholeWorkspace: false },
    { name: "GitHub's names are case-insensitive: `secrets.DEPLOY_TOKEN` uses the record `deploy_token`", path: INVENTORY_PATH, code: record({ name: "deploy_token" }), files: [deployWorkflow], wholeWorkspace: true },
  ],
  invalid: [
    {
      name: "GitLab's names are case-sensitive: `$DEPLOY_TOKEN` is another variable than the record `deploy_token`",
      path: INVENTORY_PATH,
      code: record({ name: "deploy_token" }),
      files: [gitlabDeploy],
      wholeWorkspace: true,
      errors: [{ ...at(record({ name: "deploy_token" }), "deploy_token"), message: /^`deploy_token` is not used by any workflow any more \(owner @acme\/platform\)/ }],
    },
    { name: "a record nothing uses: revoke it", path: INVENTORY_PATH, code: record({ name: "OLD_TOKEN" }), files: [deployWorkflow], wholeWorkspace: true, errors: [{ ...at(record({ name: "OLD_TOKEN" }), "OLD_TOKEN"), message: /not used by any workflow any more \(owner @acme\/platform\): revoke/ }] },
  ],
});

describe("stale-connector: how to act", () => {
  it("points to the record's revocation runbook when it has one, otherwise says what to do", async () => {
    const { lintFiles } = await import("../helpers.js");
    const help = async (fields: Record<string, string | undefined>) => {
      const text = record({ name: "OLD_TOKEN", ...fields });
      const result = await lintFiles([{ path: INVENTORY_PATH, text }, deployWorkflow], { inventory: { path: INVENTORY_PATH, text }, wholeWorkspace: true });
      return result.findings.find((f) => f.ruleId === "stale-connector")!.help;
    };
    assert.equal(await help({ revocation: "https://wiki.example/revoke" }), "Revocation runbook: https://wiki.example/revoke");
    assert.equal(await help({}), "Revoke it at its provider, delete the stored secret, then delete this record.");
  });
});
