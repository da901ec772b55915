// Recall and precision of hardcoded-secret on realistic workflows with planted credentials of many
// providers, in the places people paste them, beside the decoys that must not be flagged.
// The bar (issue 2): recall ≥ 95% at precision ≥ 97%. secretlint alone is measured beside it.
import assert from "node:assert/strict";
import { runSecretlint } from "../../linter-core/secrets/secretlint.js";
import { FakeSecrets, lintFiles } from "../helpers.js";

const fake = new FakeSecrets(2026);
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Each kind: how to make one, and the key name it would naturally sit under. */
const KINDS: { kind: string; key: string; make: () => string }[] = [
  { kind: "github classic", key: "GH_PAT", make: () => `ghp_${fake.chars(36)}` },
  { kind: "github fine-grained", key: "RELEASE_TOKEN", make: () => `github_pat_${fake.chars(22)}_${fake.chars(59)}` },
  { kind: "gitlab", key: "GITLAB_TOKEN", make: () => `glpat-${fake.chars(20)}` },
  { kind: "slack bot", key: "SLACK_BOT_TOKEN", make: () => `xoxb-${fake.digits(12)}-${fake.digits(13)}-${fake.chars(24)}` },
  { kind: "slack webhook", key: "SLACK_WEBHOOK_URL", make: () => `https://hooks.slack.com/services/T${fake.chars(8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}/B${fake.chars(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}/${fake.chars(24)}` },
  { kind: "aws access key id", key: "AWS_ACCESS_KEY_ID", make: () => `AKIA${fake.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}` },
  { kind: "aws secret key", key: "AWS_SECRET_ACCESS_KEY", make: () => fake.chars(40, b64) },
  { kind: "stripe", key: "STRIPE_SECRET_KEY", make: () => `sk_live_${fake.chars(24)}` },
  { kind: "twilio", key: "TWILIO_API_KEY", make: () => `SK${fake.hex(32)}` },
  { kind: "datadog", key: "DD_API_KEY", make: () => fake.hex(32) },
  { kind: "discord webhook", key: "DISCORD_WEBHOOK", make: () => `https://discord.com/api/webhooks/${fake.digits(18)}/${fake.chars(68)}` },
  { kind: "azure storage", key: "AZURE_STORAGE_CONNECTION_STRING", make: () => `DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${fake.chars(86, b64)}==;EndpointSuffix=core.windows.net` },
  { kind: "azure client secret", key: "AZURE_CLIENT_SECRET", make: () => `${fake.chars(3)}8Q~${fake.chars(34)}` },
  { kind: "google api key", key: "MAPS_API_KEY", make: () => `AIza${fake.chars(35)}` },
  { kind: "sendgrid", key: "SENDGRID_API_KEY", make: () => `SG.${fake.chars(22)}.${fake.chars(43)}` },
  { kind: "npm", key: "NPM_TOKEN", make: () => `npm_${fake.chars(36)}` },
  { kind: "pypi", key: "PYPI_TOKEN", make: () => `pypi-AgEIcHlwaS5vcmc${fake.chars(60)}` },
  { kind: "docker hub", key: "DOCKERHUB_TOKEN", make: () => `dckr_pat_${fake.chars(27)}` },
  { kind: "mailgun", key: "MAILGUN_KEY", make: () => `key-${fake.hex(32)}` },
  { kind: "generic password", key: "DB_PASSWORD", make: () => fake.password(16) },
  { kind: "generic api key", key: "API_KEY", make: () => fake.chars(32) },
  { kind: "generic client secret", key: "OAUTH_CLIENT_SECRET", make: () => fake.chars(40, b64.replace("+/", "_-")) },
  { kind: "jwt", key: "SERVICE_TOKEN", make: () => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${fake.chars(60)}.${fake.chars(43)}` },
  { kind: "telegram", key: "TELEGRAM_BOT_TOKEN", make: () => `${fake.digits(10)}:AA${fake.chars(33)}` },
];

type Place = (key: string, value: string) => string;

/** Where people paste credentials in a workflow: the text goes under a step with 10-space indentation. */
const PLACES: { name: string; place: Place; suits: (kind: string) => boolean }[] = [
  { name: "step env", place: (key, value) => `      - name: use ${key.toLowerCase()}\n        env:\n          ${key}: ${value}\n        run: ./deploy.sh\n`, suits: () => true },
  { name: "quoted with: input", place: (key, value) => `      - uses: acme/deploy-action@v3\n        with:\n          ${key.toLowerCase().replace(/_/g, "-")}: "${value}"\n`, suits: () => true },
  { name: "Authorization header in run", place: (_key, value) => `      - run: |\n          curl -fsS -H "Authorization: Bearer ${value}" https://api.example.com/v1/deploy\n`, suits: (kind) => !/webhook|storage|password|aws access/.test(kind) },
  { name: "export in run", place: (key, value) => `      - run: |\n          export ${key}=${value}\n          ./release.sh\n`, suits: (kind) => !/storage/.test(kind) },
  { name: "docker login in run", place: (_key, value) => `      - run: echo start && docker login -u ci-bot -p ${value} registry.example.com\n`, suits: (kind) => /password|docker|jwt|generic/.test(kind) },
  { name: "webhook call in run", place: (_key, value) => `      - run: |\n          curl -X POST -d '{"text":"done"}' ${value}\n`, suits: (kind) => /webhook/.test(kind) },
];

/** Values that must never be flagged, in the same kinds of places. */
const DECOYS: string[] = [
  `      - uses: actions/checkout@${fake.hex(40)}\n        with:\n          persist-credentials: false\n          token: \${{ secrets.GITHUB_TOKEN }}\n`,
  `      - uses: actions/setup-node@v4\n        with:\n          node-version: 20.11.1\n          registry-url: https://registry.npmjs.org\n`,
  `      - uses: actions/cache@v4\n        with:\n          key: \${{ runner.os }}-build-\${{ hashFiles('**/*.lock') }}\n          restore-keys: \${{ runner.os }}-build-\n`,
  `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/gha-deploy\n          aws-region: us-east-1\n`,
  `      - uses: azure/login@v2\n        with:\n          client-id: 6a8b3c2d-1e4f-4a5b-9c8d-7e6f5a4b3c2d\n          tenant-id: 0f8fad5b-d9cb-469f-a165-70867728950e\n`,
  `      - env:\n          API_TOKEN: \${{ secrets.API_TOKEN }}\n          NPM_TOKEN: $NPM_TOKEN\n          DB_PASSWORD: <your-db-password>\n          SECRET_KEY: changeme\n          AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n        run: curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com\n`,
  `      - run: docker pull ghcr.io/acme/app@sha256:${fake.hex(64)}\n`,
  `      - env:\n          DEPLOY_KEY_FINGERPRINT: SHA256:${fake.chars(43)}\n          SSH_PUBLIC_KEY: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake.chars(43)} ci@example.com\n          BUILD_ID: ${fake.chars(24)}\n        run: echo "$BUILD_ID"\n`,
  `      - run: |\n          export TOKEN_FILE=/run/secrets/token\n          export PASSWORD=$(cat /run/secrets/db)\n          psql postgres://postgres:postgres@localhost:5432/test -c 'select 1'\n`,
];

interface Planted {
  path: string;
  value: string;
  kind: string;
  place: string;
}

function buildCorpus(): { files: { path: string; text: string }[]; planted: Planted[] } {
  const files: { path: string; text: string }[] = [];
  const planted: Planted[] = [];
  let n = 0;
  for (const kind of KINDS) {
    for (const place of PLACES.filter((p) => p.suits(kind.kind))) {
      const value = kind.make();
      const path = `.github/workflows/planted-${String(++n).padStart(3, "0")}.yml`;
      const decoys = [DECOYS[n % DECOYS.length], DECOYS[(n + 3) % DECOYS.length]];
      const text =
        `name: release ${n}\non:\n  push:\n    branches: [main]\npermissions:\n  contents: read\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n` +
        decoys[0] + place.place(kind.key, value) + decoys[1];
      files.push({ path, text });
      planted.push({ path, value, kind: kind.kind, place: place.name });
    }
  }
  // Files with decoys only.
  DECOYS.forEach((decoy, i) => files.push({ path: `.github/workflows/clean-${i}.yml`, text: `name: clean\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${decoy}` }));
  return { files, planted };
}

function score(found: { path: string; start: number; end: number }[], files: { path: string; text: string }[], planted: Planted[]) {
  const locate = (p: Planted) => {
    const start = files.find((f) => f.path === p.path)!.text.indexOf(p.value);
    return { start, end: start + p.value.length };
  };
  const hit = (f: { path: string; start: number; end: number }, p: Planted) => {
    const span = locate(p);
    return f.path === p.path && f.start < span.end && span.start < f.end;
  };
  const caught = planted.filter((p) => found.some((f) => hit(f, p)));
  const truePositives = found.filter((f) => planted.some((p) => hit(f, p)));
  return {
    recall: caught.length / planted.length,
    precision: found.length === 0 ? 1 : truePositives.length / found.length,
    missed: planted.filter((p) => !caught.includes(p)).map((p) => `${p.kind} in ${p.place}`),
    falsePositives: found.filter((f) => !truePositives.includes(f)).map((f) => `${f.path}@${f.start}`),
  };
}

describe("hardcoded-secret: recall and precision on planted credentials", () => {
  const { files, planted } = buildCorpus();

  it(`finds ≥ 95% of ${planted.length} planted credentials at ≥ 97% precision, and beats secretlint alone`, async () => {
    const result = await lintFiles(files);
    const ours = score(
      result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => ({ path: f.path, start: f.span.start, end: f.span.end })),
      files,
      planted,
    );
    const peer: { path: string; start: number; end: number }[] = [];
    for (const file of files) for (const hit of await runSecretlint(file.path, file.text, { wholePreset: true })) peer.push({ path: file.path, start: hit.start, end: hit.end });
    const secretlint = score(peer, files, planted);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`      nhilint:    recall ${pct(ours.recall)}, precision ${pct(ours.precision)} (${planted.length} planted, ${files.length} files)`);
    console.log(`      secretlint: recall ${pct(secretlint.recall)}, precision ${pct(secretlint.precision)}`);
    assert.ok(ours.recall >= 0.95, `recall ${pct(ours.recall)}; missed: ${ours.missed.join("; ")}`);
    assert.ok(ours.precision >= 0.97, `precision ${pct(ours.precision)}; false positives: ${ours.falsePositives.join("; ")}`);
    assert.ok(ours.recall > secretlint.recall, "nhilint must find more than secretlint alone");
  });
});
