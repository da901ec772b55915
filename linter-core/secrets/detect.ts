// All secret detectors over one file, merged: secretlint's preset, our provider patterns, values
// under credential-like keys, and script idioms. Overlapping hits become one detection.
import type { Confidence, FileModel, LiteralValue, Span } from "../model.js";
import { findProviderSecrets } from "./providers.js";
import { findScriptSecrets } from "./scripts.js";
import { runSecretlint } from "./secretlint.js";
import { authorizationCredential, decodeBase64, isBenign, isCredentialKey, isPlaceholder, isReference, looksLikeCredential, urlPassword } from "./values.js";

export interface SecretDetection {
  span: Span;
  value: string;
  /** What was found, secret-free: "GitHub token", "password in a URL". */
  title: string;
  /** Name for the secret when it is moved out (from the key when there is one). */
  secretName: string;
  confidence: Confidence;
  /** The literal that holds it, when it sits in one: a fix replaces within it. */
  literal?: LiteralValue;
}

const SECRETLINT_TITLES: Record<string, string> = {
  "1password": "1Password service account token",
  anthropic: "Anthropic API key",
  aws: "AWS credential",
  basicauth: "password in a URL",
  "database-connection-string": "database connection string with a password",
  databricks: "Databricks token",
  docker: "Docker registry credential",
  figma: "Figma token",
  gcp: "GCP service account key",
  github: "GitHub token",
  gitlab: "GitLab token",
  grafana: "Grafana token",
  groq: "Groq API key",
  "hashicorp-vault": "HashiCorp Vault token",
  huggingface: "Hugging Face token",
  linear: "Linear API key",
  notion: "Notion token",
  npm: "npm token",
  openai: "OpenAI API key",
  privatekey: "private key",
  sendgrid: "SendGrid API key",
  shopify: "Shopify token",
  slack: "Slack token or webhook",
  vercel: "Vercel token",
};

const SECRETLINT_NAMES: Record<string, string> = {
  github: "GH_PAT",
  gitlab: "GITLAB_TOKEN",
  npm: "NPM_TOKEN",
  slack: "SLACK_TOKEN",
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  privatekey: "PRIVATE_KEY",
  aws: "AWS_SECRET_ACCESS_KEY",
  sendgrid: "SENDGRID_API_KEY",
};

/** Where the value itself starts and ends inside a scalar node (quotes excluded). */
function valueSpan(text: string, literal: LiteralValue): Span {
  const { start, end } = literal.span;
  const quote = text[start];
  if ((quote === '"' || quote === "'") && text[end - 1] === quote && end - start >= 2) {
    return { start: start + 1, end: end - 1 };
  }
  return { start, end };
}

/** A secret name as platforms accept it: upper snake case, not starting with a digit or GITHUB_. */
export function toSecretName(key: string): string {
  let name = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").toUpperCase();
  if (!name) name = "SECRET";
  if (/^\d/.test(name)) name = `_${name}`;
  if (name.startsWith("GITHUB_")) name = name.replace(/^GITHUB_/, "GH_");
  return name;
}

/**
 * A base64 value (a Kubernetes Secret's `data`) judged by what it decodes to: the detectors' title
 * when one recognises it, else a credential when the platform or the key says so or it looks random.
 */
async function encodedSecret(path: string, literal: LiteralValue): Promise<Pick<SecretDetection, "title" | "confidence"> | undefined> {
  const decoded = decodeBase64(literal.value);
  if (decoded === undefined || isBenign(decoded)) return undefined;
  const where = `base64 in \`${literal.key}\``;
  const known = (await runSecretlint(path, decoded))[0]?.rule;
  if (known) return { title: `${SECRETLINT_TITLES[known] ?? `${known} credential`} (${where})`, confidence: "high" };
  const provider = findProviderSecrets(decoded)[0];
  if (provider) return { title: `${provider.pattern.title} (${where})`, confidence: "high" };
  if (literal.alwaysCredential || isCredentialKey(literal.key) || looksLikeCredential(decoded, "token")) return { title: `credential (${where})`, confidence: "medium" };
  return undefined;
}

export async function detectSecrets(model: FileModel): Promise<SecretDetection[]> {
  const { text } = model;
  const candidates: (SecretDetection & { priority: number })[] = [];

  for (const hit of await runSecretlint(model.path, text)) {
    // A URL's password is judged like any password: `postgres:postgres@localhost` guards a test container.
    const password = hit.rule === "basicauth" || hit.rule === "database-connection-string" ? urlPassword(text.slice(hit.start, hit.end)) : undefined;
    if (password !== undefined && !looksLikeCredential(password, "password")) continue;
    candidates.push({
      span: { start: hit.start, end: hit.end },
      value: text.slice(hit.start, hit.end),
      title: SECRETLINT_TITLES[hit.rule] ?? `${hit.rule} credential`,
      secretName: SECRETLINT_NAMES[hit.rule] ?? toSecretName(`${hit.rule}_token`),
      confidence: "high",
      priority: 3,
    });
  }
  for (const hit of findProviderSecrets(text)) {
    candidates.push({
      span: { start: hit.start, end: hit.end },
      value: hit.value,
      title: hit.pattern.title,
      secretName: hit.pattern.secretName,
      confidence: "high",
      priority: 3,
    });
  }
  for (const literal of model.literals) {
    if (literal.encoding === "base64") {
      const found = await encodedSecret(model.path, literal);
      const span = valueSpan(text, literal);
      if (found) candidates.push({ span, value: text.slice(span.start, span.end), secretName: toSecretName(literal.key), priority: 3, ...found });
    } else if (literal.role === "assignment") {
      const span = valueSpan(text, literal);
      const header = authorizationCredential(literal.value);
      const raw = text.slice(span.start, span.end);
      if (header && raw.includes(header.credential)) {
        const start = span.start + raw.indexOf(header.credential);
        candidates.push({
          span: { start, end: start + header.credential.length },
          value: header.credential,
          title: "token in an Authorization header value",
          // The rule names it after an informative key; a bare header gets a generic name.
          secretName: "API_TOKEN",
          confidence: "medium",
          priority: 2,
        });
        continue;
      }
      const known = literal.alwaysCredential && literal.value.trim() !== "" && !isReference(literal.value) && !isPlaceholder(literal.value);
      if (!known && (!isCredentialKey(literal.key) || !looksLikeCredential(literal.value, literal.key))) continue;
      candidates.push({
        span,
        value: text.slice(span.start, span.end),
        title: known ? `credential in \`${literal.key}\`` : `credential-like value under \`${literal.key}\``,
        secretName: toSecretName(literal.key),
        confidence: "medium",
        priority: 1,
      });
    } else {
      const source = text.slice(literal.span.start, literal.span.end);
      for (const hit of findScriptSecrets(source)) {
        candidates.push({
          span: { start: literal.span.start + hit.start, end: literal.span.start + hit.end },
          value: hit.value,
          title: hit.title,
          secretName: toSecretName(hit.secretName),
          confidence: "medium",
          priority: 2,
        });
      }
    }
  }

  // Merge overlapping hits: the most specific title wins, a name taken from a key wins.
  candidates.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const merged: SecretDetection[] = [];
  let group: (SecretDetection & { priority: number })[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const best = group.reduce((a, b) => (b.priority > a.priority ? b : a));
    const named = group.find((c) => c.priority < 3) ?? best;
    const start = Math.min(...group.map((c) => c.span.start));
    const end = Math.max(...group.map((c) => c.span.end));
    const value = text.slice(start, end);
    if (!isPlaceholder(value)) {
      merged.push({
        span: { start, end },
        value,
        title: best.title,
        secretName: named.secretName,
        confidence: best.priority === 3 ? "high" : best.confidence,
        literal: model.literals.find((l) => l.span.start <= start && end <= l.span.end),
      });
    }
    group = [];
  };
  let groupEnd = -1;
  for (const candidate of candidates) {
    if (candidate.span.start >= groupEnd) {
      flush();
      groupEnd = candidate.span.end;
    } else {
      groupEnd = Math.max(groupEnd, candidate.span.end);
    }
    group.push(candidate);
  }
  flush();
  return merged;
}
