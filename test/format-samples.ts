// True examples of a credential format, generated at test time from the format's own shape (so this
// repository holds no secret-looking string): for the format table's tests and any test that needs
// one secret of every kind.
import assert from "node:assert/strict";
import randexp from "randexp";
import type { CredentialFormat } from "../linter-core/secrets/formats.js";
import { hasLiteralRuns, isPlaceholderToken } from "../linter-core/secrets/providers.js";
import type { FakeSecrets } from "./helpers.js";

// randexp is CommonJS: its class is the module itself.
const RandExp = randexp as unknown as typeof randexp.default;

/** Lookarounds only bound a match; the generator makes the text itself. */
export function withoutLookarounds(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "\\") {
      out += source[i] + source[i + 1];
      i++;
      continue;
    }
    if (source.startsWith("(?=", i) || source.startsWith("(?!", i) || source.startsWith("(?<=", i) || source.startsWith("(?<!", i)) {
      let depth = 0;
      let inClass = false;
      for (; i < source.length; i++) {
        if (source[i] === "\\") i++;
        else if (inClass) inClass = source[i] !== "]";
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "(") depth++;
        else if (source[i] === ")" && --depth === 0) break;
      }
      continue;
    }
    out += source[i];
  }
  return out.replace(/\\b|\^|\$/g, "");
}

/** Values of the entry's shape that are not placeholders by our own definition, drawn from `fake`. */
export function formatSamples(format: CredentialFormat, fake: FakeSecrets, count = 2): string[] {
  const shape = new RegExp(format.token ?? format.value!, format.flags);
  const generator = new RandExp(new RegExp(withoutLookarounds(shape.source), shape.flags));
  generator.max = 24;
  generator.randInt = (a: number, b: number) => a + Math.floor(Number.parseInt(fake.hex(8), 16) / 2 ** 32 * (b - a + 1));
  const whole = new RegExp(`^(?:${shape.source})$`, shape.flags.replace("g", ""));
  const found: string[] = [];
  for (let tries = 0; found.length < count && tries < 200; tries++) {
    const value = generator.gen();
    if (/[\s"'\\`]/.test(value) || isPlaceholderToken(value, { entropy: format.entropy, literalRuns: hasLiteralRuns(format) })) continue;
    // The generator does not honour every bound (a negated class after a quantifier): keep values of the shape.
    if (format.value ? !whole.test(value) : !new RegExp(shape.source, shape.flags.replace("g", "")).test(`${value} `)) continue;
    found.push(value);
  }
  assert.equal(found.length, count, `could not generate samples for ${format.id}`);
  return found;
}
