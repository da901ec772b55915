// `nhilint init`: a pre-commit hook (husky in a Node repository, a plain git hook otherwise) and an
// inventory skeleton. Idempotent; never replaces a hook or inventory it did not write.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { applyEdits, modify, parse } from "jsonc-parser";
import { dirname, join, relative, resolve } from "node:path";
import { INVENTORY_HEADER, INVENTORY_PATHS } from "../linter-core/inventory.js";
import { gitConfig, gitPath, repositoryRoot } from "./git.js";
import { UsageError } from "./scan.js";

const HOOK_COMMAND = "npx --no-install nhilint --staged";
const MARKER = "# installed by nhilint init";

export interface InitOptions {
  cwd: string;
  force: boolean;
  log: (line: string) => void;
}

function ensureHookLine(path: string, header: string, command: string, options: InitOptions, root: string): void {
  const shown = relative(root, path);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${header}${MARKER}\n${command}\n`);
    chmodSync(path, 0o755);
    options.log(`created ${shown}: runs \`${command}\` before each commit`);
    return;
  }
  const current = readFileSync(path, "utf8");
  if (current.includes("nhilint --staged")) {
    options.log(`${shown} already runs nhilint: left as it is`);
    return;
  }
  if (!options.force) {
    // Someone else's hook: say so, and say how to add nhilint, but do not touch it.
    options.log(`${shown} exists and was not written by nhilint: left unchanged. Add this line to it:\n    ${command}\n  or run \`nhilint init --force\` to append it.`);
    return;
  }
  writeFileSync(path, `${current.replace(/\n?$/, "\n")}${MARKER}\n${command}\n`);
  options.log(`appended \`${command}\` to the existing ${shown}`);
}

export function init(options: InitOptions): number {
  const root = repositoryRoot(options.cwd);
  if (!root) throw new UsageError("nhilint init sets up a git pre-commit hook: run it inside a git repository");
  const packageJson = join(root, "package.json");

  let active = true;
  if (existsSync(packageJson)) {
    ensureHookLine(join(root, ".husky", "pre-commit"), "", HOOK_COMMAND, options, root);
    const husky = join(root, "node_modules", ".bin", "husky");
    if (gitConfig(root, "core.hooksPath") === ".husky/_") {
      options.log("husky is set up (core.hooksPath = .husky/_)");
    } else if (existsSync(husky)) {
      const result = spawnSync(husky, [], { cwd: root, encoding: "utf8" });
      if (result.status !== 0) throw new UsageError(`husky could not set up the hooks: ${(result.stderr || result.stdout).trim()}`);
      options.log("ran husky: git now runs .husky/pre-commit");
    } else {
      // The files are written, but git runs nothing yet: say so, and do not report success.
      options.log("husky is not installed here, so git does not run the hook yet: run `npm install --save-dev husky` (then `npm install` runs it for everyone)");
      active = false;
    }
    ensurePrepareScript(packageJson, options);
  } else {
    const hooksDir = resolve(root, gitPath(root, "hooks"));
    ensureHookLine(join(hooksDir, "pre-commit"), "#!/bin/sh\n", "nhilint --staged", options, root);
    options.log("git does not share hooks: each teammate runs `nhilint init` once in their clone (or use the pre-commit framework, see the README)");
  }

  const existing = INVENTORY_PATHS.find((path) => existsSync(join(root, path)));
  if (existing) {
    options.log(`${existing} exists: left as it is`);
  } else {
    writeFileSync(
      join(root, INVENTORY_PATHS[0]),
      INVENTORY_HEADER.replace(/connectors:\n$/, "connectors: []\n") +
        "# A record looks like this (see the README):\n" +
        "#  - name: DEPLOY_TOKEN\n#    kind: secret\n#    owner: \"@acme/platform\"\n#    purpose: Deploy the web app to production\n#    expires: 2027-06-30\n",
    );
    options.log(`created ${INVENTORY_PATHS[0]}: record each connector's owner, purpose and expiry there`);
  }
  return active ? 0 : 1;
}

/**
 * `"prepare": "husky"` in package.json (husky's convention): every clone gets the hook at
 * `npm install`/`npm ci`. Kept if there; put in front of an existing `prepare`; the file's own
 * formatting is kept (a jsonc-parser edit, not a rewrite).
 */
function ensurePrepareScript(packageJson: string, options: InitOptions): void {
  const text = readFileSync(packageJson, "utf8");
  const pkg = parse(text) as { scripts?: Record<string, string> } | undefined;
  const prepare = pkg?.scripts?.prepare;
  if (prepare?.split(/\s*(?:&&|;)\s*/).includes("husky")) {
    options.log('package.json already runs husky in "prepare": every clone gets the hook at npm install');
    return;
  }
  const value = prepare ? `husky && ${prepare}` : "husky";
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
  const edits = modify(text, ["scripts", "prepare"], value, { formattingOptions: { insertSpaces: !indent.includes("\t"), tabSize: indent.includes("\t") ? 1 : indent.length } });
  writeFileSync(packageJson, applyEdits(text, edits));
  options.log(`package.json: "prepare": "${value}", so every clone gets the hook at npm install / npm ci`);
}
