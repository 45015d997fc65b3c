import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { ProjectError, QgisSyntaxError } from "./errors.ts";
import { parseProjectXml, readProject } from "./read_project.ts";
import { TESTDATA } from "./_test_util.ts";

async function tempFile(
  name: string,
  bytes: Uint8Array | string,
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_" });
  const path = `${dir}/${name}`;
  if (typeof bytes === "string") await Deno.writeTextFile(path, bytes);
  else await Deno.writeFile(path, bytes);
  return path;
}

Deno.test("reads a .qgs and the same project zipped as .qgz", async () => {
  const qgs = await readProject(`${TESTDATA}basic.qgs`);
  assert.equal(qgs.baseName, "basic");
  assert.equal(qgs.root.nodeName, "qgis");
  const text = await Deno.readFile(`${TESTDATA}basic.qgs`);
  const qgzPath = await tempFile(
    "basic.qgz",
    zipSync({ "basic.qgs": text, "basic.qgd": new Uint8Array() }),
  );
  const qgz = await readProject(qgzPath);
  assert.equal(qgz.baseName, "basic");
  assert.equal(
    qgz.root.getAttribute("version"),
    "3.22.16-Białowieża",
  );
});

Deno.test("a missing file is named", async () => {
  await assert.rejects(
    () => readProject("/nonexistent/p.qgs"),
    (e: Error) => e instanceof ProjectError && /no such file/.test(e.message),
  );
});

Deno.test("a wrong extension is refused", async () => {
  await assert.rejects(
    () => readProject(`${TESTDATA}points.geojson`),
    /must be \.qgs or \.qgz/,
  );
});

Deno.test("a .qgz that is not a zip, or holds no .qgs, is refused", async () => {
  const notZip = await tempFile("bad.qgz", "<qgis/>");
  await assert.rejects(() => readProject(notZip), /not a zip archive/);
  const empty = await tempFile(
    "empty.qgz",
    zipSync({ "x.txt": new Uint8Array([1]) }),
  );
  await assert.rejects(() => readProject(empty), /holds no \.qgs/);
});

Deno.test("malformed XML reports line and column", async () => {
  const path = await tempFile(
    "broken.qgs",
    "<qgis>\n  <title>x</titel>\n</qgis>\n",
  );
  await assert.rejects(
    () => readProject(path),
    (e: Error) =>
      e instanceof QgisSyntaxError && e.line === 2 && e.column > 0 &&
      /broken\.qgs: malformed XML at line 2, column \d+/.test(e.message),
  );
  assert.throws(() => parseProjectXml("", "e.qgs"), QgisSyntaxError);
  assert.throws(() => parseProjectXml("<html/>", "h.qgs"), /not <qgis>/);
});

Deno.test({
  name: "without read permission the project is refused, naming the cause",
  permissions: { read: [TESTDATA] },
  async fn() {
    await assert.rejects(
      () => readProject("/etc/hosts.qgs"),
      (e: Error) =>
        e instanceof ProjectError && e.cause instanceof Deno.errors.NotCapable,
    );
    // Inside the allowed folder it still reads.
    assert.equal((await readProject(`${TESTDATA}basic.qgs`)).baseName, "basic");
  },
});
