/**
 * Colour as the conventions say: NO_COLOR set to anything but "" turns it off (no-color.org);
 * FORCE_COLOR (not "0"/"false") turns it on without a terminal, as in CI logs; else only on a terminal.
 */
export function useColor(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return !["0", "false"].includes(env.FORCE_COLOR);
  return isTTY;
}
