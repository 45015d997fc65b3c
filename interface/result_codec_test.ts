import assert from "node:assert/strict";
import { decodeResult, encodeResult } from "./result_codec.ts";
import { pickle, pythonObject, unpickle, utf8Bytes } from "./pickle.ts";
import type { JobResult } from "./job/output.ts";

const image: JobResult = {
  id: "job-1",
  data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]),
  content_type: "image/png",
  worker_id: "w-1",
  worker_host_name: "host",
};

Deno.test("both encodings round-trip binary, text and QueryCollection data", () => {
  const qc = {
    numbers_matched: 1,
    feature_collections: [{ name: "a", features: [] }],
  };
  for (const format of ["json", "pickle"] as const) {
    assert.deepEqual(decodeResult(encodeResult(image, format)), image, format);
    const text = {
      ...image,
      data: "Cannot render: ünïcode",
      content_type: "application/text",
    };
    assert.deepEqual(decodeResult(encodeResult(text, format)), text, format);
    const features = {
      ...image,
      data: qc,
      content_type:
        "application/qgis-server-light.interface.qgis.QueryCollection",
    };
    assert.deepEqual(
      decodeResult(encodeResult(features, format)).data,
      qc,
      format,
    );
  }
  assert.throws(
    () => decodeResult(new TextEncoder().encode("nope")),
    TypeError,
  );
});

Deno.test("pickle writer and reader agree on every value kind", () => {
  const value = {
    n: null,
    t: true,
    f: false,
    i: -5,
    big: 2 ** 40,
    neg: -(2 ** 40),
    x: 1.5,
    s: "ß",
    b: new Uint8Array([1, 2, 3]),
    l: [1, [2], {}],
  };
  assert.deepEqual(unpickle(pickle(value)), value);
  const obj = pythonObject("m.n", "C", { a: 1 });
  assert.deepEqual(unpickle(pickle(obj)), obj);
  assert.throws(() => unpickle(new Uint8Array([0x80, 3, 0xff])), SyntaxError);
});

Deno.test("pickle writes a string as BINUNICODE of TextEncoder's UTF-8, at any size, and bytes past its first buffer whole", () => {
  const texts = [
    "",
    "a",
    "é",
    "✓",
    "😀",
    "\ud800",
    "x".repeat(600),
    "✓😀".repeat(5000),
  ];
  for (const text of texts) {
    const bytes = pickle(text);
    const utf8 = new TextEncoder().encode(text);
    assert.equal(bytes[2], 0x58);
    const length = new DataView(bytes.buffer, bytes.byteOffset + 3, 4)
      .getUint32(0, true);
    assert.equal(length, utf8.length);
    assert.deepEqual(bytes.slice(7, 7 + length), utf8);
    assert.equal(bytes.length, 7 + length + 1);
  }
  const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
  const value = ["é".repeat(300), big, "tail"];
  assert.deepEqual(unpickle(pickle(value)), value);
});

Deno.test("utf8Bytes pickles as the bytes of TextEncoder's UTF-8, whatever the share of non-ASCII text", () => {
  const texts = [
    "",
    "a",
    "é",
    "\ud800",
    "x".repeat(600),
    "é".repeat(700),
    "✓😀".repeat(5000),
    "a".repeat(1000) + "😀".repeat(1000) + "\udc00z",
    `{"name":"Zürich","value":"${"AQEAAAA".repeat(2000)}"}`,
  ];
  for (const text of texts) {
    const utf8 = new TextEncoder().encode(text);
    assert.deepEqual(pickle(utf8Bytes(text)), pickle(utf8), text.slice(0, 20));
    assert.deepEqual(
      pickle(["head", utf8Bytes(text), "tail"]),
      pickle(["head", utf8, "tail"]),
    );
  }
});

async function python3(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("python3", { args: ["-c", "1"] })
      .output();
    return success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "a pickled JobResult loads in python3 as qgis_server_light's JobResult",
  ignore: !(await python3()),
  async fn() {
    const script = `
import sys, types, pickle, dataclasses, base64, json
from typing import Any
mod = types.ModuleType("qgis_server_light.interface.job.common.output")
@dataclasses.dataclass
class JobResult:
    id: str
    data: Any
    content_type: str
    worker_id: str | None = None
    worker_host_name: str | None = None
JobResult.__module__ = mod.__name__
mod.JobResult = JobResult
for name in ["qgis_server_light", "qgis_server_light.interface", "qgis_server_light.interface.job", "qgis_server_light.interface.job.common"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules[mod.__name__] = mod
r = pickle.loads(sys.stdin.buffer.read())
assert isinstance(r, JobResult), type(r)
print(json.dumps({"id": r.id, "data": base64.b64encode(r.data).decode(), "content_type": r.content_type, "worker_id": r.worker_id, "worker_host_name": r.worker_host_name}))
# and the other way: what Python pickles, we read
sys.stderr.buffer.write(pickle.dumps(JobResult(id="py", data=b"\\x00\\x01", content_type="image/png", worker_id=None)))
`;
    const child = new Deno.Command("python3", {
      args: ["-c", script],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(encodeResult(image, "pickle"));
    await writer.close();
    const out = await child.output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const loaded = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.deepEqual(loaded, {
      id: "job-1",
      data: btoa(String.fromCharCode(...image.data as Uint8Array)),
      content_type: "image/png",
      worker_id: "w-1",
      worker_host_name: "host",
    });
    const fromPython = decodeResult(out.stderr);
    assert.equal(fromPython.id, "py");
    assert.deepEqual(fromPython.data, new Uint8Array([0, 1]));
    assert.equal(fromPython.worker_id, null);
  },
});

Deno.test("JSON payloads are the same without native base64 (older browsers)", () => {
  const big: JobResult = {
    ...image,
    data: new Uint8Array(100_000).map((_, i) => (i * 2654435761) >>> 24),
  };
  const native = encodeResult(big, "json");
  const proto = Uint8Array.prototype as { toBase64?: unknown };
  const ctor = Uint8Array as { fromBase64?: unknown };
  const { toBase64 } = proto;
  const { fromBase64 } = ctor;
  delete proto.toBase64;
  delete ctor.fromBase64;
  try {
    const fallback = encodeResult(big, "json");
    assert.deepEqual(fallback, native);
    assert.deepEqual(decodeResult(native), big);
  } finally {
    proto.toBase64 = toBase64;
    ctor.fromBase64 = fromBase64;
  }
});
