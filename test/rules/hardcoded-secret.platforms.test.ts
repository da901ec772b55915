// Planted credentials across platforms (GitHub Actions, GitLab CI, Azure Pipelines, CircleCI,
// Bitbucket, Kubernetes, docker-compose, n8n), in the positions each platform puts them, beside
// decoys in the same positions (each platform's reference syntax, placeholders). Bar (issue 11):
// recall ≥ 98 % at precision ≥ 99 %.
import assert from "node:assert/strict";
import type { SourceFile } from "../../linter-core/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";

const fake = new FakeSecrets(8123);
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const KINDS: [string, () => string][] = [
  ["GH_PAT", () => `ghp_${fake.chars(36)}`],
  ["GITLAB_TOKEN", () => `glpat-${fake.chars(20)}`],
  ["SLACK_BOT_TOKEN", () => `xoxb-${fake.digits(12)}-${fake.digits(13)}-${fake.chars(24)}`],
  ["AWS_ACCESS_KEY_ID", () => `AKIA${fake.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`],
  ["AWS_SECRET_ACCESS_KEY", () => fake.chars(40, b64)],
  ["STRIPE_SECRET_KEY", () => `sk_live_${fake.chars(24)}`],
  ["DB_PASSWORD", () => fake.password(16)],
  ["API_KEY", () => fake.chars(32)],
  ["SENDGRID_API_KEY", () => `SG.${fake.chars(22)}.${fake.chars(43)}`],
  ["NPM_TOKEN", () => `npm_${fake.chars(36)}`],
  ["CLIENT_SECRET", () => fake.chars(40, b64.replace("+/", "_-"))],
  ["DOCKER_PASSWORD", () => fake.chars(20)],
  ["TWILIO_API_KEY", () => `SK${fake.hex(32)}`],
];

const n8n = (parameters: object): string => JSON.stringify({ name: "w", nodes: [{ id: "1", name: "HTTP", type: "n8n-nodes-base.httpRequest", typeVersion: 4, position: [0, 0], parameters }], connections: {} }, null, 2);
/** Each place: a file for (key, value), and the reference this platform writes instead (a decoy). */
const PLACES: Record<string, { place: (key: string, value: string) => SourceFile; reference: (key: string) => string }> = {
  "GitHub env": { place: (k, v) => ({ path: ".github/workflows/a.yml", text: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          ${k}: ${v}\n` }), reference: (k) => `\${{ secrets.${k} }}` },
  "GitHub with:": { place: (k, v) => ({ path: ".github/workflows/a.yml", text: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/deploy@v1\n        with:\n          ${k.toLowerCase().replace(/_/g, "-")}: "${v}"\n` }), reference: (k) => `\${{ secrets.${k} }}` },
  "GitHub run: export": { place: (k, v) => ({ path: ".github/workflows/a.yml", text: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          export ${k}=${v}\n          make\n` }), reference: (k) => `"\${{ secrets.${k} }}"` },
  "GitLab variables": { place: (k, v) => ({ path: ".gitlab-ci.yml", text: `stages: [d]\nvariables:\n  ${k}: "${v}"\nd:\n  script:\n    - make\n` }), reference: (k) => `$${k}_VAULT` },
  "GitLab script": { place: (_k, v) => ({ path: ".gitlab-ci.yml", text: `stages: [d]\nd:\n  script:\n    - curl -H "Authorization: Bearer ${v}" https://api.acme.test\n` }), reference: (k) => `$${k}` },
  "Azure variables": { place: (k, v) => ({ path: "azure-pipelines.yml", text: `trigger: [main]\nvariables:\n  ${k}: ${v}\nsteps:\n  - script: make\n` }), reference: (k) => `$(${k})` },
  "Azure variables list": { place: (k, v) => ({ path: "azure-pipelines.yml", text: `trigger: [main]\nvariables:\n  - name: ${k}\n    value: ${v}\nsteps:\n  - script: make\n` }), reference: (k) => `$(${k})` },
  "Azure script": { place: (_k, v) => ({ path: "azure-pipelines.yml", text: `trigger: [main]\nsteps:\n  - script: ./deploy.sh --token ${v}\n` }), reference: (k) => `$(${k})` },
  "Azure bash env": { place: (k, v) => ({ path: "azure-pipelines.yml", text: `trigger: [main]\nsteps:\n  - bash: ./deploy.sh\n    env:\n      ${k}: ${v}\n` }), reference: (k) => `$(${k})` },
  "CircleCI environment": { place: (k, v) => ({ path: ".circleci/config.yml", text: `version: 2.1\njobs:\n  b:\n    docker:\n      - image: cimg/base:current\n    environment:\n      ${k}: ${v}\n    steps:\n      - run: make\n` }), reference: (k) => `\${${k}}` },
  "CircleCI run": { place: (k, v) => ({ path: ".circleci/config.yml", text: `version: 2.1\njobs:\n  b:\n    docker:\n      - image: cimg/base:current\n    steps:\n      - run: export ${k}=${v} && make\n` }), reference: (k) => `"$${k}"` },
  "Bitbucket script": { place: (k, v) => ({ path: "bitbucket-pipelines.yml", text: `pipelines:\n  default:\n    - step:\n        script:\n          - export ${k}=${v}\n          - make\n` }), reference: (k) => `$${k}` },
  "Kubernetes env": { place: (k, v) => ({ path: "deploy/app.yaml", text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: ${k}\n              value: "${v}"\n` }), reference: () => "<set from the vault>" },
  "compose environment map": { place: (k, v) => ({ path: "docker-compose.yml", text: `services:\n  app:\n    image: app:1\n    environment:\n      ${k}: ${v}\n` }), reference: (k) => `\${${k}}` },
  "compose environment list": { place: (k, v) => ({ path: "docker-compose.yml", text: `services:\n  app:\n    image: app:1\n    environment:\n      - ${k}=${v}\n` }), reference: (k) => `\${${k}:?set it}` },
  "n8n header": { place: (_k, v) => ({ path: "w.json", text: n8n({ headerParameters: { parameters: [{ name: "Authorization", value: `Bearer ${v}` }] } }) }), reference: () => "={{ $credentials.token }}" },
  "n8n query": { place: (k, v) => ({ path: "w.json", text: n8n({ queryParameters: { parameters: [{ name: k.toLowerCase(), value: v }] } }) }), reference: () => "={{ $env.API_KEY }}" },
  "n8n JSON body": { place: (k, v) => ({ path: "w.json", text: n8n({ jsonBody: `{"${k.toLowerCase()}": "${v}"}` }) }), reference: () => "{{ $json.key }}" },
};

describe("hardcoded-secret: planted credentials across platforms", () => {
  it("finds ≥ 98 % at ≥ 99 % precision, every platform's references and placeholders left alone", async () => {
    let planted = 0;
    const missed: string[] = [];
    for (const [key, make] of KINDS) {
      for (const [where, { place }] of Object.entries(PLACES)) {
        const value = make();
        const file = place(key, value);
        const raw = file.path.endsWith(".json") ? JSON.stringify(value).slice(1, -1) : value;
        const at = file.text.indexOf(raw);
        planted++;
        const findings = (await lintFiles([file])).findings.filter((f) => f.ruleId === "hardcoded-secret");
        if (!findings.some((f) => f.span.start < at + raw.length && at < f.span.end)) missed.push(`${key} in ${where}`);
      }
    }
    const falsePositives: string[] = [];
    let decoys = 0;
    for (const [key] of KINDS) {
      for (const [where, { place, reference }] of Object.entries(PLACES)) {
        for (const decoy of [reference(key), "changeme", "<your-token-here>", `${key.toLowerCase()}_placeholder`, "xxxxxxxxxxxxxxxxxxxxxxxx"]) {
          decoys++;
          const findings = (await lintFiles([place(key, decoy)])).findings.filter((f) => f.ruleId === "hardcoded-secret");
          if (findings.length > 0) falsePositives.push(`${decoy} in ${where}`);
        }
      }
    }
    const recall = (planted - missed.length) / planted;
    const precision = (planted - missed.length) / (planted - missed.length + falsePositives.length);
    if (missed.length > 0) console.log(`      missed: ${missed.join("; ")}`);
    console.log(`      ${planted} planted in ${Object.keys(PLACES).length} positions: recall ${(recall * 100).toFixed(1)} %, precision ${(precision * 100).toFixed(1)} % (${decoys} decoys)`);
    assert.ok(recall >= 0.98, `missed: ${missed.join("; ")}`);
    assert.ok(precision >= 0.99, `false positives: ${falsePositives.join("; ")}`);
  });
});
