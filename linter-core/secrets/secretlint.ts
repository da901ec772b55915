// Adapter over secretlint's recommended preset. Loaded lazily: the first file that needs it pays.
// Only ranges and rule ids come out of here; secretlint's own message text (which can hold the
// secret when unmasked) never reaches our output.
import type { SecretLintCoreConfig, SecretLintRuleCreator } from "@secretlint/types";
import { isPrefilterOn, mayMatch } from "./prefilter.js";

export interface SecretlintMatch {
  /** secretlint's rule id without the package prefix, e.g. "github". */
  rule: string;
  messageId: string;
  start: number;
  end: number;
}

/**
 * What must occur in a file for each preset rule to report anything, read from the rules' regexes
 * in @secretlint/secretlint-rule-preset-recommend 12.0.0 (gitleaks' keyword idea). A rule whose
 * keywords are all absent is not run; a file that needs no rule does not load secretlint at all.
 * `anyCase` keywords are looked for in the lower-cased text (the rule's regex has the `i` flag or
 * spells out the cases). test/core/prefilter.test.ts plants a secret for every rule and fails when
 * the preset has a rule this table does not know (the preset is pinned; an upgrade must revisit it).
 */
const PRESET_KEYWORDS: Record<string, { keywords?: readonly string[]; anyCase?: readonly string[]; pattern?: RegExp }> = {
  // Only `(AWS_)?SECRET_?ACCESS_?KEY = <40 chars>` runs by default (the id scans are opt-in).
  aws: { anyCase: ["secretaccess", "secret_access"] },
  // JSON service-account keys; the parsed JSON may spell its keys with \u escapes.
  gcp: { keywords: ["private_key", "\\u"] },
  npm: { keywords: ["npm_", "_authToken", "x-oauth-basic"] },
  slack: { keywords: ["xoxb-", "xoxp-", "xapp-", "xoxa-", "xoxo-", "xoxr-"], anyCase: ["hooks.slack.com"] },
  // scheme://user:password@ — the URL's credential part, without the host the rule also requires.
  basicauth: { pattern: /(?:https?|ftps?):\/\/[-a-zA-Z0-9_]+:[-a-zA-Z0-9_]+@/ },
  openai: { keywords: ["T3BlbkFJ"] },
  anthropic: { keywords: ["sk-ant-api0"] },
  groq: { keywords: ["gsk_"] },
  huggingface: { keywords: ["hf_"] },
  linear: { keywords: ["lin_api_"] },
  notion: { keywords: ["ntn_"] },
  privatekey: { keywords: ["PRIVATE KEY"] },
  sendgrid: { keywords: ["SG."] },
  shopify: { keywords: ["shppa_", "shpca_", "shpat_", "shpss_"] },
  github: { keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"] },
  gitlab: { keywords: ["glpat-"] },
  grafana: { keywords: ["glc_", "glsa_"] },
  "1password": { keywords: ["ops_ey"] },
  "database-connection-string": { anyCase: ["mongodb", "mysql", "postgres"] },
  "hashicorp-vault": { keywords: ["hvs.", "hvb.", "hvr."] },
  vercel: { keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"] },
  databricks: { keywords: ["dapi"] },
  docker: { keywords: ["dckr_pat_"] },
  figma: { keywords: ["figd_"] },
  // Acts only on `secretlint-disable…` comments.
  "filter-comments": { keywords: ["secretlint-"] },
};

const shortId = (id: string) => id.replace(/^@secretlint\/secretlint-rule-/, "");

/** Short ids of the preset's rules that could report something in this text (all, with the prefilter off). */
export function secretlintRulesFor(text: string): string[] {
  const rules = Object.keys(PRESET_KEYWORDS);
  if (!isPrefilterOn()) return rules;
  return rules.filter((rule) => {
    const { keywords = [], anyCase = [], pattern } = PRESET_KEYWORDS[rule];
    return mayMatch(text, keywords) || mayMatch(text, anyCase, true) || Boolean(pattern?.test(text));
  });
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

export async function runSecretlint(path: string, text: string): Promise<SecretlintMatch[]> {
  const wanted = secretlintRulesFor(text);
  if (wanted.length === 0) return [];
  const { lintSource, presetRules } = await load();
  const selected = presetRules.filter((rule) => !(shortId(rule.meta.id) in PRESET_KEYWORDS) || wanted.includes(shortId(rule.meta.id)));
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
