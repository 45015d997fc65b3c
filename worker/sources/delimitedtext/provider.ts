/**
 * The `delimitedtext` provider: CSV, TSV and other delimited text files
 * below the data root, read by our own reader (`text_file.ts`,
 * `table.ts`) with QGIS 3.22's semantics.
 *
 * A file is read and indexed once per version (size and modification
 * time) and URI: its table stays cached (at most {@link TEXT_CACHE_BYTES}
 * of tables' estimated memory, least recently used first out); files over
 * {@link MAX_TEXT_BYTES} are refused. The layer's `subset` (a QGIS
 * expression) is applied when the table is built; a `.csvt` types file
 * beside the file gives the field types, as in QGIS; the job's filter comes
 * back as the residual (features) or is evaluated here (pages). Features
 * come in the map CRS, reprojected from the job layer's `crs` (the
 * project's), else the URI's (a layer without either is taken to be in the
 * map's). Feature ids are line numbers, as in
 * QGIS.
 *
 * Permissions: `--allow-read` on the data root.
 *
 * @module
 */
import {
  evaluate,
  type Expression,
  isTruthy,
  parseExpression,
} from "../../expression/mod.ts";
import { withGdal } from "../../gdal/gdal.ts";
import { transformRect } from "../../gdal/transform.ts";
import type {
  AttributeValue,
  Feature,
  Geometry,
  Rect,
} from "../../geometry/types.ts";
import { encodeWkb } from "../../geometry/wkb.ts";
import { openError, reprojectFeatures } from "../_util.ts";
import { resolveLayerSource } from "../file_source.ts";
import { hitTestByExtent } from "../hit_test.ts";
import { pageWithResidual } from "../paging.ts";
import type {
  FeaturePage,
  FeatureQuery,
  FeatureSet,
  HitQuery,
  PageFeature,
  PageQuery,
  SourceContext,
  SourceLayer,
  SourceProvider,
  VectorSource,
} from "../source.ts";
import { oneBatch } from "../source.ts";
import {
  buildTable,
  parseCsvt,
  type TextRow,
  type TextTable,
} from "./table.ts";
import { readRecords } from "./text_file.ts";
import { type DelimitedTextUri, parseDelimitedTextUri } from "./uri.ts";
import { registerHeld } from "../../cache/held.ts";

/** Largest file read (bytes): its table is held in memory. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
/**
 * Memory a file's table takes per byte of the file, as the cache counts it:
 * a table of 100,000 point records (3.85 MB of CSV, five fields) held 60 MB
 * of V8's heap (15.6 bytes a byte; measured with `--optimize-for-size`).
 */
export const TABLE_BYTES_PER_FILE_BYTE = 16;
/**
 * Memory of the tables that stay cached (estimated: file bytes ×
 * {@link TABLE_BYTES_PER_FILE_BYTE}): 32 MiB, some 2 MiB of files. A table
 * larger than that is read for its job and not kept. (It counted files'
 * bytes, 128 MiB of them: some 2 GB of tables, in a worker that should stay
 * under 256 MB.)
 */
export const TEXT_CACHE_BYTES = 32 * 1024 * 1024;

interface Cached {
  bytes: number;
  table: Promise<TextTable>;
}

const cache = new Map<string, Cached>();
let cachedBytes = 0;
registerHeld("delimitedtext.tables", () => cachedBytes);

function forget(key: string): void {
  const entry = cache.get(key);
  if (entry === undefined) return;
  cache.delete(key);
  cachedBytes -= entry.bytes;
}

// `entry.bytes`: the table's estimated memory; one over the bound is not kept
function remember(key: string, entry: Cached): void {
  forget(key);
  if (entry.bytes > TEXT_CACHE_BYTES) return;
  cache.set(key, entry);
  cachedBytes += entry.bytes;
  for (const k of cache.keys()) {
    if (cachedBytes <= TEXT_CACHE_BYTES) break;
    forget(k);
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function loadTable(
  layer: SourceLayer,
  uri: DelimitedTextUri,
  ctx: SourceContext,
): Promise<TextTable> {
  const resolved = await resolveLayerSource({
    id: layer.id,
    name: layer.name,
    folder_name: layer.folder_name,
    remote: false,
    source: JSON.stringify({ path: uri.path }),
  }, ctx);
  const stat = await Deno.stat(resolved.location);
  if (!stat.isFile) throw openError(layer, `'${uri.path}' is not a file`);
  if (stat.size > MAX_TEXT_BYTES) {
    throw openError(
      layer,
      `the file is ${mb(stat.size)} MB, over the ${
        mb(MAX_TEXT_BYTES)
      } MB the delimited text provider reads (convert it to a GeoPackage)`,
    );
  }
  const csvt = await readCsvt(layer, uri, ctx);
  const key = JSON.stringify([
    resolved.location,
    resolved.version,
    csvt,
    uri.format,
    uri.table,
    uri.subset,
    uri.encoding,
  ]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return await hit.table;
  }
  const table = (async () => {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(uri.encoding);
    } catch (error) {
      throw openError(layer, `unknown encoding '${uri.encoding}'`, error);
    }
    const text = decoder.decode(await Deno.readFile(resolved.location));
    let built: TextTable;
    try {
      built = buildTable(
        readRecords(text, uri.format),
        uri.table,
        csvt === null ? null : parseCsvt(csvt),
      );
    } catch (error) {
      throw openError(
        layer,
        (error as Error).message.replace(/^Cannot read delimited text: /, ""),
        error,
      );
    }
    if (uri.subset !== null) built = applySubset(layer, built, uri.subset);
    return built;
  })();
  const entry = { bytes: stat.size * TABLE_BYTES_PER_FILE_BYTE, table };
  remember(key, entry);
  table.catch(() => {
    if (cache.get(key) === entry) forget(key);
  });
  return await table;
}

/**
 * The `.csvt` types file beside the file (`<file>t`, else `<file>T`), below
 * the data root like the file itself; null when there is none.
 */
async function readCsvt(
  layer: SourceLayer,
  uri: DelimitedTextUri,
  ctx: SourceContext,
): Promise<string | null> {
  for (const suffix of ["t", "T"]) {
    let location: string;
    try {
      location = (await resolveLayerSource({
        id: layer.id,
        name: layer.name,
        folder_name: layer.folder_name,
        remote: false,
        source: JSON.stringify({ path: uri.path + suffix }),
      }, ctx)).location;
    } catch (error) {
      if (/file not found/.test((error as Error).message)) continue;
      throw error;
    }
    const stat = await Deno.stat(location);
    // A types file is one short line; anything large is no types file.
    if (!stat.isFile || stat.size > 64 * 1024) return null;
    return await Deno.readTextFile(location);
  }
  return null;
}

function attributes(
  table: TextTable,
  row: TextRow,
  columns: number[],
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const c of columns) out[table.fields[c].name] = row.values[c];
  return out;
}

function applySubset(
  layer: SourceLayer,
  table: TextTable,
  subset: string,
): TextTable {
  let expression: Expression;
  try {
    expression = parseExpression(subset);
  } catch (error) {
    throw openError(
      layer,
      `its subset is not a valid expression: ${(error as Error).message}`,
      error,
    );
  }
  const all = table.fields.map((_, i) => i);
  const rows = table.rows.filter((row) => {
    const feature = {
      id: row.id,
      attributes: attributes(table, row, all),
      geometry: row.geometry,
    };
    try {
      return isTruthy(evaluate(expression, { feature }));
    } catch {
      // QGIS drops a feature the subset cannot be evaluated on.
      return false;
    }
  });
  return { ...table, rows };
}

function copy(g: Geometry): Geometry {
  return { kind: g.kind, parts: g.parts.map((p) => p.map((r) => r.slice())) };
}

function intersects(g: Geometry, r: Rect): boolean {
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (const part of g.parts) {
    for (const ring of part) {
      for (let i = 0; i + 1 < ring.length; i += 2) {
        const x = ring[i], y = ring[i + 1];
        if (x < xmin) xmin = x;
        if (x > xmax) xmax = x;
        if (y < ymin) ymin = y;
        if (y > ymax) ymax = y;
      }
    }
  }
  return xmin <= r.xmax && xmax >= r.xmin && ymin <= r.ymax && ymax >= r.ymin;
}

// A map or layer without a CRS ("") is drawn as it is, as QGIS does.
function sameCrs(a: string, b: string): boolean {
  return a.trim() === "" || b.trim() === "" ||
    a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** A delimited text layer. */
class DelimitedTextSource implements VectorSource {
  readonly kind = "vector" as const;
  readonly provider = "delimitedtext";
  readonly #layer: SourceLayer;
  readonly #ctx: SourceContext;
  #uri: DelimitedTextUri | null = null;

  constructor(layer: SourceLayer, ctx: SourceContext) {
    this.#layer = layer;
    this.#ctx = ctx;
  }

  async #table(): Promise<{ table: TextTable; crs: string | null }> {
    this.#uri ??= parseDelimitedTextUri(this.#layer);
    return {
      table: await loadTable(this.#layer, this.#uri, this.#ctx),
      // the project's CRS over the URI's, as QGIS reads the layer
      crs: this.#layer.crs?.trim() || this.#uri.crs,
    };
  }

  /** Rows reprojected to `to` (all rows, or those within `bbox` of `to`). */
  async #features(
    to: string | undefined,
    bbox: Rect | null,
    columns: number[],
  ): Promise<{ table: TextTable; features: Feature[]; multi: boolean[] }> {
    const { table, crs } = await this.#table();
    const transform = crs !== null && to !== undefined && !sameCrs(crs, to);
    let rect = bbox;
    if (bbox !== null && transform) {
      rect = await withGdal((gdal) => transformRect(gdal, bbox, to!, crs!));
      if (rect === null) return { table, features: [], multi: [] };
    }
    const features: Feature[] = [];
    const multi: boolean[] = [];
    const located: Feature[] = [];
    for (const row of table.rows) {
      if (rect !== null && (!row.geometry || !intersects(row.geometry, rect))) {
        continue;
      }
      const feature: Feature = {
        id: row.id,
        attributes: attributes(table, row, columns),
        geometry: row.geometry ? copy(row.geometry) : null,
      };
      features.push(feature);
      multi.push(row.multi);
      if (feature.geometry) located.push(feature);
    }
    if (transform && located.length) {
      const kept = new Set(
        await withGdal((gdal) => reprojectFeatures(gdal, located, crs!, to!)),
      );
      const keep = features.map((f) => f.geometry === null || kept.has(f));
      return {
        table,
        features: features.filter((_, i) => keep[i]),
        multi: multi.filter((_, i) => keep[i]),
      };
    }
    return { table, features, multi };
  }

  async features(query: FeatureQuery): Promise<FeatureSet> {
    const { table } = await this.#table();
    const wanted = query.columns === undefined || query.columns === "all"
      ? null
      : new Set(query.columns.map((c) => c.toLowerCase()));
    const columns = table.fields.map((_, i) => i).filter((i) =>
      wanted === null || wanted.has(table.fields[i].name.toLowerCase())
    );
    const { features } = await this.#features(query.crs, query.bbox, columns);
    return {
      fields: columns.map((c) => table.fields[c]),
      geometryKind: table.geometryKind,
      residual: query.filter ?? null,
      batches: oneBatch(features),
    };
  }

  hitTest(query: HitQuery): Promise<FeatureSet> {
    return hitTestByExtent((q) => this.features(q), query);
  }

  async page(query: PageQuery): Promise<FeaturePage> {
    const readAll = async (): Promise<FeaturePage> => {
      const { table } = await this.#table();
      const all = table.fields.map((_, i) => i);
      const { features, multi } = await this.#features(query.crs, null, all);
      const page: PageFeature[] = features.map((f, i) => ({
        id: f.id,
        attributes: f.attributes,
        wkb: f.geometry ? encodeWkb(f.geometry, multi[i]) : null,
      }));
      return {
        fields: table.fields,
        fidColumn: null,
        geometryKind: table.geometryKind,
        numbersMatched: page.length,
        features: page,
      };
    };
    if (query.filter) {
      return await pageWithResidual(
        readAll,
        query.filter,
        query.startIndex,
        query.count,
      );
    }
    const all = await readAll();
    return {
      ...all,
      features: all.features.slice(
        query.startIndex,
        query.count === null ? undefined : query.startIndex + query.count,
      ),
    };
  }
}

/**
 * The `delimitedtext` provider.
 *
 * @example
 * ```ts ignore
 * import { delimitedTextProvider } from "./provider.ts";
 * const source = delimitedTextProvider.open(layer, ctx);
 * ```
 */
export const delimitedTextProvider: SourceProvider = {
  key: "delimitedtext",
  kind: "vector",
  open: (layer, ctx) => new DelimitedTextSource(layer, ctx),
};

/** @internal Drops the cached tables (tests). */
export function clearTextCache(): void {
  cache.clear();
  cachedBytes = 0;
}
