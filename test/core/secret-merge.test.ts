// How overlapping hits of the detectors become one detection (linter-core/secrets/merge.ts): which
// hit gives the title, the confidence and the secret's name, and which hits form one group. The
// candidates are made by hand, so each rule of the merge is tested alone, whatever the detectors find.
import assert from "node:assert/strict";
import { mergeCandidates, type Candidate } from "../../linter-core/secrets/merge.js";
import type { LiteralValue } from "../../linter-core/model.js";
import { FakeSecrets } from "../helpers.js";

const fake = new FakeSecrets(211);
/** Random letters and digits, so no piece of it looks like a placeholder. */
const text = fake.chars(200);

function hit(start: number, end: number, priority: number, title: string, more: Partial<Candidate> = {}): Candidate {
  return { span: { start, end }, value: text.slice(start, end), title, secretName: title.toUpperCase(), confidence: "medium", priority, ...more };
}

const merge = (candidates: Candidate[], literals: LiteralValue[] = []) =>
  mergeCandidates(text, literals, candidates).map((d) => ({ span: [d.span.start, d.span.end], title: d.title, name: d.secretName, confidence: d.confidence, value: d.value === text.slice(d.span.start, d.span.end) }));

describe("secret detection: overlapping hits merged", () => {
  it("the most specific kind gives the title and the confidence, wherever it starts in the group", () => {
    // A value judged by its key (1) around a known format (3) inside it, and an idiom's (2) after it.
    assert.deepEqual(merge([hit(10, 60, 1, "key"), hit(20, 50, 3, "format", { confidence: "high" }), hit(40, 70, 2, "idiom")]), [
      { span: [10, 70], title: "format", name: "KEY", confidence: "high", value: true },
    ]);
    assert.deepEqual(merge([hit(20, 50, 3, "format"), hit(10, 60, 2, "idiom"), hit(15, 30, 1, "key")]), [{ span: [10, 60], title: "format", name: "IDIOM", confidence: "medium", value: true }]);
  });

  it("a more confident hit of a less specific kind does not give the title", () => {
    assert.deepEqual(merge([hit(10, 60, 3, "format", { confidence: "medium" }), hit(20, 50, 2, "idiom", { confidence: "high" })])[0].title, "format");
  });

  it("at the same kind, the more confident hit gives the title; at the same confidence, the first in the text", () => {
    assert.deepEqual(merge([hit(10, 60, 3, "wide", { confidence: "medium" }), hit(20, 50, 3, "narrow", { confidence: "high" })]), [
      { span: [10, 60], title: "narrow", name: "NARROW", confidence: "high", value: true },
    ]);
    assert.deepEqual(merge([hit(20, 50, 3, "narrow", { confidence: "high" }), hit(10, 60, 3, "wide", { confidence: "high" })]), [
      { span: [10, 60], title: "wide", name: "WIDE", confidence: "high", value: true },
    ]);
    assert.deepEqual(merge([hit(10, 60, 2, "first", { confidence: "high" }), hit(20, 50, 2, "second", { confidence: "medium" })]), [
      { span: [10, 60], title: "first", name: "FIRST", confidence: "high", value: true },
    ]);
  });

  it("hits starting at the same place: the longer one comes first", () => {
    assert.deepEqual(merge([hit(10, 30, 3, "short"), hit(10, 60, 3, "long")]), [{ span: [10, 60], title: "long", name: "LONG", confidence: "medium", value: true }]);
    assert.deepEqual(merge([hit(10, 60, 3, "long"), hit(10, 30, 3, "short")]), [{ span: [10, 60], title: "long", name: "LONG", confidence: "medium", value: true }]);
  });

  it("the name comes from the first hit not of a known format, else from the hit that gives the title", () => {
    assert.deepEqual(merge([hit(10, 60, 3, "format"), hit(10, 40, 1, "key", { nameKey: "key" })])[0].name, "KEY");
    assert.deepEqual(merge([hit(10, 60, 3, "wide"), hit(20, 50, 3, "narrow", { confidence: "high" })])[0].name, "NARROW");
  });

  it("hits that touch are two detections; a chain of overlaps is one", () => {
    assert.deepEqual(
      merge([hit(10, 20, 3, "a"), hit(20, 30, 3, "b")]).map((d) => d.span),
      [
        [10, 20],
        [20, 30],
      ],
    );
    // The third overlaps only the second, which reaches past the first.
    assert.deepEqual(
      merge([hit(10, 20, 3, "a"), hit(15, 40, 3, "b"), hit(30, 50, 3, "c"), hit(60, 70, 3, "d")]).map((d) => d.span),
      [
        [10, 50],
        [60, 70],
      ],
    );
    // A short hit inside a long one does not end the group early.
    assert.deepEqual(
      merge([hit(10, 50, 3, "a"), hit(12, 14, 3, "b"), hit(30, 60, 3, "c")]).map((d) => d.span),
      [[10, 60]],
    );
  });

  it("detections come out in the order of the text, whatever order the hits came in", () => {
    assert.deepEqual(
      merge([hit(120, 150, 3, "c"), hit(10, 20, 3, "a"), hit(60, 90, 1, "b")]).map((d) => d.title),
      ["a", "b", "c"],
    );
    assert.deepEqual(merge([]), []);
  });

  it("a placeholder hit takes no part, but may still name the secret; a group of placeholders is nothing", () => {
    const placeholderText = `${"x".repeat(10)}YOUR_API_KEY_HERE ${text.slice(0, 40)}`;
    const at = placeholderText.indexOf(text.slice(0, 40));
    const wide: Candidate = { span: { start: 10, end: at + 40 }, value: "YOUR_API_KEY_HERE", title: "wide", secretName: "DEPLOY_KEY", confidence: "medium", priority: 1 };
    const inner: Candidate = { span: { start: at, end: at + 40 }, value: text.slice(0, 40), title: "format", secretName: "FORMAT", confidence: "high", priority: 3 };
    const merged = mergeCandidates(placeholderText, [], [wide, inner]);
    assert.deepEqual(
      merged.map((d) => ({ span: [d.span.start, d.span.end], title: d.title, name: d.secretName })),
      [{ span: [at, at + 40], title: "format", name: "DEPLOY_KEY" }],
    );
    assert.deepEqual(mergeCandidates(placeholderText, [], [{ ...wide, span: { start: 10, end: 27 } }]), []);
  });

  it("a key that holds a secret names nothing and is redacted in the title", () => {
    const secret = text.slice(20, 60);
    const key = `token_${secret}_password`;
    const own = hit(20, 60, 3, "format");
    // The key-named hit has a name made from the key: the merge must not keep it.
    const named = hit(10, 70, 1, `credential-like value under \`${key}\``, { nameKey: key, secretName: key.toUpperCase() });
    const [detection] = mergeCandidates(text, [], [named, own]);
    assert.equal(detection.secretName, "FORMAT", "the other hit's name");
    // With no hit named otherwise, the name is made from the key less the secret.
    const [alone] = mergeCandidates(text, [], [named, { ...hit(20, 60, 2, "other"), nameKey: "other" }]);
    assert.ok(!alone.secretName.includes(secret.toUpperCase()) && !alone.title.includes(secret), `${alone.secretName} / ${alone.title}`);
    assert.match(alone.secretName, /^TOKEN_+PASSWORD$/);
  });

  it("the detection keeps the literal that holds it whole, and no other", () => {
    const literal = (start: number, end: number): LiteralValue => ({ key: "k", path: ["k"], value: text.slice(start, end), span: { start, end }, role: "assignment", scope: {} });
    const holder = literal(5, 65);
    const [inside] = mergeCandidates(text, [literal(0, 30), holder], [hit(10, 60, 3, "a")]);
    assert.equal(inside.literal, holder);
    const [across] = mergeCandidates(text, [literal(0, 30)], [hit(10, 60, 3, "a")]);
    assert.equal(across.literal, undefined);
  });
});
