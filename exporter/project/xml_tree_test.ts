import assert from "node:assert/strict";
import { QgisSyntaxError } from "./errors.ts";
import { MAX_XML_DEPTH, parseXml } from "./xml_tree.ts";

Deno.test("elements keep their exact source text", () => {
  const text = `<?xml version="1.0"?>\n<!DOCTYPE qgis PUBLIC 'x' 'y'>\n` +
    `<qgis a="1&amp;2">\n <x b='2'/>\n <y>t&lt;<![CDATA[c>]]>é😀</y><z\n  q=">" >  <w/></z>\n</qgis>`;
  const root = parseXml(text, "t.qgs");
  assert.equal(root.getAttribute("a"), "1&2");
  const slice = (i: number) =>
    text.slice(root.children[i].start, root.children[i].end);
  assert.equal(slice(0), "<x b='2'/>");
  assert.equal(slice(1), "<y>t&lt;<![CDATA[c>]]>é😀</y>");
  assert.equal(slice(2), `<z\n  q=">" >  <w/></z>`);
  assert.equal(root.children[1].textContent, "t<c>é😀");
  // Whitespace between children is not kept.
  assert.equal(root.children[2].textContent, "");
  assert.equal(root.children[2].getAttribute("q"), ">");
  assert.equal(root.children[2].children[0].nodeName, "w");
  assert.equal(root.getAttribute("missing"), null);
});

Deno.test("malformed XML names line and column", () => {
  const cases: [string, number, number][] = [
    ["<qgis>\n <a>\n</qgis>", 3, 8],
    ["<qgis>\n\n  <a b=></a></qgis>", 3, 9],
    ["<qgis>", 1, 7],
  ];
  for (const [xml, line, column] of cases) {
    assert.throws(
      () => parseXml(xml, "b.qgs"),
      (e: Error) =>
        e instanceof QgisSyntaxError && e.line === line &&
        e.column === column &&
        e.message.startsWith(
          `Cannot parse b.qgs: malformed XML at line ${line}, column ${column}: `,
        ),
      xml,
    );
  }
  assert.throws(() => parseXml("", "e.qgs"), QgisSyntaxError);
});

Deno.test("elements nested past the limit are refused, not recursed into", () => {
  const deep = (n: number) => "<a>".repeat(n) + "</a>".repeat(n);
  assert.throws(
    () => parseXml(`<qgis>${deep(MAX_XML_DEPTH)}</qgis>`, "d.qgs"),
    (e: Error) =>
      e instanceof QgisSyntaxError &&
      e.message ===
        `Cannot parse d.qgs: elements nested deeper than ${MAX_XML_DEPTH} levels at line 1`,
  );
  // Just below the limit a kept tree is built, and read, without recursion.
  const root = parseXml(
    `<qgis>${deep(MAX_XML_DEPTH - 2)}<a>x</a></qgis>`,
    "d.qgs",
  );
  assert.equal(root.textContent, "x");
});

Deno.test("a keep rule builds only the elements it names", () => {
  const text = `<qgis><title>t</title><big>${
    "<s><t>deep</t></s>".repeat(1000)
  }</big><keep a="1"><x/><y>text</y></keep></qgis>`;
  const root = parseXml(text, "k.qgs", {
    children: {
      title: { text: true },
      big: {},
      keep: { children: { y: { text: true } } },
    },
  });
  assert.deepEqual(root.children.map((c) => c.nodeName), [
    "title",
    "big",
    "keep",
  ]);
  const [title, big, keep] = root.children;
  assert.equal(title.textContent, "t");
  // Kept without its children, with its exact offsets.
  assert.equal(big.children.length, 0);
  assert.equal(
    text.slice(big.start, big.end),
    `<big>${"<s><t>deep</t></s>".repeat(1000)}</big>`,
  );
  assert.deepEqual(keep.children.map((c) => c.nodeName), ["y"]);
  assert.equal(keep.children[0].textContent, "text");
  // An element whose rule does not keep text has none.
  assert.equal(
    parseXml("<qgis><a>x</a></qgis>", "k.qgs", { children: { a: {} } })
      .children[0].textContent,
    "",
  );
});
