// The core and the rules are pure: text in, findings out. They must run in a browser and in the
// editor's extension host, so no file system, no processes, no editor API.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { ROOT } from "../helpers.js";

const FORBIDDEN_IMPORT = /from\s+["'](node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https|os)["']|from\s+["']vscode["']|require\(["'](node:)?(fs|child_process|vscode)["']\)|import\(["'](node:)?(fs|child_process|vscode)["']\)/;
const PROCESS_STATE = /\bprocess\s*\.\s*(env|cwd|argv|exit)\b/;

/** The code without its comments and string contents (a string may *mention* process.env). */
function codeOnly(source: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const kept: string[] = [];
  const strings = new Set([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral]);
  // Open braces per template substitution: a `}` that closes one resumes the template text.
  const braces: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken && braces.length > 0) braces[braces.length - 1]++;
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.length > 0) {
      if (braces[braces.length - 1] === 0) {
        kind = scanner.reScanTemplateToken(false);
        braces.pop();
      } else {
        braces[braces.length - 1]--;
      }
    }
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) braces.push(0);
    if (!strings.has(kind)) kept.push(scanner.getTokenText());
  }
  return kept.join(" ");
}

const FORBIDDEN = { test: (source: string) => FORBIDDEN_IMPORT.test(source) || PROCESS_STATE.test(codeOnly(source)) };

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("linter-core and rules are pure", () => {
  for (const folder of ["linter-core", "rules"]) {
    it(`${folder}/ imports no fs, child_process or vscode and reads no process state`, () => {
      const offenders = sources(join(ROOT, folder)).filter((file) => FORBIDDEN.test(readFileSync(file, "utf8")));
      assert.deepEqual(offenders.map((file) => file.slice(ROOT.length + 1)), []);
    });
  }

  it("the check itself catches an fs import", () => {
    assert.ok(FORBIDDEN.test('import { readFileSync } from "node:fs";'));
    assert.ok(FORBIDDEN.test("import * as vscode from 'vscode';"));
    assert.ok(!FORBIDDEN.test('import { parseDocument } from "yaml";'));
    assert.ok(FORBIDDEN.test("const token = process.env.TOKEN;"));
    assert.ok(!FORBIDDEN.test("const reference = `process.env.${name}`; // writes process.env.X"));
  });
});
