// .nhilint.yaml: rule severities, ignored paths, the inventory's place, the expiry warning window, the level.
import type { SeveritySetting, SourceFile } from "./model.js";
import { asMap, asSeq, documentsWithContent, entries, parseYaml, scalarText, spanOf } from "./documents/yaml.js";
import { redactQuoted } from "./redact.js";
import { LineIndex } from "./text.js";

export const CONFIG_PATH = ".nhilint.yaml";

export interface Config {
  rules: Record<string, SeveritySetting>;
  /** Globs (gitignore syntax) of files never linted. */
  ignore: string[];
  inventory?: string;
  /** Where `inventory:` is set (file:line:col), for the error when it names no file. */
  inventoryAt?: string;
  /** Days before `expires` that expired-connector starts warning. */
  expiryWarningDays: number;
  /** `strict`: rules with a stricter reading apply it (ungated-privileged-job: every secret, not only deployment ones). */
  level?: "default" | "strict";
}

export const DEFAULT_CONFIG: Config = { rules: {}, ignore: [], expiryWarningDays: 30 };

/** A configuration error names the file and line: the CLI exits 2 with it. */
export class ConfigError extends Error {}

export function parseConfig(file: SourceFile, knownRules: readonly string[]): Config {
  const config: Config = { ...DEFAULT_CONFIG, rules: {}, ignore: [] };
  const lines = new LineIndex(file.text);
  const fail = (message: string, offset: number): never => {
    const { line, column } = lines.position(offset);
    // A message quotes what the file says (`unknown rule <a token pasted as a key>`): never a credential.
    throw new ConfigError(`${file.path}:${line}:${column}: ${redactQuoted(message)}`);
  };
  const yaml = parseYaml(file.text);
  if (yaml.errors.length > 0) fail(`not valid YAML: ${yaml.errors[0].message}`, yaml.errors[0].span.start);
  // An empty file, comments only, or a document marker alone (`---`, whose content is a null scalar).
  const root = documentsWithContent(yaml)[0]?.contents;
  if (!root) return config;
  const map = asMap(root) ?? fail("must be a mapping (rules, ignore, inventory, expiry-warning-days, level)", 0);
  // The YAML reader keeps duplicate keys (the last would silently win): a config says each thing once.
  const once = (seen: Map<string, number>, key: string, offset: number, what: string) => {
    const first = seen.get(key);
    if (first !== undefined) fail(`${what} \`${key}\` is set twice (first at line ${lines.position(first).line})`, offset);
    seen.set(key, offset);
  };
  const settings = new Map<string, number>();
  const ruleSettings = new Map<string, number>();
  for (const { key, keyNode, value } of entries(map)) {
    const at = spanOf(value ?? keyNode).start;
    once(settings, key, spanOf(keyNode).start, "setting");
    switch (key) {
      case "rules":
        for (const rule of entries(asMap(value) ?? fail("`rules` must map rule ids to error, warning or off", at))) {
          once(ruleSettings, rule.key, spanOf(rule.keyNode).start, "rule");
          if (!knownRules.includes(rule.key)) fail(`unknown rule \`${rule.key}\` (known: ${knownRules.join(", ")})`, spanOf(rule.keyNode).start);
          const severity = scalarText(rule.value);
          if (severity !== "error" && severity !== "warning" && severity !== "off") {
            fail(`rule \`${rule.key}\`: severity must be error, warning or off`, spanOf(rule.value ?? rule.keyNode).start);
          }
          config.rules[rule.key] = severity as SeveritySetting;
        }
        break;
      case "ignore": {
        const seq = asSeq(value) ?? fail("`ignore` must be a list of globs", at);
        config.ignore = seq.items.map((item) => scalarText(item) ?? fail("`ignore` entries must be strings", at));
        break;
      }
      case "inventory":
        config.inventory = scalarText(value) ?? fail("`inventory` must be a path", at);
        config.inventoryAt = `${file.path}:${lines.position(at).line}:${lines.position(at).column}`;
        break;
      case "level": {
        const level = scalarText(value);
        if (level !== "default" && level !== "strict") fail("`level` must be default or strict", at);
        config.level = level as Config["level"];
        break;
      }
      case "expiry-warning-days": {
        const days = Number(scalarText(value));
        if (!Number.isInteger(days) || days < 0) fail("`expiry-warning-days` must be a whole number of days", at);
        config.expiryWarningDays = days;
        break;
      }
      default:
        fail(`unknown setting \`${key}\` (expected rules, ignore, inventory, expiry-warning-days, level)`, spanOf(keyNode).start);
    }
  }
  return config;
}
