import type { FileModel, LiteralValue, Span } from "../model.js";

/**
 * Everything nhilint knows about one platform lives behind this interface: how to recognise its
 * files, how to build the model rules read, and how it writes a secret reference.
 */
export interface Platform {
  id: string;
  title: string;
  /** Claims a file by its path alone (`.github/workflows/*.yml`, `.gitlab-ci.yml`). Asked first, of every platform. */
  matchesPath(path: string): boolean;
  /** Claims a file by its content, when no platform claimed it by path. `text` may be large: test cheap things first. */
  matchesContent(path: string, text: string): boolean;
  /** May be async: a platform can load its parser lazily (the TypeScript parser is 23 MB). */
  buildModel(path: string, text: string): FileModel | Promise<FileModel>;
  /**
   * The edit that moves a secret out of a literal, when the platform needs more than writing
   * `secretReference(name)` over the secret (JSON quoting, n8n's `=` expression prefix,
   * Kubernetes' `valueFrom`). `secret` is the secret's span inside the file. Undefined when no
   * in-file reference can replace it (a Kubernetes Secret manifest's own values).
   */
  secretFix?(literal: LiteralValue, secret: Span, name: string, text: string): { span: Span; text: string }[] | undefined;
  /** Its model reads every YAML document of a file (Kubernetes manifests, Drone pipelines); most read one. */
  readsEveryDocument?: true;
  /**
   * The platform's own syntax for reading a stored secret, or undefined when it has none; where it
   * differs by place, the one for `literal` (an n8n Code node's program reads `$env.NAME`).
   */
  secretReference?(name: string, literal?: LiteralValue): string;
  /**
   * The name a new stored secret takes here, when the platform keeps some names for itself (GitHub's
   * `GITHUB_`, Azure's `secret…`): the fix's reference and steps then name one the platform accepts.
   */
  secretName?(name: string): string;
  /** Where the user stores the value, as steps a person can follow (secret-free); `literal`: where it was. */
  storeSecretSteps?(name: string, literal?: LiteralValue): string[];
  /** Do secret names match case-insensitively (GitHub upper-cases them)? */
  caseInsensitiveNames?: boolean;
  /** Variables that turn on the platform's debug tracing, which prints every variable and expression. */
  debugSwitches?: RegExp;
  /**
   * How a job here gets a short-lived credential instead of a static key (OIDC, workload identity,
   * trusted publishing), per provider. A provider missing here has no such way on this platform:
   * its static key is not reported.
   */
  shortLivedAlternatives?: Partial<Record<CredentialProvider, string>>;
  /**
   * Steps (`uses:` actions) whose input takes a static key, and what replaces it: judged where the key
   * is passed. A `server` names the inputs that point the upload elsewhere and the official servers
   * (only those offer trusted publishing).
   */
  staticKeyInputs?: { action: RegExp; input: string; what: string; provider: CredentialProvider; server?: { inputs: string[]; official: RegExp } }[];
  /** Steps that sign in to a cloud: a job using one deploys, whatever its secrets are called. */
  cloudLoginStep?: RegExp;
  /** How a job is put behind an approval gate with its own secrets; undefined when the file has no such thing. */
  deploymentGate?: string;
  /**
   * How a job hands everything to another pipeline (`job.secretsInherit`): what it passes, the setting
   * that does it, and what to write instead. Undefined: GitHub's `secrets: inherit` wording.
   */
  passesEverything?: { what: string; setting: string; help: string };
  /** What an ungated job lacks, after "with no" (default: "`environment:`: no approval gate, and the secret is not scoped to an environment"). */
  gateAbsent?: string;
  /**
   * A secret's name can hold another value per environment (GitHub environment secrets, GitLab
   * environment-scoped variables, Bitbucket deployment variables): the same name in a production and a
   * test job is then not, by itself, one credential.
   */
  secretsPerEnvironment?: boolean;
  /**
   * Where a secret bound for the whole pipeline (`variables:` at the top) is bound more narrowly, for
   * `broad-secret-scope` on platforms without steps of their own (GitHub's step-level `env:` is the
   * rule's default). Undefined: the rule's default wording.
   */
  narrowerBinding?: string;
}

/** Whose static keys `shortLivedAlternatives` replaces. */
export type CredentialProvider = "aws" | "azure" | "gcp" | "pypi" | "npm" | "crates" | "rubygems" | "nuget";

/**
 * `secretName` for a platform that keeps names starting with `reserved` for itself: such a name gets
 * `PIPELINE_` in front (`SECRET_KEY` → `PIPELINE_SECRET_KEY`), which keeps what it says.
 */
export function outsideReserved(reserved: RegExp): (name: string) => string {
  return (name) => (reserved.test(name) ? `PIPELINE_${name}` : name);
}

/** The last of `storeSecretSteps` for files that live in git: moving a leaked value does not make it secret again. */
export const ROTATE_IF_COMMITTED = "If the value was ever committed or pushed, rotate it at the provider: moving it does not make it secret again.";
/** The same, for definitions that travel as exports (n8n, Logic Apps / Power Automate). */
export const ROTATE_IF_EXPORTED = "If the value was ever shared or exported, rotate it at the provider: moving it does not make it secret again.";

const ROTATE_STEPS = [ROTATE_IF_COMMITTED, ROTATE_IF_EXPORTED];

/** The steps with the rotate step naming the page a credential of this kind is revoked at, when one is known. */
export function withRevocationPage(steps: string[], page: string | undefined): string[] {
  if (!page) return steps;
  return steps.map((step) => (ROTATE_STEPS.includes(step) ? step.replace("at the provider:", `at the provider (${page}):`) : step));
}

/** The page withRevocationPage wrote into the rotate step, if any (the editor's secret guide links it). */
export function revocationPageIn(steps: string[]): string | undefined {
  for (const step of steps) {
    for (const rotate of ROTATE_STEPS) {
      const [before, after] = rotate.split("at the provider:");
      const opening = `${before}at the provider (`;
      const closing = `):${after}`;
      if (step.startsWith(opening) && step.endsWith(closing) && step.length > opening.length + closing.length) return step.slice(opening.length, -closing.length);
    }
  }
  return undefined;
}
