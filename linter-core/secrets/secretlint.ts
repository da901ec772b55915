// Adapter over secretlint's recommended preset. Loaded lazily: the first file that needs it pays.
// Only ranges and rule ids come out of here; secretlint's own message text (which can hold the
// secret when unmasked) never reaches our output.
import type { SecretLintCoreConfig, SecretLintRuleCreator } from "@secretlint/types";
import { isPrefilterOn, mayMatch, registerKeywords } from "./prefilter.js";

export interface SecretlintMatch {
  /** secretlint's rule id without the package prefix, e.g. "github". */
  rule: string;
  messageId: string;
  start: number;
  end: number;
}

/**
 * The preset's rules nhilint's own format table (formats.ts) covers better: broader formats,
 * checksums, placeholders told apart (secretlint's Slack rule takes `xoxb-12345-abcd234`). They are
 * not run.
 */
export const COVERED_BY_TABLE: ReadonlySet<string> = new Set([
  "1password", "anthropic", "github", "gitlab", "grafana", "hashicorp-vault", "huggingface", "linear", "notion", "npm", "openai", "sendgrid", "shopify", "slack", "databricks",
  // URL credentials: detect.ts judges the password of any scheme and host (findUrlPasswords).
  "basicauth", "database-connection-string",
]);

/**
 * What must occur in a file for each preset rule that still runs to report anything, read from the
 * rules' regexes in @secretlint/secretlint-rule-preset-recommend 12.0.0 (gitleaks' keyword idea). A
 * rule whose keywords are all absent is not run; a file that needs no rule does not load secretlint
 * at all. Keywords are compared without case. test/core/secretlint-prefilter.test.ts plants a secret
 * for every rule and fails when the preset has a rule neither this table nor COVERED_BY_TABLE
 * knows (the preset is pinned; an upgrade must revisit it).
 */
const PRESET_KEYWORDS: Record<string, { keywords: readonly string[] }> = {
  // Only `(AWS_)?SECRET_?ACCESS_?KEY = <40 chars>` runs by default (the id scans are opt-in).
  aws: { keywords: ["secretaccess", "secret_access"] },
  // JSON service-account keys; the parsed JSON may spell its keys with \u escapes.
  gcp: { keywords: ["private_key", "\\u"] },
  groq: { keywords: ["gsk_"] },
  privatekey: { keywords: ["PRIVATE KEY"] },
  vercel: { keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"] },
  docker: { keywords: ["dckr_pat_"] },
  figma: { keywords: ["figd_"] },
  // Acts only on `secretlint-disable…` comments.
  "filter-comments": { keywords: ["secretlint-"] },
};
registerKeywords(Object.values(PRESET_KEYWORDS).flatMap((entry) => entry.keywords ?? []));

const shortId = (id: string) => id.replace(/^@secretlint\/secretlint-rule-/, "");

/** Short ids of the preset's rules that could report something in this text (all, with the prefilter off). */
export function secretlintRulesFor(text: string): string[] {
  const rules = Object.keys(PRESET_KEYWORDS);
  if (!isPrefilterOn()) return rules;
  return rules.filter((rule) => {
    return mayMatch(text, PRESET_KEYWORDS[rule].keywords);
  });
}

/**
 * Whether the preset's gcp rule could report anything in this text: it parses the whole text as a
 * JSON document, so what it finds is not decided by the text near it (incremental.ts).
 */
export function gcpRuleMayReport(text: string): boolean {
  return !isPrefilterOn() || mayMatch(text, PRESET_KEYWORDS.gcp.keywords);
}

/** Short ids of every rule in the preset, for the test that keeps PRESET_KEYWORDS complete. */
export async function presetRuleIds(): Promise<string[]> {
  return (await load()).presetRules.map((rule) => shortId(rule.meta.id));
}

type LintSource = typeof import("@secretlint/core").lintSource;

let loaded: Promise<{ lintSource: LintSource; presetRules: readonly SecretLintRuleCreator[] }> | undefined;

function load() {
  loaded ??= (async () => {
    const [{ lintSource }, { rules: presetRules }, { secretLintProfiler }] = await Promise.all([
      import("@secretlint/core"),
      import("@secretlint/secretlint-rule-preset-recommend"),
      import("@secretlint/profiler"),
    ]);
    // secretlint's profiler is always on and keeps every mark it ever made: runs get slower and
    // the heap grows per file. Version 12.0.0 (the last for Node 20) has no switch, so silence it.
    (secretLintProfiler as { mark: (marker: unknown) => void }).mark = () => {};
    return { lintSource, presetRules: presetRules as readonly SecretLintRuleCreator[] };
  })();
  return loaded;
}

const configs = new Map<string, SecretLintCoreConfig>();

/**
 * secretlint's matches in a text: the preset rules the table does not cover, where their keywords
 * occur. `wholePreset` runs every rule of the preset, as secretlint itself would (for measuring it as
 * a peer).
 */
export async function runSecretlint(path: string, text: string, options: { wholePreset?: boolean } = {}): Promise<SecretlintMatch[]> {
  const wanted = options.wholePreset ? undefined : secretlintRulesFor(text);
  if (wanted?.length === 0) return [];
  const { lintSource, presetRules } = await load();
  const selected = wanted ? presetRules.filter((rule) => wanted.includes(shortId(rule.meta.id))) : presetRules;
  const key = selected.map((rule) => rule.meta.id).join(" ");
  let config = configs.get(key);
  if (!config) configs.set(key, (config = { rules: selected.map((rule) => ({ id: rule.meta.id, rule })) }));
  const result = await lintSource({
    // secretlint's gcp rule looks at service-account JSON by extension. Never ".p12": for that it
    // would read the file from disk, and the core reads nothing.
    source: { content: text, filePath: path, ext: path.endsWith(".json") ? ".json" : "", contentType: "text" },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages
    .filter((message) => message.type === "message")
    .map((message) => ({
      rule: shortId(message.ruleId ?? ""),
      messageId: message.messageId,
      start: message.range[0],
      end: message.range[1],
    }));
}
