// nhi-inventory.yaml: load and validate it (problems become findings on the inventory itself,
// never exceptions), match connectors to records, and write new records as text edits.
import { isScalar, isSeq, stringify, type YAMLSeq } from "yaml";
import { CONNECTOR_KINDS, type ConnectorKind, type SourceFile, type Span, type TextEdit } from "./model.js";
import { asMap, documentsWithContent, entries, getNode, parseYaml, scalarText, spanOf, type YamlNode } from "./documents/yaml.js";
import { CADENCE, parseDay } from "./dates.js";
import { afterLine, lineIndent } from "./text.js";

export const DEFAULT_INVENTORY_PATH = "nhi-inventory.yaml";
export const INVENTORY_PATHS = [DEFAULT_INVENTORY_PATH, ".github/nhi-inventory.yaml"];

export interface InventoryRecord {
  name: string;
  kind: ConnectorKind;
  owner?: string;
  businessOwner?: string;
  backupOwner?: string;
  purpose?: string;
  expires?: string;
  rotateEvery?: string;
  lastRotated?: string;
  usedBy?: string[];
  /** The environments the credential may serve (`production`, `staging`...), when the record says. */
  environments?: string[];
  revocation?: string;
  /** The whole record, and each field by its YAML key, for reporting where the user can act. */
  span: Span;
  fieldSpans: Record<string, Span>;
}

export interface InventoryProblem {
  message: string;
  span: Span;
}

export interface Inventory {
  path: string;
  /** False when no inventory file exists yet: every connector is unowned. */
  exists: boolean;
  text: string;
  records: InventoryRecord[];
  problems: InventoryProblem[];
}

const FIELDS: Record<string, keyof InventoryRecord> = {
  name: "name",
  kind: "kind",
  owner: "owner",
  "business-owner": "businessOwner",
  "backup-owner": "backupOwner",
  purpose: "purpose",
  expires: "expires",
  "rotate-every": "rotateEvery",
  "last-rotated": "lastRotated",
  "used-by": "usedBy",
  environments: "environments",
  revocation: "revocation",
};

function isValidDate(value: string): boolean {
  return parseDay(value) !== undefined;
}

function emptyInventory(path = DEFAULT_INVENTORY_PATH): Inventory {
  return { path, exists: false, text: "", records: [], problems: [] };
}

export function loadInventory(file: SourceFile | undefined): Inventory {
  if (!file) return emptyInventory();
  const inventory: Inventory = { path: file.path, exists: true, text: file.text, records: [], problems: [] };
  const problem = (message: string, span: Span) => inventory.problems.push({ message, span });
  const yaml = parseYaml(file.text);
  for (const error of yaml.errors) problem(`nhi-inventory.yaml is not valid YAML: ${error.message}`, error.span);
  if (yaml.errors.length > 0) return inventory;

  // An inventory with nothing in it yet (comments only, `---` alone) is an empty one.
  const content = documentsWithContent(yaml);
  const root = asMap(content[0]?.contents);
  if (!root) {
    if (content.length > 0) problem("the inventory must be a mapping with `version: 1` and `connectors:`", { start: 0, end: 0 });
    return inventory;
  }
  const version = getNode(root, "version");
  if (scalarText(version) !== "1") problem("`version: 1` is required", version ? spanOf(version) : { start: 0, end: 0 });
  const connectors = getNode(root, "connectors");
  if (connectors === undefined || (isScalar(connectors) && connectors.value === null)) return inventory;
  if (!isSeq(connectors)) {
    problem("`connectors` must be a list of records", spanOf(connectors));
    return inventory;
  }

  const seen = new Map<string, string>();
  for (const item of connectors.items) {
    const map = asMap(item);
    if (!map) {
      problem("each connector must be a mapping with at least `name` and `owner`", spanOf(item as never));
      continue;
    }
    const record: InventoryRecord = { name: "", kind: "secret", span: spanOf(map), fieldSpans: {} };
    for (const { key, keyNode, value } of entries(map)) {
      // (Its own fields only: `constructor` or `__proto__` is an unknown field, not the object's prototype's.)
      const field = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
      const span = spanOf(value ?? keyNode);
      if (!field) {
        problem(`unknown field \`${key}\` (expected one of: ${Object.keys(FIELDS).join(", ")})`, spanOf(keyNode));
        continue;
      }
      record.fieldSpans[key] = span;
      if (field === "environments") {
        if (value && isSeq(value) && value.items.length > 0 && value.items.every((entry) => scalarText(entry)?.trim())) {
          record.environments = value.items.map((entry) => scalarText(entry)!.trim());
        } else if (value && scalarText(value)?.trim()) {
          record.environments = [scalarText(value)!.trim()];
        } else {
          problem("`environments` must be a list of environment names (production, staging...)", span);
        }
        continue;
      }
      if (field === "usedBy") {
        if (value && isSeq(value) && value.items.every((entry) => scalarText(entry) !== undefined)) {
          record.usedBy = value.items.map((entry) => scalarText(entry)!);
        } else if (value && scalarText(value) !== undefined) {
          record.usedBy = [scalarText(value)!];
        } else {
          problem("`used-by` must be a list of file globs", span);
        }
        // A path glob is short; a huge one is a mistake (and more than the glob matcher accepts).
        const tooLong = record.usedBy?.find((glob) => glob.length > MAX_GLOB_LENGTH);
        if (tooLong) {
          problem(`a \`used-by\` glob is ${tooLong.length} characters long; the limit is ${MAX_GLOB_LENGTH}`, span);
          record.usedBy = record.usedBy!.filter((glob) => glob.length <= MAX_GLOB_LENGTH);
        }
        continue;
      }
      // Stryker disable next-line LogicalOperator: a value that is no scalar is said below whatever text it gives here.
      const text = value && isScalar(value) && value.value !== null ? scalarText(value) ?? String(value.value) : undefined;
      if (value && !isScalar(value)) {
        problem(`\`${key}\` must be a single value`, span);
        continue;
      }
      if (text === undefined || text.trim() === "") continue;
      (record as unknown as Record<string, string>)[field] = text.trim();
    }
    if (!record.name) {
      problem("a connector record needs a `name`: the secret, connection, role or credential name workflows use", record.span);
      continue;
    }
    if (!CONNECTOR_KINDS.includes(record.kind)) {
      problem(`unknown kind \`${record.kind}\` (expected one of: ${CONNECTOR_KINDS.join(", ")})`, record.fieldSpans.kind);
      record.kind = "secret";
    }
    for (const field of ["expires", "last-rotated"]) {
      const value = field === "expires" ? record.expires : record.lastRotated;
      if (value !== undefined && !isValidDate(value)) problem(`\`${field}\` must be a date written YYYY-MM-DD`, record.fieldSpans[field]);
    }
    if (record.rotateEvery !== undefined && !CADENCE.test(record.rotateEvery)) {
      problem("`rotate-every` must be a number and a unit: 90d, 12w, 6m, 1y", record.fieldSpans["rotate-every"]);
    }
    // Stryker disable next-line MethodExpression: lower case compares names as upper case does.
    const identity = record.name.toUpperCase();
    if (seen.has(identity)) problem(`\`${record.name}\` is recorded twice`, record.fieldSpans.name);
    seen.set(identity, record.name);
    inventory.records.push(record);
  }
  return inventory;
}

/** The record for a connector name; case-insensitive where the platform upper-cases names. */
// Lookups and the insertion point are computed once per loaded inventory, not per connector: with
// 10,000 records and thousands of references, a scan or a re-parse each time was quadratic.
const MAX_GLOB_LENGTH = 1024;

const recordIndexes = new WeakMap<Inventory, { exact: Map<string, InventoryRecord>; upper: Map<string, InventoryRecord> }>();

export function findRecord(inventory: Inventory, name: string, caseInsensitive: boolean): InventoryRecord | undefined {
  let index = recordIndexes.get(inventory);
  // Stryker disable next-line ConditionalExpression: a shortcut; an index built again is the same.
  if (!index) {
    index = { exact: new Map(), upper: new Map() };
    // The first record of a name wins, as a linear search would find it.
    for (const record of inventory.records) {
      if (!index.exact.has(record.name)) index.exact.set(record.name, record);
      const upper = record.name.toUpperCase();
      if (!index.upper.has(upper)) index.upper.set(upper, record);
    }
    recordIndexes.set(inventory, index);
  }
  return caseInsensitive ? index.upper.get(name.toUpperCase()) : index.exact.get(name);
}

export interface NewRecord {
  name: string;
  kind: ConnectorKind;
  owner?: string;
  usedBy: string[];
  /** A comment written above the record (`inventory init --history`: the value leaked in history). One line, secret-free. */
  note?: string;
}

/** A name or a path as a YAML scalar that reads back as the same string: plain where it can be, else quoted (`"null"`, `"*.yml"`, `"a #b"`). */
function yamlString(value: string): string {
  return stringify(value, { lineWidth: 0, blockQuote: false }).trimEnd();
}

/** The hints a new record carries on the fields a person must decide. */
const RECORD_HINTS = {
  owner: "# TODO: accountable team handle (@org/team) or e-mail",
  purpose: "# TODO: what this connector is for",
  expires: "# TODO: YYYY-MM-DD, when access is re-approved or revoked",
} as const;

/** A record as YAML lines at `indent`, with the fields a person must decide left marked. */
export function recordText(record: NewRecord, indent: string): string {
  const lines = [
    ...(record.note ? [`# ${record.note.replace(/\s+/g, " ")}`] : []),
    `- name: ${yamlString(record.name)}`,
    `  kind: ${record.kind}`,
    record.owner ? `  owner: ${JSON.stringify(record.owner)}` : `  owner: ""          ${RECORD_HINTS.owner}`,
    `  purpose: ""        ${RECORD_HINTS.purpose}`,
    `  expires: ""        ${RECORD_HINTS.expires}`,
    `  used-by:`,
    ...record.usedBy.map((path) => `    - ${yamlString(path)}`),
  ];
  return lines.map((line) => indent + line).join("\n") + "\n";
}

/** A record as one flow map (JSON, which YAML reads as flow style): for an inventory written that way. */
function flowRecordText(record: NewRecord): string {
  const fields = { name: record.name, kind: record.kind, owner: record.owner ?? "", purpose: "", expires: "", "used-by": record.usedBy };
  return `{${Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")}}`;
}

/**
 * The hints (above) left on fields that now hold a value: spans to delete, spaces before the `#`
 * included. Only nhilint's own hint texts are touched, never a comment someone wrote.
 */
export function filledHints(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const [field, hint] of Object.entries(RECORD_HINTS)) {
    const escaped = hint.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    for (const match of text.matchAll(new RegExp(`^([ \\t]*${field}:[ \\t]*)(\\S.*?)([ \\t]+${escaped})[ \\t]*$`, "gm"))) {
      if (match[2] === '""' || match[2] === "''") continue;
      const start = match.index! + match[1].length + match[2].length;
      spans.push({ start, end: start + match[3].length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

export const INVENTORY_HEADER =
  "# Non-human identities (API tokens, service accounts, cloud roles, service connections) this repository's\n" +
  "# automation uses: who owns each, what it is for, and when access ends. Format: nhilint docs, \"The inventory\".\n" +
  "version: 1\nconnectors:\n";

/** A text edit that adds records to the inventory, creating the file if it does not exist. */
const insertions = new WeakMap<Inventory, (records: NewRecord[]) => TextEdit>();

export function addRecordsEdit(inventory: Inventory, records: NewRecord[]): TextEdit {
  let insert = insertions.get(inventory);
  // Stryker disable next-line ConditionalExpression: a shortcut; a plan made again is the same.
  if (!insert) insertions.set(inventory, (insert = planInsertion(inventory)));
  return insert(records);
}

/** Where new records go in this inventory's text, decided from one parse. */
function planInsertion(inventory: Inventory): (records: NewRecord[]) => TextEdit {
  const { text, path } = inventory;
  const block = (records: NewRecord[], indent: string) => records.map((r) => recordText(r, indent)).join("");
  if (!inventory.exists) return (records) => ({ path, start: 0, end: 0, text: INVENTORY_HEADER + block(records, "  "), createFile: true });
  const yaml = parseYaml(text);
  const content = documentsWithContent(yaml);
  if (content.length === 0) {
    // Nothing in it yet: the header and the records after what it holds (comments, `---`). Blanks, or
    // a null document (`~`), which would not take a mapping after it, go.
    const replaced = text.trim() === "" || yaml.documents.some((doc) => spanOf(doc.contents).end > spanOf(doc.contents).start);
    const start = replaced ? 0 : text.length;
    const separator = replaced || text.endsWith("\n") ? "" : "\n";
    return (records) => ({ path, start, end: text.length, text: separator + INVENTORY_HEADER + block(records, "  ") });
  }
  const root = asMap(content[0].contents);
  const connectors = root ? getNode(root, "connectors") : undefined;
  const seq = connectors && isSeq(connectors) ? (connectors as YAMLSeq) : undefined;
  // Written in flow style (`connectors: [{…}]`, or the whole file as JSON): block lines there would
  // break it, and replacing the list would drop its records. The new records go inside the brackets.
  const flowRecords = (records: NewRecord[]) => records.map(flowRecordText).join(", ");
  // Right after the last item (before a trailing comma, on its line): a flow line must stay indented.
  if (seq?.flow && seq.items.length > 0) {
    const at = spanOf(seq.items[seq.items.length - 1] as YamlNode).end;
    return (records) => ({ path, start: at, end: at, text: `, ${flowRecords(records)}` });
  }
  // (An empty `[]` is replaced like any other value: the same text.)
  if (root?.flow && connectors) {
    const span = spanOf(connectors);
    return (records) => ({ path, start: span.start, end: span.end, text: `[${flowRecords(records)}]` });
  }
  if (root?.flow) {
    const last = root.items[root.items.length - 1];
    // (An empty `{}`: before its closing brace, its last character.)
    const at = last ? spanOf((last.value ?? last.key) as YamlNode).end : spanOf(root).end - 1;
    return (records) => ({ path, start: at, end: at, text: `${last ? ", " : ""}"connectors": [${flowRecords(records)}]` });
  }
  // (A block sequence has an item: an empty list is written `[]`.)
  if (seq && !seq.flow) {
    // The new records at the first one's indentation, after the last one's line.
    const indent = lineIndent(text, spanOf(seq.items[0] as YamlNode).start);
    const { at, lineBreak } = afterLine(text, spanOf(seq.items[seq.items.length - 1] as YamlNode).end);
    return (records) => ({ path, start: at, end: at, text: lineBreak + block(records, indent) });
  }
  if (connectors) {
    // `connectors: []`, an empty value, or anything else (said by the inventory's check): a block list in its place.
    const span = spanOf(connectors);
    // From the colon: the blank before the old value would be left trailing the key.
    let start = span.start;
    while (text[start - 1] === " " || text[start - 1] === "\t") start--;
    return (records) => ({ path, start, end: span.end, text: "\n" + block(records, "  ").replace(/\n$/, "") });
  }
  const separator = text.endsWith("\n") ? "" : "\n";
  return (records) => ({ path, start: text.length, end: text.length, text: `${separator}connectors:\n${block(records, "  ")}` });
}
