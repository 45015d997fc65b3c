/**
 * Hostile projects for the exporter's memory tests and bench: a `.qgz`
 * whose project inflates to far more than it weighs, a project of deeply
 * nested elements, and a layer tree of deeply nested groups. Written in
 * chunks, so making them costs little memory.
 *
 * @module
 */
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

const encoder = new TextEncoder();

async function writeChunks(
  path: string,
  chunks: Iterable<string | Uint8Array>,
): Promise<void> {
  const file = await Deno.open(path, {
    write: true,
    create: true,
    truncate: true,
  });
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      let written = 0;
      while (written < bytes.length) {
        written += await file.write(bytes.subarray(written));
      }
    }
  } finally {
    file.close();
  }
}

/**
 * Writes a `.qgz` holding `bomb.qgs` (a valid project followed by
 * `inflatedBytes` of whitespace inside its root: about 1 MB per GiB
 * compressed), `members - 1` more such `.qgs` members and a `.qgd`.
 *
 * @example
 * ```ts ignore
 * await writeZipBomb("/tmp/bomb.qgz", 1 << 30);
 * ```
 */
export async function writeZipBomb(
  path: string,
  inflatedBytes: number,
  members = 2,
): Promise<void> {
  const parts: Uint8Array[] = [];
  let error: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) error = err;
    else parts.push(data);
  });
  const member = (name: string, size: number) => {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    entry.push(encoder.encode('<qgis version="3.22.16"><title>bomb</title>'));
    const block = new Uint8Array(1 << 20).fill(0x20);
    for (let left = size; left > 0; left -= block.length) {
      entry.push(block.subarray(0, Math.min(block.length, left)));
    }
    entry.push(encoder.encode("</qgis>"), true);
  };
  member("bomb.qgs", inflatedBytes);
  for (let i = 1; i < members; i++) member(`zz_other${i}.qgs`, inflatedBytes);
  const qgd = new ZipPassThrough("bomb.qgd");
  zip.add(qgd);
  qgd.push(new Uint8Array(16), true);
  zip.end();
  if (error) throw error;
  await writeChunks(path, parts);
}

/**
 * Writes a project whose `<qgis>` holds `depth` nested elements (each
 * `<node>`), around 13 bytes each.
 *
 * @example
 * ```ts ignore
 * await writeNestedElements("/tmp/nested.qgs", 1_000_000);
 * ```
 */
export async function writeNestedElements(
  path: string,
  depth: number,
): Promise<void> {
  function* chunks(): Generator<string> {
    yield '<qgis version="3.22.16"><title>nested</title>';
    const block = 10_000;
    for (let i = 0; i < depth; i += block) {
      yield "<node>".repeat(Math.min(block, depth - i));
    }
    for (let i = 0; i < depth; i += block) {
      yield "</node>".repeat(Math.min(block, depth - i));
    }
    yield "</qgis>\n";
  }
  await writeChunks(path, chunks());
}

/**
 * Writes a project whose layer tree nests `depth` groups, the innermost
 * holding one layer (a WMS, so no data is read).
 *
 * @example
 * ```ts ignore
 * await writeNestedGroups("/tmp/groups.qgs", 50_000);
 * ```
 */
export async function writeNestedGroups(
  path: string,
  depth: number,
): Promise<void> {
  function* chunks(): Generator<string> {
    yield '<qgis version="3.22.16"><title>groups</title><layer-tree-group>';
    for (let i = 0; i < depth; i++) {
      yield `<layer-tree-group name="g${i}" checked="Qt::Checked" expanded="1">`;
    }
    yield '<layer-tree-layer id="wms_1" name="WMS"/>';
    yield "</layer-tree-group>".repeat(depth);
    yield "</layer-tree-group><projectlayers>";
    yield '<maplayer type="raster"><id>wms_1</id>' +
      "<datasource>crs=EPSG:3857&amp;format=image/png&amp;layers=a&amp;" +
      "styles=&amp;url=https://example.com/wms</datasource>" +
      "<layername>WMS</layername><provider>wms</provider></maplayer>";
    yield "</projectlayers></qgis>\n";
  }
  await writeChunks(path, chunks());
}

/**
 * Writes a project of `count` layers (WMS, so no data is read), each in the
 * layer tree.
 *
 * @example
 * ```ts ignore
 * await writeManyLayers("/tmp/many.qgs", 100_000);
 * ```
 */
export async function writeManyLayers(
  path: string,
  count: number,
): Promise<void> {
  function* chunks(): Generator<string> {
    yield '<qgis version="3.22.16"><title>many</title><layer-tree-group>';
    for (let i = 0; i < count; i++) {
      yield `<layer-tree-layer id="wms_${i}" name="WMS ${i}"/>`;
    }
    yield "</layer-tree-group><projectlayers>";
    for (let i = 0; i < count; i++) {
      yield `<maplayer type="raster"><id>wms_${i}</id>` +
        "<datasource>crs=EPSG:3857&amp;format=image/png&amp;layers=a&amp;" +
        "styles=&amp;url=https://example.com/wms</datasource>" +
        `<layername>WMS ${i}</layername><provider>wms</provider></maplayer>`;
    }
    yield "</projectlayers></qgis>\n";
  }
  await writeChunks(path, chunks());
}
