// Precision and recall on secretlint's own test suite: every secret rule's snapshot cases
// (packages/@secretlint/secretlint-rule-*/test/snapshots/<case>/input.*), where the case's
// output.json says what secretlint reports. A case secretlint reports nothing in ("ok.*": templates,
// placeholders, test containers, invalid keys) must give no hardcoded-secret finding; a case it
// reports in must give one over each range it reports. Cases run under rule options (an options file
// or .secretlintrc.json in the case, or a case named options.*) are counted apart: their expectation is the option's, not the rule's.
//
//   node bench/secretlint-snapshots.mjs <secretlint checkout or mirror work tree> [--verbose]
//
// Needs `npm run build` first. Not a test: secretlint's files are not part of this repository.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { peerCheckout, secretFindings } from "./peer-suite.mjs";

const { root, verbose } = peerCheckout("secretlint-snapshots.mjs", join("packages", "@secretlint"), "<secretlint work tree> [--verbose]");
const packages = join(root, "packages", "@secretlint");

// Rules that are not about a credential's value: a file's name or kind, the user's home folder, a
// pattern the user supplies, secretlint's own comment handling, examples and internal tests.
const NOT_SECRETS = /^(no-dotenv|no-homedir|no-k8s-kind-secret|pattern|example|internal-test-.*|filter-comments|preset-.*)$/;

const totals = { okCases: 0, falsePositives: 0, ngCases: 0, ranges: 0, found: 0, binary: 0, withOptions: 0 };
const failures = [];
for (const dir of readdirSync(packages).sort()) {
  const rule = dir.replace(/^secretlint-rule-/, "");
  if (rule === dir || NOT_SECRETS.test(rule)) continue;
  const snapshots = join(packages, dir, "test", "snapshots");
  if (!existsSync(snapshots)) continue;
  const perRule = { ok: 0, fp: 0, ranges: 0, found: 0 };
  for (const name of readdirSync(snapshots).sort()) {
    const folder = join(snapshots, name);
    const input = existsSync(folder) ? readdirSync(folder).find((f) => f.startsWith("input")) : undefined;
    const output = join(folder, "output.json");
    if (!input || !existsSync(output)) continue;
    if (name.startsWith("options.") || ["options.json", "options.ts", "options.js", ".secretlintrc.json"].some((f) => existsSync(join(folder, f)))) {
      totals.withOptions++;
      continue;
    }
    const bytes = readFileSync(join(folder, input));
    if (bytes.includes(0)) {
      totals.binary++; // a PKCS#12 file: what nhilint reads is text
      continue;
    }
    const text = bytes.toString("utf8");
    const expected = JSON.parse(readFileSync(output, "utf8")).messages.filter((m) => m.type === "message");
    const findings = await secretFindings({ path: input, text });
    const where = `${rule}/${name}/${input}`;
    if (expected.length === 0) {
      totals.okCases++;
      perRule.ok++;
      if (findings.length > 0) {
        totals.falsePositives++;
        perRule.fp++;
        failures.push(`false positive  ${where}: ${findings.map((f) => `${f.start.line}:${f.start.column} ${f.message.split(":")[0]}`).join("; ")}`);
      }
      continue;
    }
    totals.ngCases++;
    for (const message of expected) {
      const [start, end] = message.range;
      totals.ranges++;
      perRule.ranges++;
      if (findings.some((f) => f.span.start < end && start < f.span.end)) {
        totals.found++;
        perRule.found++;
      } else {
        const line = text.slice(0, start).split("\n").length;
        failures.push(`missed          ${where}: line ${line} (${message.messageId ?? rule})`);
      }
    }
  }
  if (verbose) console.log(`${rule.padEnd(34)} ok cases ${String(perRule.ok).padStart(2)} (false positives ${perRule.fp}), reported ranges ${String(perRule.ranges).padStart(3)} (found ${perRule.found})`);
}
for (const failure of failures) console.log(failure);
const percent = (a, b) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)} %`);
console.log(
  `secretlint's snapshots: ${totals.found} of ${totals.ranges} reported ranges found (${percent(totals.found, totals.ranges)}) in ${totals.ngCases} cases; ` +
    `${totals.falsePositives} false positives in ${totals.okCases} cases it reports nothing in; ` +
    `${totals.withOptions} cases under rule options and ${totals.binary} binary inputs not counted.`,
);
