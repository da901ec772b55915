// Platform sniffing without quadratic regexes (platforms/common.ts lineStartKey): each key a platform
// is told by, found lead first with its indentation checked backwards, must match exactly where the
// plain `/^\s*…/m` (or `/^\s+…/m`) form matches — blank lines, CRLF, U+2028 and a `-` list marker
// included — and a file of blank lines must be sniffed in linear time.
import assert from "node:assert/strict";
import { POWERSHELL_STEP, STAGE_OR_STEP, TASK, TEMPLATE_EXPRESSION, VM_IMAGE } from "../../linter-core/platforms/azure-pipelines.js";
import { INDENTED_STEP } from "../../linter-core/platforms/bitbucket.js";
import { INDENTED_STEP_KEY } from "../../linter-core/platforms/buildkite.js";
import { BUILDER_STEP } from "../../linter-core/platforms/cloud-build.js";
import { INDENTED_IMAGE_OR_BUILD } from "../../linter-core/platforms/docker-compose.js";
import { INDENTED_USING } from "../../linter-core/platforms/github-actions.js";
import { INDENTED_SCRIPT } from "../../linter-core/platforms/gitlab-ci.js";
import { platformFor } from "../../linter-core/platforms/index.js";
import { assertGrowsLinearly, FakeSecrets } from "../helpers.js";

// Each platform's own key (written with lineStartKey, or read up to the next `${{`), beside the plain regex it stands for.
const KEYS: { name: string; plain: RegExp; fast: RegExp; words: string[] }[] = [
  { name: "Azure task", plain: /^\s*-?\s*task\s*:\s*[\w.-]+@\d/m, fast: TASK, words: ["task", "task:", " Cache@2", "@2", "."] },
  { name: "Azure vmImage", plain: /^\s*vmImage\s*:/m, fast: VM_IMAGE, words: ["vmImage"] },
  { name: "Azure PowerShell step", plain: /^\s*-\s*(pwsh|powershell)\s*:/m, fast: POWERSHELL_STEP, words: ["pwsh", "powershell"] },
  { name: "Azure stage or step", plain: /^\s*-\s*(stage|job|deployment|script|bash|checkout)\s*:/m, fast: STAGE_OR_STEP, words: ["stage", "job", "bash"] },
  {
    name: "Cloud Build builder step",
    plain: /^\s*-\s*name\s*:\s*['"]?[\w.-]+\.(gcr\.io|pkg\.dev|docker\.io)\/|^\s*-\s*name\s*:\s*['"]?gcr\.io/m,
    fast: BUILDER_STEP,
    words: ["name", "- name:", "gcr.io", " gcr.io/b", "eu.gcr.io/", "/", "'", "pkg.dev/", "x."],
  },
  { name: "GitLab script", plain: /^\s+script\s*:/m, fast: INDENTED_SCRIPT, words: ["script"] },
  { name: "compose image or build", plain: /^\s+(image|build)\s*:/m, fast: INDENTED_IMAGE_OR_BUILD, words: ["image", "build"] },
  { name: "Bitbucket step", plain: /^\s+-\s*step\s*:/m, fast: INDENTED_STEP, words: ["step", "step:", "-step:"] },
  {
    name: "Buildkite step key",
    plain: /^\s+(-\s+)?(label|command|commands|plugins|agents|block|wait|trigger)\s*:/m,
    fast: INDENTED_STEP_KEY,
    words: ["label", "command", "commands", "wait"],
  },
  {
    name: "Azure template expression",
    plain: /\$\{\{[^}\n]*\bparameters\.|\$\{\{\s*(if|elseif|else|each)\b/,
    fast: TEMPLATE_EXPRESSION,
    words: ["${{", "${{ ", "parameters.", "xparameters.", "}", "if", "each", "}}"],
  },
  { name: "action's using", plain: /^\s+using\s*:/m, fast: INDENTED_USING, words: ["using"] },
];

const PIECES = [" ", "  ", "\t", "\n", "\n", "\r\n", "\r", "\u2028", "\u00a0", "-", "- ", ":", ": ", "x", "#"];

describe("platform sniffing: keys at a line's start", () => {
  for (const { name, plain, fast, words } of KEYS) {
    it(`${name}: the same answer as ${plain.source.slice(0, 40)}… on 20 000 random texts`, () => {
      const random = new FakeSecrets(7);
      const pieces = [...PIECES, ...words, ...words];
      let matched = 0;
      for (let i = 0; i < 20_000; i++) {
        const text = Array.from({ length: 1 + (i % 14) }, () => random.pick(pieces)).join("");
        const expected = plain.test(text);
        matched += expected ? 1 : 0;
        assert.equal(fast.test(text), expected, JSON.stringify(text));
      }
      // Both answers occur: a generator that never matches would prove nothing.
      assert.ok(matched > 200 && matched < 19_800, `${matched} of 20 000 matched`);
    });
  }

  // A ratio at two sizes, not a wall-clock limit (assertGrowsLinearly, as test/core/linear-time.test.ts).
  for (const [name, blank] of [["blank lines of spaces", " \n"], ["blank lines in CRLF", " \r\n"], ["list markers", "- \n"], ["one line of ${{", "${{ "]] as const) {
    it(`a .yml no path claims, of ${name}, is sniffed in linear time`, () =>
      assertGrowsLinearly((n) => assert.equal(platformFor("config/a.yml", blank.repeat(n) + "\nx: 1\n").id, "yaml"), { warm: 1_000, small: 10_000, floorMs: 0.5 }, "the lines"));
  }
});
