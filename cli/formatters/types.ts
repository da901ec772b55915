import type { Finding } from "../../linter-core/index.js";
import type { Notice } from "../read.js";

export interface Report {
  findings: Finding[];
  /** Files skipped or read with a problem, and internal errors: always named. */
  notices: Notice[];
  filesLinted: number;
  /** Baseline entries that matched nothing any more. */
  staleBaselineEntries: number;
  /** A baseline was applied (SARIF then says, per result, whether the baseline knew it). */
  baselineInUse?: boolean;
  /** Findings hidden because the baseline accepts them. */
  baselined: number;
  /** Accepted findings (by a comment or the baseline), marked with their suppression: never dropped. */
  suppressed: Finding[];
  /** Stylish lists the suppressed findings too. */
  showSuppressed?: boolean;
}

export interface FormatOptions {
  color: boolean;
  version: string;
  /** When the scan ran (the GitLab report's start and end times); the clock when unset. */
  now?: Date;
}
