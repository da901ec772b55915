// The one place that decides how much of a secret may be shown: a short prefix and the length.
// Every message, hover, log, JSON or SARIF output goes through here.

/** `ghp_… (40 chars)`; at most 4 characters and never more than a quarter of the value. */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}… (${secret.length} chars)`;
}
