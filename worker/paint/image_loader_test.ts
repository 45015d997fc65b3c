import { join } from "node:path";
import {
  imageFolders,
  loadImageFrom,
  MAX_IMAGE_BYTES,
} from "./image_loader.ts";
import { assert } from "./_test_util.ts";

function tree(): { root: string; data: string; outside: string } {
  const base = Deno.makeTempDirSync({ prefix: "qsl-image-loader-" });
  const root = join(base, "root"), data = join(root, "data");
  const outside = join(base, "outside");
  Deno.mkdirSync(data, { recursive: true });
  Deno.mkdirSync(outside);
  Deno.writeFileSync(join(data, "sprite.png"), Uint8Array.of(1, 2, 3));
  Deno.writeFileSync(join(outside, "secret.png"), Uint8Array.of(9, 9, 9));
  return { root, data, outside };
}

Deno.test("loadImageFrom: a project's ./ name and another machine's absolute path are found in the layer's folder", () => {
  const { root, data } = tree();
  for (const name of ["./sprite.png", "C:\\Users\\me\\maps\\sprite.png"]) {
    const r = loadImageFrom(name, [data, root], []);
    assert("bytes" in r && r.bytes[2] === 3, `${name}: ${JSON.stringify(r)}`);
  }
  Deno.removeSync(join(root, ".."), { recursive: true });
});

Deno.test("loadImageFrom: a name leading out of the data root is refused with a message, by a path or by a link", () => {
  const { root, data, outside } = tree();
  Deno.symlinkSync(join(outside, "secret.png"), join(data, "link.png"));
  for (const name of ["../../outside/secret.png", "./link.png"]) {
    const r = loadImageFrom(name, [data, root], []);
    assert(
      "error" in r &&
        r.error ===
          `Cannot read image '${name}': it is outside the data root and the SVG folders`,
      `${name}: ${JSON.stringify(r)}`,
    );
  }
  const missing = loadImageFrom("nowhere.png", [data, root], []);
  assert(
    "error" in missing && missing.error.includes("not found"),
    JSON.stringify(missing),
  );
  Deno.removeSync(join(root, ".."), { recursive: true });
});

Deno.test("loadImageFrom: a file over MAX_IMAGE_BYTES is not read", () => {
  const { root, data } = tree();
  const big = join(data, "big.png");
  using f = Deno.openSync(big, { create: true, write: true });
  f.truncateSync(MAX_IMAGE_BYTES + 1);
  const r = loadImageFrom("big.png", [data, root], []);
  assert("error" in r, JSON.stringify(r));
  Deno.removeSync(join(root, ".."), { recursive: true });
});

Deno.test("loadImageFrom: base64 data inline, and a clear error for bad data", () => {
  const ok = loadImageFrom("base64:" + btoa("\x01\x02"), [], []);
  assert("bytes" in ok && ok.bytes.length === 2, JSON.stringify(ok));
  const bad = loadImageFrom("base64:%%%", [], []);
  assert("error" in bad && bad.error.startsWith("Cannot read image"), "bad");
});

Deno.test("imageFolders: the layer's folder then the data root; a folder leaving the root is dropped", () => {
  const { root, data } = tree();
  const real = Deno.realPathSync(root);
  assert(
    imageFolders(root, "data").join() === `${Deno.realPathSync(data)},${real}`,
    imageFolders(root, "data").join(),
  );
  assert(imageFolders(root, "../outside").join() === real, "outside");
  assert(imageFolders(root, null).join() === real, "no folder");
  Deno.removeSync(join(root, ".."), { recursive: true });
});
