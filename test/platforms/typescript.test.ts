import { parse } from "@typescript-eslint/typescript-estree";
import assert from "node:assert/strict";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite } from "./suite.js";

const fake = new FakeSecrets(39);
const token = fake.chars(40);
const code = (auth: string) => `import { Octokit } from "@octokit/rest";\n\nconst octokit = new Octokit({ auth: ${auth} });\nconst slack = process.env.SLACK_BOT_TOKEN;\nexport const region = "eu-west-1";\n`;

platformSuite({
  platform: "typescript",
  claims: [
    { path: "scripts/release.ts", text: "" },
    { path: ".github/scripts/notify.mjs", text: "" },
  ],
  leaves: [
    { path: "types/index.d.ts", text: "export {};" },
    { path: "vendor/lib.min.js", text: "" },
  ],
  connectors: { path: "scripts/release.ts", text: code("process.env.GH_TOKEN"), expected: ["GH_TOKEN:secret", "SLACK_BOT_TOKEN:secret"] },
  secret: { path: "scripts/release.ts", text: code(`"${token}"`), value: token, fixed: code("process.env.AUTH_TOKEN") },
  clean: [
    { path: "scripts/release.ts", text: code("process.env.GH_TOKEN") },
    { path: "scripts/fallback.ts", text: 'const key = process.env.API_KEY ?? "<your-api-key>";\n' },
  ],
  validate: (text) => void parse(text),
});

describe("platform typescript: more idioms", () => {
  it("a process.env fallback holding a secret is flagged and becomes a template when partial", async () => {
    const secret = fake.chars(36);
    const text = `const key = process.env.API_KEY ?? "${secret}";\nconst headers = { Authorization: "Bearer ${token}" };\n`;
    const result = await lintFiles([{ path: "a.ts", text }]);
    const findings = result.findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(findings.length, 2);
    assert.equal(findings[0].fixes[0].edits[0].text, "process.env.API_KEY");
    assert.equal(findings[1].fixes[0].edits[0].text, "`Bearer ${process.env.API_TOKEN}`");
  });
});
