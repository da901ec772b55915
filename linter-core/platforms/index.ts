import { githubActions } from "./github-actions.js";
import { genericJson, genericYaml, plainText } from "./generic.js";
import type { Platform } from "./platform.js";

export type { Platform };

/** In order of specificity: the first that recognises a file gets it. */
export const PLATFORMS: readonly Platform[] = [githubActions, genericYaml, genericJson, plainText];

export function platformFor(path: string, text: string): Platform {
  return PLATFORMS.find((platform) => platform.recognise(path, text)) ?? plainText;
}

export function platformById(id: string): Platform | undefined {
  return PLATFORMS.find((platform) => platform.id === id);
}
