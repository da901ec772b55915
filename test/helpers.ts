import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CONFIG, lint, type Config, type Finding, type SourceFile } from "../linter-core/index.js";
import { fingerprint } from "../linter-core/fingerprint.js";
import type { Rule } from "../linter-core/rule.js";
import { RULES } from "../rules/index.js";
import { registerParsers } from "../cli/parsers.js";

// The WebAssembly parsers (Groovy) from node_modules, as the CLI finds them.
registerParsers();

/** The repository root (tests run from out/test/...). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = resolve(ROOT, "dist", "cli.js");
export const CORPUS = resolve(ROOT, "..", "shared", "corpus");
export const NOW = new Date("2026-11-23T12:00:00Z");

/**
 * Deterministic fake credentials of the right shape, made at test time: the repository never holds a
 * string that looks like a live secret, so its own pre-commit scan stays meaningful.
 */
export class FakeSecrets {
  private state: number;
  constructor(seed = 42) {
    this.state = seed;
  }
  private next(): number {
    // mulberry32
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number from 0 to n - 1. */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
  chars(length: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
  hex(length: number): string {
    return this.chars(length, "0123456789abcdef");
  }
  digits(length: number): string {
    return this.chars(length, "0123456789");
  }
  password(length = 16): string {
    // Letters, digits and a symbol: what a generated password looks like.
    return this.chars(length - 2) + this.chars(1, "!#%+=_") + this.digits(1);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

export async function lintFiles(files: SourceFile[], options: { inventory?: SourceFile; codeowners?: string; author?: string; config?: Config; rules?: readonly Rule[]; wholeWorkspace?: boolean } = {}) {
  return lint(files, { rules: options.rules ?? RULES, now: NOW, ...options });
}

/**
 * Asserts that `run(n)` grows linearly in n: `10 × small` takes under 40 times as long as `small` (a ratio
 * at two sizes measured in the same run, never a wall-clock limit; `warm` first warms the code up, and
 * `floorMs` keeps a tiny small time from inflating the ratio). Timed again when over the bound: a busy
 * machine can stall one run; a quadratic path is slow twice.
 */
export async function assertGrowsLinearly(run: (n: number) => unknown, sizes: { warm: number; small: number; floorMs: number }, what = "the input"): Promise<void> {
  const time = async (n: number) => {
    const start = process.hrtime.bigint();
    await run(n);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  await time(sizes.warm);
  const small = Math.max(await time(sizes.small), sizes.floorMs);
  let large = await time(sizes.small * 10);
  if (large / small >= 40) large = Math.min(large, await time(sizes.small * 10));
  assert.ok(large / small < 40, `10× ${what} took ${(large / small).toFixed(0)}× the time (${small.toFixed(1)} → ${large.toFixed(1)} ms)`);
}

/** Keys isCredentialKey accepts, one or more for each way it has of accepting one. */
export const CREDENTIAL_KEYS = [
  "API_TOKEN", "token", "client_secret", "DB_PASSWORD", "db_passwd", "MYSQL_PWD", "GPG_PASSPHRASE", "STRIPE_API_KEY", "apikey", "ApiKey", "AWS_ACCESS_KEY",
  "ssh_private_key", "DJANGO_SECRET_KEY", "AZURE_CLIENT_SECRET", "GOOGLE_CREDENTIALS", "registry.credential", "auth-key", "SIGNING_KEY", "ENCRYPTION_KEY",
  "MASTER_KEY", "license_key", "SLACK_WEBHOOK_URL", "webhook-secret", "DB_CONNECTION_STRING", "CONN_STR", "AZURE_SAS_TOKEN", "deployKey", "NPM_TOKENS",
  "RELEASE_PAT", "ghPat", "DEPLOY_KEYS", "sshKey", "OPENVSXKEY", "NPM_AUTH", "REGISTRY_CREDS", "SENTRY_DSN", "sentryDsn", "npmAuth",
  "DB_PASS", "smtp_pass", "smtpPass", "pass", "mail.pass", "REDIS-PASS", "VAULT_TOKEN", "ANSIBLE_VAULT_PASSWORD", "vault_pass",
  // A credential word with one to three words after it (at most 21 characters), as gitleaks's generic rule reads them.
  "API_KEY_PROD", "SECRET_KEY_BASE", "TOKEN_GITHUB", "apiKeyStaging", "GITLAB_TOKEN_RELEASE", "PULP_PASSWORD_RO", "GitHubTokenForVpackProvenance", "GITHUBTOKEN_V2",
  "read-token-base64", "SLACK_WEBHOOK_URL_ALERTS", "DEPLOY_KEY_PROD", "SSH_KEY_BASE64", "signingKeyV2", "VSCE_PAT_MARKETPLACE", "registryCredsRo", "SENTRY_DSN_FRONTEND", "PAT_RELEASE",
  // What signs a page's anti-forgery tokens, and a CAPTCHA's server-side key, are secrets.
  "CSRF_SECRET", "RECAPTCHA_SECRET_KEY",
  // Words with blanks between them, four at most (JSON a tool exported, a note, a table's row).
  "API Key", "Client Secret", "sanity auth token", "Admin  Password", "New  API  Access  Token", " API Key ",
];
/** Keys it does not: a credential word that names something else, or a word that holds one. */
export const NOT_CREDENTIAL_KEYS = [
  "PUBLIC_KEY", "CLIENT_ID", "client-id", "clientId", "TOKEN_IDS", "SECRET_NAME", "KEY_FILE", "key-file", "TOKEN_PATH", "token-path", "SECRETS_DIR", "TOKEN_URL", "token-url",
  "TOKEN_URI", "SECRET_USER", "SECRET_USERNAME", "SECRET_ENV", "TOKEN_TYPE", "KEY_VERSION", "KEY_LENGTH", "TOKEN_HEADER", "TOKEN_ENDPOINT", "KEY_PREFIX", "KEY_SUFFIX",
  "TOKEN_EXPIRY", "TOKEN_TTL", "CACHE_KEY", "RESTORE_KEY", "SPACE_KEY", "PROJECT_KEY", "ISSUE_KEY", "OBJECT_KEY", "ROUTING_KEY", "SORT_KEY", "PRIMARY_KEY",
  "PARTITION_KEY", "IDEMPOTENCY_KEY", "key", "AWS_KEY_ID", "KEY_FINGERPRINT", "KNOWN_HOSTS_KEY", "TOKEN_USAGE", "TOKEN_SCOPE", "KEY_FORMAT", "KEY_ALGORITHM",
  "KEY_VAULT_NAME", "AZURE_KEY_VAULT", "keyVault", "key-vault", "TOKEN_ENABLED", "TOKEN_REQUIRED", "KEY_ROTATION", "COMPAT", "XPATH", "monkey", "hockey", "turkeys", "Monkey", "secretary", "tokenizer", "MONKEY_BUSINESS",
  "proxy_bypass", "COMPASS", "noProxyBypass", "fds_to_pass", "argsToPass", "passage", "PASS_THROUGH",
  // Words after a credential's name that say the key is about it (ABOUT_A_CREDENTIAL), or too many of them.
  "TOKEN_ISSUER", "PASSWORD_MIN_LENGTH", "SECRET_HASH", "API_KEY_HOST", "ARROW_GPG_KEY_UID", "SIGNING_KEY_ALIAS", "tokenLifetime", "TOKEN_REFRESH_INTERVAL",
  "SECRET_ARN", "TOKEN_USAGE_COUNT_LIMIT_X", "TOKEN_FOR_THE_WHOLE_BUILD", "AUTH_DOMAIN", "PAT_COUNT", "MONKEY_BUSINESS_PLAN", "CACHE_KEY_V2",
  "SN_id_Gost28147_89_None_KeyMeshing", "KEY_EXCHANGE", "SSH_KEY_COMMENT",
  // Five words or more are a sentence; words naming something else as one word would.
  "Remember to rotate the secret", "Display name", "API Key ID",
  // Where a listing goes on, or a trace: no identity's.
  "next_page_token", "Next page token", "pageToken", "continuationToken", "CURSOR_TOKEN",
  // A token's address on a chain, a commit of secret scanning, a model's token budget.
  "TOKEN_CONTRACT_ADDRESS", "TOKEN_MINT", "SECRET_SCANNING_COMMIT", "TOKEN_BUDGET", "TOKEN_LIMIT_PER_MINUTE",
  // More than 21 characters after the credential word, in two words.
  "TOKEN_INTERNATIONALIZATION_SUPPORT", "requestedPasswordAttribute", "MY_PATTERN_V2",
  // Public keys, keys meant for browsers, anti-forgery tokens, an HTTP client's option (gitleaks's generic rule's allowlist).
  "SSH_PUBKEY", "pub_key", "STRIPE_PUBLISHABLE_KEY", "publishableKey", "RECAPTCHA_SITE_KEY", "siteKey", "csrf_token", "X-XSRF-TOKEN", "withCredentials",
];

export const WORKFLOW_PATH = ".github/workflows/ci.yml";

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: RegExp;
}

export interface InvalidCase extends ValidCase {
  severity?: "error" | "warning";
  codeowners?: string;
  errors: ExpectedFinding[];
  /** The file after applying each finding's first fix (edits to this file only), or undefined for no fix. */
  output?: string;
  /** How many findings of the rule each other file (of `files`) gets. */
  otherFiles?: Record<string, number>;
}

export interface ValidCase {
  name: string;
  code: string;
  path?: string;
  inventory?: string;
  /** Other files linted in the same run (workflows using the inventory's connectors). */
  files?: SourceFile[];
  wholeWorkspace?: boolean;
  /** Settings as `.nhilint.yaml` would give them (defaults otherwise). */
  config?: Partial<Config>;
}

export const INVENTORY_PATH = "nhi-inventory.yaml";

/** Apply edits to a text, last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/**
 * ESLint's RuleTester, in mocha: every valid case yields no finding of the rule; every invalid case
 * yields exactly the expected findings at the expected places (a case with no error is refused).
 */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  const run = async (c: ValidCase | InvalidCase): Promise<Finding[]> => {
    const path = c.path ?? WORKFLOW_PATH;
    // A case whose code is the inventory lints it as the inventory.
    const inventory = path === INVENTORY_PATH ? c.code : c.inventory;
    const result = await lintFiles([{ path, text: c.code }, ...(c.files ?? [])], {
      inventory: inventory === undefined ? undefined : { path: INVENTORY_PATH, text: inventory },
      codeowners: (c as InvalidCase).codeowners,
      wholeWorkspace: c.wholeWorkspace,
      config: c.config ? { ...DEFAULT_CONFIG, ...c.config } : undefined,
    });
    assert.deepEqual(result.internalErrors, []);
    const others = (c as InvalidCase).otherFiles;
    for (const [other, count] of Object.entries(others ?? {})) {
      assert.equal(result.findings.filter((f) => f.ruleId === id && f.path === other).length, count, `findings in ${other}`);
    }
    return result.findings.filter((f) => f.ruleId === id && f.path === path);
  };
  describe(`${id}: must not flag`, () => {
    for (const c of cases.valid) {
      it(c.name, async () => {
        const findings = await run(c);
        assert.deepEqual(findings.map((f) => `${f.start.line}:${f.start.column} ${f.message}`), []);
      });
    }
  });
  describe(`${id}: must flag`, () => {
    for (const c of cases.invalid) {
      it(c.name, async () => {
        assert.ok(c.errors.length > 0, "an invalid case must expect at least one finding");
        const findings = await run(c);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got: ${findings.map((f) => `${f.start.line}:${f.start.column} ${f.message}`).join(" | ")}`);
        for (const [i, expected] of c.errors.entries()) {
          const actual = findings[i];
          assert.equal(actual.start.line, expected.line, `finding ${i} line`);
          assert.equal(actual.start.column, expected.column, `finding ${i} column`);
          if (expected.endLine !== undefined) assert.equal(actual.end.line, expected.endLine, `finding ${i} end line`);
          if (expected.endColumn !== undefined) assert.equal(actual.end.column, expected.endColumn, `finding ${i} end column`);
          if (expected.message) assert.match(actual.message, expected.message);
          if (c.severity) assert.equal(actual.severity, c.severity);
          // What, why and how to fix: every finding says how, in a sentence of its own.
          assert.match(actual.help ?? "", /^\S.{19,}/s, `finding ${i} has no help`);
          // A fingerprint names what was found: with nothing in it, every finding of the rule in the file
          // would be told apart by order alone, and the baseline would follow the wrong one after an edit.
          const anonymous = await fingerprint(actual.ruleId, actual.path, "");
          assert.notEqual(actual.fingerprint, anonymous, `finding ${i}'s fingerprint identifies nothing`);
        }
        if (c.output !== undefined) {
          const path = c.path ?? WORKFLOW_PATH;
          // Two findings may offer one edit (a step shared through a YAML alias): it is made once.
          const edits = findings
            .flatMap((f) => f.fixes[0]?.edits.filter((e) => e.path === path) ?? [])
            .filter((e, i, all) => all.findIndex((o) => o.start === e.start && o.end === e.end && o.text === e.text) === i);
          assert.ok(edits.length > 0, "expected a fix");
          assert.equal(applyEdits(c.code, edits), c.output);
        }
      });
    }
  });
}

/** The exact place of `needle` in `code` as a finding would report it (start and end). */
export function at(code: string, needle: string, message?: RegExp): ExpectedFinding {
  const offset = code.indexOf(needle);
  if (offset < 0) throw new Error(`fixture does not contain ${needle.slice(0, 4)}…`);
  const before = code.slice(0, offset).split("\n");
  const endBefore = code.slice(0, offset + needle.length).split("\n");
  return {
    line: before.length,
    column: before[before.length - 1].length + 1,
    endLine: endBefore.length,
    endColumn: endBefore[endBefore.length - 1].length + 1,
    message,
  };
}
