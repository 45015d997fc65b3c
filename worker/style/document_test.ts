import { encodeStyle } from "@qgis-server-light/interface";
import { parseQmlDocument } from "./qml.ts";
import { styleDocument, visibleAtScale } from "./document.ts";

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

Deno.test("styleDocument: the same definition gives the same parsed element", () => {
  const def = encodeStyle('<qgis version="3.22"><renderer-v2/></qgis>');
  const a = styleDocument("roads", def);
  assert(a.getAttribute("version") === "3.22", "parsed");
  assert(styleDocument("roads", def) === a, "cached");
  const other = styleDocument("roads", encodeStyle('<qgis version="3.28"/>'));
  assert(other !== a && other.getAttribute("version") === "3.28", "by text");
});

Deno.test("styleDocument: a bad definition is a SyntaxError naming the layer", () => {
  for (const def of ["not base64 !!", encodeStyle("<qgis><unclosed></qgis>")]) {
    let error: unknown;
    try {
      styleDocument("zones", def);
    } catch (e) {
      error = e;
    }
    assert(error instanceof SyntaxError, `SyntaxError for ${def}`);
    assert(
      error.message.startsWith("Cannot read the style of layer 'zones': "),
      error.message,
    );
  }
});

Deno.test("visibleAtScale: QGIS's scale-based visibility", () => {
  const root = (attrs: string) => parseQmlDocument(`<qgis ${attrs}/>`);
  const limited = root(
    'hasScaleBasedVisibilityFlag="1" minScale="50000" maxScale="1000"',
  );
  assert(visibleAtScale(limited, 10_000), "inside the range");
  assert(!visibleAtScale(limited, 50_000), "the minimum scale is excluded");
  assert(visibleAtScale(limited, 1000), "the maximum scale is included");
  assert(!visibleAtScale(limited, 999), "zoomed in too far");
  const off = root('hasScaleBasedVisibilityFlag="0" minScale="50000"');
  assert(visibleAtScale(off, 1e9), "flag off: always");
  const open = root(
    'hasScaleBasedVisibilityFlag="1" minScale="0" maxScale="0"',
  );
  assert(visibleAtScale(open, 1e9) && visibleAtScale(open, 1), "0: no limit");
});

Deno.test("styleDocument: a zlib bomb or a deep style fails naming the layer and the limit", async () => {
  const { zlibBombDefinition } = await import(
    "../../tests/hostile/zlib_bomb.ts"
  );
  const cases: [string, RegExp][] = [
    [zlibBombDefinition(64), /inflates to more than 4194304 bytes/],
    [
      encodeStyle(
        "<qgis>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</qgis>",
      ),
      /its elements nest deeper than 128 levels/,
    ],
    [
      encodeStyle("<qgis>" + "<a/>".repeat(200_001) + "</qgis>"),
      /it has more than 200000 elements/,
    ],
  ];
  for (const [definition, cause] of cases) {
    let error: unknown;
    try {
      styleDocument("zones", definition);
    } catch (e) {
      error = e;
    }
    assert(error instanceof SyntaxError, String(error));
    assert(
      error.message.startsWith("Cannot read the style of layer 'zones': "),
      error.message,
    );
    assert(cause.test(error.message), error.message);
  }
  // the limit is the caller's
  let error: unknown;
  try {
    styleDocument(
      "zones",
      encodeStyle("<qgis>" + " ".repeat(2000) + "</qgis>"),
      1000,
    );
  } catch (e) {
    error = e;
  }
  assert(/inflates to more than 1000 bytes/.test(String(error)), String(error));
});

Deno.test("styleDocument: the parsed-style cache is bounded by bytes, not entries", async () => {
  const { STYLE_CACHE_BYTES, styleCacheStats } = await import("./document.ts");
  // 24 styles of 300,000 characters of QML: some 9 MB of DOM each; the
  // cache of 64 entries it replaced kept them all (RSS 1.35–2.0 GB after
  // the hostile styles of 4 MiB)
  const rules = (n: number) =>
    Array.from(
      { length: 3000 },
      (_, i) =>
        `<rule key="{${n}-${i}}" filter="&quot;kind&quot; = ${i}" symbol="${i}" label="rule ${i} ${
          "x".repeat(30)
        }"/>`,
    ).join("");
  for (let n = 0; n < 24; n++) {
    const qml = `<qgis><renderer-v2 type="RuleRenderer"><rules>${
      rules(n)
    }</rules></renderer-v2></qgis>`;
    assert(qml.length > 290_000, `${qml.length}`);
    const root = styleDocument("big", encodeStyle(qml));
    assert(root.tagName === "qgis", "parsed");
    const { entries, bytes } = styleCacheStats();
    assert(bytes <= STYLE_CACHE_BYTES, `${bytes} bytes held`);
    assert(entries <= 4, `${entries} styles held`);
  }
  // a style larger than the whole budget is parsed, never kept
  const huge = `<qgis>${`<a k="${"v".repeat(100)}"/>`.repeat(12_000)}</qgis>`;
  const def = encodeStyle(huge);
  const a = styleDocument("huge", def);
  assert(styleDocument("huge", def) !== a, "not cached");
  // small styles are still cached
  const small = encodeStyle('<qgis version="small"/>');
  assert(styleDocument("s", small) === styleDocument("s", small), "cached");
});
