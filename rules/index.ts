// The registry: every rule nhilint runs. Adding a rule = a file here, its docs page, its tests.
import type { Rule } from "../linter-core/rule.js";
import { allSecretsExposed } from "./all-secrets-exposed.js";
import { broadSecretScope } from "./broad-secret-scope.js";
import { connectorScope } from "./connector-scope.js";
import { crossEnvironmentCredential } from "./cross-environment-credential.js";
import { debugLoggingWithSecrets } from "./debug-logging-with-secrets.js";
import { excessivePermissions } from "./excessive-permissions.js";
import { expiredConnector } from "./expired-connector.js";
import { githubAppTokenScope } from "./github-app-token-scope.js";
import { hardcodedSecret } from "./hardcoded-secret.js";
import { incompleteConnectorRecord } from "./incomplete-connector-record.js";
import { longLivedCloudCredential } from "./long-lived-cloud-credential.js";
import { persistedCheckoutCredential } from "./persisted-checkout-credential.js";
import { rotationOverdue } from "./rotation-overdue.js";
import { secretInLog } from "./secret-in-log.js";
import { secretsInherit } from "./secrets-inherit.js";
import { staleConnector } from "./stale-connector.js";
import { ungatedPrivilegedJob } from "./ungated-privileged-job.js";
import { unownedConnector } from "./unowned-connector.js";
import { unredactedSecret } from "./unredacted-secret.js";
import { untrustedTriggerWithSecrets } from "./untrusted-trigger-with-secrets.js";

/** In the SPEC's order. */
export const RULES: readonly Rule[] = [
  hardcodedSecret,
  unownedConnector,
  incompleteConnectorRecord,
  expiredConnector,
  rotationOverdue,
  connectorScope,
  staleConnector,
  excessivePermissions,
  secretsInherit,
  allSecretsExposed,
  longLivedCloudCredential,
  broadSecretScope,
  secretInLog,
  persistedCheckoutCredential,
  untrustedTriggerWithSecrets,
  ungatedPrivilegedJob,
  githubAppTokenScope,
  unredactedSecret,
  debugLoggingWithSecrets,
  crossEnvironmentCredential,
];
