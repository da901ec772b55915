// The keyword prefilter (gitleaks' idea): a detector's regex runs only where one of its keywords
// occurs. It must never change what is found; a test compares findings with it on and off.
let enabled = true;

export function setPrefilter(on: boolean): void {
  enabled = on;
}

export function mayMatch(text: string, keywords: readonly string[]): boolean {
  return !enabled || keywords.some((keyword) => text.includes(keyword));
}
