import { mayMatch } from "./prefilter.js";

// Provider token formats secretlint's recommended preset does not cover (or does not report by
// default). Each has keywords: a cheap `includes` prefilter decides whether its regex runs at all
// (compared without case when the regex has the `i` flag).

export interface ProviderPattern {
  id: string;
  /** Shown in messages: "Stripe secret key". */
  title: string;
  /** Suggested secret name for the fix when the key gives none. */
  secretName: string;
  keywords: string[];
  /** Must be global; the secret is capture group 1 when present, else the whole match. */
  pattern: RegExp;
}

export const PROVIDER_PATTERNS: ProviderPattern[] = [
  {
    id: "aws-access-key-id",
    title: "AWS access key id",
    secretName: "AWS_ACCESS_KEY_ID",
    keywords: ["AKIA", "ASIA", "ABIA", "ACCA"],
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
  },
  {
    id: "aws-secret-access-key",
    title: "AWS secret access key",
    secretName: "AWS_SECRET_ACCESS_KEY",
    keywords: ["secret_access", "secretaccess"],
    pattern: /(?:aws_?secret_?access_?key|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
  },
  {
    id: "stripe",
    title: "Stripe secret key",
    secretName: "STRIPE_SECRET_KEY",
    keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
    pattern: /\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99})\b/g,
  },
  {
    id: "twilio",
    title: "Twilio API key",
    secretName: "TWILIO_API_KEY",
    keywords: ["SK"],
    pattern: /\b(SK[0-9a-f]{32})\b/g,
  },
  {
    id: "discord-webhook",
    title: "Discord webhook URL",
    secretName: "DISCORD_WEBHOOK_URL",
    keywords: ["/api/webhooks/"],
    pattern: /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[\w-]{40,100})/g,
  },
  {
    id: "azure-storage-key",
    title: "Azure storage account key",
    secretName: "AZURE_STORAGE_KEY",
    keywords: ["accountkey="],
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/gi,
  },
  {
    id: "azure-client-secret",
    title: "Azure AD client secret",
    secretName: "AZURE_CLIENT_SECRET",
    keywords: ["Q~"],
    pattern: /(?<![\w~.-])([\w~.-]{3}\dQ~[\w~.-]{31,34})(?![\w~.-])/g,
  },
  {
    id: "google-api-key",
    title: "Google API key",
    secretName: "GOOGLE_API_KEY",
    keywords: ["AIza"],
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
  },
  {
    id: "google-oauth-client-secret",
    title: "Google OAuth client secret",
    secretName: "GOOGLE_CLIENT_SECRET",
    keywords: ["GOCSPX-"],
    pattern: /\b(GOCSPX-[0-9A-Za-z_-]{28})(?![0-9A-Za-z_-])/g,
  },
  {
    id: "mailgun",
    title: "Mailgun API key",
    secretName: "MAILGUN_API_KEY",
    keywords: ["key-"],
    pattern: /\b(key-[0-9a-f]{32})\b/g,
  },
  {
    id: "pypi",
    title: "PyPI upload token",
    secretName: "PYPI_API_TOKEN",
    keywords: ["pypi-AgE"],
    pattern: /\b(pypi-AgE[A-Za-z0-9_-]{50,})/g,
  },
  {
    id: "dockerhub",
    title: "Docker Hub access token",
    secretName: "DOCKERHUB_TOKEN",
    keywords: ["dckr_pat_", "dckr_oat_"],
    pattern: /\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,})/g,
  },
  {
    id: "telegram-bot",
    title: "Telegram bot token",
    secretName: "TELEGRAM_BOT_TOKEN",
    keywords: [":AA"],
    pattern: /\b(\d{8,10}:AA[0-9A-Za-z_-]{33})(?![0-9A-Za-z_-])/g,
  },
  {
    id: "digitalocean",
    title: "DigitalOcean token",
    secretName: "DIGITALOCEAN_TOKEN",
    keywords: ["dop_v1_", "doo_v1_", "dor_v1_"],
    pattern: /\b(do[opr]_v1_[a-f0-9]{64})\b/g,
  },
  {
    id: "datadog",
    title: "Datadog API key",
    secretName: "DD_API_KEY",
    keywords: ["api_key", "api-key"],
    pattern: /(?:dd|datadog)[_-]api[_-]key["']?\s*[:=]\s*["']?([0-9a-f]{32})\b/gi,
  },
  {
    id: "sendinblue",
    title: "Brevo (Sendinblue) API key",
    secretName: "BREVO_API_KEY",
    keywords: ["xkeysib-"],
    pattern: /\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b/g,
  },
  {
    id: "perplexity",
    title: "Perplexity API key",
    secretName: "PERPLEXITY_API_KEY",
    keywords: ["pplx-"],
    pattern: /\b(pplx-[A-Za-z0-9]{40,})\b/g,
  },
  {
    id: "postman",
    title: "Postman API key",
    secretName: "POSTMAN_API_KEY",
    keywords: ["PMAK-"],
    pattern: /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/g,
  },
];

export interface ProviderMatch {
  pattern: ProviderPattern;
  start: number;
  end: number;
  value: string;
}

/** Run every provider pattern whose keyword occurs in `text`; offsets are relative to `text`. */
export function findProviderSecrets(text: string): ProviderMatch[] {
  const matches: ProviderMatch[] = [];
  for (const pattern of PROVIDER_PATTERNS) {
    if (!mayMatch(text, pattern.keywords, pattern.pattern.ignoreCase)) continue;
    pattern.pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern.pattern)) {
      const value = match[1] ?? match[0];
      const start = match.index! + match[0].indexOf(value);
      matches.push({ pattern, start, end: start + value.length, value });
    }
  }
  return matches;
}
