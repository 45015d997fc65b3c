import assert from "node:assert/strict";
import { QgisSyntaxError } from "./errors.ts";
import { parseXml } from "./xml_tree.ts";

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
