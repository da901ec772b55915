// The core and the rules are pure: text in, findings out. They must run in a browser and in the
// editor's extension host, so no file system, no processes, no editor API.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

const FORBIDDEN = /from\s+["'](node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https|os)["']|from\s+["']vscode["']|require\(["'](node:)?(fs|child_process|vscode)["']\)|import\(["'](node:)?(fs|child_process|vscode)["']\)|\bprocess\.(env|cwd|argv|exit)/;

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
  });
});
