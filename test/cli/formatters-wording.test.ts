// The words and escapes of the human and GitHub formats on small, hand-made reports: one of each
// (singular) and many (plural), warnings-only summaries, accepted secrets to rotate, stale baseline
// entries, notices, and escaping what a workflow file could smuggle into a terminal or a workflow command.
import assert from "node:assert/strict";
import { styleText } from "node:util";
import type { Finding } from "../../linter-core/index.js";
import { formatGithub } from "../../cli/formatters/github.js";
import { formatStylish } from "../../cli/formatters/stylish.js";
import type { Report } from "../../cli/formatters/types.js";

const options = { color: false, version: "9.9.9" };
const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: "excessive-permissions",
  severity: "warning",
  confidence: "high",
  message: "a message",
  path: "a.yml",
  span: { start: 0, end: 1 },
  start: { line: 1, column: 1 },
  end: { line: 1, column: 2 },
  fingerprint: "f",
  fixes: [],
  ...over,
});
const report = (over: Partial<Report> = {}): Report => ({ findings: [], notices: [], filesLinted: 1, staleBaselineEntries: 0, baselined: 0, suppressed: [], ...over });
const error = finding({ severity: "error", ruleId: "hardcoded-secret" });

describe("stylish and github wording", () => {
  it("summaries: singular and plural of problems, errors, warnings and files", () => {
    const last = (text: string) => text.trimEnd().split("\n").at(-1);
    assert.equal(last(formatStylish(report({ filesLinted: 1 }), options)), "✔ no problems in 1 file");
    assert.equal(last(formatStylish(report({ filesLinted: 2 }), options)), "✔ no problems in 2 files");
    assert.equal(last(formatStylish(report({ findings: [error] }), options)), "✖ 1 problem (1 error, 0 warnings) in 1 file");
    assert.equal(last(formatStylish(report({ findings: [finding()], filesLinted: 3 }), options)), "✖ 1 problem (0 errors, 1 warning) in 3 files");
    assert.equal(last(formatStylish(report({ findings: [error, error, finding(), finding()], filesLinted: 2 }), options)), "✖ 4 problems (2 errors, 2 warnings) in 2 files");
    assert.equal(last(formatGithub(report({ findings: [error] }), options)), "nhilint: 1 problem (1 error) in 1 file");
    assert.equal(last(formatGithub(report({ findings: [error, finding()], filesLinted: 2 }), options)), "nhilint: 2 problems (1 error) in 2 files");
    assert.equal(last(formatGithub(report({ findings: [error, error] }), options)), "nhilint: 2 problems (2 errors) in 1 file");
  });

  it("colour: red summary with an error, yellow with warnings only, green when clean", () => {
    const color = { ...options, color: true };
    const last = (text: string) => text.trimEnd().split("\n").at(-1);
    const paint = (style: "red" | "yellow" | "green", text: string) => styleText(style, text, { validateStream: false });
    assert.equal(last(formatStylish(report({ findings: [error, finding()] }), color)), paint("red", "✖ 2 problems (1 error, 1 warning) in 1 file"));
    assert.equal(last(formatStylish(report({ findings: [finding()] }), color)), paint("yellow", "✖ 1 problem (0 errors, 1 warning) in 1 file"));
    assert.equal(last(formatStylish(report(), color)), paint("green", "✔ no problems in 1 file"));
  });

  it("a finding's help is a fix line only when there is one; notices get their section only when there are any", () => {
    const withHelp = formatStylish(report({ findings: [finding({ help: "Do this." }), finding({ start: { line: 2, column: 1 } })] }), options);
    assert.equal(withHelp.match(/fix:/g)?.length, 1);
    assert.match(withHelp, /^ {11}fix: Do this\.$/m);
    assert.doesNotMatch(withHelp, /Notices/);
    const noticed = formatStylish(report({ notices: [{ path: "big.bin", message: "skipped: binary file" }] }), options);
    assert.ok(noticed.startsWith("Notices\n  big.bin: skipped: binary file\n\n"), JSON.stringify(noticed));
    assert.ok(!noticed.startsWith("\n"), "no blank first line");
  });

  it("accepted secrets are listed to rotate (other accepted findings only counted); --show-suppressed lists every one with how", () => {
    const bySecret = finding({ ruleId: "hardcoded-secret", severity: "error", message: "Hardcoded GitHub token (ghp_… (40 chars)): anyone who can read this file can use it.", path: "b.yml", start: { line: 7, column: 3 }, suppression: { kind: "external", justification: "accepted in .nhilint-baseline.json" } });
    const byComment = finding({ ruleId: "hardcoded-secret", severity: "error", message: "Hardcoded password (Zq8v… (16 chars)): anyone who can read this file can use it.", path: "c.yml", start: { line: 2, column: 5 }, suppression: { kind: "inSource", justification: "revoked demo" } });
    const other = finding({ suppression: { kind: "inSource", justification: "needed to publish" } });
    const text = formatStylish(report({ suppressed: [bySecret, byComment, other] }), options);
    assert.match(text, /\nAccepted secrets — rotate them \(2\):\n {2}b\.yml:7 {2}GitHub token \(ghp_… \(40 chars\)\) {2}\(baseline\)\n {2}c\.yml:2 {2}password \(Zq8v… \(16 chars\)\) {2}\(revoked demo\)\n/);
    assert.match(text, /3 accepted findings not shown \(2 by nhilint-disable comments, 1 by the baseline\): --show-suppressed lists them\./);
    const all = formatStylish(report({ suppressed: [bySecret, other], showSuppressed: true }), options);
    assert.match(all, /\n\nSuppressed\n {2}b\.yml:7:3 {2}Hardcoded GitHub token .* {2}hardcoded-secret, baseline\n {2}a\.yml:1:1 {2}a message {2}excessive-permissions, comment: needed to publish\n/);
    assert.doesNotMatch(all, /not shown/);
    const dim = (text: string) => styleText("dim", text, { validateStream: false });
    const colored = formatStylish(report({ suppressed: [bySecret], showSuppressed: true }), { ...options, color: true });
    assert.ok(colored.includes(`\n\n${styleText("bold", "Suppressed", { validateStream: false })}\n  b.yml:7:3  Hardcoded GitHub token (ghp_… (40 chars)): anyone who can read this file can use it.  ${dim("hardcoded-secret, baseline")}\n`), JSON.stringify(colored));
    const none = formatStylish(report({ suppressed: [other] }), options);
    assert.doesNotMatch(none, /Accepted secrets/);
    assert.doesNotMatch(formatStylish(report(), options), /accepted|Suppressed/);
  });

  it("stale baseline entries: one entry matches, two entries match; none: nothing said", () => {
    assert.match(formatStylish(report({ staleBaselineEntries: 1 }), options), /^1 baseline entry matches nothing any more: run `nhilint --update-baseline` to drop them\.$/m);
    assert.match(formatStylish(report({ staleBaselineEntries: 2 }), options), /^2 baseline entries match nothing any more/m);
    assert.doesNotMatch(formatStylish(report(), options), /baseline entr/);
  });

  it("stylish replaces terminal control characters from files in paths, messages and help", () => {
    const text = formatStylish(report({ findings: [finding({ path: "a\x1b[2J.yml", message: "job \x1b]0;x\x07 b\rc", help: "h\bi" })], notices: [{ path: "n\x1b.bin", message: "m\x1b" }] }), options);
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(text), JSON.stringify(text));
    assert.match(text, /a�\[2J\.yml/);
    assert.match(text, /fix: h�i/);
  });

  it("stylish shows a path holding a newline or a tab on one line, escaped as git allows both in names", () => {
    const text = formatStylish(report({ findings: [finding({ path: "ops\nprod\tkeys.yml" })] }), options);
    assert.ok(text.startsWith("ops\\nprod\\tkeys.yml\n  1:1 "), JSON.stringify(text));
  });

  it("--show-suppressed with nothing accepted adds no empty section; stale entries are yellow in colour", () => {
    assert.equal(formatStylish(report({ showSuppressed: true }), options), "✔ no problems in 1 file\n");
    const stale = formatStylish(report({ staleBaselineEntries: 1 }), { ...options, color: true });
    assert.ok(stale.includes(styleText("yellow", "1 baseline entry matches nothing any more: run `nhilint --update-baseline` to drop them.", { validateStream: false })), JSON.stringify(stale));
  });

  it("github: % CR LF escaped in messages; `:` and `,` too in properties", () => {
    const text = formatGithub(report({ findings: [finding({ path: "dir,x/a:b.yml", message: "100% done\r\nnext", help: "use: a, b" })], notices: [{ path: "n,1.bin", message: "50%\nskipped" }] }), options);
    const [command, notice] = text.split("\n");
    assert.equal(command, "::warning file=dir%2Cx/a%3Ab.yml,line=1,col=1,endLine=1,endColumn=2,title=nhilint excessive-permissions::100%25 done%0D%0Anext Fix: use: a, b");
    assert.equal(notice, "::notice file=n%2C1.bin,title=nhilint::50%25%0Askipped");
    assert.match(formatGithub(report({ findings: [error] }), options), /^::error file=a\.yml,line=1,col=1,endLine=1,endColumn=2,title=nhilint hardcoded-secret::a message$/m);
  });
});
