// What each platform tells its users, byte for byte: how to reference a stored secret, where to store
// it (the secret guide's steps, which the editor walks a citizen developer through), what replaces a
// static key, how to gate a job, how to narrow a binding. docs/platform-guidance.md is this text; a
// change to any platform's words fails here and shows the difference. After an intended change,
// regenerate it with `NHILINT_UPDATE_GOLDEN=1 npx mocha out/test/platforms/guidance.test.js` and
// review the diff in git.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PLATFORMS } from "../../linter-core/platforms/index.js";
import type { LiteralValue } from "../../linter-core/model.js";
import { ROOT } from "../helpers.js";

const GUIDE = join(ROOT, "docs", "platform-guidance.md");
const NAME = "DEPLOY_TOKEN";

function guidance(): string {
  const out: string[] = [
    "# What each platform's guidance says",
    "",
    "Generated from the platform modules (`linter-core/platforms/`) by `test/platforms/guidance.test.ts`, which",
    "fails when this file and the modules disagree. The secret's name in the examples is `DEPLOY_TOKEN`.",
    "",
  ];
  for (const platform of PLATFORMS) {
    out.push(`## ${platform.title} (\`${platform.id}\`)`, "");
    out.push(`- Reference to a stored secret: ${platform.secretReference ? `\`${platform.secretReference(NAME)}\`` : "none (the value moves out of the file)"}`);
    if (platform.caseInsensitiveNames) out.push("- Secret names match without case.");
    if (platform.secretsPerEnvironment) out.push("- A secret's name can hold another value per environment.");
    if (platform.debugSwitches) out.push(`- Debug switches: \`${platform.debugSwitches.source}\``);
    const steps = platform.storeSecretSteps?.(NAME);
    if (steps) out.push("- Storing the secret:", ...steps.map((step, i) => `  ${i + 1}. ${step}`));
    for (const [provider, instead] of Object.entries(platform.shortLivedAlternatives ?? {})) out.push(`- Instead of a static ${provider} key: ${instead}`);
    for (const input of platform.staticKeyInputs ?? []) out.push(`- Static key input: \`${input.action.source}\` \`${input.input}\`: ${input.what} (${input.provider}${input.server ? `; elsewhere when ${input.server.inputs.join(", ")} is not \`${input.server.official.source}\`` : ""})`);
    if (platform.cloudLoginStep) out.push(`- Cloud sign-in steps: \`${platform.cloudLoginStep.source}\``);
    if (platform.deploymentGate) out.push(`- Approval gate: ${platform.deploymentGate}`);
    if (platform.gateAbsent) out.push(`- An ungated job has no ${platform.gateAbsent}.`);
    if (platform.narrowerBinding) out.push(`- A narrower binding: ${platform.narrowerBinding}`);
    if (platform.passesEverything) out.push(`- Passing everything: ${platform.passesEverything.what}, with ${platform.passesEverything.setting}. ${platform.passesEverything.help}`);
    out.push("");
  }
  return out.join("\n");
}

describe("platform guidance", () => {
  it("docs/platform-guidance.md is what the platform modules say", () => {
    const actual = guidance();
    if (process.env.NHILINT_UPDATE_GOLDEN === "1" || !existsSync(GUIDE)) writeFileSync(GUIDE, actual);
    assert.equal(actual, readFileSync(GUIDE, "utf8"), `${GUIDE} differs from the platform modules: regenerate it and review the diff`);
  });

  it("every platform whose files live in git ends its steps with rotating a committed value", () => {
    for (const platform of PLATFORMS) {
      const steps = platform.storeSecretSteps?.(NAME);
      if (!steps) continue;
      assert.match(steps.at(-1)!, /rotate it at the provider/, platform.id);
      // The guide names the secret it is about, and never asks for its value.
      // (as is, or as the platform spells keys: `deploy_token`, `deploy-token`).
      assert.ok(steps.some((step) => /deploy[_-]token/i.test(step)), `${platform.id}: the steps never name ${NAME}`);
    }
  });

  it("a platform's secret fix writes its own reference, or none where the file cannot hold one", () => {
    const literal = (key: string, path: (string | number)[], role: LiteralValue["role"]): LiteralValue => ({ key, path, value: "x", span: { start: 0, end: 1 }, role, scope: {} });
    for (const platform of PLATFORMS) {
      if (!platform.secretFix || !platform.secretReference) continue;
      const edits = platform.secretFix(literal("run", ["steps", 0, "run"], "script"), { start: 0, end: 1 }, NAME, "x");
      if (!edits) continue;
      assert.ok(edits.some((edit) => edit.text.includes(NAME)), `${platform.id}: ${JSON.stringify(edits)}`);
    }
  });
});
