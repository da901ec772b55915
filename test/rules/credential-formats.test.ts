// Every entry of the credential-format table, tested the way it is used: true examples generated
// at test time from the entry's own shape (so this repository holds no secret-looking string),
// planted where workflows put them, must be found; the same shape filled in as a placeholder
// (repeated, counting, EXAMPLE) and gitleaks's published false-positive shapes must not be.
import assert from "node:assert/strict";

import { base62Crc32 } from "../../linter-core/secrets/checksums.js";
import { CREDENTIAL_FORMATS, type CredentialFormat } from "../../linter-core/secrets/formats.js";
import type { SourceFile } from "../../linter-core/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { formatSamples, withoutLookarounds } from "../format-samples.js";

const fake = new FakeSecrets(1107);

/** Two values of the entry's shape that are not placeholders by our own definition. */
const samples = (format: CredentialFormat, count = 2) => formatSamples(format, fake, count);

const upper = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
const workflow = (steps: string) => `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const n8nHttp = (header: string, value: string) =>
  JSON.stringify({ name: "w", nodes: [{ id: "1", name: "HTTP Request", type: "n8n-nodes-base.httpRequest", typeVersion: 4, position: [0, 0], parameters: { url: "https://api.acme.test/v1", sendHeaders: true, headerParameters: { parameters: [{ name: header, value }] } } }], connections: {} }, null, 2);
const k8sEnv = (name: string, value: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: ${name}\n              value: ${JSON.stringify(value)}\n`;

/** Where a value with a shape of its own is found under neutral names. */
const TOKEN_PLACES: Record<string, (value: string) => SourceFile> = {
  "Actions env, neutral name": (v) => ({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          SETTING_A: ${JSON.stringify(v)}\n        run: ./deploy.sh\n`) }),
  "run: header": (v) => ({ path: ".github/workflows/b.yml", text: workflow(`      - run: |\n          curl -fsS -H "X-Api-Key: ${v}" https://api.acme.test/v1\n`) }),
  "n8n Authorization header": (v) => ({ path: "workflows/c.json", text: n8nHttp("Authorization", `Bearer ${v}`) }),
  "Kubernetes env list": (v) => ({ path: "deploy/d.yaml", text: k8sEnv("APP_SETTING", v) }),
};

/** Where a value known by the provider's name is found: the name in a key, flag, header or query. */
const NAMED_PLACES: Record<string, (value: string, name: string) => SourceFile> = {
  "Actions env key": (v, name) => ({ path: ".github/workflows/a.yml", text: workflow(`      - env:\n          ${upper(name)}_KEY: ${JSON.stringify(v)}\n        run: ./deploy.sh\n`) }),
  "run: flag": (v, name) => ({ path: ".github/workflows/b.yml", text: workflow(`      - run: ./release --${name.toLowerCase()}-token=${v}\n`) }),
  "n8n header": (v, name) => ({ path: "workflows/c.json", text: n8nHttp(`X-${name}`, v) }),
  "Kubernetes env list": (v, name) => ({ path: "deploy/d.yaml", text: k8sEnv(`${upper(name)}_TOKEN`, v) }),
  "URL query": (v, name) => ({ path: ".github/workflows/e.yml", text: workflow(`      - run: curl -fsS "https://api.acme.test/v1?${name.toLowerCase()}=${v}"\n`) }),
};

async function secretFindings(file: SourceFile) {
  return (await lintFiles([file])).findings.filter((f) => f.ruleId === "hardcoded-secret");
}

/** The planted value's position in the file (JSON escapes it). */
function locate(file: SourceFile, value: string): { start: number; end: number } {
  const raw = file.path.endsWith(".json") ? JSON.stringify(value).slice(1, -1) : value;
  const start = file.text.indexOf(raw);
  return { start, end: start + raw.length };
}

/** Variants of a true sample that keep its shape but fill its body in like a person would. */
function placeholdersOf(format: CredentialFormat, sample: string): string[] {
  const shape = new RegExp(format.token ?? format.value!, format.flags);
  const whole = new RegExp(`^(?:${withoutLookarounds(shape.source)})$`, shape.flags);
  const keep = Math.min(12, Math.floor(sample.length / 3));
  const fill = (make: (ch: string, i: number) => string) => sample.slice(0, keep) + [...sample.slice(keep)].map((ch, i) => (/[A-Za-z0-9]/.test(ch) ? make(ch, i) : ch)).join("");
  const variants = [
    // xxxx, XXXX, 0000
    fill(() => "x"),
    fill(() => "X"),
    fill(() => "0"),
    // counting, in one alphabet: 0123456789…, abcdef…, ABCDEF…
    fill((_, i) => String(i % 10)),
    fill((_, i) => "abcdefghijklmnopqrstuvwxyz"[i % 26]),
    fill((_, i) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]),
    // counting on across separators, as people type it: 0123-4567-8901
    fill(((n) => () => String(n++ % 10))(0)),
  ];
  return variants.filter((v) => v !== sample && whole.test(v));
}

describe("hardcoded-secret: every credential format of the table", () => {
  it("has ids, titles and a source for every entry, and no two entries share an id", () => {
    const ids = new Set<string>();
    for (const format of CREDENTIAL_FORMATS) {
      assert.ok(!ids.has(format.id), `duplicate id ${format.id}`);
      ids.add(format.id);
      assert.ok(format.title && format.secretName && format.source, format.id);
      assert.ok(Boolean(format.token) !== Boolean(format.names && format.value), `${format.id} is either a token shape or a provider name + value`);
      assert.match(format.secretName, /^[A-Z_][A-Z0-9_]*$/, `${format.id}: secret names are upper snake case`);
      // Shapes are strings (built on first need): each must be a valid regex.
      assert.doesNotThrow(() => new RegExp(format.token ?? format.value!, format.flags), format.id);
    }
    assert.ok(CREDENTIAL_FORMATS.length >= 220, `the table knows ${CREDENTIAL_FORMATS.length} formats`);
  });

  it("has no repeated capture group: the first group a shape captures is its secret, and a repeated one keeps only its last turn", () => {
    for (const format of CREDENTIAL_FORMATS) {
      const source = (format.token ?? format.value!).replace(/\\./g, "__").replace(/\[[^\]]*\]/g, (set) => "_".repeat(set.length));
      const open: number[] = [];
      for (let i = 0; i < source.length; i++) {
        if (source[i] === "(") open.push(source[i + 1] === "?" ? -1 : i);
        else if (source[i] === ")") {
          const start = open.pop();
          if (start !== undefined && start >= 0) assert.doesNotMatch(source.slice(i + 1, i + 2), /[{*+?]/, `${format.id}: the group at ${start} repeats`);
        }
      }
    }
  });

  for (const format of CREDENTIAL_FORMATS) {
    it(`${format.id}: found where workflows put it; its placeholders are not`, async () => {
      const misses: string[] = [];
      const values = samples(format);
      for (const value of values) {
        const places = format.token ? Object.entries(TOKEN_PLACES).map(([where, place]) => [where, place(value)] as const) : Object.entries(NAMED_PLACES).map(([where, place]) => [where, place(value, format.names![0])] as const);
        for (const [where, file] of places) {
          const at = locate(file, value);
          const hits = await secretFindings(file);
          // Found whole: not a fragment of it (a capture group that repeats keeps only its last turn).
          if (!hits.some((f) => f.span.start < at.end && at.start < f.span.end && f.span.end - f.span.start >= Math.min(16, value.length))) misses.push(`${where}: ${value}`);
          for (const hit of hits) assert.ok(!hit.message.includes(value), "a message never holds the value");
        }
      }
      assert.deepEqual(misses, [], `${format.id} missed`);
      for (const placeholder of placeholdersOf(format, values[0])) {
        const file = format.token ? TOKEN_PLACES["Actions env, neutral name"](placeholder) : NAMED_PLACES["Actions env key"](placeholder, format.names![0]);
        assert.deepEqual((await secretFindings(file)).map((f) => f.message), [], `${format.id}: placeholder ${placeholder} is not a secret`);
      }
    });
  }
});

describe("hardcoded-secret: gitleaks's published false-positive shapes", () => {
  // From gitleaks's rule tests (cmd/generate/config/rules/*.go, `fps`), with random parts made here.
  const decoys = [
    "xoxb-12345-abcd234",
    "xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx",
    "xoxe.xoxp-1-RANDOMSTRINGHERE",
    "xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere",
    "xoxe-1-xxx",
    `"token3": "xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d"`,
    `glc_${"1".repeat(40)}=`,
    `sumOfExposures = ${fake.chars(64)};`,
    `rookTable = 0023${fake.chars(38)}`,
    `ReactNativeCameraKit: ${fake.hex(40)}`,
    `ghp_${"x".repeat(36)}`,
    `AKIA${"X".repeat(16)}`,
    "AKIAIOSFODNN7EXAMPLE",
    `sk_live_${"0".repeat(24)}`,
    `npm_${"abcdefghijklmnopqrstuvwxyz0123456789"}`,
    `https://hooks.slack.com/services/T00000000/B00000000/${"X".repeat(24)}`,
  ];
  for (const decoy of decoys) {
    it(`does not flag ${decoy.slice(0, 40)}`, async () => {
      for (const place of [TOKEN_PLACES["Actions env, neutral name"], TOKEN_PLACES["Kubernetes env list"]]) {
        assert.deepEqual((await secretFindings(place(decoy))).map((f) => f.message), []);
      }
    });
  }
});

describe("hardcoded-secret: a webhook URL is judged by its key, not the ids beside it", () => {
  const upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  it("a real key under made-up ids is found (gitleaks's own example writes `T024TTTTT`); a made-up key under real ids is not", async () => {
    const realKey = [
      `http://hooks.slack.com/services/T024TTTTT/BBB72BBL/${fake.chars(24)}`,
      `https://hooks.slack.com/services/T00000000/B00000000/${fake.chars(24)}`,
      `https://discord.com/api/webhooks/${"1".repeat(18)}/${fake.chars(68)}`,
    ];
    for (const url of realKey) {
      const hits = await secretFindings(TOKEN_PLACES["Actions env, neutral name"](url));
      assert.equal(hits.length, 1, url.slice(0, 60));
      assert.ok(!hits[0]!.message.includes(url.slice(-24)), "the key is not printed");
    }
    const madeUpKey = [
      `https://hooks.slack.com/services/T${fake.chars(8, upperAlnum)}/B${fake.chars(10, upperAlnum)}/${"X".repeat(24)}`,
      `https://hooks.slack.com/services/T${fake.chars(8, upperAlnum)}/B${fake.chars(10, upperAlnum)}/abcdefghijklmnopqrstuvwx`,
      `https://discord.com/api/webhooks/${fake.digits(18)}/${"x".repeat(68)}`,
    ];
    for (const url of madeUpKey) assert.deepEqual((await secretFindings(TOKEN_PLACES["Actions env, neutral name"](url))).map((f) => f.message), [], url.slice(0, 60));
  });
});

describe("hardcoded-secret: checksums decide confidence", () => {
  const token = (prefix: string) => {
    const body = fake.chars(30);
    return `${prefix}_${body}${base62Crc32(body)}`;
  };
  for (const prefix of ["ghp", "gho", "ghu", "ghs", "ghr", "npm"]) {
    it(`${prefix}_: a valid checksum is high confidence and says so; one wrong character is still a medium finding`, async () => {
      const valid = token(prefix);
      const [found] = await secretFindings(TOKEN_PLACES["Actions env, neutral name"](valid));
      assert.equal(found.confidence, "high");
      assert.match(found.message, /checksum valid/);
      const last = valid.at(-1)!;
      const mistyped = valid.slice(0, -1) + (last === "A" ? "B" : "A");
      const [typo] = await secretFindings(TOKEN_PLACES["Actions env, neutral name"](mistyped));
      assert.equal(typo.confidence, "medium");
      assert.match(typo.message, /checksum does not match/);
    });
  }
});
