// The same checks for every platform: recognition (and files it must not claim), connector
// extraction, hardcoded-secret flag / no-flag, and a fix that leaves a valid file without the finding.
import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, lintFiles } from "../helpers.js";

export interface PlatformCase {
  platform: string;
  /** Paths (with content) it must claim. */
  claims: { path: string; text: string }[];
  /** Files it must leave to others. */
  leaves: { path: string; text: string }[];
  /** A file and the connector names (and kinds) extracted from it, in order. */
  connectors: { path: string; text: string; expected: string[] };
  /** A file with one pasted secret; `fixed` is what the first fix must produce. */
  secret: { path: string; text: string; value: string; fixed: string };
  /** Files that must not get a hardcoded-secret finding. */
  clean: { path: string; text: string }[];
  /** Throws when the text is not valid for the platform's parser. */
  validate: (text: string) => void | Promise<void>;
}

export function platformSuite(c: PlatformCase): void {
  describe(`platform ${c.platform}`, () => {
    it("recognises its files, by path and by content", () => {
      for (const file of c.claims) assert.equal(platformFor(file.path, file.text).id, c.platform, file.path);
    });
    it("leaves other platforms' files alone", () => {
      for (const file of c.leaves) assert.notEqual(platformFor(file.path, file.text).id, c.platform, file.path);
    });
    it("extracts its connectors", async () => {
      const result = await lintFiles([{ path: c.connectors.path, text: c.connectors.text }]);
      assert.deepEqual(result.internalErrors, []);
      const refs = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /`([^`]+)`/.exec(f.message)![1] + ":" + /^(\S+)/.exec(f.message)![1]);
      assert.deepEqual(refs, c.connectors.expected);
    });
    it("flags a pasted secret and fixes it in the platform's own syntax", async () => {
      const result = await lintFiles([{ path: c.secret.path, text: c.secret.text }]);
      const findings = result.findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 1, findings.map((f) => f.message).join(" | "));
      const start = c.secret.text.indexOf(c.secret.value);
      assert.deepEqual(findings[0].span, { start, end: start + c.secret.value.length });
      const fixed = applyEdits(c.secret.text, findings[0].fixes[0].edits);
      assert.equal(fixed, c.secret.fixed);
      await c.validate(fixed);
      const after = await lintFiles([{ path: c.secret.path, text: fixed }]);
      assert.equal(after.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 0);
      assert.equal(after.findings.filter((f) => f.ruleId === "parse-error").length, 0);
    });
    it("does not flag references, placeholders and ordinary values", async () => {
      for (const file of c.clean) {
        const result = await lintFiles([file]);
        assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message), [], file.path);
      }
    });
  });
}

export function validYaml(text: string): void {
  // Imported lazily so the suite file stays light.
  return import("yaml").then(({ parseAllDocuments }) => {
    for (const doc of parseAllDocuments(text) as { errors: { message: string }[] }[]) assert.deepEqual(doc.errors.map((e) => e.message), []);
  }) as unknown as void;
}

export function validJson(text: string): void {
  JSON.parse(text);
}

/**
 * Recognition by content, one signal at a time: each claimed text carries a single signal of the
 * platform (so each is shown to be enough alone), each left text a near miss of one.
 */
export function recognitionByContent(platform: string, path: string, claims: Record<string, string>, leaves: Record<string, string>): void {
  describe(`platform ${platform}: recognised by content (${path}), one signal at a time`, () => {
    for (const [what, text] of Object.entries(claims)) it(`claims ${what}`, () => assert.equal(platformFor(path, text).id, platform));
    for (const [what, text] of Object.entries(leaves)) it(`leaves ${what}`, () => assert.notEqual(platformFor(path, text).id, platform));
  });
}

/** Recognition by path alone (empty files). */
export function recognitionByPath(platform: string, claims: string[], leaves: string[]): void {
  it(`platform ${platform}: by path, ${claims.length} names claimed and ${leaves.length} near misses left`, () => {
    for (const path of claims) assert.equal(platformFor(path, "").id, platform, path);
    for (const path of leaves) assert.notEqual(platformFor(path, "").id, platform, path);
  });
}
