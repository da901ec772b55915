// The keyword prefilter (gitleaks' idea): a detector's regex runs only where one of its keywords
// occurs. It must never change what is found; tests compare findings with it on and off.
let enabled = true;

export function setPrefilter(on: boolean): void {
  enabled = on;
}

export function isPrefilterOn(): boolean {
  return enabled;
}

// Detectors run one after another over the same text: lower-case it once.
let lastText: string | undefined;
let lastLower = "";
function lowerCased(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

/**
 * Whether a keyword occurs in the text. `ignoreCase` is for regexes with the `i` flag (pass the
 * regex's `ignoreCase`): a case-sensitive keyword in front of one would skip matches.
 */
export function mayMatch(text: string, keywords: readonly string[], ignoreCase = false): boolean {
  if (!enabled) return true;
  if (!ignoreCase) return keywords.some((keyword) => text.includes(keyword));
  const lower = lowerCased(text);
  return keywords.some((keyword) => lower.includes(keyword.toLowerCase()));
}
