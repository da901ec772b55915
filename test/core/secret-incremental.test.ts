// Judging a new version of a plain-text file from its old version (linter-core/secrets/incremental.ts)
// must find exactly what judging the new version whole finds: the same values, titles and places. Each
// case is a text holding secrets of every kind (every format of the table, private-key and PuTTY
// blocks, base64-wrapped tokens, URL passwords, script idioms, a name and its value lines apart), edited
// at random: lines inserted, deleted and replaced in a few places, a character changed inside a secret,
// a block moved.
import assert from "node:assert/strict";
import type { FileModel } from "../../linter-core/model.js";
import { emptyModel } from "../../linter-core/platforms/common.js";
import { plainText } from "../../linter-core/platforms/generic.js";
import { detectSecrets, type SecretDetection } from "../../linter-core/secrets/detect.js";
import { CREDENTIAL_FORMATS } from "../../linter-core/secrets/formats.js";
import { mergeIncremental, PlainVersion, planIncremental, REACH_LINES } from "../../linter-core/secrets/incremental.js";
import { formatSamples } from "../format-samples.js";
import { FakeSecrets } from "../helpers.js";

const fake = new FakeSecrets(2611);
const upper = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");

async function detect(text: string): Promise<SecretDetection[]> {
  return detectSecrets((await plainText.buildModel("notes/setup.txt", text)) as FileModel);
}

/** The text-wide detectors alone, as the history reads a TS/JS version too large to parse. */
async function detectTextWide(text: string): Promise<SecretDetection[]> {
  return detectSecrets(emptyModel("typescript", "dist/index.js", text));
}

/** Where line `line` starts in `lines` joined by newlines. */
const lineStart = (lines: string[], line: number) => lines.slice(0, line).join("\n").length + (line > 0 ? 1 : 0);

const key = (d: SecretDetection) => `${d.span.start}-${d.span.end} ${d.title} ${d.value}`;

/** Judged from the old version: its detections carried, the windows judged. */
async function incremental(oldText: string, newText: string, oldFound: SecretDetection[], judge = detect): Promise<{ found: SecretDetection[]; judged: number } | undefined> {
  const plan = planIncremental(oldText, newText);
  if (!plan) return undefined;
  const inWindows: SecretDetection[] = [];
  for (const window of plan.windows) {
    for (const d of await judge(newText.slice(window.start, window.end))) inWindows.push({ ...d, span: { start: d.span.start + window.start, end: d.span.end + window.start } });
  }
  return { found: mergeIncremental(plan, oldFound, inWindows), judged: plan.windows.reduce((sum, w) => sum + w.end - w.start, 0) };
}

/**
 * A block replaced by another between the same filler: the new version judged from the old one finds
 * what judging it whole finds, `expected` detections.
 */
async function assertReplacedBlockJudged(filler: string, oldBlock: string, newBlock: string, expected: number): Promise<void> {
  const oldText = `${filler}\n${oldBlock}\n${filler}`;
  const newText = `${filler}\n${newBlock}\n${filler}`;
  const result = await incremental(oldText, newText, await detect(oldText));
  assert.ok(result);
  assert.deepEqual(result.found.map(key), (await detect(newText)).map(key));
  assert.equal(result.found.length, expected);
}

const pem = () => {
  const body = Array.from({ length: 12 }, () => fake.chars(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")).join("\n");
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
};
const putty = () =>
  `PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${fake.chars(64)}\n${fake.chars(40)}\nPrivate-Lines: 3\n${fake.chars(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}\n${fake.chars(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}\n${fake.chars(20)}\nPrivate-MAC: ${fake.hex(40)}`;

/** One secret of each kind, as a block of lines (some several lines long). */
function secretBlocks(): string[] {
  const blocks: string[] = [];
  for (const format of CREDENTIAL_FORMATS) {
    const [value] = formatSamples(format, fake, 1);
    blocks.push(format.names ? `${upper(format.names[0])}_TOKEN=${value}` : `setting: ${value}`);
  }
  const ghp = `ghp_${fake.chars(36)}`;
  blocks.push(
    pem(),
    putty(),
    `echo ${Buffer.from(ghp).toString("base64")} | base64 -d > token`,
    `postgres://admin:${fake.password()}@db.internal.example.com/app`,
    `docker login -u bot -p ${fake.password()} registry.example.com`,
    `curl -u bot:${fake.password()} https://api.example.com/upload`,
    `curl -fsS -H\n\nX-Api-Key\n  :\n\n${fake.chars(32)} https://api.example.com`,
    `export API_TOKEN=${fake.chars(40)}`,
    `./release --api-token ${fake.chars(40)}`,
    // A name and its value apart, with filler lines between.
    `GITHUB_TOKEN =\n\n  "\n${`ghp_${fake.chars(36)}`}"`,
    `docker login -u bot -p\n\n\n\n${fake.password()} registry.example.com`,
    // Idioms of the eighteenth session: curl's option two continuations on, key bindings, a scheme, `@` in a password.
    `curl -fsS https://api.example.com/token \\\n  -H "Accept: application/json" \\\n  -d x \\\n  --user appid:${fake.password()}`,
    `config = {"api_secret": "${fake.chars(32)}"}`,
    `auth_token: "Bearer ${fake.chars(40)}"`,
    `client := Client{Token: "${fake.chars(32)}"}`,
    `mongodb+srv://app:${fake.chars(8)}@${fake.chars(8)}@cluster0.example.net/db`,
    `<server><password>${fake.chars(20)}</password></server>`,
    `<add key="ApiToken" value="${fake.chars(32)}" />`,
    `API_KEY: str = "${fake.chars(32)}"`,
    // Nineteenth session: a name and its value as a call's arguments, a subscript, a quoted Authorization key, `_PASS`.
    `define('DB_PASSWORD', '${fake.password()}');`,
    `os.environ['API_KEY'] = '${fake.chars(32)}'`,
    `req.Header.Set("Authorization", "Bearer ${fake.chars(40)}")`,
    `SMTP_PASS=${fake.password()}`,
    `machine api.example.com\n  login bot\n  password ${fake.password()}`,
    `mysql -u root -p${fake.password()} app`,
    `ENV API_TOKEN ${fake.chars(32)}`,
    // Thirty-third session: logins, -D properties, redis-cli and openssl -k, Terraform's variables and secret resources.
    `az login -u app -p ${fake.password()} --tenant t`,
    `java -Ddb.password=${fake.password()} -jar app.jar`,
    `redis-cli -a ${fake.password()} ping`,
    `$pw = ConvertTo-SecureString "${fake.password()}" -AsPlainText -Force`,
    `sqlcmd -S db -U sa -P ${fake.password()}`,
    `ldapsearch -x -w ${fake.password()} -b dc=x`,
    `echo "${fake.password()}" | docker login -u bot --password-stdin`,
    `aws configure set aws_secret_access_key ${fake.chars(40)}`,
    `smbclient //srv/share -U backup%${fake.password()}`,
    `@{ "X-Api-Key" = "${fake.chars(32)}" }`,
    `openssl enc -aes-256-cbc -k ${fake.password()} -in a`,
    `variable "db_password" {\n  type = string\n  default = "${fake.password()}"\n}`,
    `resource "github_actions_secret" "npm" {\n  repository = "app"\n  secret_name = "NPM"\n  plaintext_value = "${fake.password()}"\n}`,
    // Thirty-fifth session: a default far below the variable's name (a block read as a block).
    `variable "api_token" {\n  description = "The partner's API token"\n  type        = string\n  sensitive   = true\n  nullable    = false\n  # set in CI\n\n  default     = "${fake.chars(32)}"\n}`,
    // Thirty-fourth session: qualified credential names, more tools' passwords and tokens.
    `SECRET_KEY_BASE=${fake.chars(40)}`,
    `API_KEY_PROD: "${fake.chars(32)}"`,
    `htpasswd -Bb .htpasswd admin ${fake.password()}`,
    `mc alias set s3 https://s3.example.com minio ${fake.password()}`,
    `npx vsce publish -p ${fake.chars(52)}`,
    `wget --header="X-Auth-Token: ${fake.chars(32)}" https://x`,
    `spring.security.oauth2.client.registration.github.client-secret=${fake.chars(40)}`,
    // Thirty-seventh session: a section's entries named for it, far below its name; an assignment inside another's value.
    `API_KEYS = {\n    "maps": "${fake.chars(32)}",\n    # one per provider\n\n    "weather": "${fake.chars(32)}",\n}`,
    `Environment="API_TOKEN=${fake.chars(32)}"`,
  );
  return blocks;
}

const FILLER = ["func main() {", "}", "", "\t// keep going", "x := compute(a, b)", "if err != nil {", "\treturn err", "README: see the docs", "value = 42", "    ", "name: build", "items = [1, 2, 3]", "= = =", '"', "for i := range items {"];

/** Filler lines and, one line in `every`, a secret block (several lines long, some of them). */
function document(secrets: string[], lines: number, every = 5, random = fake): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(Math.floor((Number.parseInt(random.hex(4), 16) / 0x10000) * every) === 0 ? random.pick(secrets) : random.pick(FILLER));
  return out;
}

/** A few random edits: lines replaced, inserted, deleted; a character changed; a block moved. */
function edit(lines: string[], secrets: string[]): string[] {
  const out = [...lines];
  const hunks = 1 + Math.floor(Number.parseInt(fake.hex(2), 16) / 64);
  for (let h = 0; h < hunks; h++) {
    const at = Math.floor((Number.parseInt(fake.hex(6), 16) / 0x1000000) * out.length);
    const kind = fake.pick(["insert", "delete", "replace", "char", "move"]);
    if (kind === "insert") out.splice(at, 0, ...document(secrets, 1 + Math.floor(Number.parseInt(fake.hex(1), 16) / 2)));
    else if (kind === "delete") out.splice(at, 1 + Math.floor(Number.parseInt(fake.hex(1), 16) / 3));
    else if (kind === "replace") out.splice(at, 2, fake.pick(secrets), fake.pick(FILLER));
    else if (kind === "char" && out[at]) {
      const line = out[at];
      const i = Math.floor((Number.parseInt(fake.hex(4), 16) / 0x10000) * line.length);
      out[at] = line.slice(0, i) + fake.chars(1) + line.slice(i + 1);
    } else if (kind === "move") {
      const block = out.splice(at, 5);
      out.splice(Math.floor((Number.parseInt(fake.hex(6), 16) / 0x1000000) * out.length), 0, ...block);
    }
  }
  return out;
}

describe("judging a new version from the old one (history)", function () {
  this.timeout(60_000);
  const secrets = secretBlocks();

  // Plain text; a text that opens as a JSON document (a lockfile: planned unless secretlint's gcp
  // rule may read it); and the text-wide detectors alone (a TS/JS bundle too large to parse).
  const variants = [
    { name: "plain text", judge: detect, wrap: (lines: string[]) => lines.join("\n") },
    { name: "a text that opens as JSON", judge: detect, wrap: (lines: string[]) => `{\n${lines.join("\n")}\n}` },
    { name: "the text-wide detectors alone", judge: detectTextWide, wrap: (lines: string[]) => lines.join("\n") },
  ];
  for (const { name, judge, wrap } of variants) {
    it(`finds exactly what judging the new version whole finds, over random edits: ${name}`, async () => {
      let planned = 0;
      for (let round = 0; round < 120; round++) {
        const oldLines = document(secrets, 150 + Math.floor(Number.parseInt(fake.hex(3), 16) / 8));
        const oldText = wrap(oldLines);
        const newText = wrap(edit(oldLines, secrets));
        const oldFound = await judge(oldText);
        const result = await incremental(oldText, newText, oldFound, judge);
        if (!result) continue;
        planned++;
        const whole = (await judge(newText)).map(key);
        assert.ok(whole.length > 0);
        assert.deepEqual(result.found.map(key), whole, `round ${round}: judged from the old version, the new one's detections differ`);
      }
      assert.ok(planned >= 100, `only ${planned} of 120 cases were judged from the old version`);
    });
  }

  it("finds exactly what judging the new version whole finds, over random edits of long texts that repeat themselves", async () => {
    // Few distinct lines, so a probe's text occurs at many places in the old version: any run found
    // must still map text to the same text, and no two may claim one place in either version.
    const few = secrets.slice(0, 4);
    for (let round = 0; round < 30; round++) {
      const oldLines = document(few, 1200, 4);
      const oldText = oldLines.join("\n");
      const newLines = edit(edit(oldLines, few), few);
      const newText = newLines.join("\n");
      const result = await incremental(oldText, newText, await detect(oldText));
      assert.ok(result);
      const plan = planIncremental(oldText, newText)!;
      for (const side of ["old", "new"] as const) {
        const runs = [...plan.carried].sort((a, b) => a[side] - b[side]);
        for (let i = 1; i < runs.length; i++) assert.ok(runs[i - 1][side] + runs[i - 1].length <= runs[i][side], `round ${round}: carried runs overlap in the ${side} version`);
      }
      assert.deepEqual(result.found.map(key), (await detect(newText)).map(key), `round ${round}`);
    }
  });

  it("judges only what is near a change: one line changed in a long text", async () => {
    const lines = document(secrets, 3000, 100);
    const oldText = lines.join("\n");
    const changed = [...lines];
    changed[1500] = `export API_TOKEN=${fake.chars(40)}`;
    const newText = changed.join("\n");
    const result = await incremental(oldText, newText, await detect(oldText));
    assert.ok(result);
    assert.ok(result.judged < newText.length / 20, `judged ${result.judged} of ${newText.length} characters`);
    assert.deepEqual(result.found.map(key), (await detect(newText)).map(key));
    // What was found where nothing changed came from the old version, moved by nothing.
    assert.ok(result.found.some((d) => d.value.startsWith("API_TOKEN") || d.title.includes("assigned")));
  });

  it("every kind of secret, changed at its first line and at its last, among filler", async () => {
    for (const block of secrets) {
      const lines = block.split("\n");
      const around = (text: string) => `${document(secrets, 30, 1000).join("\n")}\n${text}\n${document(secrets, 30, 1000).join("\n")}`;
      const oldText = around(block);
      for (const changed of [[`${lines[0]}x`, ...lines.slice(1)], [...lines.slice(0, -1), `${lines.at(-1)!.slice(0, -3)}Zq9`]]) {
        const newText = oldText.replace(block, changed.join("\n"));
        const result = await incremental(oldText, newText, await detect(oldText));
        assert.ok(result);
        assert.deepEqual(result.found.map(key), (await detect(newText)).map(key), block.slice(0, 40));
      }
    }
  });

  it("a margin of REACH_LINES lines that hold more than filler: a header split at every token is found from its far end", async () => {
    const token = fake.chars(32);
    const oldText = `${"line of text\n".repeat(200)}curl -fsS -H\n\n  X-Api-Key\n\n  :\n\n  old https://api.example.com\n${"more text\n".repeat(200)}`;
    const newText = oldText.replace("  old https", `  ${token} https`);
    const result = await incremental(oldText, newText, await detect(oldText));
    assert.deepEqual((await detect(newText)).map((d) => d.value), [token]);
    assert.deepEqual(result?.found.map((d) => d.value), [token]);
  });

  it("a private-key block reaching into a change is judged whole, in either version", async () => {
    const key1 = pem();
    const key2 = pem();
    const filler = "text line\n".repeat(40);
    // The old version's first block has no end: it runs on to the second block's end and swallows it.
    const oldText = `${filler}${key1.replace(/-----END RSA PRIVATE KEY-----$/, "")}${filler}${key2}\n${filler}`;
    const newText = `${filler}${key1}\n${filler}${key2}\n${filler}`;
    const oldFound = await detect(oldText);
    const result = await incremental(oldText, newText, oldFound);
    assert.ok(result);
    assert.deepEqual(result.found.map(key), (await detect(newText)).map(key));
    assert.equal(result.found.length, 2);
  });

  it("a block reaches from its header to its first `KEY-----`: headers quoted in a config mark no long block", async () => {
    const config = ["-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PGP PRIVATE KEY BLOCK-----"].map((h) => `regex = "${h}"`).join("\n");
    const lines = document(secrets, 600, 1000);
    const oldText = `${config}\n${lines.join("\n")}`;
    lines[300] = `export API_TOKEN=${fake.chars(40)}`;
    const newText = `${config}\n${lines.join("\n")}`;
    const result = await incremental(oldText, newText, await detect(oldText));
    assert.ok(result && result.judged < newText.length / 10, `judged ${result?.judged} of ${newText.length} characters`);
    assert.deepEqual(result.found.map(key), (await detect(newText)).map(key));
  });

  it("the plan itself: carried runs are text both versions share, the core is what they leave, each window holds its core", () => {
    for (let round = 0; round < 60; round++) {
      const oldLines = document(secrets, 100 + Math.floor(Number.parseInt(fake.hex(3), 16) / 16));
      const oldText = oldLines.join("\n");
      const newText = edit(oldLines, secrets).join("\n");
      const plan = planIncremental(oldText, newText);
      if (!plan) continue;
      const covered = new Uint8Array(newText.length);
      for (const run of plan.carried) {
        assert.equal(newText.slice(run.new, run.new + run.length), oldText.slice(run.old, run.old + run.length), `round ${round}: a carried run differs`);
        for (let i = run.new; i < run.new + run.length; i++) covered[i]++;
      }
      for (const span of plan.core) for (let i = span.start; i < span.end; i++) covered[i]++;
      assert.ok(covered.every((count) => count === 1), `round ${round}: runs and core do not split the new version`);
      for (const span of plan.core) assert.ok(plan.windows.some((w) => w.start <= span.start && span.end <= w.end), `round ${round}: a core span outside every window`);
    }
  });

  it("one changed line: two runs, a core of the line and REACH_LINES lines of text on each side, a window of as many more", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} of the notes`);
    const oldText = lines.join("\n");
    lines[100] = "line 100, changed";
    const newText = lines.join("\n");
    const start = (line: number) => lineStart(lines, line);
    const plan = planIncremental(oldText, newText)!;
    assert.deepEqual(plan.carried, [
      { old: 0, new: 0, length: start(100 - REACH_LINES) },
      { old: start(101 + REACH_LINES) + oldText.length - newText.length, new: start(101 + REACH_LINES), length: newText.length - start(101 + REACH_LINES) },
    ]);
    assert.deepEqual(plan.core, [{ start: start(100 - REACH_LINES), end: start(101 + REACH_LINES) }]);
    assert.deepEqual(plan.windows, [{ start: start(100 - 2 * REACH_LINES), end: start(101 + 2 * REACH_LINES) }]);
  });

  it("lines of filler (whitespace of any kind, quotes, backticks, `=`) do not count toward the margin", () => {
    // Each kind alone on a line, every kind between every two lines of text.
    const fillers = ["", "\t", " ", "\u000b", "\u000c", "\r", '"', "'", "=", "`", "\u00a0", "\u1680", "\u2000", "\u2005", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", '  = "'];
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) lines.push(`content ${i}`, ...fillers);
    const oldText = lines.join("\n");
    const at = lines.indexOf("content 20");
    const changed = [...lines];
    changed[at] = "content 20, changed";
    const newText = changed.join("\n");
    const plan = planIncremental(oldText, newText)!;
    const startOf = (line: string) => newText.indexOf(`\n${line}\n`) + 1;
    assert.equal(plan.core[0].start, startOf(`content ${20 - REACH_LINES}`));
    assert.equal(plan.windows[0].start, startOf(`content ${20 - 2 * REACH_LINES}`));
    // A line with one character more than filler counts.
    const dotted = planIncremental(oldText.replaceAll("\n=\n", "\n=.\n"), newText.replaceAll("\n=\n", "\n=.\n"))!;
    assert.ok(dotted.core[0].start >= plan.core[0].start);
  });

  it("two changes far apart: the probe finds what lies between, and two windows are judged", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}: ${fake.chars(20)}`);
    const oldText = lines.join("\n");
    lines[100] = "changed near the start";
    lines[900] = "changed near the end";
    const newText = lines.join("\n");
    const plan = planIncremental(oldText, newText)!;
    assert.equal(plan.carried.length, 3);
    assert.equal(plan.windows.length, 2);
    assert.ok(plan.windows.every((w) => newText.slice(w.start, w.end).includes("changed near")));
  });

  it("a PuTTY file reaching into a change is judged from its first line to its MAC, or to the end when it has none", () => {
    const body = putty();
    const filler = Array.from({ length: 50 }, (_, i) => `note ${i}`).join("\n");
    const oldText = `${filler}\n${body}\n${filler}`;
    const newText = oldText.replace("Comment: deploy", "Comment: release");
    const plan = planIncremental(oldText, newText)!;
    const first = newText.indexOf("PuTTY-User-Key-File");
    assert.ok(plan.core.some((c) => c.start <= first && newText.indexOf("Private-MAC:") < c.end));
    const noMac = planIncremental(oldText.replace("Private-MAC", "Private-MAX"), newText.replace("Private-MAC", "Private-MAX"))!;
    assert.ok(noMac.core.some((c) => c.start <= first && c.end === newText.length));
  });

  it("a Terraform variable is judged from its name to its first brace: a renamed variable or a nested block added far above its default", async () => {
    const token = new FakeSecrets(501).chars(32);
    const filler = Array.from({ length: 40 }, (_, i) => `# note ${i}`).join("\n");
    const block = (name: string, nested = "") => `variable "${name}" {\n  description = "d"\n${nested}  type = string\n  sensitive = true\n  nullable = false\n  ephemeral = false\n  # why\n  # and why\n  default = "${token}"\n}`;
    for (const [oldBlock, newBlock, expected] of [
      [block("region"), block("api_token"), 1],
      [block("api_token"), block("region"), 0],
      [block("api_token"), block("api_token", "  validation {\n    condition = true\n  }\n"), 0],
      [block("api_token", "  validation {\n    condition = true\n  }\n"), block("api_token"), 1],
    ] as const) {
      await assertReplacedBlockJudged(filler, oldBlock, newBlock, expected);
    }
  });

  it("a credential section is judged from its name to its closer: renamed, or an entry added, far above or below", async () => {
    const token = new FakeSecrets(502).chars(32);
    const notes = (n: number) => Array.from({ length: n }, (_, i) => `    # note ${i}`).join("\n");
    const section = (name: string, entry = `    "maps": "${token}",`) => `${name} = {\n${notes(30)}\n${entry}\n${notes(30)}\n}`;
    const filler = Array.from({ length: 40 }, (_, i) => `# line ${i}`).join("\n");
    for (const [oldSection, newSection, expected] of [
      [section("SETTINGS"), section("API_KEYS"), 1],
      [section("API_KEYS"), section("SETTINGS"), 0],
      [section("API_KEYS", "    # none yet"), section("API_KEYS"), 1],
      [section("API_KEYS"), section("API_KEYS", `    "maps": {"id": "${token}"},`), 0],
    ] as const) {
      await assertReplacedBlockJudged(filler, oldSection, newSection, expected);
    }
  });

  it("a change at either end: what the removed start or end decided is judged again", async () => {
    const token = `ghp_${fake.chars(36)}`;
    const middle = Array.from({ length: 40 }, (_, i) => `note ${i}`).join("\n");
    // The first lines named the header; without them the value is no longer a header's.
    const header = `curl -H\nX-Api-Key\n:\n${fake.chars(32)} https://api.example.com\n${middle}`;
    const headless = header.slice(header.indexOf("\n") + 1);
    // A token at the very end is one; followed by a letter it is not.
    const tail = `${middle}\nsetting: ${token}`;
    for (const [oldText, newText] of [[header, headless], [headless, header], [`${tail}x`, tail], [tail, `${tail}x`]]) {
      const result = await incremental(oldText, newText, await detect(oldText));
      assert.ok(result);
      assert.deepEqual(result.found.map(key), (await detect(newText)).map(key), JSON.stringify(newText.slice(0, 30)));
    }
  });

  it("two changes a few long lines apart: the run between them is found, and the windows around them merged into one", async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${i}: ${fake.chars(120)}`);
    const oldText = lines.join("\n");
    const changed = [...lines];
    changed[20] = `export API_TOKEN=${fake.chars(40)}`;
    changed[20 + 2 * REACH_LINES + 3] = `export DEPLOY_TOKEN=${fake.chars(40)}`;
    const newText = changed.join("\n");
    const plan = planIncremental(oldText, newText)!;
    assert.equal(plan.carried.length, 3, "a run between the changes");
    assert.equal(plan.core.length, 2);
    assert.equal(plan.windows.length, 1, "overlapping windows merged");
    const result = await incremental(oldText, newText, await detect(oldText));
    assert.deepEqual(result!.found.map(key), (await detect(newText)).map(key));
    assert.equal(result!.found.length, 2);
  });

  it("judges whole a version with secretlint's disable comments or one that may be a JSON document the gcp rule reads", () => {
    assert.equal(planIncremental("a\n/* secretlint-disable */\nb", "a\n/* secretlint-disable */\nc"), undefined);
    assert.equal(planIncremental(' {"private_key": 1}', ' {"private_key": 2}'), undefined);
    // The rule's keywords compared without case; `\u` may spell its key.
    assert.equal(planIncremental("a\n", '\n [1, {"PRIVATE_KEY": 2}]'), undefined);
    assert.equal(planIncremental("a\n", '\n [1, {"\\u0070rivate_key": 2}]'), undefined);
    // JSON the rule cannot report in (a lockfile) is planned like any text.
    assert.ok(planIncremental('{"a": 1,\n"b": 2}', '{"a": 1,\n"b": 3}'));
    // Only the start decides: a brace further on is text, blanks before it are not.
    assert.ok(planIncremental(`${"x".repeat(5000)}\n{"a": 1}`, `${"x".repeat(5000)}\n{"a": 2}`));
    assert.ok(planIncremental('x {"private_key": 1}', 'x {"private_key": 2}'));
    assert.equal(planIncremental(`${" ".repeat(5000)}{"private_key": 1}`, `${" ".repeat(5000)}{"private_key": 2}`), undefined);
    assert.ok(planIncremental("a = 1\n", "a = 2\n"));
  });

  it("a line of any character that is not filler counts toward the margin (the neighbours of each filler range)", () => {
    const content = [0x01, 0x08, 0x0e, 0x1f, 0x21, 0x23, 0x26, 0x28, 0x3c, 0x3e, 0x5f, 0x61, 0x9f, 0xa1, 0x167f, 0x1681, 0x1fff, 0x200b, 0x2027, 0x202a, 0x202e, 0x2030, 0x205e, 0x2060, 0x2fff, 0x3001, 0xfefe, 0xff00];
    const planFor = (between: string) => {
      const lines: string[] = [];
      for (let i = 0; i < 30; i++) lines.push(`content ${i}`, between);
      const changed = [...lines];
      changed[40] = "content 20, changed";
      const newText = changed.join("\n");
      return { plan: planIncremental(lines.join("\n"), newText)!, newText };
    };
    for (const code of content) {
      const { plan, newText } = planFor(String.fromCharCode(code));
      // Each line between two lines of text counts: the margin reaches half as far.
      assert.equal(plan.core[0].start, newText.indexOf(`\ncontent ${20 - REACH_LINES / 2}\n`) + 1, `U+${code.toString(16).padStart(4, "0")}`);
    }
    const { plan, newText } = planFor(" ");
    assert.equal(plan.core[0].start, newText.indexOf(`\ncontent ${20 - REACH_LINES}\n`) + 1);
  });

  it("a change at a line's last character or first: the margin is counted from that line", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} of the notes`);
    const start = (line: number) => lineStart(lines, line);
    for (const changed of ["line 100 of the noteZ", "Xine 100 of the notes"]) {
      const newLines = [...lines];
      newLines[100] = changed;
      const plan = planIncremental(lines.join("\n"), newLines.join("\n"))!;
      assert.deepEqual(plan.core, [{ start: start(100 - REACH_LINES), end: start(101 + REACH_LINES) }], changed);
    }
  });

  it("ten changes among 3 000 lines: the unchanged text between each two is carried, to the margin", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}: ${fake.chars(24)}`);
    const changedAt = Array.from({ length: 10 }, (_, k) => 150 + k * 290 + Math.floor(Number.parseInt(fake.hex(2), 16) / 4));
    const newLines = [...lines];
    for (const at of changedAt) newLines[at] = `changed ${at}: ${fake.chars(24)}`;
    const start = (line: number) => lineStart(newLines, line);
    const plan = planIncremental(lines.join("\n"), newLines.join("\n"))!;
    assert.deepEqual(
      plan.core,
      changedAt.map((at) => ({ start: start(at - REACH_LINES), end: start(at + 1 + REACH_LINES) })),
    );
    assert.deepEqual(
      plan.windows,
      changedAt.map((at) => ({ start: start(at - 2 * REACH_LINES), end: start(at + 1 + 2 * REACH_LINES) })),
    );
  });

  it("lines inserted and deleted among 3 000: each run is found where it moved to", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}: ${fake.chars(24)}`);
    const newLines = [...lines];
    // From the end back, so each index is still the old one.
    newLines.splice(2500, 3);
    newLines.splice(1500, 0, "inserted one", "inserted two");
    newLines.splice(500, 1);
    const oldText = lines.join("\n");
    const newText = newLines.join("\n");
    const plan = planIncremental(oldText, newText)!;
    assert.equal(plan.carried.length, 4);
    for (const run of plan.carried) assert.equal(newText.slice(run.new, run.new + run.length), oldText.slice(run.old, run.old + run.length));
    const carried = plan.carried.reduce((sum, run) => sum + run.length, 0);
    assert.ok(newText.length - carried < 3 * (2 * REACH_LINES + 3) * 40, `${newText.length - carried} characters not carried`);
  });

  it("a text cut short inside a token, or a token made longer at the end: the token there is found", async () => {
    const token = fake.chars(40);
    const body = Array.from({ length: 40 }, (_, i) => `note ${i}`).join("\n");
    for (const [oldText, newText] of [
      [`${body}\nexport API_TOKEN=${token}xyzzy`, `${body}\nexport API_TOKEN=${token}`],
      [`export API_TOKEN=xyzzy${token}\n${body}`, `export API_TOKEN=${token}\n${body}`],
      [`${body}\nexport API_TOKEN=${token.slice(0, 30)}`, `${body}\nexport API_TOKEN=${token}`],
      [`export API_TOKEN=${token.slice(10)}\n${body}`, `export API_TOKEN=${token}\n${body}`],
    ]) {
      const result = await incremental(oldText, newText, await detect(oldText));
      assert.deepEqual(result?.found.map((d) => d.value), [token]);
    }
  });

  it("the regions a private-key block and a PuTTY file may span: from the header to the first `KEY-----` and 110 characters on, or to the MAC and 200 on", () => {
    const key = pem();
    const text = `before\n${key}\n${"after ".repeat(40)}`;
    const end = text.indexOf("KEY-----", text.indexOf("-----END")) + "KEY-----".length;
    assert.deepEqual(new PlainVersion(text).blocks, [{ start: 7, end: end + 110 }]);
    assert.deepEqual(new PlainVersion(`before\n${key}`).blocks, [{ start: 7, end: 7 + key.length }], "to the end of the text at most");
    // A body longer than 20 000 characters: the header alone.
    // nhilint-disable-next-line hardcoded-secret -- a header and a body of "A"s: the region's bound, no key
    const header = "-----BEGIN RSA PRIVATE KEY-----";
    const within = `${header}${"A".repeat(20_120 - "-----END RSA PRIVATE ".length)}-----END RSA PRIVATE KEY-----\n${"x".repeat(200)}`;
    assert.deepEqual(new PlainVersion(within).blocks, [{ start: 0, end: within.indexOf("KEY-----", header.length) + 8 + 110 }]);
    const beyond = within.replace("AAAA", "AAAAA");
    assert.deepEqual(new PlainVersion(beyond).blocks, [{ start: 0, end: header.length }]);
    const file = putty();
    const mac = `notes\n${file}\n${"after ".repeat(60)}`;
    assert.deepEqual(new PlainVersion(mac).blocks, [{ start: 6, end: mac.indexOf("Private-MAC:") + 200 }]);
    assert.deepEqual(new PlainVersion(`notes\n${file}`).blocks, [{ start: 6, end: 6 + file.length }]);
    const noMac = `notes\n${file.replace("Private-MAC", "Private-MAX")}\n${"after ".repeat(60)}`;
    assert.deepEqual(new PlainVersion(noMac).blocks, [{ start: 6, end: noMac.length }]);
    assert.deepEqual(new PlainVersion("-----\nno block here\n").blocks, []);
  });

  it("tokens right against a cut block's edges: each found once, carried or judged", async () => {
    const filler = Array.from({ length: 40 }, (_, i) => `line ${i} of the notes`).join("\n");
    const block = pem();
    const endAt = block.length;
    // One token ends where the block starts; another starts 110 characters after the block's end (the region's end).
    const before = `setting: ghp_${fake.chars(36)}`;
    const after = `ghp_${fake.chars(36)}`;
    const gap = "\n" + "x".repeat(108) + " ";
    assert.equal(gap.length, 110);
    const oldText = `${filler}\n${before}${block}${gap}${after}\n${filler}`;
    const lines = block.split("\n");
    lines[5] = fake.chars(64);
    const newText = oldText.replace(block, lines.join("\n"));
    const result = await incremental(oldText, newText, await detect(oldText));
    const whole = (await detect(newText)).map(key);
    assert.ok(endAt > 0 && whole.length === 3, whole.join("\n"));
    assert.deepEqual(result?.found.map(key), whole);
  });

  it("versions given as PlainVersion plan as their texts do", () => {
    const oldText = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const newText = oldText.replace("line 50", "line fifty");
    assert.deepEqual(planIncremental(new PlainVersion(oldText), new PlainVersion(newText)), planIncremental(oldText, newText));
  });

  it("a header added above a block reaches it, and then the block is judged whole too (cut until nothing more is cut)", async () => {
    const filler = Array.from({ length: 40 }, (_, i) => `line ${i} of the notes`);
    const block = pem();
    const oldText = `${filler.join("\n")}\n${block}\n${filler.join("\n")}`;
    // A new header ten lines above the block, with no end of its own: it reaches to the block's first line.
    const changed = [...filler];
    // nhilint-disable-next-line hardcoded-secret -- a header alone, over lines of notes: no key
    changed[30] = "-----BEGIN OPENSSH PRIVATE KEY-----";
    const newText = `${changed.join("\n")}\n${block}\n${filler.join("\n")}`;
    const result = await incremental(oldText, newText, await detect(oldText));
    assert.deepEqual(result?.found.map(key), (await detect(newText)).map(key));
    assert.ok(result.found.length > 0);
  });

  it("a block touching a change is cut out of what is carried, exactly; a block far from it is carried", () => {
    const filler = Array.from({ length: 100 }, (_, i) => `line ${i} of the notes`).join("\n");
    const key = pem();
    const oldText = `${filler}\n${key}\n${filler}\n${pem()}\n${filler}`;
    const lines = key.split("\n");
    lines[6] = fake.chars(64);
    const newText = oldText.replace(key, lines.join("\n"));
    const plan = planIncremental(oldText, newText)!;
    const blockStart = newText.indexOf("-----BEGIN");
    const blockEnd = newText.indexOf("KEY-----", newText.indexOf("-----END")) + 8 + 110;
    assert.deepEqual(plan.core, [{ start: blockStart, end: blockEnd }]);
    assert.equal(plan.carried.length, 2, "the second block, far from the change, is carried");
  });

  it("versions that repeat their own stretches (a file appended to itself, a stretch doubled or dropped, a part copied over another), and the same read backwards: every run claimed once, the same detections", async () => {
    // Each edit puts text where the same text already is, so the search for shared runs could map one
    // place of either version twice (the common start and end overlapping, a probe found in text
    // another run holds, a run read on past its region): carried twice, or carried from the wrong place.
    // (Its own generator for everything it makes: the same cases whichever tests ran before it.)
    const random = new FakeSecrets(2612);
    const parts = Array.from({ length: 4 }, () => document(secrets, 30, 5, random).join("\n"));
    const stretch = (text: string) => {
      const at = random.below(text.length + 1);
      return [at, Math.min(text.length - at, 1 + random.below(3000))];
    };
    const edits: ((text: string) => string)[] = [
      (text) => text + text,
      (text) => text + "\n" + text,
      (text) => random.pick(parts) + text,
      (text) => {
        const [at, length] = stretch(text);
        return text.slice(0, at + length) + text.slice(at, at + length) + text.slice(at + length);
      },
      (text) => {
        const [at, length] = stretch(text);
        return text.slice(0, at) + text.slice(at + length);
      },
      (text) => {
        const [at, length] = stretch(text);
        const [from, copied] = stretch(text);
        return text.slice(0, at) + text.slice(from, from + copied) + text.slice(at + length);
      },
    ];
    let planned = 0;
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: 2 + random.below(4) }, () => random.pick(parts)).join("\n");
      let edited = text;
      for (let k = 0; k <= random.below(3); k++) edited = random.pick(edits)(edited);
      // Both ways: a copy dropped is a copy added read backwards.
      const [oldText, newText] = round % 2 ? [edited, text] : [text, edited];
      const plan = planIncremental(oldText, newText);
      if (!plan) continue;
      planned++;
      for (const run of plan.carried) assert.equal(newText.slice(run.new, run.new + run.length), oldText.slice(run.old, run.old + run.length), `round ${round}: a carried run differs`);
      for (const side of ["old", "new"] as const) {
        const runs = [...plan.carried].sort((a, b) => a[side] - b[side]);
        for (let i = 1; i < runs.length; i++) assert.ok(runs[i - 1][side] + runs[i - 1].length <= runs[i][side], `round ${round}: carried runs overlap in the ${side} version`);
      }
      const result = await incremental(oldText, newText, await detect(oldText));
      assert.deepEqual(result!.found.map(key), (await detect(newText)).map(key), `round ${round}`);
    }
    assert.ok(planned >= 370, `only ${planned} of 400 cases were judged from the old version`);
  });

  it("a probe whose first match in the old version starts just past its region (among one-character lines, which margins barely trim): no run from it", () => {
    // The old version's changed part Q is followed by the shared end S, which opens with twenty short
    // lines; the new version's changed part R copies Q's tail and S's opening. The probe taken at R's
    // middle first matches 40 characters into S: a run read back from there would claim S's opening
    // twice, past what the margins take off.
    const line = (i: number, tag: string) => `${tag} line ${i} of text that is not filler ${"z".repeat(20)}\n`;
    const lines = (count: number, tag: string) => Array.from({ length: count }, (_, i) => line(i, tag)).join("");
    const q = lines(25, "old");
    const shortLines = [..."abcdefghijklmnopqrst"].map((letter) => `${letter}\n`).join("");
    const t = `T${"t".repeat(98)}\n${lines(30, "tail")}`;
    const r = q.slice(q.length - 600) + shortLines + t.slice(0, 100) + lines(9, "new").slice(0, 640) + "!\n";
    const oldText = lines(30, "head") + q + shortLines + t;
    const newText = lines(30, "head") + r + shortLines + t;
    const plan = planIncremental(oldText, newText)!;
    for (const run of plan.carried) assert.equal(newText.slice(run.new, run.new + run.length), oldText.slice(run.old, run.old + run.length));
    for (const side of ["old", "new"] as const) {
      const runs = [...plan.carried].sort((a, b) => a[side] - b[side]);
      for (let i = 1; i < runs.length; i++) assert.ok(runs[i - 1][side] + runs[i - 1].length <= runs[i][side], `carried runs overlap in the ${side} version`);
    }
  });

  it("an unchanged text carries everything and judges nothing; a text opening with a newline is planned", async () => {
    const text = `\n\n${secrets.slice(0, 10).join("\n")}\n`;
    const plan = planIncremental(text, text)!;
    assert.deepEqual(plan.windows, []);
    assert.deepEqual(plan.core, []);
    const found = await detect(text);
    assert.deepEqual(mergeIncremental(plan, found, []).map(key), found.map(key));
    assert.ok(planIncremental(text, `\n${text}`));
  });
});

describe("a version's credential-section openings found from the older version's (history)", () => {
  // The pieces an opening turns on: names that stand alone or not, sigils, operators, map types,
  // openers and closers, and filler long enough for the shared-run search to find runs inside.
  const PIECES = ["API_KEYS = {", "secrets: [", "$passwords = array(", "creds := map[string]string{", "mysecrets = {", "self.credentials = {", "Secrets\t(", "api-keys=>{", "credentials", " = ", "{", "}", "]", ")", "$", ".", "\n", '"k": "v",', "x", "line of filler text here\n".repeat(3)];
  const random = new FakeSecrets(5150);
  const make = (pieces: number) => Array.from({ length: pieces }, () => random.pick(PIECES)).join("");
  const edited = (text: string) => {
    let out = text;
    for (let k = 0; k <= random.below(6); k++) {
      const at = random.below(out.length + 1);
      const kind = random.below(3);
      out = kind === 0 ? out.slice(0, at) + random.pick(PIECES) + out.slice(at) : kind === 1 ? out.slice(0, at) + out.slice(at + random.below(30)) : out.slice(0, at) + make(3) + out.slice(at + 5);
    }
    return out;
  };
  const agree = (oldText: string, newText: string) => {
    const newer = new PlainVersion(newText);
    if (!planIncremental(new PlainVersion(oldText), newer)) return;
    assert.deepEqual(newer.sectionOpenings, new PlainVersion(newText).sectionOpenings, JSON.stringify([oldText, newText]));
  };

  it("are the openings a search of the whole version finds: random edits of short and long texts", () => {
    for (let i = 0; i < 1500; i++) {
      const oldText = make(20 + random.below(i % 2 ? 200 : 1500));
      agree(oldText, edited(oldText));
    }
  });

  it("at the texts' start: a name character put before an opening there makes it none; taken away, one", () => {
    const section = `API_KEYS = {"a": 1}\n${"line of filler text here\n".repeat(60)}`;
    agree(section, `my${section}`);
    agree(`my${section}`, section);
    agree(section, `\n${section}`);
    // Its first lines taken away: the rest is the older version's end, where no opening of theirs is.
    agree(`PASSWORDS = ("a", "b")\n${section}`, section);
    agree(`${section}PASSWORDS = ("a", "b")\n${section}`, section);
  });

  it("an opening the older version held alone, now inside a map type's brackets after other sections: only the outer one", () => {
    const filler = "line of filler text here\n".repeat(60);
    const sections = `API_KEYS = {"a": 1}\n${filler}secrets: ["x"]\n${filler}PASSWORDS = ("a", "b")\n${filler}`;
    const inner = `a{creds := map[string]string{"a": "b"}]string{"k": "v"}\n${filler}`;
    const newer = new PlainVersion(`${sections}creds := map[${inner}`);
    assert.ok(planIncremental(new PlainVersion(sections + inner), newer));
    assert.deepEqual(
      newer.sectionOpenings.map((opening) => opening.name),
      ["API_KEYS", "secrets", "PASSWORDS", "creds"],
    );
    agree(sections + inner, `${sections}creds := map[${inner}`);
  });

  it("and where parts moved (an opening across the place two runs meet is in neither)", () => {
    for (let i = 0; i < 500; i++) {
      const parts = Array.from({ length: 6 }, () => make(100));
      const moved = [...parts];
      const [a, b] = [random.below(6), random.below(6)];
      [moved[a], moved[b]] = [moved[b], moved[a]];
      agree(parts.join(""), moved.join(""));
    }
  });
});
