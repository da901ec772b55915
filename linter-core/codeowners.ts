// CODEOWNERS: gitignore-style patterns, the last matching line wins (GitHub's rule).
import ignore from "ignore";

export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

export interface CodeOwners {
  ownersOf(path: string): string[];
}

export function parseCodeOwners(text: string | undefined): CodeOwners {
  const rules: { matches: (path: string) => boolean; owners: string[] }[] = [];
  // Stryker disable next-line StringLiteral: any other text in its place names no owner of ours either.
  for (const raw of (text ?? "").split(/\r?\n/)) {
    // (`s`: a comment runs to the line's end whatever it holds; `.` stopping at a U+2028 made the regex try
    // again from every `#`. A line that is all comment left as it is would be a gitignore comment: `^|` and
    // `$` are for the reader.)
    // Stryker disable next-line Regex
    const line = raw.replace(/(^|\s)#.*$/s, "").trim();
    // Stryker disable next-line ConditionalExpression: a shortcut; an empty pattern matches nothing.
    if (!line) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    try {
      const matcher = ignore().add(pattern);
      rules.push({ matches: (path) => matcher.ignores(path), owners });
    } catch {
      // A pattern `ignore` rejects is one GitHub would reject too: skip the line.
    }
  }
  return {
    ownersOf(path) {
      for (let i = rules.length - 1; i >= 0; i--) {
        if (rules[i].matches(path)) return rules[i].owners;
      }
      return [];
    },
  };
}
