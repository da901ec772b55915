// Where a leaked credential of a known kind is revoked (and a new one issued): the page `nhilint
// history` points a security team to beside each secret to rotate. Only providers whose page is public
// and stable (their own settings page, or their documentation on revoking); the rest are rotated "at
// the provider". The table's facts are checked against the format table by test/core/revocation.test.ts.
import { CREDENTIAL_FORMATS } from "./formats.js";

const AWS_ACCESS_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";
const SLACK_APPS = "https://api.slack.com/apps";
const GITLAB_TOKENS = "https://gitlab.com/-/user_settings/personal_access_tokens";
const CLOUDFLARE_TOKENS = "https://dash.cloudflare.com/profile/api-tokens";
const HEROKU_ACCOUNT = "https://dashboard.heroku.com/account";

/** By format id (formats.ts). */
export const REVOCATION_BY_FORMAT: Readonly<Record<string, string>> = {
  "anthropic-api-key": "https://console.anthropic.com/settings/keys",
  "atlassian-api-token": "https://id.atlassian.com/manage-profile/security/api-tokens",
  "aws-access-token": AWS_ACCESS_KEYS,
  "aws-secret-access-key": AWS_ACCESS_KEYS,
  "azure-ad-client-secret": "https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
  "azure-storage-account-key": "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
  "cloudflare-api-key": CLOUDFLARE_TOKENS,
  "cloudflare-global-api-key": CLOUDFLARE_TOKENS,
  "cloudflare-account-api-token": CLOUDFLARE_TOKENS,
  "cloudflare-user-api-token": CLOUDFLARE_TOKENS,
  "cloudflare-prefixed-api-key": CLOUDFLARE_TOKENS,
  "digitalocean-pat": "https://cloud.digitalocean.com/account/api/tokens",
  "discord-api-token": "https://discord.com/developers/applications",
  "discord-client-secret": "https://discord.com/developers/applications",
  "gcp-api-key": "https://console.cloud.google.com/apis/credentials",
  "github-fine-grained-pat": "https://github.com/settings/personal-access-tokens",
  "github-oauth": "https://github.com/settings/applications",
  "github-pat": "https://github.com/settings/tokens",
  "gitlab-pat": GITLAB_TOKENS,
  "gitlab-pat-routable": GITLAB_TOKENS,
  "hashicorp-tf-api-token": "https://app.terraform.io/app/settings/tokens",
  "heroku-api-key": HEROKU_ACCOUNT,
  "heroku-api-key-v2": HEROKU_ACCOUNT,
  "huggingface-access-token": "https://huggingface.co/settings/tokens",
  "mapbox-api-token": "https://account.mapbox.com/access-tokens/",
  "netlify-access-token": "https://app.netlify.com/user/applications",
  "notion-api-token": "https://www.notion.so/my-integrations",
  "npm-access-token": "https://docs.npmjs.com/revoking-access-tokens",
  "openai-api-key": "https://platform.openai.com/api-keys",
  "postman-api-token": "https://go.postman.co/settings/me/api-keys",
  "pulumi-api-token": "https://app.pulumi.com/account/tokens",
  "pypi-upload-token": "https://pypi.org/manage/account/",
  "rubygems-api-token": "https://rubygems.org/profile/api_keys",
  "sendgrid-api-token": "https://app.sendgrid.com/settings/api_keys",
  "sentry-user-token": "https://sentry.io/settings/account/api/auth-tokens/",
  "slack-app-token": SLACK_APPS,
  "slack-bot-token": SLACK_APPS,
  "slack-config-access-token": SLACK_APPS,
  "slack-user-token": SLACK_APPS,
  "slack-webhook-url": SLACK_APPS,
  "snyk-api-token": "https://app.snyk.io/account",
  "square-access-token": "https://developer.squareup.com/apps",
  "stripe-access-token": "https://dashboard.stripe.com/apikeys",
  "tailscale-key": "https://login.tailscale.com/admin/settings/keys",
  "twilio-api-key": "https://console.twilio.com/us1/account/keys-credentials/api-keys",
};

/** By the title of a detector outside the table (secretlint's preset rules that still run: detect.ts). */
const REVOCATION_BY_TITLE: Readonly<Record<string, string>> = {
  "AWS secret access key": AWS_ACCESS_KEYS,
  "GCP service account key": "https://console.cloud.google.com/iam-admin/serviceaccounts",
  "Vercel token": "https://vercel.com/account/tokens",
};

let byTitle: Map<string, string> | undefined;

/** Forget the pages by title (mutation testing: each test must build them under its own mutant). */
// Stryker disable next-line BlockStatement: mutation testing's own hook; the suite never calls it.
export function forgetRevocationPages(): void {
  byTitle = undefined;
}

/**
 * Where a secret found under this title is revoked, if nhilint knows: the title as the detectors give
 * it, with what they add after the kind (`…, checksum valid`, `… (base64-encoded)`).
 */
export function revocationFor(title: string): string | undefined {
  byTitle ??= new Map([...CREDENTIAL_FORMATS.flatMap((format) => (REVOCATION_BY_FORMAT[format.id] ? [[format.title, REVOCATION_BY_FORMAT[format.id]] as const] : [])), ...Object.entries(REVOCATION_BY_TITLE)]);
  // Stryker disable next-line Regex: a lazy group from the start matches from the start without `^` too.
  const kind = /^(.*?)(?:, | \()/.exec(title)?.[1];
  // Stryker disable next-line ConditionalExpression: no title is undefined, so get(undefined) is undefined too.
  return byTitle.get(title) ?? (kind === undefined ? undefined : byTitle.get(kind));
}
