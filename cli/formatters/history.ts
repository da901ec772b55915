// `nhilint history`'s report in each format: for people (each secret, then what to rotate), JSON, SARIF
// for code scanning, GitHub workflow commands and GitLab's secret-detection report. A secret is shown
// by its redacted form only (a 4-character prefix and the length), as everywhere else.
import { styleText } from "node:util";
import { docsUrl, plural } from "../../linter-core/index.js";
import type { HistorySecret } from "../history.js";
import { sha256Hex } from "../crypto.js";
import { LARGEST_PARSED } from "../history-judge.js";
import { command, property } from "./github.js";
import { gitlabScanner, uuidFrom } from "./gitlab.js";
import { acceptedByComment } from "./report.js";
import { plain, plainPath } from "./stylish.js";

export type HistoryFormat = "stylish" | "json" | "sarif" | "github" | "gitlab";

export interface HistoryReport {
  revisions: string[];
  /** A shallow clone: the commits before its cut were not read. */
  shallow: boolean;
  secrets: HistorySecret[];
  blobsScanned: number;
  skipped: { large: number; binary: number; dependencies: number; ignored: number };
  /** Versions of TS/JS files too large to parse (over 256 KiB: bundles), read by the text-wide detectors only. */
  readAsText: number;
  /** The baseline as the user names it (`.nhilint-baseline.json`): "accepted in …". */
  baselineShown: string;
}

export interface HistoryFormatOptions {
  color: boolean;
  version: string;
  now?: Date;
}

export async function formatHistory(report: HistoryReport, format: HistoryFormat, options: HistoryFormatOptions): Promise<string> {
  switch (format) {
    case "json": {
      const { revisions, shallow, blobsScanned, skipped, readAsText, secrets } = report;
      return `${JSON.stringify({ revisions, shallow, blobsScanned, skipped, readAsText, secrets }, null, 2)}\n`;
    }
    case "sarif":
      return historySarif(report, options.version);
    case "github":
      return historyGithub(report);
    case "gitlab":
      return historyGitlab(report, options);
    default:
      return historyStylish(report, options.color);
  }
}

const short = (id: string | undefined) => id?.slice(0, 12) ?? "";
/** The line it was on where it came in, when known. */
const at = (s: HistorySecret) => (s.line ? ` (line ${s.line})` : "");

/** What a shallow clone means for the report, in the machine formats (stylish runs say it on stderr). */
export const SHALLOW_NOTE =
  "this clone is shallow: commits before its cut are not read, and a secret they brought in is dated at the oldest commit read. Read the whole history with `git fetch --unshallow` (GitHub Actions: actions/checkout with fetch-depth: 0).";

/** What accepts a secret: the baseline, or a `nhilint-disable-next-line` comment (where, and why). */
function acceptedBy(s: HistorySecret, baselineShown: string): string {
  return s.suppression ? acceptedByComment(s.suppression) : `accepted in ${baselineShown}`;
}

/** What to do about one secret, in a sentence: when it came in, whether HEAD holds it. */
function sentence(s: HistorySecret): string {
  if (s.ref) return `${s.title} (${s.redacted}) is held by ${s.ref}${at(s)}, a ref that names it in no commit${s.date ? ` (tagged on ${s.date})` : ""}: every clone that fetches the ref holds it. Rotate it at its provider${s.revoke ? ` (${s.revoke})` : ""}.`;
  return `${s.title} (${s.redacted}) was committed in ${short(s.firstCommit)}${at(s)} on ${s.date}${s.inHead ? " and is still in HEAD" : s.removedIn ? ` and removed in ${short(s.removedIn)}` : ""}: every clone and fork holds it. Rotate it at its provider${s.revoke ? ` (${s.revoke})` : ""}.`;
}

function historyStylish(report: HistoryReport, color: boolean): string {
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text, { validateStream: false }) : text);
  const { secrets, blobsScanned: blobs, skipped, readAsText, baselineShown } = report;
  const out: string[] = [];
  // Paths, author names and titles (which name keys) come from the repository: no terminal control
  // characters from them.
  for (const s of secrets) {
    const where = s.inHead ? paint("red", "still in HEAD") : s.removedIn ? `removed in ${short(s.removedIn)} (last held by ${short(s.lastCommit)})` : "not in HEAD";
    const also = s.paths.length > 1 ? `; also at ${s.paths.slice(1, 4).map(plainPath).join(", ")}${s.paths.length > 4 ? ` and ${s.paths.length - 4} more` : ""}` : "";
    out.push(
      `${paint("underline", plainPath(s.path))}\n  ${plain(s.title)} (${s.redacted})\n  ${s.ref ? `held by ${plainPath(s.ref)}${at(s)}, in no commit${s.author ? ` (tagged by ${plain(s.author)} on ${s.date})` : ""}` : `added in ${short(s.firstCommit)}${at(s)} by ${plain(s.author)} on ${s.date}`}${also}\n  ${where}${s.accepted ? `\n  ${paint("green", plain(acceptedBy(s, baselineShown)))}` : ""}\n\n`,
    );
  }
  const skips = [
    skipped.large + skipped.binary > 0 && `${skipped.large} large and ${skipped.binary} binary`,
    skipped.dependencies > 0 && `${skipped.dependencies} only in dependency folders, which --include-dependencies reads`,
    skipped.ignored > 0 && `${skipped.ignored} only at paths the configuration ignores`,
  ].filter(Boolean);
  const skippedText = skips.length > 0 ? ` (skipped ${skips.join("; ")})` : "";
  const textText = readAsText > 0 ? `; ${plural(readAsText, "version")} of TS/JS files over ${LARGEST_PARSED / 1024} KiB (bundles) read as text, not parsed` : "";
  const inBaseline = secrets.filter((s) => s.accepted && !s.suppression).length;
  const byComment = secrets.filter((s) => s.suppression).length;
  const how = (count: number, text: string) => (count === 0 ? [] : [{ count, text }]);
  const accepted = [...how(inBaseline, `in ${baselineShown}`), ...how(byComment, "by nhilint-disable-next-line comments")];
  const acceptedText =
    accepted.length === 0 ? "" : `, ${inBaseline + byComment} of them accepted ${accepted.length === 1 ? accepted[0].text : `(${accepted.map((a) => `${a.count} ${a.text}`).join(", ")})`}`;
  const toRotate = secrets.filter((s) => !s.accepted);
  out.push(paint(toRotate.length > 0 ? "red" : "green", `${plural(secrets.length, "secret")} in the history${acceptedText}`) + `: ${plural(blobs, "blob")} read${skippedText}${textText}.\n`);
  if (toRotate.length > 0) {
    out.push(`\n${paint("bold", "Rotate these (most exposed first: still in HEAD, then the oldest):")}\n`);
    toRotate.forEach((s, i) => out.push(`  ${i + 1}. ${plain(s.title)} (${s.redacted}) at ${plainPath(s.path)}${s.date ? `, since ${s.date}` : ""}${s.inHead ? ", still in HEAD" : ""}\n${s.revoke ? `     revoke it at ${s.revoke}\n` : ""}`));
    out.push("\nDeleting a secret from the files does not take it out of clones and forks: rotate it at its provider, then record what you rotated with `nhilint history --update-baseline`.\n");
  }
  return out.join("");
}

/**
 * SARIF 2.1.0 for code scanning: one `hardcoded-secret` result per secret, at the path it came in, with
 * the commits in its properties. The fingerprint is of where and when it came in (title, path, first
 * commit), never of the value.
 */
async function historySarif(report: HistoryReport, version: string): Promise<string> {
  const { ruleDescriptors, sarifLog } = await import("./sarif.js");
  const rules = ruleDescriptors();
  const ruleIndex = rules.findIndex((rule) => rule.id === "hardcoded-secret");
  const results = report.secrets.map((s) => ({
    ruleId: "hardcoded-secret",
    ruleIndex,
    level: "error" as const,
    message: { text: sentence(s) },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.path), uriBaseId: "%SRCROOT%" } } }],
    partialFingerprints: { "nhilintHistory/v1": alertFingerprint(s) },
    // SARIF's kinds: a comment in the source is `inSource`, the baseline `external`.
    ...(s.accepted && { suppressions: [s.suppression ? { kind: "inSource" as const, justification: s.suppression.reason, location: { physicalLocation: { artifactLocation: { uri: encodeURI(s.suppression.path), uriBaseId: "%SRCROOT%" }, region: { startLine: s.suppression.line } } } } : { kind: "external" as const, justification: `accepted in ${report.baselineShown}` }] }),
    properties: { firstCommit: s.firstCommit, ...(s.line && { line: s.line }), ...(s.ref && { ref: s.ref }), author: s.author, date: s.date, inHead: s.inHead, ...(s.removedIn && { removedIn: s.removedIn, lastCommit: s.lastCommit }), paths: s.paths, ...(s.revoke && { revoke: s.revoke }) },
  }));
  const notes = report.shallow ? [{ level: "warning" as const, message: { text: SHALLOW_NOTE } }] : [];
  return sarifLog(version, rules, results, { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes }] });
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Where and when a secret came in, hashed: stable across runs, never of the value. */
function alertFingerprint(s: HistorySecret): string {
  return sha256Hex(`${s.title}\0${s.path}\0${s.firstCommit}`).slice(0, 32);
}

/**
 * GitHub Actions workflow commands: an error annotation per secret to rotate, at the file it came in
 * (no line: the file may have changed since), a notice per accepted one, and a summary line.
 */
function historyGithub(report: HistoryReport): string {
  const lines = report.secrets.map((s) =>
    command(s.accepted ? "notice" : "error", `file=${property(s.path)},title=${property("nhilint hardcoded-secret (history)")}`, s.accepted ? `${sentence(s)} ${capitalised(acceptedBy(s, report.baselineShown))}.` : sentence(s)),
  );
  if (report.shallow) lines.push(command("warning", "title=nhilint history", SHALLOW_NOTE));
  const toRotate = report.secrets.filter((s) => !s.accepted).length;
  lines.push(`nhilint: ${plural(report.secrets.length, "secret")} in the history, ${toRotate} to rotate: ${plural(report.blobsScanned, "blob")} read`);
  return `${lines.join("\n")}\n`;
}

/**
 * GitLab's secret-detection report: one vulnerability per secret, located at the file and the commit
 * that brought it in (author and date too). Accepted ones are left out: GitLab has no way to mark one
 * accepted in the report, and a dismissal there is the team's to make.
 */
function historyGitlab(report: HistoryReport, options: HistoryFormatOptions): string {
  const now = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, "");
  const scanner = gitlabScanner(options.version);
  const vulnerabilities = report.secrets
    .filter((s) => !s.accepted)
    .map((s) => {
      const alert = alertFingerprint(s);
      return {
        id: uuidFrom(`history:${alert}`),
        category: "secret_detection",
        name: s.title,
        message: sentence(s),
        description: s.paths.length > 1 ? `${sentence(s)}\n\nAlso committed at: ${s.paths.slice(1).join(", ")}` : sentence(s),
        cve: `${s.path}:${alert}:hardcoded-secret`,
        severity: "High",
        confidence: "High",
        scanner: { id: scanner.id, name: scanner.name },
        // (A secret only a ref holds: the object the ref names, and the tagger if any.)
        location: { file: s.path, ...(s.line && { start_line: s.line }), commit: { sha: s.firstCommit, ...(s.author && { author: s.author }), ...(s.date && { date: s.date }) } },
        identifiers: [{ type: "nhilint_rule_id", name: "nhilint hardcoded-secret", value: "hardcoded-secret", url: docsUrl("hardcoded-secret") }],
        ...(s.revoke && { links: [{ name: "Revoke it", url: s.revoke }] }),
      };
    });
  return `${JSON.stringify({ version: "15.0.7", vulnerabilities, scan: { analyzer: scanner, scanner, type: "secret_detection", status: "success", ...(report.shallow && { messages: [{ level: "warn", value: SHALLOW_NOTE }] }), start_time: now, end_time: now } }, null, 2)}\n`;
}
