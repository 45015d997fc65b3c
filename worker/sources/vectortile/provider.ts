/**
 * QGIS's vector tile providers, `xyzvectortiles` (tiles from a URL
 * template, through the worker's web client: its allow-list, cache,
 * timeouts and size limits; or `file:` templates below the data root) and
 * `mbtilesvectortiles` (an MBTiles file below the data root, read with
 * Deno's built-in `node:sqlite`, read-only).
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { isAbsolute, normalize, relative, resolve } from "node:path";
import { fromFileUrl } from "./_file_url.ts";
import { openError } from "../_util.ts";
import { resolveLayerSource } from "../file_source.ts";
import type {
  RawTile,
  SourceContext,
  SourceLayer,
  SourceProvider,
  TiledVectorSource,
  TileId,
} from "../source.ts";
import { webClientFor, webSettings } from "../wms/services.ts";
import { WebFetchError } from "../wms/http.ts";
import { parseVectorTileUri, tileUrl, type VectorTileUri } from "./uri.ts";

/** At most this many tiles are fetched at once (the client limits per host too). */
const PARALLEL = 8;

class VectorTiles implements TiledVectorSource {
  readonly kind = "vectortile" as const;
  #uri: VectorTileUri | undefined;

  constructor(
    readonly provider: string,
    private readonly layer: SourceLayer,
    private readonly ctx: SourceContext,
  ) {}

  #parsed(): VectorTileUri {
    return this.#uri ??= parseVectorTileUri(this.layer);
  }

  #warn(message: string): void {
    this.ctx.logger?.log("warning", message, { layer: this.layer.name });
  }

  /**
   * Opens the MBTiles file; the caller closes it when done (a job's source
   * holds no file open after the job).
   */
  async #mbtiles(): Promise<DatabaseSync> {
    if (this.layer.remote) {
      throw openError(this.layer, "an MBTiles file must be local, not remote");
    }
    const uri = this.#parsed() as Extract<VectorTileUri, { type: "mbtiles" }>;
    const resolved = await resolveLayerSource(
      { ...this.layer, source: JSON.stringify({ path: uri.path }) },
      this.ctx,
    );
    try {
      return new DatabaseSync(resolved.location, { readOnly: true });
    } catch (error) {
      throw openError(
        this.layer,
        `cannot open MBTiles file '${uri.path}': ${(error as Error).message}`,
        error,
      );
    }
  }

  async zoomRange(): Promise<[number, number]> {
    const uri = this.#parsed();
    if (uri.type === "xyz") return [uri.zmin, uri.zmax];
    const db = await this.#mbtiles();
    let rows: { name: string; value: string }[];
    try {
      rows = db.prepare(
        "SELECT name, value FROM metadata WHERE name IN ('minzoom', 'maxzoom', 'format')",
      ).all() as { name: string; value: string }[];
    } catch (error) {
      throw openError(
        this.layer,
        `'${uri.path}' is not an MBTiles file: ${(error as Error).message}`,
        error,
      );
    } finally {
      db.close();
    }
    const meta = new Map(rows.map((r) => [r.name, String(r.value)]));
    const format = meta.get("format");
    if (format !== undefined && format !== "pbf") {
      throw openError(
        this.layer,
        `MBTiles '${uri.path}' holds '${format}' tiles, not vector tiles (pbf)`,
      );
    }
    // QgsVectorTileLayer (3.22) takes the file's zoom levels over the URI's
    const level = (key: string, given: number | null, fallback: number) => {
      const n = Number.parseInt(meta.get(key) ?? "", 10);
      return Number.isInteger(n) ? n : given ?? fallback;
    };
    return [level("minzoom", uri.zmin, 0), level("maxzoom", uri.zmax, 14)];
  }

  async *tiles(ids: TileId[]): AsyncIterable<RawTile> {
    const uri = this.#parsed();
    if (uri.type === "mbtiles") {
      const db = await this.#mbtiles();
      try {
        const statement = db.prepare(
          "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
        );
        for (const id of ids) {
          // MBTiles rows count from the south (TMS)
          const row = statement.get(id.z, id.x, 2 ** id.z - 1 - id.y) as
            | { tile_data: Uint8Array }
            | undefined;
          // a tile the file does not have is empty ground, as in QGIS
          if (row?.tile_data) yield { id, data: new Uint8Array(row.tile_data) };
        }
      } finally {
        db.close();
      }
      return;
    }
    const fetchOne = uri.url.toLowerCase().startsWith("file:")
      ? (id: TileId) => this.#readFile(tileUrl(uri.url, id), id)
      : this.#fetcher(uri.url);
    // a few requests ahead, answers yielded in the order asked
    const pending: Promise<RawTile | null>[] = [];
    let next = 0;
    const start = () => {
      const p = fetchOne(ids[next++]);
      // a failure is thrown where it is awaited, in order; the requests
      // started after it are not left unhandled
      p.catch(() => {});
      pending.push(p);
    };
    while (next < ids.length && pending.length < PARALLEL) start();
    while (pending.length) {
      const tile = await pending.shift()!;
      if (next < ids.length) start();
      if (tile) yield tile;
    }
  }

  #fetcher(template: string): (id: TileId) => Promise<RawTile | null> {
    const client = webClientFor(this.ctx.remoteHosts);
    const probe = tileUrl(template, { z: 0, x: 0, y: 0 });
    if (!client.allows(probe)) {
      throw openError(
        this.layer,
        `host '${
          new URL(probe).host
        }' of its tile URL is not on the worker's allow-list`,
      );
    }
    const signal = AbortSignal.timeout(webSettings().layerTimeoutMs);
    return async (id) => {
      const url = tileUrl(template, id);
      try {
        const answer = await client.get(url, { signal });
        return { id, data: answer.bytes };
      } catch (error) {
        if (!(error instanceof WebFetchError)) throw error;
        if (error.reason === "not-allowed") {
          throw openError(this.layer, error.message, error);
        }
        // QgsVectorTileLoader leaves a tile that fails to download out
        this.#warn(
          `vector tile ${id.z}/${id.x}/${id.y} of layer '${this.layer.name}' skipped: ${error.message}`,
        );
        return null;
      }
    };
  }

  async #readFile(url: string, id: TileId): Promise<RawTile | null> {
    const path = normalize(fromFileUrl(url));
    const root = resolve(this.ctx.dataRoot);
    const realRoot = await Deno.realPath(root).catch(() => root);
    const outside = (p: string, r: string) => {
      const rel = relative(r, p);
      return rel.startsWith("..") || isAbsolute(rel);
    };
    const refuse = () =>
      openError(
        this.layer,
        "its tile URL leaves the data root (file: tiles must be below it)",
      );
    // checked as written, then as the file really is (no link out)
    if (outside(path, root) && outside(path, realRoot)) throw refuse();
    let real: string;
    try {
      real = await Deno.realPath(path);
    } catch {
      this.#warn(
        `vector tile ${id.z}/${id.x}/${id.y} of layer '${this.layer.name}' skipped: no file '${
          relative(root, path)
        }'`,
      );
      return null;
    }
    if (outside(real, realRoot)) throw refuse();
    return { id, data: await Deno.readFile(real) };
  }
}

function provider(key: string): SourceProvider {
  return {
    key,
    kind: "vectortile",
    open: (layer, ctx) => new VectorTiles(key, layer, ctx),
  };
}

/**
 * QGIS's `xyzvectortiles` provider: vector tiles from an XYZ URL template.
 *
 * @example
 * ```ts
 * import { xyzVectorTilesProvider } from "./provider.ts";
 * const source = xyzVectorTilesProvider.open(
 *   { id: "v", name: "streets", driver: "xyzvectortiles",
 *     source: '{"type": "xyz", "url": "https://t.example/{z}/{x}/{y}.pbf"}' },
 *   { dataRoot: "/data", remoteHosts: ["t.example"] },
 * );
 * source.kind; // "vectortile"
 * ```
 */
export const xyzVectorTilesProvider: SourceProvider = provider(
  "xyzvectortiles",
);

/**
 * QGIS's `mbtilesvectortiles` provider: vector tiles of an MBTiles file
 * below the data root.
 *
 * @example
 * ```ts
 * import { mbtilesVectorTilesProvider } from "./provider.ts";
 * mbtilesVectorTilesProvider.kind; // "vectortile"
 * ```
 */
export const mbtilesVectorTilesProvider: SourceProvider = provider(
  "mbtilesvectortiles",
);
