// The document walkers every platform builds on (linter-core/documents/yaml.ts, json.ts): what they
// yield, where, in which order, and where they stop.
import assert from "node:assert/strict";
import { parseDocument } from "yaml";
import { jsonProperty, jsonPropertiesNamed, jsonSpan, jsonStringPairs, parseJson } from "../../linter-core/documents/json.js";
import { allScalars, anchorsOf, asMap, asSeq, boundName, COMPLEX_KEY, documentsWithContent, entries, getKeyNode, getNode, getPair, MAX_DEPTH, parseYaml, resolveAlias, scalarPairs, scalarText, spanOf } from "../../linter-core/documents/yaml.js";

const yamlRoot = (text: string) => parseYaml(text).documents[0].contents;

describe("documents: YAML", () => {
  it("parse errors are data: their first line and a span of at least one character; every document is kept", () => {
    const file = parseYaml("a: [\n---\nb: 1\n");
    assert.ok(file.errors.length > 0);
    for (const error of file.errors) {
      assert.ok(!error.message.includes("\n"));
      assert.ok(error.span.end > error.span.start);
    }
    assert.equal(parseYaml("a: 1\n---\nb: 2\n").documents.length, 2);
  });

  it("scalar text: strings, and numbers and booleans as written; null and maps are none", () => {
    const root = asMap(yamlRoot("s: text\nn: 0x1F\nf: 1.50\nb: yes\nt: true\nz: ~\nm: {a: 1}\n"))!;
    assert.deepEqual(["s", "n", "f", "t", "z", "m"].map((k) => scalarText(getNode(root, k))), ["text", "0x1F", "1.50", "true", undefined, undefined]);
    assert.equal(scalarText("plain"), undefined);
  });

  it("a large map's keys are looked up through an index with a search's answers: the first of a repeated key, aliases not followed, an edited map read again", () => {
    // Past 32 keys a map is indexed (a pipeline of thousands of jobs is asked for each of them).
    const keys = Array.from({ length: 80 }, (_, i) => `k${i % 60}`);
    const text = `anchor: &a here\n${keys.map((key, i) => `${key}: v${i}`).join("\n")}\nalias: *a\n? [complex]\n: c\n7: seven\n`;
    const root = asMap(yamlRoot(text))!;
    const search = (key: string) => root.items.find((pair) => scalarText(pair.key) === key);
    for (const key of [...new Set(keys), "anchor", "alias", "7", "missing", "[complex]"]) {
      const pair = search(key);
      assert.equal(getPair(root, key), pair, key);
      assert.equal(getKeyNode(root, key), pair?.key, key);
      assert.equal(scalarText(getNode(root, key)), key === "alias" ? undefined : scalarText(pair?.value), key);
    }
    assert.equal(scalarText(getNode(root, "k5")), "v5", "the first of a repeated key");
    // Documents are not edited, but one that is gets looked up afresh.
    root.items.splice(0, 10);
    assert.ok(root.items.length >= 32, "still indexed");
    assert.equal(scalarText(getNode(root, "k5")), "v65", "the first k5 is gone: the next one");
    assert.equal(getNode(root, "anchor"), undefined);
    assert.equal(scalarText(getNode(root, "7")), "seven");
  });

  it("getNode, getKeyNode and entries read string keys only and never follow an alias", () => {
    const text = "base: &b {x: 1}\nref: *b\n1: number key\n? [complex]\n: v\nlast: z\n";
    const root = asMap(yamlRoot(text))!;
    assert.equal(getNode(root, "ref"), undefined, "an alias value");
    assert.equal(scalarText(getNode(root, "1")), "number key", "a number key reads as written");
    assert.equal(getNode(root, "missing"), undefined);
    assert.equal(getNode(undefined, "base"), undefined);
    assert.equal(text.slice(spanOf(getKeyNode(root, "last")).start, spanOf(getKeyNode(root, "last")).end), "last");
    assert.equal(getKeyNode(root, "missing"), undefined);
    assert.equal(getKeyNode(undefined, "x"), undefined);
    assert.deepEqual(entries(root).map((e) => [e.key, e.value === undefined ? "none" : "node"]), [["base", "node"], ["ref", "none"], ["1", "node"], ["last", "node"]]);
    assert.deepEqual(entries(undefined), []);
    assert.deepEqual(spanOf(undefined), { start: 0, end: 0 });
    assert.equal(asSeq(root), undefined);
    assert.equal(asMap(asSeq(yamlRoot("- a\n"))), undefined);
  });

  it("a `value:` is named by its sibling `name:` when that is a plain name", () => {
    assert.equal(boundName([{ key: "name", value: "API_TOKEN" }, { key: "value", value: "x" }]), "API_TOKEN");
    assert.equal(boundName([{ key: "name", value: "two words" }]), undefined);
    assert.equal(boundName([{ key: "name", value: 3 }]), undefined);
    assert.equal(boundName([{ key: "title", value: "API_TOKEN" }]), undefined);
    const pairs = scalarPairs(yamlRoot("env:\n  - name: API_TOKEN\n    value: abc\n  - name: not a name\n    value: def\n"));
    assert.deepEqual(pairs.map((p) => [p.key, p.value, p.path.join(".")]), [["name", "API_TOKEN", "env.0.name"], ["API_TOKEN", "abc", "env.0.value"], ["name", "not a name", "env.1.name"], ["value", "def", "env.1.value"]]);
  });

  it("scalar pairs: string keys' scalar values anywhere, in source order, aliases and nulls skipped", () => {
    const text = "b: 1\na:\n  - x: one\n  - [nested]\n  - c: *anchor\nz: ~\nanchor: &anchor two\n";
    const pairs = scalarPairs(yamlRoot(text));
    assert.deepEqual(pairs.map((p) => `${p.path.join(".")}=${p.value}@${text.slice(spanOf(p.node).start, spanOf(p.node).end)}`), ["b=1@1", "a.0.x=one@one", "anchor=two@two"]);
    assert.deepEqual(scalarPairs(null), []);
  });

  it("all scalars: keys excluded, list items included, aliases skipped unless followed where asked, within a budget", () => {
    const text = "defaults: &co\n  - uses: actions/checkout@v4\nsteps:\n  - *co\n  - run: make\nother:\n  - *co\n";
    const root = yamlRoot(text);
    const plain = allScalars(root).map((s) => `${s.path.join(".")}=${s.value}`);
    assert.deepEqual(plain, ["defaults.0.uses=actions/checkout@v4", "steps.1.run=make"]);
    const anchors = anchorsOf(root);
    const followed = allScalars(root, { anchors, where: (path) => path.at(-1) === "steps", budget: 100 }).map((s) => s.path.join("."));
    assert.ok(followed.includes("steps.0.0.uses"), followed.join(" "));
    assert.ok(!followed.some((p) => p.startsWith("other.0.")), "only where asked");
    const starved = allScalars(root, { anchors, where: (path) => path.at(-1) === "steps", budget: 0 }).map((s) => s.path.join("."));
    assert.ok(!starved.includes("steps.0.0.uses"), "no budget, no following");
  });

  it("an alias stands for the last node anchored before it (anchors may be redefined)", () => {
    const text = "a: &x one\nb: *x\nc: &x two\nd: *x\n";
    const root = asMap(yamlRoot(text))!;
    const anchors = anchorsOf(root);
    const alias = (key: string) => root.items.find((p) => scalarText(p.key) === key)!.value;
    assert.equal(scalarText(resolveAlias(alias("b"), anchors)), "one");
    assert.equal(scalarText(resolveAlias(alias("d"), anchors)), "two");
    assert.equal(scalarText(resolveAlias(getNode(root, "a"), anchors)), "one", "a node that is no alias is itself");
  });

  it("nesting beyond the depth limit is not walked (a document made by the library itself: parseYaml reads none that deep)", () => {
    let text = "";
    for (let i = 0; i <= MAX_DEPTH + 5; i++) text += `${"  ".repeat(i)}k${i}:\n`;
    text += `${"  ".repeat(MAX_DEPTH + 6)}deep: value\n`;
    const root = parseDocument(text).contents;
    assert.deepEqual(scalarPairs(root), []);
    assert.deepEqual(allScalars(root), []);
    const shallow = yamlRoot("a:\n  b:\n    deep: value\n");
    assert.equal(scalarPairs(shallow).length, 1);
  });

  it("a text nested deeper than the limit is not composed (its recursion could abort the process): an error at the level that goes too deep; the limit itself is read", () => {
    for (const [prefix, open, close] of [["x: ", "[", "]"], ["x: ", "{a: ", "}"], ["", "- ", ""]]) {
      const nested = (depth: number) => `${prefix}${open.repeat(depth)}1${close.repeat(depth)}\n`;
      const file = parseYaml(nested(20_000));
      assert.deepEqual(file.documents, [], open);
      assert.equal(file.errors.length, 1);
      assert.match(file.errors[0].message, new RegExp(`^nested over ${MAX_DEPTH} levels deep: not read`));
      assert.equal(parseYaml(nested(MAX_DEPTH - 1)).documents.length, 1, `${open} at the limit`);
    }
    // Indentation nests too: a column a level, or two levels (a sequence under a map's key) per step of two.
    const indented = Array.from({ length: MAX_DEPTH + 2 }, (_, i) => `${" ".repeat(i)}k:\n`).join("");
    assert.match(parseYaml(indented).errors[0]?.message ?? "", /^nested over/);
    const stepped = (steps: number) => `a:\n${Array.from({ length: steps }, (_, i) => `${"  ".repeat(i)}- k${i}:\n`).join("")}`;
    assert.match(parseYaml(stepped(MAX_DEPTH / 2 + 1)).errors[0]?.message ?? "", /^nested over/);
    assert.deepEqual(parseYaml(stepped(MAX_DEPTH / 2 - 1)).errors, []);
  });
});

describe("documents: YAML, at the edges", () => {
  it("an error's message is the parser's first line, its span the parser's range, and at least one character where the parser's is empty", () => {
    assert.deepEqual(parseYaml('"multi\n line": 1\n').errors, [{ message: "Implicit keys need to be on a single line", span: { start: 0, end: 13 } }]);
    // `a: b` then `- c`: the parser gives the last error no width.
    const errors = parseYaml("a: b\n- c").errors;
    assert.ok(errors.length > 0);
    for (const error of errors) assert.ok(error.span.end > error.span.start, JSON.stringify(error));
  });

  it("what YAML 1.2 forbids but no reader is misled by is read: a key over 1 024 characters, a comment against a block scalar's header", () => {
    assert.deepEqual(parseYaml(`${"k".repeat(1100)}: v\n`).errors, []);
    assert.deepEqual(parseYaml("a: |#note\n  text\n").errors, []);
  });

  it("parsing leaves Error.stackTraceLimit as it found it, after an error too", () => {
    const before = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = 17;
      parseYaml("a: [\n");
      assert.equal(Error.stackTraceLimit, 17);
      parseYaml(`x: ${"[".repeat(MAX_DEPTH + 1)}`);
      assert.equal(Error.stackTraceLimit, 17);
    } finally {
      Error.stackTraceLimit = before;
    }
  });

  it("the depth limit: a flow collection at depth MAX_DEPTH is an error at its `[`, one less is read; keys nest too", () => {
    const flow = (depth: number) => `x: ${"[".repeat(depth)}1${"]".repeat(depth)}\n`;
    assert.deepEqual(parseYaml(flow(MAX_DEPTH)).errors, [{ message: `nested over ${MAX_DEPTH} levels deep: not read (no real file comes close)`, span: { start: 3 + MAX_DEPTH - 1, end: 3 + MAX_DEPTH } }]);
    assert.deepEqual(parseYaml(flow(MAX_DEPTH - 1)).errors, []);
    // Flow maps whose keys are flow maps: `{{{a: 1}: 1}: 1}`.
    const keys = (depth: number) => `x: ${"{".repeat(depth)}a${": 1}".repeat(depth)}\n`;
    assert.match(parseYaml(keys(MAX_DEPTH)).errors[0]?.message ?? "", /^nested over/);
    assert.deepEqual(parseYaml(keys(MAX_DEPTH - 1)).errors, []);
  });

  it("documents with content: an empty document (`---` alone, `~`) is none; a scalar or a collection is one", () => {
    const kept = (text: string) => documentsWithContent(parseYaml(text)).map((doc) => doc.toJS());
    assert.deepEqual(kept("---\n---\na: 1\n"), [{ a: 1 }]);
    assert.deepEqual(kept("~\n---\n- x\n"), [["x"]]);
    assert.deepEqual(kept("hello\n"), ["hello"]);
  });

  it("a default is named by its input or parameter (`inputs: api_token: default: …`); elsewhere, or in a list, it is a default", () => {
    const text = "inputs:\n  api_token:\n    default: a\n    value: b\n  list:\n    - default: c\nparameters:\n  db_password:\n    default: d\nother:\n  a_token:\n    default: e\n";
    assert.deepEqual(scalarPairs(yamlRoot(text)).map((p) => `${p.key}=${p.value}`), ["api_token=a", "value=b", "default=c", "db_password=d", "default=e"]);
    assert.deepEqual(scalarPairs(yamlRoot("inputs:\n  - default: f\n")).map((p) => p.key), ["default"]);
  });

  it("a null or complex key names nothing, and what it holds is walked under a segment of its own; an alias value is passed over", () => {
    const text = "? [a, b]\n: {c: one}\n: two\nd: *x\ne: &x three\n";
    const root = yamlRoot(text);
    assert.deepEqual(scalarPairs(root).map((p) => `${p.path.join(".")}=${p.key}`), [`${COMPLEX_KEY}.c=c`, "e=e"]);
    assert.deepEqual(allScalars(root).map((s) => s.path.join(".")), [`${COMPLEX_KEY}.c`, COMPLEX_KEY, "e"]);
  });

  it("the walkers' depth bound is exact: a node at depth MAX_DEPTH is read (a map's pairs with it), one deeper is not; anchors likewise", () => {
    // A document made by the library itself: parseYaml reads none this deep.
    const nested = (depth: number) => {
      let text = "";
      for (let i = 0; i < depth; i++) text += `${"  ".repeat(i)}k${i}:\n`;
      return parseDocument(`${text}${"  ".repeat(depth)}deep: &a value\n`).contents;
    };
    assert.equal(scalarPairs(nested(MAX_DEPTH)).length, 1);
    assert.equal(scalarPairs(nested(MAX_DEPTH + 1)).length, 0);
    // The scalar itself one level below its map.
    assert.equal(allScalars(nested(MAX_DEPTH - 1)).length, 1);
    assert.equal(allScalars(nested(MAX_DEPTH)).length, 0);
    assert.equal(anchorsOf(nested(MAX_DEPTH - 1)).size, 1);
    assert.equal(anchorsOf(nested(MAX_DEPTH)).size, 0);
    // Through sequences too: `- - - &a value`.
    const listed = (depth: number) => parseDocument(`${"- ".repeat(depth)}&a value\n`).contents;
    assert.equal(anchorsOf(listed(MAX_DEPTH)).size, 1);
    assert.equal(anchorsOf(listed(MAX_DEPTH + 1)).size, 0);
  });

  it("an alias to an anchor never given, or given only after it, stands for nothing", () => {
    const root = asMap(yamlRoot("a: *nowhere\nb: *later\nc: &later one\n"))!;
    const anchors = anchorsOf(root);
    assert.equal(resolveAlias(root.items[0].value, anchors), undefined);
    assert.equal(resolveAlias(root.items[1].value, anchors), undefined);
  });

  it("following aliases costs one unit of the budget per node read through them: exactly enough reads it all", () => {
    // Through `- *co`: the sequence, its map, its scalar (three nodes).
    const root = yamlRoot("defaults: &co\n  - uses: actions/checkout@v4\nsteps:\n  - *co\n");
    const anchors = anchorsOf(root);
    const read = (budget: number) => allScalars(root, { anchors, where: (path) => path.at(-1) === "steps", budget }).map((s) => s.path.join("."));
    assert.ok(read(3).includes("steps.0.0.uses"));
    assert.ok(!read(2).includes("steps.0.0.uses"));
  });
});

describe("documents: JSON", () => {
  it("errors are data with a span; comments and trailing commas are accepted", () => {
    assert.deepEqual(parseJson('{"a": 1, // note\n "b": [1,2,],}').errors, []);
    const broken = parseJson('{"a": }');
    assert.equal(broken.errors.length > 0, true);
    assert.match(broken.errors[0].message, /^JSON syntax error \d+$/);
    assert.ok(broken.errors.every((e) => e.span.end > e.span.start));
    // A span covers the token the parser rejects (`tru`: 3 characters), and at least one character.
    const text = '{"a": tru}';
    assert.deepEqual(parseJson(text).errors.map((e) => text.slice(e.span.start, e.span.end)), ["tru", "}"]);
  });

  it("a property with no value (text being typed) is skipped, never a crash, wherever it is read", () => {
    const root = parseJson('{"name": "API_TOKEN", "value": "tok", "broken": , "conn": }').root;
    assert.deepEqual(jsonStringPairs(root).map((p) => [p.key, p.value]), [["name", "API_TOKEN"], ["API_TOKEN", "tok"]]);
    assert.deepEqual(jsonPropertiesNamed(root, new Set(["conn", "broken"])), []);
  });

  it("string pairs: every string value with its path, its token (quotes included) and its key, in source order; `value` named by its sibling name", () => {
    const text = '{"z": "last", "a": {"b": ["x", {"c": "in array"}], "n": 1}, "headers": [{"name": "API_TOKEN", "value": "tok"}]}';
    const pairs = jsonStringPairs(parseJson(text).root);
    assert.deepEqual(
      pairs.map((p) => [p.key, p.path.join("."), text.slice(p.span.start, p.span.end), text.slice(p.keySpan.start, p.keySpan.end)]),
      [
        ["z", "z", '"last"', '"z"'],
        ["c", "a.b.1.c", '"in array"', '"c"'],
        ["name", "headers.0.name", '"API_TOKEN"', '"name"'],
        ["API_TOKEN", "headers.0.value", '"tok"', '"value"'],
      ],
    );
    assert.deepEqual(jsonStringPairs(undefined), []);
  });

  it("properties: by key in an object (never in anything else), and by name anywhere, arrays included", () => {
    const root = parseJson('{"a": {"conn": {"x": 1}}, "list": [{"conn": "s"}], "conn": 2}').root;
    assert.equal(jsonProperty(root, "conn")?.value, 2);
    assert.equal(jsonProperty(root, "missing"), undefined);
    assert.equal(jsonProperty(jsonProperty(root, "list"), "conn"), undefined, "an array has no properties");
    assert.equal(jsonProperty(undefined, "a"), undefined);
    const named = jsonPropertiesNamed(root, new Set(["conn"]));
    assert.deepEqual(named.map((n) => n.value.type).sort(), ["number", "object", "string"]);
    const token = jsonProperty(root, "conn")!;
    assert.deepEqual(jsonSpan(token), { start: token.offset, end: token.offset + token.length });
  });

  it("nesting deeper than the parser can recurse is an error, not a throw", () => {
    const file = parseJson('{"a":'.repeat(100_000));
    assert.equal(file.root, undefined);
    assert.deepEqual(file.errors, [{ message: "nested too deep for the JSON parser (it ran out of stack)", span: { start: 0, end: 1 } }]);
  });

  it("nesting beyond the depth limit is not walked", () => {
    const deep = `${'{"k":'.repeat(MAX_DEPTH + 5)}{"secret": "x", "conn": 1}${"}".repeat(MAX_DEPTH + 5)}`;
    const root = parseJson(deep).root;
    assert.deepEqual(jsonStringPairs(root), []);
    assert.deepEqual(jsonPropertiesNamed(root, new Set(["conn"])), []);
    const shallow = parseJson('{"k": {"secret": "x", "conn": 1}}').root;
    assert.equal(jsonStringPairs(shallow).length, 1);
    assert.equal(jsonPropertiesNamed(shallow, new Set(["conn"])).length, 1);
    // The limit itself is walked: an object at exactly MAX_DEPTH levels is read, one level deeper is not.
    const at = (levels: number) => parseJson(`${'{"k":'.repeat(levels)}{"secret": "x", "conn": 1}${"}".repeat(levels)}`).root;
    assert.equal(jsonStringPairs(at(MAX_DEPTH)).length, 1);
    assert.equal(jsonStringPairs(at(MAX_DEPTH + 1)).length, 0);
    assert.equal(jsonPropertiesNamed(at(MAX_DEPTH), new Set(["conn"])).length, 1);
    assert.equal(jsonPropertiesNamed(at(MAX_DEPTH + 1), new Set(["conn"])).length, 0);
    // Arrays count as levels too.
    const inArrays = parseJson(`${"[".repeat(MAX_DEPTH + 5)}{"conn": 1}${"]".repeat(MAX_DEPTH + 5)}`).root;
    assert.deepEqual(jsonPropertiesNamed(inArrays, new Set(["conn"])), []);
  });
});
