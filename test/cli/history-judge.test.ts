// HistoryJudge, what each thread of `nhilint history` runs: a new version of a plain-text file is judged
// from its old one (only the windows near its changes reach the detectors) and finds what judging it
// whole finds; a file a platform claims is judged whole, each version; binary blobs are not judged.
import assert from "node:assert/strict";
import { HistoryJudge, KeptVersions, LARGEST_PARSED, packBatch, unpackBatch, type BlobDetection, type RawBlob } from "../../cli/history-judge.js";
import { genericJson, genericYaml, plainText } from "../../linter-core/platforms/generic.js";
import { jenkins } from "../../linter-core/platforms/jenkins.js";
import { typescriptCode } from "../../linter-core/platforms/typescript.js";
import { PlainVersion } from "../../linter-core/secrets/incremental.js";
import { FakeSecrets } from "../helpers.js";

const fake = new FakeSecrets(2026);
const token = `ghp_${fake.chars(36)}`;
const other = `glpat-${fake.chars(20)}`;

const blob = (id: string, path: string, text: string, base?: string): RawBlob => ({ id, path, bytes: Buffer.from(text), ...(base && { base }) });

/** Version n of a 200-line note: its first line changes every time; a token sits 120 lines down from version 3 to 7. */
function note(n: number): string {
  const lines = Array.from({ length: 200 }, (_, line) => (line === 0 ? `revision ${n}` : `line ${line} of the deployment notes, unchanged`));
  if (n >= 3 && n <= 7) lines.splice(120, 0, `token = ${token}`);
  if (n >= 5) lines.splice(30, 0, `backup = ${other}`);
  return `${lines.join("\n")}\n`;
}

const summary = (detections: BlobDetection[]) => detections.map((d) => `${d.span.start}-${d.span.end} ${d.title} ${d.value.slice(0, 6)} ${d.name ?? ""}`);

describe("HistoryJudge", () => {
  it("judges a new version of a plain-text file from its old one: what judging it whole finds, from a small part of it", async () => {
    const judge = new HistoryJudge();
    for (let n = 1; n <= 10; n++) {
      const text = note(n);
      const judged = await judge.judge(blob(`v${n}`, "docs/notes.txt", text, n > 1 ? `v${n - 1}` : undefined));
      const whole = await new HistoryJudge().judge(blob(`v${n}`, "docs/notes.txt", text));
      assert.deepEqual(summary(judged.detections), summary(whole.detections), `version ${n}`);
      assert.equal(judged.detections.length, (n >= 3 && n <= 7 ? 1 : 0) + (n >= 5 ? 1 : 0), `version ${n}`);
    }
    // The first version whole (a tenth of what was read), then a window around each change.
    assert.ok(judge.chars.judged > note(1).length && judge.chars.judged < judge.chars.read * 0.3, `${judge.chars.judged} of ${judge.chars.read} characters judged`);
  });

  it("a side branch's old version, no longer its path's last, is still judged from", async () => {
    const judge = new HistoryJudge();
    await judge.judge(blob("a", "notes.txt", note(4)));
    await judge.judge(blob("b", "notes.txt", note(5), "a"));
    const before = judge.chars.judged;
    // The side branch changed `a` too: its version is judged from `a`, which the path no longer holds.
    const side = note(4).replace("revision 4", "revision 4 on the side branch");
    const judged = await judge.judge(blob("c", "notes.txt", side, "a"));
    assert.deepEqual(summary(judged.detections), summary((await new HistoryJudge().judge(blob("c", "notes.txt", side))).detections));
    assert.equal(judged.detections.length, 1);
    assert.ok(judge.chars.judged - before < side.length / 4, `${judge.chars.judged - before} of ${side.length} characters judged`);
  });

  it("a batch crosses threads packed: each distinct secret once, each blob its own, unpacked as judged", async () => {
    const judge = new HistoryJudge();
    const judged = [];
    for (let n = 1; n <= 8; n++) judged.push(await judge.judge(blob(`v${n}`, "notes.txt", note(n), n > 1 ? `v${n - 1}` : undefined)));
    judged.push(await judge.judge(blob("bin", "logo.png", "\u0000")));
    const packed = packBatch(judged);
    // Two values over eight versions: sent once each.
    assert.equal(packed.secrets.length, 2);
    // Each detection's line in its version: v3's token on line 121; from v5 a line above it moves it to 122.
    assert.deepEqual(
      judged.map((j) => j.lines),
      [undefined, undefined, [121], [121], [31, 122], [31, 122], [31, 122], [31], undefined],
    );
    const withoutPlaces = judged.map(({ id, binary, detections, lines }) => ({ id, detections: detections.map(({ value, title, name }) => ({ value, title, ...(name !== undefined && { name }) })), ...(lines && { lines }), ...(binary && { binary }) }));
    assert.deepEqual(unpackBatch(structuredClone(packed)), withoutPlaces);
    // The same value under another key is another secret to report a name for.
    const named = packBatch([{ id: "a", detections: [{ value: token, title: "t", name: "A" }, { value: token, title: "t", name: "B" }, { value: token, title: "t", name: "A" }] }]);
    assert.deepEqual(named.blobs[0].secrets, [0, 1, 0]);
    // Names come back as they went; a detection without one comes back without the key.
    assert.deepEqual(unpackBatch(structuredClone(named))[0].detections.map((d) => d.name), ["A", "B", "A"]);
    assert.deepEqual(unpackBatch(structuredClone(packBatch([{ id: "b", detections: [{ value: token, title: "t" }] }])))[0].detections, [{ value: token, title: "t" }]);
  });

  it("says which blobs hold a secret and a nhilint-disable-next-line comment (the scan asks only those which secrets a comment accepts), across threads too", async () => {
    const judge = new HistoryJudge();
    const directive = "# nhilint-disable-next-line hardcoded-secret -- demo\n";
    const results = [
      await judge.judge(blob("with", "notes.txt", directive + note(3))),
      await judge.judge(blob("bare", "other.txt", note(5))),
      // A comment with no secret in the blob accepts nothing: not worth asking.
      await judge.judge(blob("empty", "empty.txt", directive + "nothing here\n")),
    ];
    assert.deepEqual(results.map((r) => r.directives === true), [true, false, false]);
    assert.deepEqual(unpackBatch(structuredClone(packBatch(results))).map((r) => r.directives === true), [true, false, false]);
  });

  it("judges a file a platform claims whole, each version, with the key each value was bound to; binary blobs not at all", async () => {
    const judge = new HistoryJudge();
    const workflow = (n: number) => `# revision ${n}\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      DEPLOY_TOKEN: ${token}\n      "deploy backup": ${other}\n    steps:\n      - run: ./deploy.sh\n`;
    for (let n = 1; n <= 3; n++) {
      const judged = await judge.judge(blob(`w${n}`, ".github/workflows/deploy.yml", workflow(n), n > 1 ? `w${n - 1}` : undefined));
      // Named after a key only when the key is a name (`deploy backup` is not one).
      assert.deepEqual(
        judged.detections.map((d) => [d.value === token ? "token" : d.value === other ? "other" : d.value.slice(0, 4), d.name]),
        [
          ["token", "DEPLOY_TOKEN"],
          ["other", undefined],
        ],
      );
    }
    assert.equal(judge.chars.judged, judge.chars.read, "a workflow's versions are judged whole");
    const binary = await judge.judge(blob("bin", "logo.png", `\u0089PNG\r\n\u001a\n\u0000\u0000${token}`));
    assert.deepEqual(binary, { id: "bin", detections: [], binary: true });
    assert.equal(judge.chars.judged, judge.chars.read);
  });

  it("JSON nested 8 000 deep, which its platform cannot read, is judged as plain text: its token is found (and in a workflow nested 6 000 deep)", async () => {
    const judge = new HistoryJudge();
    const json = await judge.judge(blob("j", "deep.json", `{"token": "${token}", "x": ${"[".repeat(8000)}${"]".repeat(8000)}}`));
    assert.deepEqual(json.detections.map((d) => d.value), [token]);
    const yaml = await judge.judge(blob("y", ".github/workflows/deep.yml", `on: push\nenv:\n  GH_PAT: ${other}\na: ${"[".repeat(6000)}${"]".repeat(6000)}\n`));
    assert.deepEqual(yaml.detections.map((d) => d.value), [other]);
  });

  it("a TS/JS file crossing the parse limit either way: each version finds what judging it alone finds; only the large ones are text-only", async () => {
    const judge = new HistoryJudge();
    const keyed = `${fake.chars(28)}7!`;
    const source = (size: number, extra: string) => {
      const head = `export const settings = { host: "db.internal", dbPassword: "${keyed}" };\nconst gh = "${token}";\n${extra}`;
      // Comment lines up to the size asked (the last one cut to fit).
      const filler = "// a generated module's comment, one of many\n".repeat(Math.ceil(size / 40)).slice(0, size - head.length - 1);
      return `${head}${filler}\n`;
    };
    const versions = [source(4096, ""), source(LARGEST_PARSED + 1, "// grown\n"), source(LARGEST_PARSED, "// at the limit\n"), source(LARGEST_PARSED + 1, "// over again\n"), source(4096, "// small again\n")];
    const kinds: string[] = [];
    const results = [];
    for (const [n, text] of versions.entries()) {
      assert.equal(text.length, n % 2 === 1 ? LARGEST_PARSED + 1 : n === 2 ? LARGEST_PARSED : 4096);
      const judged = await judge.judge(blob(`t${n}`, "src/settings.ts", text, n > 0 ? `t${n - 1}` : undefined));
      results.push(judged);
      const alone = await new HistoryJudge().judge(blob(`t${n}`, "src/settings.ts", text));
      assert.deepEqual(summary(judged.detections), summary(alone.detections), `version ${n}`);
      kinds.push(`${judged.textOnly ? "text-only" : "parsed"}: ${judged.detections.map((d) => (d.value === token ? "token" : d.value === keyed ? "keyed" : d.value.slice(0, 4))).join(" ")}`);
    }
    // The key-bound literal needs the parse: a text-only version finds the provider token alone.
    assert.deepEqual(kinds, ["parsed: keyed token", "text-only: token", "parsed: keyed token", "text-only: token", "parsed: keyed token"]);
    // A large version judged from a large one (t3, kept as a recent version), around its change.
    const before = judge.chars.judged;
    const next = `${versions[3]}// one more line\n`;
    const judged = await judge.judge(blob("t5", "src/settings.ts", next, "t3"));
    assert.equal(judged.textOnly, true);
    assert.deepEqual(summary(judged.detections), summary((await new HistoryJudge().judge(blob("t5", "src/settings.ts", next))).detections));
    assert.ok(judge.chars.judged - before < next.length / 10, `${judge.chars.judged - before} of ${next.length} characters judged`);
    // Sent back from a worker thread, the text-only mark comes too (the scan counts those versions).
    assert.deepEqual(unpackBatch(structuredClone(packBatch(results))).map((r) => r.textOnly === true), [false, true, false, true, false]);
  });

  it("a plain-text version that must be judged whole (secretlint-disable) after one judged from its old: what judging it alone finds", async () => {
    const judge = new HistoryJudge();
    for (let n = 1; n <= 4; n++) await judge.judge(blob(`v${n}`, "notes.txt", note(n), n > 1 ? `v${n - 1}` : undefined));
    const disabled = `${note(5)}# secretlint-disable\nlast = ${token}\n`;
    const before = judge.chars.judged;
    const judged = await judge.judge(blob("v5", "notes.txt", disabled, "v4"));
    assert.deepEqual(summary(judged.detections), summary((await new HistoryJudge().judge(blob("v5", "notes.txt", disabled))).detections));
    assert.equal(judge.chars.judged - before, disabled.length, "judged whole");
  });
});

describe("HistoryJudge: what a platform's model is spared", () => {
  it("a document or source file with nothing a literal could add still gives what its text alone finds", async () => {
    const judge = new HistoryJudge();
    // `note` is no credential key and names no provider: the model is not built, the token is found.
    for (const [path, text] of [["config/app.yaml", `note: ${token}\n`], ["config/app.json", `{"note": "${token}"}`], ["src/note.ts", `export const note = "${token}";\n`]]) {
      const judged = await judge.judge(blob(path, path, text));
      assert.deepEqual(judged.detections.map((d) => [d.value === token, d.title]), [[true, "GitHub personal access token, checksum does not match (mistyped or altered: still a leak)"]], path);
    }
  });

  it("builds a YAML, JSON or TS model only where a literal could add something; nothing found where nothing is", async () => {
    const builds = new Map<string, number>();
    const originals = [genericYaml, genericJson, typescriptCode, jenkins, plainText].map((platform) => {
      const original = platform.buildModel;
      platform.buildModel = (path, text) => {
        builds.set(path, (builds.get(path) ?? 0) + 1);
        return original.call(platform, path, text);
      };
      return () => (platform.buildModel = original);
    });
    try {
      const judge = new HistoryJudge();
      const cases: [string, string, number][] = [
        ["plain.yaml", "note: hello\nreplicas: 3\n", 0],
        ["plain.json", `{"note": "hello", "replicas": 3}`, 0],
        ["plain.ts", `export const note = "hello";\n`, 0],
        ["keyed.yaml", `password: "${fake.chars(20)}9!"\n`, 1],
        ["keyed.json", `{"apiKey": "${fake.chars(28)}"}`, 1],
        ["keyed.ts", `export const apiKey = "${fake.chars(28)}";\n`, 1],
        // Each kind of file asks its own question: a word that may start an Authorization value in a
        // document; a call's arguments in program source (a user name and a password).
        ["prose.yaml", "description: set the token here\n", 1],
        ["login.ts", 'client.login("bot", "pw");\n', 1],
        // A Jenkinsfile and plain text are always read whole (their model is cheap or holds Groovy's literals).
        ["Jenkinsfile", "// see the docs\n", 1],
        ["notes.txt", "see the docs\n", 1],
      ];
      for (const [path, text, built] of cases) {
        const judged = await judge.judge(blob(path, path, text));
        assert.equal(builds.get(path) ?? 0, built, path);
        assert.equal(judged.detections.length, /^(keyed)/.test(path) ? 1 : 0, path);
      }
    } finally {
      for (const restore of originals) restore();
    }
  });

  it("a platform that fails on a version: the version is judged as plain text, and the scan goes on", async () => {
    const original = genericJson.buildModel;
    genericJson.buildModel = () => {
      throw new Error("unreadable");
    };
    try {
      const judged = await new HistoryJudge().judge(blob("j", "config/app.json", `{"apiKey": "${token}"}`));
      assert.deepEqual(judged.detections.map((d) => [d.value, d.name]), [[token, undefined]]);
      // Read as text, a value is still judged by the key beside it.
      const keyed = fake.chars(32);
      const byKey = await new HistoryJudge().judge(blob("k", "config/app.json", `{"apiKey": "${keyed}"}`));
      assert.deepEqual(byKey.detections.map((d) => d.value), [keyed]);
    } finally {
      genericJson.buildModel = original;
    }
  });

  it("a secret in a script or a comment is named by no key; one bound to a key is", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    # old: ${other}\n    steps:\n      - run: curl -H "x: ${token}" https://example.com\n      - env:\n          DEPLOY_TOKEN: ${fake.chars(40)}\n        run: make\n`;
    const judged = await new HistoryJudge().judge(blob("w", ".github/workflows/ci.yml", text));
    assert.deepEqual(judged.detections.map((d) => [d.value.slice(0, 4), d.name]), [
      [other.slice(0, 4), undefined],
      [token.slice(0, 4), undefined],
      [text.split("DEPLOY_TOKEN: ")[1].slice(0, 4), "DEPLOY_TOKEN"],
    ]);
  });

  it("a TS/JS version over the parse limit is read by the text-wide detectors only: an assignment's idiom in it is not", async () => {
    const padding = "// generated\n".repeat(Math.ceil(LARGEST_PARSED / 13));
    const text = `${padding}const cmd = "export DEPLOY_TOKEN=${fake.chars(40)}";\nconst t = "${token}";\n`;
    const judged = await new HistoryJudge().judge(blob("b", "dist/index.js", text));
    assert.deepEqual([judged.textOnly, judged.detections.map((d) => d.value)], [true, [token]]);
  });

  it("a workflow over the TS/JS parse limit is still read by its platform: the keys it binds are named", async () => {
    const padding = Array.from({ length: 6000 }, (_, i) => `      - run: echo step ${i} of a very long generated workflow\n`).join("");
    const text = `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      DEPLOY_TOKEN: ${token}\n    steps:\n${padding}`;
    assert.ok(text.length > LARGEST_PARSED);
    const judged = await new HistoryJudge().judge(blob("w", ".github/workflows/deploy.yml", text));
    assert.deepEqual([judged.textOnly, judged.detections.map((d) => d.name)], [undefined, ["DEPLOY_TOKEN"]]);
  });
});

describe("KeptVersions", () => {
  const kept = (text: string) => ({ version: new PlainVersion(text), mode: "text" as const, detections: [] });

  it("keeps each path's last version whatever the budget, and others read recently within 4 MiB", () => {
    const versions = new KeptVersions();
    const mebibyte = "x".repeat(1024 * 1024);
    versions.keep("a.txt", "a1", kept("first a"));
    versions.keep("a.txt", "a2", kept("second a"));
    for (let i = 0; i < 5; i++) versions.keep(`big${i}.txt`, `b${i}`, kept(mebibyte));
    // a2 left the recent ones (5 MiB came after it) but is still a.txt's last; a1 is neither.
    assert.equal(versions.versionOf("a.txt", "a2")?.version.text, "second a");
    assert.equal(versions.versionOf("a.txt", "a1"), undefined);
    // The oldest big one left too; the four after it fit.
    assert.equal(versions.versionOf("elsewhere.txt", "b0"), undefined);
    assert.deepEqual([1, 2, 3, 4].map((i) => versions.versionOf("elsewhere.txt", `b${i}`)?.version.text.length), [1, 2, 3, 4].map(() => mebibyte.length));
    // A side branch's version at another path, read recently: found by its id.
    versions.keep("side.txt", "s1", kept("side"));
    versions.keep("side.txt", "s2", kept("side 2"));
    assert.equal(versions.versionOf("side.txt", "s1")?.version.text, "side");
    // A version a platform claims is not kept: it is its path's last, with nothing to judge from.
    versions.keep("side.txt", "s3", undefined);
    assert.equal(versions.versionOf("side.txt", "s3"), undefined);
    assert.equal(versions.versionOf("side.txt", "s2")?.version.text, "side 2");
  });
});
