import { escapeRegExp, valueTextSpan } from "../linter-core/text.js";
import type { LiteralValue } from "../linter-core/model.js";
import type { Rule } from "../linter-core/rule.js";
import { logicalLines } from "../linter-core/platforms/shell.js";
import { describeScope, SECRET_EXPRESSION, secretsVisibleToScript, shellVariableUse } from "./shared.js";

/**
 * A command that prints, in command position (not `print` inside an awk program, not inside `$(…)`,
 * whose output is captured), or a write to a log.
 */
// (A redirect's file name stops at the next `>`: read through every later one, `>a>a>…` was quadratic.)
const PRINTS = /(^|[;&|]|(?<!\$)\(|\bthen|\bdo|\belse)\s*(echo|printf|print|cat|Write-Host|Write-Output|tee)\b|console\.log\(|GITHUB_STEP_SUMMARY|>>?\s*[^\s>]*\.log\b/;
/** Commands that only transform what they are given and still print it. */
const STILL_PRINTS = /^\s*(tee|base64|xxd|od|rev|tr|sed|awk|cut|cat|head|tail)\b/;

/**
 * The commands of one line, split at `&&`, `||` and `;` outside quotes (pipes stay: `echo $T | base64`
 * is one; `echo "done; $T"` is one), with where each starts.
 */
function commandsOfLine(line: string): { text: string; at: number }[] {
  // Stryker disable next-line ArrayDeclaration: a stray first entry has no text and no start: never a print, never a command found.
  const commands: { text: string; at: number }[] = [];
  let at = 0;
  let quote: string | undefined;
  // Stryker disable next-line EqualityOperator: one step past the end reads undefined, which matches nothing.
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "\\") i++;
    else if (ch === ";" || ((ch === "&" || ch === "|") && line[i + 1] === ch)) {
      commands.push({ text: line.slice(at, i), at });
      at = i + (ch === ";" ? 1 : 2);
      i = at - 1;
    }
  }
  commands.push({ text: line.slice(at), at });
  return commands;
}

/** Output piped into a tool that consumes it (`echo "$T" | gpg --import`) is not printed. */
function consumedByTool(line: string): boolean {
  const segments = line.split(/(?<!\|)\|(?!\|)/);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with one segment, slice(1) is empty and some() false.
  return segments.length > 1 && segments.slice(1).some((segment) => !STILL_PRINTS.test(segment));
}
/** Output sent to a log-like place: the job summary or a .log file. */
const LOG_TARGET = /GITHUB_STEP_SUMMARY|\.log\b/;
/** A redirect of output into a file (`> file`, `>> "$GITHUB_ENV"`), not into `&2` or a log. */
const REDIRECT = /(^|[^&0-9<>])>>?\s*(?!&)("?[^\s;|]+)/;

/**
 * Lines whose output goes to a file rather than the log: redirected themselves, or inside a `{ ...; } > file`
 * group or a function whose body is redirected (`f() {` … `} >> "$GITHUB_ENV"`).
 */
function redirectedLines(lines: string[]): Set<number> {
  const result = new Set<number>();
  // Stryker disable next-line ArrayDeclaration: a stray entry, popped by an unmatched `}`, is no line number: the loop below never runs.
  const openGroups: number[] = [];
  lines.forEach((line, i) => {
    const redirect = REDIRECT.exec(line);
    if (redirect && !LOG_TARGET.test(redirect[2])) result.add(i);
    // (`{` is a word of its own: not `${`, `{a,b}` or awk's `'{`.)
    // Stryker disable next-line Regex: a script's lines keep their indentation, so `^` and a blank both stand before a group's `{`.
    if (/(?:^|[\s;&|)])\{(?:\s|$)/.test(line)) openGroups.push(i);
    // (`s`: what follows may hold a `\r` or U+2028, which `.` would stop at and try again from every blank.)
    // Stryker disable next-line Regex: with the s flag, `(.*)` reaches the end without the `$`.
    const close = /^\s*\}(.*)$/s.exec(line);
    // Stryker disable next-line EqualityOperator,ConditionalExpression: with no group open, pop() gives undefined and the loop below never runs.
    if (close && openGroups.length > 0) {
      const start = openGroups.pop()!;
      const target = REDIRECT.exec(close[1]);
      // Stryker disable next-line EqualityOperator: the closing `} > file` line prints nothing itself.
      if (target && !LOG_TARGET.test(target[2])) for (let j = start; j <= i; j++) result.add(j);
    }
  });
  return result;
}

/**
 * Where a command reads the variable `name`: `$NAME`, `${NAME}` or `$env:NAME` where the shell expands it
 * (not `'$NAME'`, not `\$NAME`: both print the name as written), or Azure's `$(NAME)` anywhere (Azure
 * substitutes it before the shell runs). -1 when it does not. The name is escaped (a key may hold `[` or `.`).
 */
function envUseIn(command: string, name: string): number {
  const escaped = escapeRegExp(name);
  const macro = `\\$\\(${escaped}\\)`;
  const found = withLiteralTextBlanked(command).search(new RegExp(`${shellVariableUse(name).source}|\\$env:${escaped}(?!\\w)|${macro}`));
  // Stryker disable next-line EqualityOperator: a command that prints starts with its program, never at the variable.
  return found >= 0 ? found : command.search(new RegExp(macro));
}

/** The command with what the shell takes literally blanked out, its length kept: single-quoted text, escaped characters. */
function withLiteralTextBlanked(command: string): string {
  // Stryker disable next-line ConditionalExpression,Regex: a shortcut; with no quote and no backslash nothing is blanked.
  if (!/['\\]/.test(command)) return command;
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      out += " ";
    } else if (ch === "\\") {
      out += "  ";
      i++;
    } else {
      // A `'` inside double quotes is text.
      if (ch === '"') quote = quote ? undefined : ch;
      else if (ch === "'" && !quote) quote = ch;
      out += ch;
    }
  }
  return out;
}

/** Every GitHub secret expression of a command, substituted into the script's text before the shell runs it. */
const SECRET_EXPRESSIONS = new RegExp(SECRET_EXPRESSION.source, "g");
/** Shell builtins and assignments: their arguments never become a process's command line. */
const BUILTIN = /^(?:echo|printf|export|local|declare|readonly|test|\[\[?|read|set|unset|eval|:|Write-Host|Write-Output|\$\w+\s*=.*|[A-Za-z_]\w*=.*)$/;
/** PowerShell's assignment, `$key = …`: its first word alone does not show it. */
const POWERSHELL_ASSIGNMENT = /^\$\w+\s*=/;
/** Where a heredoc starts (`cat <<EOF`, `<<-'END'`): its lines are data, not commands. */
const HEREDOC = /<<-?\s*["']?(\w+)["']?/;

/**
 * The program a secret expression at `index` of a logical line is given to as an argument, or
 * undefined when it goes to a builtin, an assignment or a pipe's input.
 */
function programReceiving(command: string, index: number): string | undefined {
  // Inside a test (`[[ -z "${{ secrets.X }}" ]]`, `[ … ]`): a builtin's operand.
  const before = command.slice(0, index);
  // (A `[ ` not closed since: looked for after the last `]` only; from every `[ ` to the end was quadratic.)
  const lastClose = before.lastIndexOf("]");
  if ((before.match(/\[\[/g)?.length ?? 0) > (before.match(/\]\]/g)?.length ?? 0) || /(?:^|[\s;&|(])\[\s/.test(before.slice(lastClose + 1))) return undefined;
  const segmentStart = Math.max(...[";", "&&", "||", "|", "$(", "`"].map((sep) => command.lastIndexOf(sep, index)).map((at, i) => (at < 0 ? 0 : at + [1, 2, 2, 1, 2, 1][i])));
  const words = command.slice(segmentStart, index).trim().split(/\s+/);
  // `sudo`, `env`, `VAR=x cmd`: the program is the next word.
  while (words.length > 1 && /^(?:sudo|env|exec|time|nohup|if|then|else|elif|while|until|do|!|[A-Za-z_]\w*=\S*)$/.test(words[0])) words.shift();
  // Stryker disable next-line StringLiteral: split() always gives a first word.
  const program = words[0] ?? "";
  // (The whole command is not matched against BUILTIN: `API_URL=x curl …` is curl's command line.)
  // Stryker disable next-line ConditionalExpression,StringLiteral: an empty program is as falsy to the caller as undefined.
  return program === "" || BUILTIN.test(program) || POWERSHELL_ASSIGNMENT.test(command.slice(segmentStart, index).trim()) ? undefined : program;
}

export const secretInLog: Rule = {
  meta: {
    id: "secret-in-log",
    description: "A secret echoed, printed or written to the job summary or a log, or put on a command line (process listings, audit logs).",
    defaultSeverity: "error",
    owasp: ["NHI2"],
    nist: ["PR.DS-01", "DE.CM-09"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    for (const literal of file.literals) {
      if (literal.role !== "script") continue;
      // The secrets this script sees, by the variable it may print them through.
      const visible = secretsVisibleToScript(file, literal);
      // A quoted script (`- 'echo "$T"'`, Groovy `sh '…'`) starts after its opening quote.
      let offset = valueTextSpan(file.text, literal).start;
      const lines = file.text.slice(offset, literal.span.end).split("\n");
      const toFiles = redirectedLines(lines);
      for (const [index, line] of lines.entries()) {
        const lineStart = offset;
        offset += line.length + 1;
        // A git credential helper (`credential.helper '!f() { echo password=$T; }; f'`) echoes to git, not to the log.
        if (!PRINTS.test(line) || toFiles.has(index) || line.includes("::add-mask::") || line.includes("credential.helper")) continue;
        // Azure's logging command: `issecret=true` registers the value for masking (not a print);
        // without it the secret becomes a plain pipeline variable, shown in clear wherever it is used.
        // (Its properties run to the first `]`, found once: a regex would look again from every `##vso[`.)
        const setVariable = line.search(/##vso\[task\.setvariable\b/i);
        // Stryker disable next-line EqualityOperator: a line that starts with `##vso[` is no echo.
        const setVariableEnd = setVariable < 0 ? -1 : line.indexOf("]", setVariable);
        // Stryker disable next-line EqualityOperator: a `]` found is after `##vso[`, never at 0.
        if (setVariableEnd >= 0 && /issecret\s*=\s*true/i.test(line.slice(setVariable, setVariableEnd))) continue;
        // Each command of the line on its own (`a && b`, `a; b`, `a || b`): `[ -n "$T" ] && echo ok` prints no secret.
        for (const segment of commandsOfLine(line)) {
          if (!PRINTS.test(segment.text) || consumedByTool(segment.text)) continue;
          const direct = SECRET_EXPRESSION.exec(segment.text);
          // Stryker disable next-line EqualityOperator: as in envUseIn, never at 0.
          const viaEnv = visible.find((ref) => envUseIn(segment.text, ref.binding!.name) >= 0);
          const name = direct?.[1] ?? viaEnv?.name;
          if (!name || name.toUpperCase() === "GITHUB_TOKEN") continue;
          const column = segment.at + (direct ? direct.index : envUseIn(segment.text, viaEnv!.binding!.name));
          context.report({
            span: { start: lineStart + column, end: lineStart + line.trimEnd().length },
            // Stryker disable next-line EqualityOperator: as above, never 0.
            message: setVariableEnd >= 0
              ? `secret \`${name}\` is set as a plain pipeline variable${describeScope(literal.scope)} (\`##vso[task.setvariable]\` without \`issecret=true\`): later steps and the log show it in clear.`
              : `secret \`${name}\` is printed${describeScope(literal.scope)}: masking misses it once it is encoded, split or transformed, and logs are kept and shared.`,
            identity: `${name}:${line.trim()}`,
            connector: name,
            help: "Never print secrets; pass them to tools through env or stdin (`--password-stdin`).",
          });
          break;
        }
      }
      if (file.platform === "github-actions") reportCommandLines(context, literal);
      // The pipeline's language put the value into the script's text (Jenkins: Groovy "${PASS}" in `sh`).
      for (const use of literal.interpolated ?? []) {
        context.report({
          span: use.span,
          message: `credential variable \`${use.name}\` is interpolated by Groovy into the \`${literal.key}\` command${describeScope(literal.scope)} before the shell runs it: the value is on the command line (the process list, \`set -x\`), and a value with quotes or \`;\` changes the command.`,
          identity: `${use.name}:interpolated:${literal.value}`,
          severity: "warning",
          help: `Write the command in single quotes (\`${literal.key} '… $${use.name} …'\`) so the shell reads \`${use.name}\` from its environment; Groovy then never sees the value.`,
        });
      }
    }
  },
};

/**
 * A secret expression written into a program's arguments: GitHub substitutes it into the script text,
 * so the value is on the process's command line, where other processes on the runner (`ps`) and audit
 * logs see it, and `set -x` prints it. GitHub's hardening guide says to avoid it. A warning: the value
 * is masked in the job log itself. Lines already reported as printing it are left to that finding.
 */
function reportCommandLines(context: Parameters<Rule["checkFile"] & {}>[0], literal: LiteralValue): void {
  const { file } = context;
  const source = file.text.slice(literal.span.start, literal.span.end);
  let heredocEnd: string | undefined;
  for (const command of logicalLines(source, literal.span.start)) {
    if (heredocEnd !== undefined) {
      // Stryker disable next-line MethodExpression: logicalLines' text is trimmed already.
      if (command.text.trim() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    heredocEnd = HEREDOC.exec(command.text)?.[1];
    // Split only where a secret expression stands: most commands hold none.
    let segments: { text: string; at: number }[] | undefined;
    const seen = new Set<string>();
    for (const match of command.text.matchAll(SECRET_EXPRESSIONS)) {
      // A command that prints is left to the print finding (`echo start; curl … ${{ secrets.X }}`: only the curl is judged here).
      segments ??= commandsOfLine(command.text);
      // Stryker disable next-line EqualityOperator: a command that starts with the expression has no program, and the one before gives none either.
      const segment = segments.filter((s) => s.at <= match.index!).at(-1)!;
      if (PRINTS.test(segment.text) && !consumedByTool(segment.text)) continue;
      const name = match[1];
      const program = programReceiving(command.text, match.index!);
      if (!program || name.toUpperCase() === "GITHUB_TOKEN" || seen.has(name)) continue;
      seen.add(name);
      context.report({
        span: { start: command.start, end: command.end },
        message: `secret \`${name}\` is put on \`${program}\`'s command line${describeScope(literal.scope)}: other processes on the runner see it in the process list, audit logs record it, and \`set -x\` prints it.`,
        identity: `${name}:argument:${program}`,
        connector: name,
        severity: "warning",
        help: `Bind it in the step's \`env:\` (\`${name}: \${{ secrets.${name} }}\`) and let \`${program}\` read it from there, from a file or from stdin (\`--password-stdin\`), not from an argument.`,
      });
    }
  }
}
