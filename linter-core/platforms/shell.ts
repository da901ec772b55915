// Shared by the platforms whose secrets reach scripts as environment variables (GitLab CI,
// Bitbucket, CircleCI, docker-compose): `$NAME` / `${NAME}` references to credential-like names.
import type { ConnectorRef, LiteralValue, Scope, Span } from "../model.js";
import { isCredentialKey } from "../secrets/values.js";

const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
/** Shell variables whose names merely look credential-like (`$PWD` is the working directory). */
const SHELL_VARIABLES = new Set(["PWD", "OLDPWD"]);

/**
 * Variables a script sets itself (`creds=$(curl …)`, `export TOKEN=$(vault read …)`): its own, not
 * connectors. Not `docker run -e NAME=…` (an option) nor `NAME=$NAME` (passing the outside value on).
 * A keyword before the name (`export`, `local`, `readonly`, `declare -x`) ends in whitespace, which is
 * all the match needs before a name.
 */
export function assignedIn(source: string): Set<string> {
  return new Set(
    [...source.matchAll(/(?:^|[\s;&|(])(-e\s+|--env(?:\s+|=))?([A-Za-z_][A-Za-z0-9_]*)=(\S*)/gm)]
      .filter((m) => !m[1] && !new RegExp(`^["']?\\$\\{?${m[2]}\\b`).test(m[3]))
      .map((m) => m[2]),
  );
}

/**
 * Credential-like variables read in `source` (at `offset` in the file) that the file does not define
 * itself and the platform does not issue.
 */
export function shellCredentialRefs(source: string, offset: number, scope: Scope, isDefined: (name: string) => boolean, isIssued: (name: string) => boolean): ConnectorRef[] {
  const refs: ConnectorRef[] = [];
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; a source without `$` reads no variable either.
  if (!source.includes("$")) return refs;
  const assigned = assignedIn(source);
  for (const match of source.matchAll(VARIABLE)) {
    const name = match[1];
    if (!isCredentialKey(name) || isDefined(name) || assigned.has(name) || SHELL_VARIABLES.has(name)) continue;
    const start = offset + match.index! + match[0].indexOf(name);
    const span: Span = { start, end: start + name.length };
    refs.push({ name, kind: "secret", span, scope, issuedByPlatform: isIssued(name) });
  }
  return refs;
}

/** The credential references of every script literal (`run`, `script`, `commands`...), by shellCredentialRefs. */
export function scriptCredentialRefs(text: string, literals: readonly LiteralValue[], isDefined: (name: string) => boolean, isIssued: (name: string) => boolean): ConnectorRef[] {
  return literals.filter((literal) => literal.role === "script").flatMap((literal) => shellCredentialRefs(text.slice(literal.span.start, literal.span.end), literal.span.start, literal.scope, isDefined, isIssued));
}

/**
 * The commands of a script, one per logical line (a `\` or PowerShell backtick continuation joins the
 * next line), each with the offset of its first character in the file.
 */
export function logicalLines(source: string, offset: number): { text: string; start: number; end: number }[] {
  const commands: { text: string; start: number; end: number }[] = [];
  let current: { text: string; start: number; end: number } | undefined;
  let at = 0;
  for (const line of source.split("\n")) {
    const continued = /[\\`]\s*$/.test(line);
    // Stryker disable next-line StringLiteral: the joined text is trimmed line by line either way.
    const body = line.replace(/[\\`]\s*$/, " ");
    if (current) current.text += ` ${body.trim()}`;
    else {
      const indent = line.length - line.trimStart().length;
      current = { text: body.trim(), start: offset + at + indent, end: offset + at + line.trimEnd().length };
    }
    if (!continued) {
      if (current.text) commands.push(current);
      current = undefined;
    }
    at += line.length + 1;
  }
  if (current?.text) commands.push(current);
  return commands;
}
