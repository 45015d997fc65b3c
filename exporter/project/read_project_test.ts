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

// A deflated member of `size` spaces inside a project root.
function bigProject(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  const open = new TextEncoder().encode("<qgis><title>big</title>");
  bytes.set(open, 0);
  bytes.set(new TextEncoder().encode("</qgis>"), size - 7);
  return bytes;
}

Deno.test("a .qgz whose project inflates beyond the cap is refused", async () => {
  const MiB = 1024 * 1024;
  const honest = await tempFile(
    "bomb.qgz",
    zipSync({ "bomb.qgs": bigProject(8 * MiB) }, { level: 9 }),
  );
  await assert.rejects(
    () => readProject(honest, { maxBytes: 4 * MiB }),
    (e: Error) =>
      e instanceof ProjectError &&
      e.message ===
        "Cannot read bomb.qgz: its project bomb.qgs inflates to more than 4 MiB (raise --max-project-size to read it)",
  );
  // The same archive whose headers claim 100 bytes: inflating stops at the
  // cap all the same.
  const lying = zipSync({ "bomb.qgs": bigProject(8 * MiB) }, { level: 9 });
  const view = new DataView(lying.buffer);
  for (let at = 0; at + 4 <= lying.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, 100, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, 100, true);
  }
  const lyingPath = await tempFile("lying.qgz", lying);
  await assert.rejects(
    () => readProject(lyingPath, { maxBytes: 4 * MiB }),
    /lying\.qgz: its project bomb\.qgs inflates to more than 4 MiB/,
  );
  // Under the cap it reads.
  assert.equal(
    (await readProject(honest, { maxBytes: 9 * MiB })).root.nodeName,
    "qgis",
  );
  // A plain .qgs over the cap is refused before it is read.
  const qgs = await tempFile("big.qgs", bigProject(2 * MiB));
  await assert.rejects(
    () => readProject(qgs, { maxBytes: MiB }),
    /big\.qgs: it is larger than 1 MiB/,
  );
});

Deno.test("only the .qgz's first .qgs member is inflated", async () => {
  const first = new TextEncoder().encode('<qgis version="3.22.16"/>');
  const archive = zipSync({
    "a.qgs": first,
    "b.qgs": bigProject(8 * 1024 * 1024),
  }, { level: 9 });
  // b.qgs inflates beyond the cap: reading it would fail.
  const path = await tempFile("two.qgz", archive);
  const project = await readProject(path, { maxBytes: 1024 * 1024 });
  assert.equal(project.root.getAttribute("version"), "3.22.16");
});

Deno.test("a project path that is not a regular file is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_" });
  await Deno.symlink("/dev/zero", `${dir}/zero.qgs`);
  await assert.rejects(
    () => readProject(`${dir}/zero.qgs`),
    /zero\.qgs: it is not a regular file/,
  );
});

Deno.test("the project tree keeps what the exporter reads, not the styles", async () => {
  const project = await readProject(`${TESTDATA}basic.qgs`);
  const layers = project.root.children.find((c) =>
    c.nodeName === "projectlayers"
  )!;
  const points = layers.children[0];
  const renderer = points.children.find((c) => c.nodeName === "renderer-v2")!;
  // Kept with its offsets (the style is copied from them), not built.
  assert.equal(renderer.children.length, 0);
  assert.match(
    project.text.slice(renderer.start, renderer.end),
    /^<renderer-v2 type="singleSymbol">.*<\/renderer-v2>$/s,
  );
  assert.equal(
    points.children.find((c) => c.nodeName === "datasource")!.textContent,
    "./points.geojson",
  );
});

Deno.test("a project's encoding is read from its byte order mark or XML declaration, as QGIS reads it", async () => {
  const title = "Zürich Straße";
  const latin1 = Uint8Array.from(
    `<?xml version="1.0" encoding="ISO-8859-1"?>\n<qgis version="3.22.0"><title>${title}</title></qgis>`,
    (c) => c.charCodeAt(0),
  );
  const utf16 = (le: boolean, bom: boolean) => {
    const text = `${
      bom ? "\ufeff" : ""
    }<?xml version="1.0" encoding="UTF-16"?>\n<qgis version="3.22.0"><title>${title}</title></qgis>`;
    const out = new Uint8Array(text.length * 2);
    const view = new DataView(out.buffer);
    for (let i = 0; i < text.length; i++) {
      view.setUint16(2 * i, text.charCodeAt(i), le);
    }
    return out;
  };
  const cases: [string, Uint8Array][] = [
    ["latin1.qgs", latin1],
    ["utf16le.qgs", utf16(true, true)],
    ["utf16be.qgs", utf16(false, true)],
    ["utf16nobom.qgs", utf16(true, false)],
    ["latin1.qgz", zipSync({ "latin1.qgs": latin1 })],
  ];
  for (const [name, bytes] of cases) {
    const project = await readProject(await tempFile(name, bytes));
    const t = project.root.children.find((c) => c.nodeName === "title");
    // before: 'Z\ufffdrich Stra\ufffde' (Latin-1 read as UTF-8), and UTF-16
    // failed as "text data outside of root node"
    assert.equal(t?.textContent, title, name);
  }
  await assert.rejects(
    () =>
      tempFile(
        "klingon.qgs",
        '<?xml version="1.0" encoding="x-klingon"?><qgis/>',
      ).then((p) => readProject(p)),
    (e: Error) =>
      e instanceof ProjectError &&
      e.message ===
        "Cannot read klingon.qgs: its XML declaration names the encoding 'x-klingon', which is not known",
  );
});

Deno.test("a .qgz member compressed other than by deflate is refused naming the method", async () => {
  const archive = zipSync({ "p.qgs": new TextEncoder().encode("<qgis/>") }, {
    level: 0,
  });
  const view = new DataView(archive.buffer);
  for (let at = 0; at + 4 <= archive.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint16(at + 8, 12, true);
    if (signature === 0x02014b50) view.setUint16(at + 10, 12, true);
  }
  // before: "broken zip archive (ctr is not a constructor)"
  await assert.rejects(
    async () => readProject(await tempFile("bz.qgz", archive)),
    (e: Error) =>
      e instanceof ProjectError &&
      e.message ===
        "Cannot read bz.qgz: its project p.qgs is compressed with method 12 (bzip2); only stored and deflated members are read, as QGIS writes them",
  );
});

Deno.test("a .qgz's project is inflated from its own header, not after every member before it", async () => {
  // fflate's streaming reader did work per member seen for each member
  // after it: 200,000 empty members before the project took 20 s. Now the
  // stream starts at the project's local header: a member before it whose
  // local header announces more data than the archive holds (its central
  // directory entry is right) is never walked through.
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 20_000; i++) files[`f${i}.txt`] = new Uint8Array();
  files["p.qgs"] = new TextEncoder().encode('<qgis version="3.22.16"/>');
  const archive = zipSync(files, { level: 0 });
  const view = new DataView(archive.buffer);
  // the first member's local header: a compressed size past the end
  assert.equal(view.getUint32(0, true), 0x04034b50);
  view.setUint32(18, 0x7fffffff, true);
  const project = await readProject(await tempFile("many.qgz", archive));
  assert.equal(project.root.getAttribute("version"), "3.22.16");
});
