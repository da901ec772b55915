// node:crypto, required on first use: loading it costs every run 2.5 ms of Node's own modules, and a
// pre-commit run that finds nothing, or reports it as text, never hashes.
import { createRequire } from "node:module";
import { withDefaultFlags } from "./v8-flags.js";

const require = createRequire(import.meta.url);
let loaded: typeof import("node:crypto") | undefined;
// (Under V8's default flags: tuned, Node would compile its 17 modules without its own code cache.)
const nodeCrypto = () => (loaded ??= withDefaultFlags(() => require("node:crypto") as typeof import("node:crypto")));

/** SHA-256 of `data` (UTF-8), in hex. */
export const sha256Hex = (data: string): string => nodeCrypto().createHash("sha256").update(data).digest("hex");

/** `size` random bytes from the system's secure source. */
export const randomBytes = (size: number): Buffer => nodeCrypto().randomBytes(size);
