// Overlapping hits of the detectors become one detection: the hit of the most specific kind gives the
// title (then the more confident one), a name taken from a key wins, and the detection spans them all.
import type { Confidence, LiteralValue } from "../model.js";
import { redactSecrets, secretFinder } from "../redact.js";
import type { SecretDetection } from "./detect.js";
import { isPlaceholder, toSecretName } from "./values.js";

/**
 * A hit before merging. `priority`: how specific its kind is (3 a known format, 2 an idiom or a URL's
 * password, 1 a value judged by its key alone). `nameKey`: the key or name its secret name was made
 * from, if it was.
 */
export type Candidate = SecretDetection & { priority: number; nameKey?: string };

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** One detection per group of overlapping candidates, in the order of the text. */
export function mergeCandidates(text: string, literals: readonly LiteralValue[], candidates: Candidate[]): SecretDetection[] {
  candidates.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  // A key can itself hold a secret (a token pasted as a key, `token_ghp_…: …`): no secret name is made
  // from it (upper-cased, it would still spell the token) and a title that quotes it shows it redacted.
  const secretIn = secretFinder(candidates.map((c) => c.value));
  /** A key less the secrets it holds (`ghp_…_password` → `_password`): what is left to name the secret after. */
  const withoutSecrets = (key: string) => {
    for (let found = secretIn(key); found; found = secretIn(key)) key = key.split(found).join("");
    return key;
  };
  const merged: SecretDetection[] = [];
  let group: Candidate[] = [];
  const flush = () => {
    // Stryker disable next-line ConditionalExpression: a shortcut; an empty group makes nothing below either.
    if (group.length === 0) return;
    // The name comes from the whole group; a hit that is itself a placeholder takes no other part: a
    // wider one (a whole URL under a key, a whole key file) can hold an example word the secret does not.
    let named = group.find((c) => c.priority < 3) ?? group[0];
    group = group.filter((c) => !isPlaceholder(c.value));
    if (group.length === 0) return;
    const best = group.reduce((a, b) => (b.priority > a.priority || (b.priority === a.priority && CONFIDENCE_RANK[b.confidence] > CONFIDENCE_RANK[a.confidence]) ? b : a));
    if (named.priority === 3) named = best;
    const secretName = named.nameKey !== undefined && secretIn(named.nameKey) ? (group.find((c) => c.nameKey === undefined)?.secretName ?? toSecretName(withoutSecrets(named.nameKey))) : named.secretName;
    // A loop, not Math.min(...spread): a value holding 100 000 keys makes a group that large.
    let start = Infinity;
    let end = -Infinity;
    for (const c of group) {
      // Stryker disable next-line EqualityOperator: a tie sets the same bound.
      if (c.span.start < start) start = c.span.start;
      // Stryker disable next-line EqualityOperator: the same.
      if (c.span.end > end) end = c.span.end;
    }
    merged.push({
      span: { start, end },
      value: text.slice(start, end),
      // Stryker disable next-line StringLiteral: a shortcut; only a quoted key can hold a secret.
      title: best.title.includes("`") ? redactSecrets(best.title, secretIn) : best.title,
      secretName,
      confidence: best.confidence,
      literal: literals.find((l) => l.span.start <= start && end <= l.span.end),
    });
    group = [];
  };
  // (Any start is at least 0, so the first candidate starts the first group.)
  // Stryker disable next-line UnaryOperator: at +1, a first candidate at 0 joins the empty group instead: the same group.
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
