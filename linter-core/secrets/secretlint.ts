// Adapter over secretlint's recommended preset. Loaded lazily: the first file that needs it pays.
// Only ranges and rule ids come out of here; secretlint's own message text (which can hold the
// secret when unmasked) never reaches our output.
import type { SecretLintCoreConfig } from "@secretlint/types";

export interface SecretlintMatch {
  /** secretlint's rule id without the package prefix, e.g. "github". */
  rule: string;
  messageId: string;
  start: number;
  end: number;
}

type LintSource = typeof import("@secretlint/core").lintSource;

let loaded: Promise<{ lintSource: LintSource; config: SecretLintCoreConfig }> | undefined;

function load() {
  loaded ??= (async () => {
    const [{ lintSource }, { creator: preset }, { secretLintProfiler }] = await Promise.all([
      import("@secretlint/core"),
      import("@secretlint/secretlint-rule-preset-recommend"),
      import("@secretlint/profiler"),
    ]);
    // secretlint's profiler is always on and keeps every mark it ever made: runs get slower and
    // the heap grows per file. Version 12.0.0 (the last for Node 20) has no switch, so silence it.
    (secretLintProfiler as { mark: (marker: unknown) => void }).mark = () => {};
    const config: SecretLintCoreConfig = { rules: [{ id: preset.meta.id, rule: preset }] };
    return { lintSource, config };
  })();
  return loaded;
}

export async function runSecretlint(path: string, text: string): Promise<SecretlintMatch[]> {
  const { lintSource, config } = await load();
  const result = await lintSource({
    source: { content: text, filePath: path, contentType: "text" },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages
    .filter((message) => message.type === "message")
    .map((message) => ({
      rule: (message.ruleId ?? "").replace(/^@secretlint\/secretlint-rule-/, ""),
      messageId: message.messageId,
      start: message.range[0],
      end: message.range[1],
    }));
}
