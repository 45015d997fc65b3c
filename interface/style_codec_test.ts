import assert from "node:assert/strict";
import { NO_REFERENCE, REFERENCE_DIR } from "../tests/reference.ts";
import { decodeStyle, encodeStyle, MAX_STYLE_BYTES } from "./style_codec.ts";

Deno.test({
  name:
    "style codec decodes the reference jobs' styles into their QML, and back",
  ignore: NO_REFERENCE,
  fn() {
    for (const name of ["placenames", "bui20220630"]) {
      const job = JSON.parse(
        Deno.readTextFileSync(`${REFERENCE_DIR}/upstream/${name}.job.json`),
      );
      const qml = Deno.readTextFileSync(
        `${REFERENCE_DIR}/upstream/${name}.qml`,
      );
      const decoded = decodeStyle(job.job.layers[0].style.definition);
      assert.equal(decoded.trim(), qml.trim(), name);
      assert.equal(decodeStyle(encodeStyle(decoded)), decoded);
      assert.match(encodeStyle(decoded), /^[A-Za-z0-9_=-]+$/);
    }
  },
});

Deno.test("style codec rejects what is not base64 zlib", () => {
  assert.throws(() => decodeStyle("not a style!"), SyntaxError);
  assert.throws(() => decodeStyle(btoa("plain text")), /Cannot decode style/);
});

Deno.test("style codec stops inflating at the limit: a zlib bomb is a RangeError", async () => {
  const { zlibBombDefinition } = await import("../tests/hostile/zlib_bomb.ts");
  // 3 GiB of zeros in 3 MB: inflated whole, it peaked at 6.1 GB and never
  // answered; now inflation stops past 4 MiB
  const bomb = zlibBombDefinition(3072);
  const before = Deno.memoryUsage().rss;
  assert.throws(
    () => decodeStyle(bomb),
    (e: Error) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot decode style: it inflates to more than ${MAX_STYLE_BYTES} bytes (the limit)`,
  );
  const grown = (Deno.memoryUsage().rss - before) / 2 ** 20;
  assert.ok(grown < 256, `resident memory grew by ${grown.toFixed(0)} MiB`);
  // the limit is an option; up to it a style decodes
  const three = zlibBombDefinition(3);
  assert.equal(decodeStyle(three, { maxBytes: 3 << 20 }).length, 3 << 20);
  assert.throws(
    () => decodeStyle(three, { maxBytes: (3 << 20) - 1 }),
    RangeError,
  );
  const qml = "<qgis>" + "<a/>".repeat(100_000) + "</qgis>";
  assert.equal(decodeStyle(encodeStyle(qml)), qml);
});
