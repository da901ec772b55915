import type { FileModel } from "../model.js";

/**
 * Everything nhilint knows about one platform lives behind this interface: how to recognise its
 * files, how to build the model rules read, and how it writes a secret reference.
 */
export interface Platform {
  id: string;
  title: string;
  /** Path first, content second. `text` may be large: test cheap things first. */
  recognise(path: string, text: string): boolean;
  buildModel(path: string, text: string): FileModel;
  /** The platform's own syntax for reading a stored secret, or undefined when it has none. */
  secretReference?(name: string): string;
  /** Where the user stores the value, as steps a person can follow (secret-free). */
  storeSecretSteps?(name: string): string[];
  /** Do secret names match case-insensitively (GitHub upper-cases them)? */
  caseInsensitiveNames?: boolean;
}
