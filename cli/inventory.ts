// `nhilint inventory` (the report) and `nhilint inventory init` (bootstrap the records).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { addRecordsEdit, buildReport, DEFAULT_CONFIG, leakToShow, plural, unrecordedConnectors, type HistoryLeak } from "../linter-core/index.js";
import { UsageError } from "./files.js";
import { parseCodeOwners, CODEOWNERS_PATHS } from "../linter-core/codeowners.js";
import { describeLeak, formatReportCsv, formatReportHtml, formatReportJson, formatReportMarkdown } from "./formatters/report.js";
import { describeRepository, gitConfig } from "./git.js";
import { lintRepository, writeOrFail, type ScanOptions } from "./scan.js";

type Common = Pick<ScanOptions, "cwd" | "config" | "inventory" | "now" | "progress" | "stderr" | "stdout">;

export async function inventoryReport(options: Common & { format: "markdown" | "csv" | "json" | "html"; output?: string; history?: boolean }): Promise<number> {
  const run = await lintRepository({ ...options, paths: [], staged: false });
  const history = options.history ? await leaksByName(run.root, run.inGit, options) : undefined;
  const report = buildReport({
    models: run.result.models,
    inventory: run.result.inventory,
    // Accepted findings are part of the truth: shown, marked as accepted.
    findings: [...run.result.findings, ...run.result.suppressed],
    now: options.now ?? new Date(),
    expiryWarningDays: (run.config ?? DEFAULT_CONFIG).expiryWarningDays,
    repository: run.inGit ? describeRepository(run.root, basename(run.root)) : null,
    history,
    redact: run.result.redact,
  });
  const format = { markdown: formatReportMarkdown, csv: formatReportCsv, json: formatReportJson, html: formatReportHtml }[options.format];
  const text = format(report);
  if (options.output) writeOrFail(resolve(options.cwd, options.output), text, "--output");
  else options.stdout(text);
  for (const notice of run.notices) options.stderr(`nhilint: ${notice.path}: ${notice.message}\n`);
  return run.result.internalErrors.length > 0 ? 2 : 0;
}

/**
 * Every secret value HEAD's history committed under a name (`DEPLOY_TOKEN: <value>`), by upper-cased
 * name, oldest first: the history scan's own machinery (docs/history.md), with the repository's
 * baseline (a leak it accepts was rotated) and configuration (its `ignore` globs), as `nhilint history`
 * reads them.
 */
async function leaksByName(root: string, inGit: boolean, options: Common): Promise<{ revisions: string[]; leaks: Map<string, HistoryLeak[]> }> {
  if (!inGit) throw new UsageError(`${root} is not in a git repository: --history reads its commits`);
  const { fetchingNote, scanHistory, teamSettings } = await import("./history.js");
  const { baseline, ignore } = teamSettings({ cwd: options.cwd, config: options.config }, root, false);
  const progress = options.progress ? (done: number, total: number) => options.stderr(`\rnhilint: history: ${done}/${total} blobs${done === total ? "\n" : ""}`) : undefined;
  const { secrets } = await scanHistory(root, ["HEAD"], { progress, baseline, ignore, fetching: (count, remote, noun) => options.stderr(fetchingNote(count, remote, noun)) });
  const leaks = new Map<string, HistoryLeak[]>();
  for (const s of [...secrets].sort((a, b) => a.date.localeCompare(b.date))) {
    const leak: HistoryLeak = { title: s.title, redacted: s.redacted, firstCommit: s.firstCommit, date: s.date, path: s.path, inHead: s.inHead, ...(s.accepted && { accepted: true }), ...(s.suppression && { suppression: s.suppression }), ...(s.revoke && { revoke: s.revoke }) };
    for (const name of new Set(s.names.map((n) => n.toUpperCase()))) leaks.set(name, [...(leaks.get(name) ?? []), leak]);
  }
  return { revisions: ["HEAD"], leaks };
}

/** The author of the commit that first added `name` to one of `paths` (git log -S), if any: as `.mailmap` names them (whatever the user's `log.*` settings). */
function introducedBy(root: string, name: string, paths: string[]): string | undefined {
  const result = spawnSync("git", ["log", "-S", name, "--reverse", "--date-order", "--no-follow", "--no-show-signature", "--encoding=UTF-8", "--format=%aE", "--", ...paths], { cwd: root, encoding: "utf8" });
  return result.status === 0 ? result.stdout.split("\n").find(Boolean) : undefined;
}

export async function inventoryInit(options: Common & { history?: boolean }): Promise<number> {
  const run = await lintRepository({ ...options, paths: [], staged: false });
  // The lint run already loaded and validated it.
  const inventory = run.result.inventory;
  if (inventory.problems.length > 0 && inventory.exists) {
    options.stderr(`nhilint: ${run.inventoryPath} has problems; fix them first (run \`nhilint\` to see them)\n`);
    return 2;
  }
  const missing = unrecordedConnectors(run.result.models, inventory);
  // A connector "named" by a credential (a key pasted where a secret's name belongs) is no connector to
  // the run, and its name must not be written into a committed file: said, not recorded.
  const namedBySecret = run.result.connectorsNamedBySecret;
  const withheld = namedBySecret
    ? `nhilint: ${plural(namedBySecret, "connector")} named by a credential itself: no record written (its name would be the secret); replace the value with a reference first (\`nhilint\` shows where).\n`
    : "";
  if (missing.length === 0) {
    options.stdout(`nhilint: nothing to add: every connector has a record in ${run.inventoryPath}${namedBySecret ? ", but for those below" : ""}\n${withheld}`);
    return 0;
  }
  const codeowners = parseCodeOwners(CODEOWNERS_PATHS.map((path) => run.source.read(path)?.toString("utf8")).find((t) => t !== undefined));
  let fromGit = 0;
  let fromYou = 0;
  let leaked = 0;
  let leakedAccepted = 0;
  // A connector not committed yet has no history: the person adding it (git's user.email) is the
  // best guess, as the editor's quick fix suggests.
  const you = run.inGit ? gitConfig(run.root, "user.email") : undefined;
  const leaks = options.history ? (await leaksByName(run.root, run.inGit, options)).leaks : undefined;
  const records = missing.map((connector) => {
    let owner = connector.paths.map((path) => codeowners.ownersOf(path)[0]).find(Boolean);
    if (!owner && run.inGit) {
      owner = introducedBy(run.root, connector.name, connector.paths);
      if (owner) fromGit++;
      else if (you) {
        owner = you;
        fromYou++;
      }
    }
    // A new record has no `last-rotated` yet: a leak is over only when the baseline accepts it.
    const leak = leaks && leakToShow(leaks.get(connector.name.toUpperCase()) ?? []);
    if (leak && !leak.resolved) leaked++;
    else if (leak) leakedAccepted++;
    const note = leak && describeLeak(leak);
    // Written into the inventory, which is committed: a path that spells a secret the run found goes in redacted.
    return { name: connector.name, kind: connector.kind, owner, usedBy: connector.paths.map(run.result.redact), ...(note && { note }) };
  });
  const edit = addRecordsEdit(inventory, records);
  const text = inventory.text.slice(0, edit.start) + edit.text + inventory.text.slice(edit.end);
  writeFileSync(join(run.root, run.inventoryPath), text);
  const withoutOwner = records.filter((r) => !r.owner).length;
  options.stdout(
    `nhilint: added ${plural(records.length, "record")} to ${run.inventoryPath}` +
      ` (owners: ${records.length - withoutOwner - fromGit - fromYou} from CODEOWNERS, ${fromGit} from git history, ${fromYou} you (git's user.email, not committed yet), ${withoutOwner} to fill in).\n` +
      `nhilint: left for a person to decide: purpose and expires on all ${records.length}${withoutOwner ? `, owner on ${withoutOwner}` : ""}; \`nhilint\` reports them as incomplete until then.\n`,
  );
  options.stdout(withheld);
  // (Leaks the baseline accepts as rotated are counted apart: a comment says so, nothing is left to do.)
  if (leaks) {
    const where = " (a comment above each says where and when)";
    const toRotate = `${leaked} of them leaked in history${leakedAccepted ? " and are not accepted" : ""}: rotate ${leaked === 1 ? "it" : "them"} unless that was done since`;
    const accepted = `${leakedAccepted}${leaked ? " more" : " of them"} leaked and ${leakedAccepted === 1 ? "is" : "are"} accepted in the baseline as rotated`;
    const said = [leaked && toRotate, leakedAccepted && accepted].filter(Boolean).join("; ");
    options.stdout(`nhilint: ${said ? said + where : "none of them leaked in history"}.\n`);
  }
  return 0;
}
