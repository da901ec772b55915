// `nhilint history`'s report in each format (cli/formatters/history.ts), from a made-up report: what
// each format says of a secret to rotate, one removed since, one accepted by the baseline and one by a
// comment, and of what was skipped. The scans that make real reports are tested in history.test.ts.
import assert from "node:assert/strict";
import { formatHistory, SHALLOW_NOTE, type HistoryReport } from "../../cli/formatters/history.js";
import type { HistorySecret } from "../../cli/history.js";

const commit = (n: number) => String(n).repeat(40).slice(0, 40);

const secret = (more: Partial<HistorySecret>): HistorySecret => ({
  title: "GitHub personal access token",
  redacted: "ghp_… (40 chars)",
  firstCommit: commit(1),
  author: "Dev <dev@example.com>",
  date: "2024-03-01",
  path: ".github/workflows/ci.yml",
  inHead: true,
  paths: [".github/workflows/ci.yml"],
  names: [],
  ...more,
});

const inHead = secret({ revoke: "https://github.com/settings/tokens" });
const removed = secret({ title: "Slack bot token", redacted: "xoxb… (56 chars)", firstCommit: commit(2), inHead: false, removedIn: commit(3), lastCommit: commit(4), path: "a b.txt", paths: ["a b.txt", "p1", "p2", "p3", "p4", "p5"] });
const baselined = secret({ title: "npm token", redacted: "npm_… (40 chars)", firstCommit: commit(5), path: "old.env", paths: ["old.env"], accepted: true });
const commented = secret({ title: "AWS secret access key", redacted: "abcd… (40 chars)", firstCommit: commit(6), path: "src/x.ts", paths: ["src/x.ts"], accepted: true, suppression: { path: "src/x.ts", line: 7, reason: "a test's fixture" } });

const report = (more: Partial<HistoryReport> = {}): HistoryReport => ({
  revisions: ["HEAD"],
  shallow: false,
  secrets: [inHead, removed, baselined, commented],
  blobsScanned: 1234,
  skipped: { large: 2, binary: 3, dependencies: 4, ignored: 5 },
  readAsText: 1,
  baselineShown: ".nhilint-baseline.json",
  ...more,
});

const format = (format: Parameters<typeof formatHistory>[1], more?: Partial<HistoryReport>) => formatHistory(report(more), format, { color: false, version: "9.9.9", now: new Date("2026-11-28T10:11:12.345Z") });

describe("nhilint history: each format, from a made-up report", () => {
  it("stylish: each secret, where else it was, what holds it now, what accepts it; the counts; what to rotate", async () => {
    const text = await format("stylish");
    assert.ok(text.includes("a b.txt\n  Slack bot token (xoxb… (56 chars))\n  added in 222222222222 by Dev <dev@example.com> on 2024-03-01; also at p1, p2, p3 and 2 more\n  removed in 333333333333 (last held by 444444444444)\n"), text);
    assert.ok(text.includes("old.env\n  npm token (npm_… (40 chars))\n  added in 555555555555 by Dev <dev@example.com> on 2024-03-01\n  still in HEAD\n  accepted in .nhilint-baseline.json\n"), text);
    assert.ok(text.includes("  accepted by a comment at src/x.ts:7: a test's fixture\n"), text);
    assert.ok(
      text.includes(
        "4 secrets in the history, 2 of them accepted (1 in .nhilint-baseline.json, 1 by nhilint-disable-next-line comments): 1234 blobs read (skipped 2 large and 3 binary; 4 only in dependency folders, which --include-dependencies reads; 5 only at paths the configuration ignores); 1 version of TS/JS files over 256 KiB (bundles) read as text, not parsed.\n",
      ),
      text,
    );
    assert.ok(
      text.includes(
        "Rotate these (most exposed first: still in HEAD, then the oldest):\n  1. GitHub personal access token (ghp_… (40 chars)) at .github/workflows/ci.yml, since 2024-03-01, still in HEAD\n     revoke it at https://github.com/settings/tokens\n  2. Slack bot token (xoxb… (56 chars)) at a b.txt, since 2024-03-01\n",
      ),
      text,
    );
  });

  it("stylish in colour: the count red while something is to rotate, green once nothing is; four paths list three", async () => {
    const colored = (more: Partial<HistoryReport>) => formatHistory(report(more), "stylish", { color: true, version: "9.9.9" });
    assert.ok((await colored({})).includes("\u001b[31m4 secrets in the history"));
    assert.ok((await colored({ secrets: [baselined] })).includes("\u001b[32m1 secret in the history"));
    assert.ok((await colored({})).includes("\u001b[1mRotate these"));
    const four = await format("stylish", { secrets: [{ ...removed, paths: removed.paths.slice(0, 4) }] });
    assert.ok(four.includes("; also at p1, p2, p3\n"), four);
  });

  it("stylish: one of each, nothing skipped, nothing to rotate", async () => {
    const text = await format("stylish", { secrets: [baselined], blobsScanned: 1, skipped: { large: 0, binary: 0, dependencies: 0, ignored: 0 }, readAsText: 2 });
    assert.ok(text.includes("1 secret in the history, 1 of them accepted in .nhilint-baseline.json: 1 blob read; 2 versions of TS/JS files over 256 KiB (bundles) read as text, not parsed.\n"), text);
    assert.ok(!text.includes("Rotate these"), text);
    const none = await format("stylish", { secrets: [], readAsText: 0, skipped: { large: 0, binary: 0, dependencies: 0, ignored: 0 } });
    assert.equal(none, "0 secrets in the history: 1234 blobs read.\n");
  });

  it("a secret only a side branch ever held: not in HEAD, and no commit took it out", async () => {
    const side = secret({ title: "Stripe secret key", redacted: "sk_l… (32 chars)", inHead: false, path: "wip.env", paths: ["wip.env"] });
    const text = await format("stylish", { revisions: ["--all"], secrets: [side] });
    assert.ok(text.startsWith("wip.env\n  Stripe secret key (sk_l… (32 chars))\n  added in 111111111111 by Dev <dev@example.com> on 2024-03-01\n  not in HEAD\n\n"), text);
    assert.ok(text.includes("\n  1. Stripe secret key (sk_l… (32 chars)) at wip.env, since 2024-03-01\n\nDeleting a secret"), text);
    const log = JSON.parse(await format("sarif", { secrets: [side] }));
    assert.equal(log.runs[0].results[0].message.text, "Stripe secret key (sk_l… (32 chars)) was committed in 111111111111 on 2024-03-01: every clone and fork holds it. Rotate it at its provider.");
    assert.deepEqual(log.runs[0].results[0].properties, { firstCommit: commit(1), author: "Dev <dev@example.com>", date: "2024-03-01", inHead: false, paths: ["wip.env"] });
  });

  it("the line it came in on, where known: after the commit in the report and in every sentence, in SARIF's properties, as GitLab's start line", async () => {
    const placed = secret({ line: 12, inHead: false, paths: [".github/workflows/ci.yml"] });
    const only = (format: Parameters<typeof formatHistory>[1]) => formatHistory(report({ secrets: [placed] }), format, { color: false, version: "9.9.9", now: new Date("2026-11-28T10:11:12.345Z") });
    assert.ok((await only("stylish")).includes("\n  added in 111111111111 (line 12) by Dev <dev@example.com> on 2024-03-01\n"));
    const [result] = JSON.parse(await only("sarif")).runs[0].results;
    assert.equal(result.properties.line, 12);
    assert.match(result.message.text, /was committed in 111111111111 \(line 12\) on 2024-03-01:/);
    assert.match(await only("github"), /was committed in 111111111111 \(line 12\) on 2024-03-01:/);
    assert.equal(JSON.parse(await only("gitlab")).vulnerabilities[0].location.start_line, 12);
    assert.equal(JSON.parse(await only("json")).secrets[0].line, 12);
    // Without one (a report made elsewhere), nothing is said of a line.
    assert.ok(!(await format("stylish")).includes("(line "));
    assert.equal(JSON.parse(await format("gitlab")).vulnerabilities[0].location.start_line, undefined);
  });

  it("sarif: a result per secret at its path from the source root; the baseline's acceptance external, a comment's in the source where it stands", async () => {
    const log = JSON.parse(await format("sarif", { shallow: true }));
    const run = log.runs[0];
    const results = run.results as { ruleId: string; ruleIndex: number; message: { text: string }; locations: unknown[]; suppressions?: unknown[]; properties: Record<string, unknown> }[];
    assert.ok(results.every((r) => r.ruleId === "hardcoded-secret" && run.tool.driver.rules[r.ruleIndex].id === "hardcoded-secret"));
    // Where and when each came in, hashed: one per secret, never the value.
    const prints = results.map((r) => (r as unknown as { partialFingerprints: Record<string, string> }).partialFingerprints["nhilintHistory/v1"]);
    assert.ok(prints.every((p) => /^[0-9a-f]{32}$/.test(p)) && new Set(prints).size === 4, prints.join(" "));
    assert.deepEqual(results[0].properties, { firstCommit: commit(1), author: "Dev <dev@example.com>", date: "2024-03-01", inHead: true, paths: inHead.paths, revoke: "https://github.com/settings/tokens" });
    assert.deepEqual(results[1].locations, [{ physicalLocation: { artifactLocation: { uri: "a%20b.txt", uriBaseId: "%SRCROOT%" } } }]);
    assert.equal(results[1].message.text, "Slack bot token (xoxb… (56 chars)) was committed in 222222222222 on 2024-03-01 and removed in 333333333333: every clone and fork holds it. Rotate it at its provider.");
    assert.equal(results[0].message.text, "GitHub personal access token (ghp_… (40 chars)) was committed in 111111111111 on 2024-03-01 and is still in HEAD: every clone and fork holds it. Rotate it at its provider (https://github.com/settings/tokens).");
    assert.equal(results[0].suppressions, undefined);
    assert.deepEqual(results[2].suppressions, [{ kind: "external", justification: "accepted in .nhilint-baseline.json" }]);
    assert.deepEqual(results[3].suppressions, [{ kind: "inSource", justification: "a test's fixture", location: { physicalLocation: { artifactLocation: { uri: "src/x.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 7 } } } }]);
    assert.deepEqual(results[1].properties, { firstCommit: commit(2), author: "Dev <dev@example.com>", date: "2024-03-01", inHead: false, removedIn: commit(3), lastCommit: commit(4), paths: removed.paths });
    assert.deepEqual(run.invocations[0].toolExecutionNotifications, [{ level: "warning", message: { text: SHALLOW_NOTE } }]);
  });

  it("json: the report as it is, for scripts", async () => {
    const json = JSON.parse(await format("json"));
    assert.deepEqual(Object.keys(json), ["revisions", "shallow", "blobsScanned", "skipped", "readAsText", "secrets"]);
    assert.deepEqual(json.secrets[1], removed);
    assert.deepEqual(json.skipped, { large: 2, binary: 3, dependencies: 4, ignored: 5 });
  });

  it("a shallow clone is said in every format that can say it; a run that read the history succeeded", async () => {
    const github = (await format("github", { shallow: true })).trimEnd().split("\n");
    assert.equal(github.at(-2), `::warning title=nhilint history::${SHALLOW_NOTE}`);
    assert.doesNotMatch(await format("github"), /::warning/);
    const sarif = JSON.parse(await format("sarif")).runs[0].invocations[0];
    assert.deepEqual(sarif, { executionSuccessful: true, toolExecutionNotifications: [] });
  });

  it("github: an error per secret to rotate, a notice per accepted one, and the counts", async () => {
    const lines = (await format("github")).trimEnd().split("\n");
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^::error file=\.github\/workflows\/ci\.yml,title=nhilint hardcoded-secret \(history\)::GitHub personal access token/);
    assert.match(lines[2], /^::notice .*Rotate it at its provider\. Accepted in \.nhilint-baseline\.json\.$/);
    assert.equal(lines[4], "nhilint: 4 secrets in the history, 2 to rotate: 1234 blobs read");
    assert.equal((await format("github", { secrets: [inHead], blobsScanned: 1 })).trimEnd().split("\n")[1], "nhilint: 1 secret in the history, 1 to rotate: 1 blob read");
  });

  it("gitlab: a vulnerability per secret to rotate, at the commit that brought it in; the scan's own fields", async () => {
    const log = JSON.parse(await format("gitlab"));
    assert.equal(log.vulnerabilities.length, 2);
    const [first, second] = log.vulnerabilities;
    assert.deepEqual(first.location, { file: ".github/workflows/ci.yml", commit: { sha: commit(1), author: "Dev <dev@example.com>", date: "2024-03-01" } });
    assert.deepEqual(first.identifiers.map((i: { type: string; name: string; value: string }) => [i.type, i.name, i.value]), [["nhilint_rule_id", "nhilint hardcoded-secret", "hardcoded-secret"]]);
    assert.deepEqual(first.links, [{ name: "Revoke it", url: "https://github.com/settings/tokens" }]);
    assert.match(second.description, /\n\nAlso committed at: p1, p2, p3, p4, p5$/);
    assert.deepEqual([log.scan.type, log.scan.status, log.scan.start_time, log.scan.end_time], ["secret_detection", "success", "2026-11-28T10:11:12", "2026-11-28T10:11:12"]);
    assert.equal(log.scan.messages, undefined);
    assert.equal(log.version, "15.0.7");
    // The scanner's own fields, and ids and `cve`s that tell the secrets apart without the value.
    assert.deepEqual([first.category, first.severity, first.confidence, first.name], ["secret_detection", "High", "High", "GitHub personal access token"]);
    assert.deepEqual(first.scanner, { id: log.scan.scanner.id, name: log.scan.scanner.name });
    assert.equal(first.identifiers[0].url, "https://github.com/nhilint/nhilint/blob/main/docs/rules/hardcoded-secret.md");
    assert.match(first.cve, /^\.github\/workflows\/ci\.yml:[0-9a-f]{32}:hardcoded-secret$/);
    assert.notEqual(first.id, second.id);
    assert.match(first.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(first.description, first.message);
    assert.deepEqual(JSON.parse(await format("gitlab", { shallow: true })).scan.messages, [{ level: "warn", value: SHALLOW_NOTE }]);
  });
});
