import assert from "node:assert/strict";
import { NO_REFERENCE, REFERENCE_DIR } from "../tests/reference.ts";
import { decodeStyle, encodeStyle } from "./style_codec.ts";

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
