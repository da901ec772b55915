// Detectors stay linear on adversarial lines (issue 17): each line is timed at two sizes in one run and
// the growth compared — ten times the input may cost about ten times the time, never a hundred. A
// ratio, not a wall-clock limit, so a slow or busy machine does not fail it.
import assert from "node:assert/strict";
import { emptyModel } from "../../linter-core/platforms/common.js";
import { detectSecrets } from "../../linter-core/secrets/detect.js";
import { isReference } from "../../linter-core/secrets/values.js";

const LINES: Record<string, (n: number) => string> = {
  "-H-H-H…": (n) => "curl " + "-H".repeat(n / 2),
  "login login …": (n) => "docker " + "login ".repeat(n / 6),
  "curl curl … -u": (n) => "curl ".repeat(n / 5),
  "a long identifier": (n) => "a".repeat(n),
  "--x-x-x…": (n) => " --" + "x-".repeat(n / 2),
  "eyeyey… (JWT shape)": (n) => "ey".repeat(n / 2),
  "AAAA… (one base64 run)": (n) => "A".repeat(n),
  "a.a.a…://": (n) => "a.".repeat(n / 2) + "://",
  "sk_live_ sk_live_ …": (n) => "sk_live_ ".repeat(n / 9),
  "key=key=key=…": (n) => "key=".repeat(n / 4),
};

async function timeOf(text: string): Promise<number> {
  const start = process.hrtime.bigint();
  await detectSecrets(emptyModel("text", "line.txt", text));
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe("detectors on adversarial lines grow linearly", function () {
  this.timeout(120_000);
  for (const [name, make] of Object.entries(LINES)) {
    it(name, async () => {
      await timeOf(make(2_000)); // warm the regexes
      const small = Math.max(await timeOf(make(40_000)), 1);
      const large = await timeOf(make(400_000));
      assert.ok(large / small < 40, `10× the input took ${(large / small).toFixed(0)}× the time (${small.toFixed(1)} → ${large.toFixed(1)} ms)`);
    });
  }
  it("a reference check on a long value with many {{", () => {
    const time = (n: number) => {
      const value = "{{ ".repeat(n);
      const start = process.hrtime.bigint();
      isReference(value);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    time(1000);
    const small = Math.max(time(20_000), 0.5);
    const large = time(200_000);
    assert.ok(large / small < 40, `${(large / small).toFixed(0)}×`);
  });
});
