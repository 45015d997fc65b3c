/**
 * The `postgres` provider: PostGIS tables, views and subqueries read with
 * a real PostgreSQL client (`npm:postgres`).
 *
 * Source keys: see `uri.ts` (QGIS's decoded URI as the upstream exporter
 * writes it into a job: `dbname`, `host`, `port`, `username`, `password`,
 * `service`, `sslmode`, `schema`, `table`, `geometrycolumn`, `key`, `srid`,
 * `type`, `sql`, `checkPrimaryKeyUnicity`).
 *
 * Pushed down, every value as a bound parameter and every identifier
 * quoted: the map extent (in the layer's SRID) as an index-using `&&`; the
 * layer's subset (`sql`, the layer's own SQL as QGIS runs it) and the
 * job's filter as far as `sql.ts` says it with QGIS's meaning; the
 * columns a caller asks for; pages ordered by the key with `LIMIT`/`OFFSET`
 * and counted with `count(*)`; the hit test as `&&` and `ST_Intersects`
 * (in another CRS on the search rectangle taken there by its two corners,
 * as QGIS Server; its hits in the order PostgreSQL gives them, as QGIS's).
 * Geometries leave PostgreSQL as WKB and are decoded straight into the
 * feature model: for maps in two dimensions with curves segmented as QGIS
 * draws them (1° per segment); for pages as ISO WKB with Z, M and curves,
 * as QGIS's `asWkb`. Reprojection to the map CRS is done here, as for
 * files (PROJ through GDAL).
 *
 * A map of a table (no subset, no subquery) whose fields are all of types
 * `copy_values.ts` reads (integers, floats, numeric, text, bool, date,
 * timestamps; any other: the cursor) is read
 * through `COPY (SELECT …) TO STDOUT (FORMAT binary)`, its numbers written
 * as literals (COPY takes no parameters; with another value bound, the
 * cursor): the rows' bytes read where they arrive, 1,000 at a time, no
 * object per row; a point, line or one-ring polygon into the features of
 * the batch before when the map drops each batch (`_rows.ts`). Through
 * `npm:postgres`'s cursor each row is an array and its values objects:
 * 1M points took 7 s of CPU to read, 0.4 s so.
 *
 * A layer's subset and a subquery given as its table are SQL by QGIS's
 * definition and run as such, in read-only transactions under the
 * statement timeout (`pool.ts`).
 *
 * Permissions: `--allow-net=<host>:<port>` for every database; with
 * `service`, `--allow-read` on the pg_service files (and
 * `--allow-env=PGSERVICEFILE,PGSYSCONFDIR,HOME` to find them as libpq does;
 * without it, only `/etc/postgresql-common/pg_service.conf`).
 *
 * @module
 */
import { withGdal } from "../../gdal/gdal.ts";
import { transformInPlace, transformRect } from "../../gdal/transform.ts";
import { type LayerClip, layerClip, reprojectFeatures } from "../_util.ts";
import type { Expression } from "../../expression/ast.ts";
import { filterBBox } from "../../filter/mod.ts";
import { hitsRect, searchRect } from "../../geometry/hit_test.ts";
import type {
  AttributeValue,
  Feature,
  GeometryKind,
  Rect,
} from "../../geometry/types.ts";
import { JobError } from "../../runners/types.ts";
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
import { copyRuns, query, queryBatches } from "./pool.ts";
import { attribute, type CopyField, RowDecoder } from "./_rows.ts";
import { copyValueReader } from "./copy_values.ts";
import {
  Params,
  type PostgresSplit,
  quoteIdent,
  splitForPostgres,
} from "./sql.ts";
import { type TableInfo, tableInfo } from "./table.ts";
import {
  parsePostgresUri,
  type PostgresConnection,
  type PostgresUri,
  resolveConnection,
} from "./uri.ts";

/**
 * Rows fetched from a map's cursor at a time (QGIS's PostgreSQL provider
 * fetches 2,000): what a streamed render holds of a layer, twice (the
 * batch painted and the one fetched meanwhile).
 */
const FETCH_ROWS = 1000;

interface Opened {
  uri: PostgresUri;
  c: PostgresConnection;
  info: TableInfo;
}

function normaliseCrs(crs: string): string {
  return crs.trim().toUpperCase();
}

// A table or map without a CRS is drawn as it is (as QGIS does).
function sameCrs(info: TableInfo, crs: string): boolean {
  return info.crs === null || crs.trim() === "" ||
    normaliseCrs(crs) === info.crs;
}

/** `urn:ogc:def:crs:EPSG::2056`, `…/EPSG/0/2056` → `EPSG:2056`. */
function normaliseSrs(srs: string): string {
  const m = /EPSG(?::{1,2}|\/0\/)(\d+)$/i.exec(srs) ?? /#(\d+)$/.exec(srs);
  return m ? `EPSG:${m[1]}` : srs;
}

/** The map extent in the layer's CRS; null when nothing can match. */
async function layerRect(
  info: TableInfo,
  rect: Rect,
  crs: string,
): Promise<Rect | null> {
  if (sameCrs(info, crs)) return rect;
  return await withGdal((gdal) => transformRect(gdal, rect, crs, info.crs!));
}

/**
 * The search rectangle in the layer's CRS as QGIS Server takes it there:
 * by its two corners alone (QgsCoordinateTransform::transform of a
 * rectangle: no densified edges, no other corners). Null when a corner
 * does not transform.
 */
async function twoCornerRect(
  info: TableInfo,
  rect: Rect,
  crs: string,
): Promise<Rect | null> {
  const c = new Float64Array([rect.xmin, rect.ymin, rect.xmax, rect.ymax]);
  const [ok] = await withGdal((gdal) =>
    transformInPlace(gdal, [c], crs, info.crs!)
  );
  if (!ok) return null;
  return {
    xmin: Math.min(c[0], c[2]),
    ymin: Math.min(c[1], c[3]),
    xmax: Math.max(c[0], c[2]),
    ymax: Math.max(c[1], c[3]),
  };
}

function envelope(p: Params, r: Rect, srid: number | null): string {
  return `ST_MakeEnvelope(${p.bind(r.xmin, "float8")}, ${
    p.bind(r.ymin, "float8")
  }, ${p.bind(r.xmax, "float8")}, ${p.bind(r.ymax, "float8")}, ${
    p.bind(srid ?? 0, "int4")
  })`;
}

interface Read {
  rect: Rect;
  crs: string;
  filter?: Expression | null;
  columns?: string[] | "all";
  /** Also `ST_Intersects` with the rectangle (hit tests). */
  intersects?: boolean;
  /** `rect` is in the layer's CRS already (a hit test's, two corners). */
  rectInLayerCrs?: boolean;
  /** The caller drops each batch before it asks for the next. */
  transient?: boolean;
}

/** A PostGIS layer. */
class PostgresSource implements VectorSource {
  readonly kind = "vector" as const;
  readonly provider = "postgres";
  readonly #layer: SourceLayer;
  #opened: Promise<Opened> | null = null;

  constructor(layer: SourceLayer, _ctx: SourceContext) {
    this.#layer = layer;
  }

  #open(): Promise<Opened> {
    this.#opened ??= (async () => {
      const uri = parsePostgresUri(this.#layer);
      const c = await resolveConnection(this.#layer, uri);
      const info = await tableInfo(this.#layer, c, uri);
      return { uri, c, info };
    })();
    // a failed open is not kept: the next call tries again
    this.#opened.catch(() => this.#opened = null);
    return this.#opened;
  }

  features(q: FeatureQuery): Promise<FeatureSet> {
    return this.#read({
      rect: q.bbox,
      crs: q.crs,
      filter: q.filter,
      columns: q.columns,
      transient: q.transient,
    });
  }

  async #read(q: Read): Promise<FeatureSet> {
    const { uri, c, info } = await this.#open();
    const layer = this.#layer;
    const wanted = q.columns === undefined || q.columns === "all"
      ? info.fields
      : columnsIn(info.fields, q.columns);
    const empty = (residual: Expression | null): FeatureSet => ({
      fields: wanted,
      geometryKind: info.geometryKind,
      residual,
      batches: oneBatch([]),
    });
    if (info.geometryColumn === null) return empty(null);
    const rect = q.rectInLayerCrs
      ? q.rect
      : await layerRect(info, q.rect, q.crs);
    if (rect === null) {
      return empty(null);
    }
    const g = quoteIdent(info.geometryColumn);
    const same = sameCrs(info, q.crs);
    // the statement's text and values; numbers written as literals with
    // `inline` (the residual is the same either way)
    const statement = (inline: boolean) => {
      const p = new Params(inline);
      const env = envelope(p, rect, info.srid);
      const where = [`${g} && ${env}`];
      if (q.intersects && (same || q.rectInLayerCrs)) {
        where.push(`ST_Intersects(${g}, ${env})`);
      }
      if (uri.sql) where.push(`(${uri.sql})`);
      let residual: Expression | null = null;
      if (q.filter) {
        const split = splitFilter(q.filter, info, p);
        where.push(...split.conditions);
        residual = split.residual;
      }
      const id = info.idColumn === null ? null : quoteIdent(info.idColumn);
      const select = [
        // as int8 for COPY's binary tuples (the key is an integer column)
        id === null ? "NULL" : inline ? `${id}::int8` : id,
        ...wanted.map((f) => quoteIdent(f.name)),
        // two dimensions, curves segmented as QGIS draws them (1° per
        // segment; ST_HasArc reads every geometry whole: only where the
        // column's type allows curves)
        `ST_AsBinary(ST_Force2D(${
          info.linear
            ? g
            : `CASE WHEN ST_HasArc(${g}) THEN ST_CurveToLine(${g}, pi() / 180, 2, 0) ELSE ${g} END`
        }), 'NDR')`,
      ];
      return {
        text: `SELECT ${select.join(", ")} FROM ${info.from} WHERE ${
          where.join(" AND ")
        }`,
        values: p.values,
        residual,
      };
    };
    // A map whose fields are all of types read from PostgreSQL's binary
    // format, of a table (no subset, no subquery: the text is all ours),
    // comes through binary COPY: no row object per row, geometries and
    // values read where they arrive (each row one object in npm:postgres,
    // 9 µs of CPU per row, most of a 1M-point render).
    const readers = wanted.map((f) => copyValueReader(info.oids.get(f.name)!));
    const copyable = readers.every((r) => r !== null) && !uri.sql &&
      !info.from.endsWith('"qsl_subquery"');
    let st = statement(copyable);
    const copy = copyable && st.values.length === 0;
    if (copyable && !copy) st = statement(false);
    const residual = st.residual;
    let kind: GeometryKind | null = info.geometryKind;
    // a batch's features are reused by the next when the caller drops
    // each batch first and they are not reprojected (nor read ahead)
    const reuse = q.transient === true && same && kind !== null;
    const decode = new RowDecoder(layer, reuse);
    const fields: CopyField[] = wanted.map((f, i) => ({
      name: f.name,
      read: readers[i]!,
    }));
    const rows: AsyncIterator<Feature[]> = copy
      ? mapBatches(copyRuns(layer, c, st.text, FETCH_ROWS), (run) => {
        const features = decode.copyRun(run, kind, fields);
        kind ??= decode.kind;
        return features;
      })
      : mapBatches(
        queryBatches(layer, c, st.text, st.values, FETCH_ROWS),
        (batch) => {
          const features = decode.rows(batch, wanted, kind);
          kind ??= decode.kind;
          return features;
        },
      );
    // A layer of mixed type is read whole here, its kind the first
    // feature's: the set's kind is known before its batches, and a caller
    // that never iterates them must not leave the cursor's transaction
    // open (a kind known in advance starts the query at the first batch).
    const early: Feature[][] = [];
    try {
      while (info.geometryKind === null) {
        const next = await rows.next();
        if (next.done) break;
        early.push(next.value);
      }
    } catch (error) {
      await rows.return?.(undefined);
      throw error;
    }
    let clip: LayerClip | null | undefined;
    const inMapCrs = async (features: Feature[]): Promise<Feature[]> => {
      if (same || features.length === 0) return features;
      return await withGdal((gdal) => {
        // clipped where QGIS clips a reprojected layer (not for hit tests)
        clip ??= q.rectInLayerCrs || q.intersects
          ? null
          : layerClip(gdal, { bbox: q.rect, crs: q.crs }, info.crs!);
        return reprojectFeatures(gdal, features, info.crs!, q.crs, clip);
      });
    };
    return {
      fields: wanted,
      geometryKind: kind,
      residual,
      batches: {
        async *[Symbol.asyncIterator]() {
          try {
            for (const features of early) yield await inMapCrs(features);
            early.length = 0;
            for (;;) {
              const next = await rows.next();
              if (next.done) return;
              yield await inMapCrs(next.value);
            }
          } finally {
            // a caller that stops early closes the cursor
            await rows.return?.(undefined);
          }
        },
      },
      ...(same ? {} : { sourceCrs: info.crs! }),
    };
  }

  async hitTest(q: HitQuery): Promise<FeatureSet> {
    const { info } = await this.#open();
    if (info.geometryKind === null) {
      // the kind is known once read: the widest rectangle, tested here
      return await hitTestByExtent((f) => this.features(f), q);
    }
    const rect = searchRect(
      q.point[0],
      q.point[1],
      q.tolerance(info.geometryKind),
    );
    // In another CRS, as QGIS Server: the rectangle in the layer's CRS by
    // its two corners, the layer's own geometries tested against it by
    // PostGIS (its index used), in the order PostgreSQL gives them.
    const inLayer = sameCrs(info, q.crs)
      ? null
      : await twoCornerRect(info, rect, q.crs);
    if (inLayer !== null) {
      return await this.#read({
        rect: inLayer,
        crs: q.crs,
        filter: q.filter,
        intersects: true,
        rectInLayerCrs: true,
      });
    }
    const set = await this.#read({
      rect,
      crs: q.crs,
      filter: q.filter,
      intersects: true,
    });
    const hits: Feature[] = [];
    for await (const batch of set.batches) {
      for (const f of batch) {
        if (f.geometry && hitsRect(f.geometry, rect)) hits.push(f);
      }
    }
    return { ...set, batches: oneBatch(hits) };
  }

  async page(q: PageQuery): Promise<FeaturePage> {
    if (!Number.isInteger(q.startIndex) || q.startIndex < 0) {
      throw new RangeError(
        "Cannot read page: startIndex must be an integer ≥ 0",
      );
    }
    if (q.count !== null && (!Number.isInteger(q.count) || q.count < 0)) {
      throw new RangeError("Cannot read page: count must be an integer ≥ 0");
    }
    const { uri, c, info } = await this.#open();
    const p = new Params();
    const where: string[] = [];
    let residual: Expression | null = null;
    if (uri.sql) where.push(`(${uri.sql})`);
    const page = (rows: PageFeature[], matched: number): FeaturePage => ({
      fields: info.fields,
      fidColumn: null,
      geometryKind: info.geometryKind,
      numbersMatched: matched,
      features: rows,
    });
    if (q.filter) {
      const box = filterBBox(q.filter);
      if (box && info.geometryColumn !== null) {
        const srs = box.srs ? normaliseSrs(box.srs) : (info.crs ?? "");
        const rect = srs === "" ? box.rect : await layerRect(
          info,
          box.rect,
          srs,
        );
        if (rect === null) return page([], 0);
        where.push(
          `${quoteIdent(info.geometryColumn)} && ${
            envelope(p, rect, info.srid)
          }`,
        );
      }
      const split = splitForPostgres(
        q.filter,
        (name) => info.classes.get(name),
        p,
      );
      where.push(...split.conditions);
      residual = split.residual;
    }
    const whereSql = where.length ? ` WHERE ${where.join(" AND ")}` : "";
    const read = async (
      start: number,
      count: number | null,
      withCount: boolean,
    ): Promise<FeaturePage> => {
      let matched = -1;
      if (withCount) {
        const rows = await query(
          this.#layer,
          c,
          `SELECT count(*) FROM ${info.from}${whereSql}`,
          p.values,
        );
        matched = Number(rows[0][0]);
        const left = Math.max(0, matched - start);
        if ((count === null ? left : Math.min(count, left)) === 0) {
          return page([], matched);
        }
      }
      const order = info.key.length
        ? info.key.map(quoteIdent).join(", ")
        : info.from.endsWith('"qsl_subquery"')
        ? ""
        : "ctid";
      const values = [...p.values];
      const bind = (v: number) => {
        values.push(v);
        return `$${values.length}::int8`;
      };
      let geometry = "NULL";
      if (info.geometryColumn !== null) {
        let g = quoteIdent(info.geometryColumn);
        const srid = q.crs ? /^EPSG:(\d+)$/i.exec(normaliseCrs(q.crs)) : null;
        if (q.crs && info.crs !== null && normaliseCrs(q.crs) !== info.crs) {
          if (!srid) {
            throw new JobError(
              `Cannot read layer '${this.#layer.name}': cannot transform to ${q.crs}`,
            );
          }
          g = `ST_Transform(${g}, ${bind(Number(srid[1]))}::int4)`;
        }
        geometry = `ST_AsBinary(${g}, 'NDR')`;
      }
      const select = [
        info.idColumn === null ? "NULL" : quoteIdent(info.idColumn),
        ...info.fields.map((f) => quoteIdent(f.name)),
        geometry,
      ];
      const rows = await query(
        this.#layer,
        c,
        `SELECT ${select.join(", ")} FROM ${info.from}${whereSql}${
          order ? ` ORDER BY ${order}` : ""
        }${count === null ? "" : ` LIMIT ${bind(count)}`} OFFSET ${
          bind(start)
        }`,
        values,
      );
      const n = info.fields.length;
      const features = rows.map((row, r): PageFeature => {
        const attributes: Record<string, AttributeValue> = {};
        for (let i = 0; i < n; i++) {
          attributes[info.fields[i].name] = attribute(row[i + 1]);
        }
        const wkb = row[n + 1] as Uint8Array | null;
        return {
          id: row[0] === null ? start + r : Number(row[0]),
          attributes,
          wkb: wkb === null ? null : new Uint8Array(wkb),
        };
      });
      return page(features, matched < 0 ? features.length : matched);
    };
    if (!residual) return await read(q.startIndex, q.count, true);
    // what SQL cannot say is tested here, on every candidate
    return await pageWithResidual(
      () => read(0, null, false),
      residual,
      q.startIndex,
      q.count,
    );
  }
}

/**
 * The `postgres` provider.
 *
 * @example
 * ```ts ignore
 * import { postgresProvider } from "./provider.ts";
 * const source = postgresProvider.open(layer, ctx);
 * ```
 */
export const postgresProvider: SourceProvider = {
  key: "postgres",
  kind: "vector",
  open: (layer, ctx) => new PostgresSource(layer, ctx),
};

function splitFilter(
  filter: Expression,
  info: TableInfo,
  p: Params,
): PostgresSplit {
  return splitForPostgres(filter, (name) => info.classes.get(name), p);
}

/** Each batch of `source` through `map`; returning closes `source`. */
function mapBatches<T>(
  source: AsyncGenerator<T>,
  map: (batch: T) => Feature[],
): AsyncIterator<Feature[]> {
  return {
    async next() {
      const next = await source.next();
      return next.done
        ? { done: true, value: undefined }
        : { done: false, value: map(next.value) };
    },
    async return() {
      await source.return(undefined);
      return { done: true, value: undefined };
    },
  };
}

/** The fields named in `columns`, in any case (as expressions resolve them). */
function columnsIn<F extends { name: string }>(
  fields: F[],
  columns: string[],
): F[] {
  const wanted = new Set(columns.map((c) => c.toLowerCase()));
  return fields.filter((f) => wanted.has(f.name.toLowerCase()));
}
