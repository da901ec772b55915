// Judges the blobs of `nhilint history`: the same detectors as `hardcoded-secret`, with the platform
// the path and text select, or (a new version of a plain-text file) only the windows of it near what
// changed, its other detections carried from the old version's. One HistoryJudge per judging thread
// (history-worker.ts on a long history, the main thread on a short one): it keeps the versions a later
// one is judged from, so every version of a path goes to the same judge, oldest first. The values
// found go back to the scan in memory only, never to any output.
import type { Span } from "../linter-core/model.js";
import { buildModel, platformFor } from "../linter-core/platforms/index.js";
import type { Platform } from "../linter-core/platforms/platform.js";
import { emptyModel } from "../linter-core/platforms/common.js";
import { detectSecrets, documentLiteralsMayMatter, literalsMayMatter, type SecretDetection } from "../linter-core/secrets/detect.js";
import { mergeIncremental, PlainVersion, planIncremental } from "../linter-core/secrets/incremental.js";
import { DIRECTIVE } from "../linter-core/suppressions.js";
import { LineIndex } from "../linter-core/text.js";
import { blobText } from "./read.js";

/** One blob as read: its id, the path it came in at, its old version's id when it changed a file, its bytes. */
export interface RawBlob {
  id: string;
  path: string;
  base?: string;
  bytes: Uint8Array;
}

/** What was found in one blob: each value with its title, where it is and the key it was bound to, if any. */
export interface BlobDetection {
  value: string;
  title: string;
  span: Span;
  name?: string;
}

/** What the scan needs of a detection: the value (hashed, never printed), its title, the key it was bound to. */
export type BlobSecret = Pick<BlobDetection, "value" | "title" | "name">;

/**
 * A blob judged: what it holds (with where, as the judge returns it), or that it is binary (not
 * judged); `textOnly` when it is a TS/JS version too large to parse (LARGEST_PARSED); `directives`
 * when it holds a `nhilint-disable-next-line` comment (the scan then asks which secrets it accepts);
 * `lines`, when it holds any, the line (from 1) of each detection, in order.
 */
export type JudgedBlob<T extends BlobSecret = BlobSecret> = { id: string; detections: T[]; lines?: number[]; binary?: boolean; textOnly?: boolean; directives?: boolean };

/**
 * TS/JS versions larger than this (in characters) are not parsed: generated bundles, in practice
 * (an action's `dist/index.js` is committed at 1–1.5 MB with every release, and parsing each version
 * cost 0.14 s where a plain-text version costs milliseconds). Their text-wide detectors run
 * (provider formats, private keys, encoded tokens, URL passwords), judged from the old version like
 * plain text; what only a literal's key shows is not looked for. The scan of HEAD parses them.
 */
export const LARGEST_PARSED = 256 * 1024;

/** A worker thread's first message: its code loaded, it can judge. */
export const WORKER_READY = "ready";

/**
 * A batch's results as a worker thread posts them: each distinct secret once, and each blob the
 * indices of its own. The versions of a file repeat what they carry from the old one (gitleaks's rule
 * file: a hundred values in each of 228 versions); copying each detection between threads cost more
 * than finding it.
 */
export interface JudgedBatch {
  secrets: BlobSecret[];
  blobs: { id: string; binary?: boolean; textOnly?: boolean; directives?: boolean; secrets: number[]; lines?: number[] }[];
}

export function packBatch(judged: readonly JudgedBlob[]): JudgedBatch {
  const secrets: BlobSecret[] = [];
  const indexOf = new Map<string, number>();
  const blobs = judged.map(({ id, binary, textOnly, directives, detections, lines }) => ({
    id,
    ...(binary && { binary }),
    ...(textOnly && { textOnly }),
    ...(directives && { directives }),
    ...(lines && { lines }),
    secrets: detections.map(({ value, title, name }) => {
      // Stryker disable next-line StringLiteral: any separator no title or key name holds tells them apart.
      const key = `${value}\u0000${title}\u0000${name ?? ""}`;
      let index = indexOf.get(key);
      if (index === undefined) {
        index = secrets.push({ value, title, ...(name !== undefined && { name }) }) - 1;
        indexOf.set(key, index);
      }
      return index;
    }),
  }));
  return { secrets, blobs };
}

export function unpackBatch({ secrets, blobs }: JudgedBatch): JudgedBlob[] {
  return blobs.map(({ id, binary, textOnly, directives, secrets: found, lines }) => ({
    id,
    detections: found.map((index) => secrets[index]),
    ...(lines && { lines }),
    ...(binary && { binary }),
    ...(textOnly && { textOnly }),
    ...(directives && { directives }),
  }));
}

/** Versions kept to judge a later one from, besides the last at each path: a side branch's old version (about 8 MB). */
const RECENT_CHARS = 4 * 1024 * 1024;

/** How a version judged from its old one was read: as plain text, or as TS/JS too large to parse (text-wide detectors only). */
type TextMode = "text" | "text-wide";

/** A version read as text, with what was found in it: a new version's detections are carried from it. */
interface Kept {
  version: PlainVersion;
  mode: TextMode;
  detections: BlobDetection[];
}

/**
 * The versions a new one may be judged from: the last read at each path, and (a side branch's old
 * version is not its path's last) those read most recently, within a budget. Only versions no
 * platform claims: only those are judged from an old one.
 */
export class KeptVersions {
  private readonly latestAt = new Map<string, { id: string; kept?: Kept }>();
  private readonly recent = new Map<string, Kept>();
  private recentChars = 0;

  /** The version, if kept (and plain text), with its detections. */
  versionOf(path: string, id: string): Kept | undefined {
    const latest = this.latestAt.get(path);
    return latest?.id === id ? latest.kept : this.recent.get(id);
  }

  keep(path: string, id: string, kept: Kept | undefined): void {
    this.latestAt.set(path, { id, kept });
    if (!kept) return;
    this.recent.set(id, kept);
    this.recentChars += kept.version.text.length;
    for (const [oldest, { version }] of this.recent) {
      if (this.recentChars <= RECENT_CHARS) break;
      this.recent.delete(oldest);
      this.recentChars -= version.text.length;
    }
  }
}

export class HistoryJudge {
  private readonly versions = new KeptVersions();
  /** Characters handed to the detectors so far, and characters read: what judging from old versions saves. */
  readonly chars = { judged: 0, read: 0 };

  async judge(blob: RawBlob): Promise<JudgedBlob<BlobDetection>> {
    const { id, path, base } = blob;
    const bytes = Buffer.from(blob.bytes.buffer, blob.bytes.byteOffset, blob.bytes.byteLength);
    const text = blobText(bytes);
    if (text === undefined) return { id, detections: [], binary: true };
    this.chars.read += text.length;
    // Only a version read as text is judged from its old one (a platform's model is the whole file),
    // and only from one read the same way.
    const platform = platformFor(path, text);
    const textOnly = platform.id === "typescript" && text.length > LARGEST_PARSED;
    const mode: TextMode | undefined = platform.id === "text" ? "text" : textOnly ? "text-wide" : undefined;
    const version = mode ? new PlainVersion(text) : undefined;
    const old = base === undefined ? undefined : this.versions.versionOf(path, base);
    // (A path read as text in one version and as a too-large TS/JS file in another: none known; the guard keeps them apart.)
    // Stryker disable next-line ConditionalExpression: the guard (above).
    const plan = old && version && old.mode === mode ? planIncremental(old.version, version) : undefined;
    let detections: BlobDetection[];
    if (old && plan) {
      const judged: BlobDetection[] = [];
      for (const window of plan.windows) {
        const windowText = text.slice(window.start, window.end);
        this.chars.judged += windowText.length;
        for (const detection of await judgeText(platform, path, windowText, textOnly)) {
          judged.push({ ...detection, span: { start: detection.span.start + window.start, end: detection.span.end + window.start } });
        }
      }
      detections = mergeIncremental(plan, old.detections, judged);
    } else {
      this.chars.judged += text.length;
      detections = await judgeText(platform, path, text, textOnly);
    }
    // Stryker disable next-line LogicalOperator: version is made exactly when mode is set.
    this.versions.keep(path, id, version && mode && { version, mode, detections });
    const directives = detections.length > 0 && text.includes(DIRECTIVE);
    // Where each is: the report names the line of the version that brought a secret in.
    const lineIndex = detections.length > 0 ? new LineIndex(text) : undefined;
    const lines = lineIndex && detections.map((detection) => lineIndex.position(detection.span.start).line);
    return { id, detections, ...(lines && { lines }), ...(textOnly && { textOnly }), ...(directives && { directives }) };
  }
}

async function judgeText(platform: Platform, path: string, text: string, textOnly: boolean): Promise<BlobDetection[]> {
  try {
    if (textOnly) return (await detectSecrets(emptyModel("typescript", path, text))).map(({ value, title, span }) => ({ value, title, span }));
    // Program source is parsed for its literals, a YAML or JSON document for its keys (nearly all of a
    // version's cost): not needed when the text alone holds nothing and no literal could add anything.
    // (Groovy's literals are not checked against a gate: Jenkinsfiles are always read whole.)
    const literalsMayAdd = platform.id === "typescript" ? literalsMayMatter : platform.id === "jenkins" || platform.id === "text" ? undefined : documentLiteralsMayMatter;
    if (literalsMayAdd && !literalsMayAdd(text) && (await detectSecrets(emptyModel(platform.id, path, text))).length === 0) return [];
    const model = await buildModel(platform, path, text);
    return (await detectSecrets(model)).map((detection) => {
      const key = detection.literal?.role === "assignment" ? detection.literal.key : undefined;
      return { value: detection.value, title: detection.title, span: detection.span, ...(key && /^[A-Za-z_][\w.-]*$/.test(key) && { name: key }) };
    });
  } catch {
    // A blob its platform fails on is still judged as plain text, as the scan judges a file that does
    // not parse: a token in it is still a token. Failing as text too, it holds nothing: not worth
    // stopping the scan for.
    // Stryker disable next-line ArrowFunction,ArrayDeclaration: a guard; no text is known to make the detectors fail.
    const asText = await detectSecrets(emptyModel("text", path, text)).catch((): SecretDetection[] => []);
    return asText.map(({ value, title, span }) => ({ value, title, span }));
  }
}
