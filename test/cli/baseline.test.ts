// The baseline file's own rules (cli/baseline.ts): what it accepts as a file, what it accepts of a
// run's findings, and the text it writes. The runs that read and write it are in reports.test.ts.
import assert from "node:assert/strict";
import { addHistoryToBaseline, addToBaseline, applyBaseline, BaselineError, baselineText, newBaseline, parseBaseline } from "../../cli/baseline.js";
import { KDF_ALGORITHM, KDF_ITERATIONS, type Finding } from "../../linter-core/index.js";

const salt = "0123456789abcdef0123456789abcdef";
const kdf = { algorithm: KDF_ALGORITHM, iterations: KDF_ITERATIONS } as const;
const valid = { version: 2 as const, salt, kdf, fingerprints: ["a", "b"] };
const finding = (fingerprint: string | undefined) => ({ ruleId: "hardcoded-secret", path: "ci.yml", message: "m", severity: "error", fingerprint }) as unknown as Finding;

describe("the baseline file", () => {
  it("reads a file an editor saved with a byte-order mark", () => {
    assert.deepEqual(parseBaseline("b.json", `\uFEFF${JSON.stringify(valid)}`), valid);
  });

  it("says what shape it expects, naming the file, for JSON that is not a baseline (null, a list, text)", () => {
    for (const text of ["null", "[]", '"x"', "{}", '{"version": 2, "fingerprints": [1]}']) {
      assert.throws(() => parseBaseline("b.json", text), (error: Error) => error instanceof BaselineError && /^b\.json: expected \{"version": 2/.test(error.message), text);
    }
    assert.throws(() => parseBaseline("b.json", "{"), /^Error: b\.json: not valid JSON/);
  });

  it("refuses a history list that is not all fingerprints, and keeps one that is", () => {
    for (const history of [["a", 1], "a", [null]]) {
      assert.throws(() => parseBaseline("b.json", JSON.stringify({ ...valid, history })), /b\.json: "history" must be a list of fingerprints/, JSON.stringify(history));
    }
    assert.deepEqual(parseBaseline("b.json", JSON.stringify({ ...valid, history: ["h"] })), { ...valid, history: ["h"] });
  });

  it("refuses a short salt, another algorithm and fewer iterations", () => {
    assert.throws(() => parseBaseline("b.json", JSON.stringify({ ...valid, salt: "short" })), BaselineError);
    assert.throws(() => parseBaseline("b.json", JSON.stringify({ ...valid, kdf: { ...kdf, algorithm: "md5" } })), BaselineError);
    assert.throws(() => parseBaseline("b.json", JSON.stringify({ ...valid, kdf: { ...kdf, iterations: KDF_ITERATIONS - 1 } })), /kdf\.iterations must be a whole number of at least/);
  });
});

describe("applying a baseline", () => {
  it("accepts the findings it holds, saying where, and counts the entries nothing matched", () => {
    const baseline = { ...valid, fingerprints: ["a", "b", "c"] };
    const result = applyBaseline([finding("a"), finding("x"), finding(undefined), finding("a")], baseline, "config/accepted.json");
    assert.deepEqual(result.kept.map((f) => f.fingerprint), ["x", undefined]);
    assert.deepEqual(result.accepted.map((f) => [f.fingerprint, f.suppression]), [
      ["a", { kind: "external", justification: "accepted in config/accepted.json" }],
      ["a", { kind: "external", justification: "accepted in config/accepted.json" }],
    ]);
    assert.equal(result.stale, 2, "b and c match nothing");
  });

  it("without a baseline keeps everything", () => {
    assert.deepEqual(applyBaseline([finding("a")], undefined), { kept: [finding("a")], accepted: [], stale: 0 });
  });
});

describe("the text a baseline is written as", () => {
  it("each fingerprint once, sorted; no history list unless there is one", () => {
    const text = baselineText([finding("b"), finding("a"), finding("b")], salt);
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(JSON.parse(text), { version: 2, salt, kdf, fingerprints: ["a", "b"] });
    assert.deepEqual(JSON.parse(baselineText([], salt, KDF_ITERATIONS, ["h2", "h1", "h2"])).history, ["h1", "h2"]);
  });

  it("the editor's accept and the history's accept add to their own list, each once, sorted, ending in a newline", () => {
    const baseline = { ...newBaseline(), fingerprints: ["m"] };
    const accepted = addToBaseline(baseline, "c");
    assert.ok(accepted.endsWith("}\n"));
    assert.deepEqual(JSON.parse(accepted).fingerprints, ["c", "m"]);
    assert.deepEqual(JSON.parse(addToBaseline(baseline, "m")).fingerprints, ["m"]);
    const rotated = addHistoryToBaseline({ ...baseline, history: ["z"] }, ["y", "z"]);
    assert.ok(rotated.endsWith("}\n"));
    assert.deepEqual([JSON.parse(rotated).history, JSON.parse(rotated).fingerprints], [["y", "z"], ["m"]]);
    assert.equal(newBaseline().salt.length, 32);
  });
});
