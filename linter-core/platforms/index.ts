import { awsCodeBuild } from "./aws-codebuild.js";
import { azurePipelines } from "./azure-pipelines.js";
import { bitbucketPipelines } from "./bitbucket.js";
import { buildkite } from "./buildkite.js";
import { circleci } from "./circleci.js";
import { cloudBuild } from "./cloud-build.js";
import { dockerCompose } from "./docker-compose.js";
import { droneWoodpecker } from "./drone-woodpecker.js";
import { genericJson, genericYaml, isLockfile, plainText } from "./generic.js";
import { githubActions } from "./github-actions.js";
import { jenkins } from "./jenkins.js";
import { gitlabCi } from "./gitlab-ci.js";
import { kubernetes } from "./kubernetes.js";
import { logicApps } from "./logic-apps.js";
import { n8n } from "./n8n.js";
import type { Platform } from "./platform.js";
import type { FileModel } from "../model.js";
import { parseYaml } from "../documents/yaml.js";
import { documentLiterals, isYamlPath } from "./common.js";
import { typescriptCode } from "./typescript.js";

export type { Platform };

/**
 * In order of specificity: the first that recognises a file gets it. Each recognises by path first,
 * then by content (GitHub before Azure: both have `jobs:`; Kubernetes before compose: `apiVersion`).
 */
export const PLATFORMS: readonly Platform[] = [
  githubActions,
  azurePipelines,
  gitlabCi,
  bitbucketPipelines,
  circleci,
  cloudBuild,
  awsCodeBuild,
  droneWoodpecker,
  buildkite,
  jenkins,
  kubernetes,
  dockerCompose,
  n8n,
  logicApps,
  typescriptCode,
  genericYaml,
  genericJson,
  plainText,
];

/**
 * Path first (of every platform), content second: `.gitlab-ci.yml` is GitLab whatever it holds. A
 * package lockfile is text whatever it holds (generic.ts), and is not sniffed (100 KB and more).
 */
export function platformFor(path: string, text: string): Platform {
  return PLATFORMS.find((platform) => platform.matchesPath(path)) ?? (isLockfile(path) ? plainText : undefined) ?? PLATFORMS.find((platform) => platform.matchesContent(path, text)) ?? plainText;
}

export function platformById(id: string): Platform | undefined {
  return PLATFORMS.find((platform) => platform.id === id);
}

// A document marker at a line's start, and a line that holds something (not blank, not a comment).
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm;
const CONTENT_LINE = /^[ \t]*[^\s#]/m;

/**
 * Whether the text holds two YAML documents with something in them: cheaper than parsing it again, and
 * false for the many files that only start with `---`.
 */
export function severalDocuments(text: string): boolean {
  let withContent = 0;
  let from = 0;
  DOCUMENT_MARKER.lastIndex = 0;
  for (;;) {
    const marker = DOCUMENT_MARKER.exec(text);
    if (CONTENT_LINE.test(text.slice(from, marker ? marker.index : text.length)) && ++withContent === 2) return true;
    if (!marker) return false;
    from = marker.index + marker[0].length;
  }
}

/**
 * A file's model as its platform builds it, and the YAML documents it does not read judged as any YAML
 * file's: most platforms read a file's first document (GitLab the one after a `spec:` header), and a
 * credential under a second `---` is committed all the same. A document none of whose place holds a
 * literal of the model is one the platform did not read.
 */
export async function buildModel(platform: Platform, path: string, text: string): Promise<FileModel> {
  const model = await platform.buildModel(path, text);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut: a file read whole, or of one document, has no document left unread
  if (platform.readsEveryDocument || !isYamlPath(path) || !severalDocuments(text)) return model;
  const { documents } = parseYaml(text);
  // One pass over the literals' places in order beside the documents, which come in order: a file of
  // thousands of documents asked each of thousands of literals grew with the product.
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: the platforms give their literals in the file's order; the sort is for one that would not
  const starts = model.literals.map((literal) => literal.span.start).sort((a, b) => a - b);
  let next = 0;
  const unread = documents.filter((doc) => {
    // (Past the last literal `starts[next]` is undefined, which is below nothing. A literal is a value:
    // never a document's first character, nor its end. Every platform reads one run of documents, so
    // no literal lies past an unread document, and a pointer that fell back would find the same.)
    // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent (above)
    while (starts[next] < doc.range[0]) next++;
    // Stryker disable next-line EqualityOperator: equivalent (above)
    return !(starts[next] < doc.range[2]);
  });
  // Stryker disable next-line ConditionalExpression: a shortcut: nothing unread adds nothing
  if (unread.length === 0) return model;
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: the engine orders findings by place; no rule reads the literals' order
  model.literals = [...model.literals, ...unread.flatMap((doc) => documentLiterals(doc.contents))].sort((a, b) => a.span.start - b.span.start);
  return model;
}
