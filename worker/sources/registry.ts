/**
 * The providers the worker knows, by QGIS provider key (`layer.driver`).
 * The runners open every layer's source here and never import a provider.
 *
 * @module
 */
import { JobError } from "../runners/types.ts";
import { delimitedTextProvider } from "./delimitedtext/mod.ts";
import { gdalProvider } from "./gdal/mod.ts";
import { gpxProvider } from "./gpx/mod.ts";
import { withJoins } from "./joins.ts";
import { ogrProvider } from "./ogr/mod.ts";
import { postgresProvider } from "./postgres/mod.ts";
import { spatialiteProvider } from "./spatialite/mod.ts";
import { wmsProvider } from "./wms/provider.ts";
import {
  mbtilesVectorTilesProvider,
  xyzVectorTilesProvider,
} from "./vectortile/provider.ts";
import type {
  Source,
  SourceContext,
  SourceLayer,
  SourceProvider,
  VectorSource,
} from "./source.ts";

const PROVIDERS = new Map<string, SourceProvider>(
  [
    ogrProvider,
    gdalProvider,
    postgresProvider,
    spatialiteProvider,
    gpxProvider,
    wmsProvider,
    delimitedTextProvider,
    xyzVectorTilesProvider,
    mbtilesVectorTilesProvider,
  ].map((p) => [p.key, p]),
);

/** A layer's provider key, lower case; QGIS's default `ogr` when absent. */
function keyOf(layer: Pick<SourceLayer, "driver">): string {
  return (layer.driver ?? "ogr").toLowerCase();
}

/**
 * The provider keys the worker reads, sorted.
 *
 * @example
 * ```ts
 * import { supportedProviders } from "./registry.ts";
 * supportedProviders(); // ["delimitedtext", "gdal", "gpx", "mbtilesvectortiles", "ogr", "postgres", "spatialite", "wms", "xyzvectortiles"]
 * ```
 */
export function supportedProviders(): string[] {
  return [...PROVIDERS.keys()].sort();
}

/**
 * What a layer's provider gives — `"vector"`, `"raster"` or `"vectortile"`
 * — or null when the worker has no such provider.
 *
 * @example
 * ```ts
 * import { sourceKind } from "./registry.ts";
 * sourceKind({ driver: "gdal" }); // "raster"
 * sourceKind({ driver: "OGR" }); // "vector"
 * sourceKind({ driver: "wfs" }); // null
 * ```
 */
export function sourceKind(
  layer: Pick<SourceLayer, "driver">,
): "vector" | "raster" | "vectortile" | null {
  return PROVIDERS.get(keyOf(layer))?.kind ?? null;
}

/**
 * Opens a layer's source with the provider its `driver` names.
 *
 * @throws {JobError} "Cannot open layer '<name>': provider '<key>' is not
 * supported (supported: …)" for a provider the worker does not have.
 * @example
 * ```ts
 * import { openSource } from "./registry.ts";
 * const layer = { id: "l1", name: "places", driver: "ogr", source: '{"path": "demo.gpkg"}' };
 * openSource(layer, { dataRoot: "/data", remoteHosts: [] }).kind; // "vector"
 * ```
 */
export function openSource(layer: SourceLayer, ctx: SourceContext): Source {
  const key = keyOf(layer);
  const provider = PROVIDERS.get(key);
  if (!provider) {
    throw new JobError(
      `Cannot open layer '${layer.name}': provider '${key}' is not supported (supported: ${
        supportedProviders().join(", ")
      })`,
    );
  }
  const source = provider.open(layer, ctx);
  const joins = layer.joins;
  if (source.kind !== "vector" || !joins || joins.length === 0) return source;
  // each joined table is read through its own provider, below the same
  // data root
  return withJoins(
    source,
    { ...layer, joins },
    (joined) => openVectorSource(joined, ctx, `join to '${layer.name}' the`),
    ctx.logger
      ? (message) => ctx.logger!.log("warning", message, { layer: layer.name })
      : undefined,
  );
}

/**
 * Opens a layer's source and checks that it has features.
 *
 * @throws {JobError} for an unknown provider, or "Cannot <action> layer
 * '<name>': provider '<key>' is not a vector source (vector providers: …)".
 * @example
 * ```ts
 * import { openVectorSource } from "./registry.ts";
 * const layer = { id: "l1", name: "places", driver: "ogr", source: '{"path": "demo.gpkg"}' };
 * openVectorSource(layer, { dataRoot: "/data", remoteHosts: [] }, "query").provider; // "ogr"
 * ```
 */
export function openVectorSource(
  layer: SourceLayer,
  ctx: SourceContext,
  action: string,
): VectorSource {
  const source = openSource(layer, ctx);
  if (source.kind !== "vector") {
    const vectors = [...PROVIDERS.values()].filter((p) => p.kind === "vector")
      .map((p) => p.key).sort();
    throw new JobError(
      `Cannot ${action} layer '${layer.name}': provider '${source.provider}' is not a vector source (vector providers: ${
        vectors.join(", ")
      })`,
    );
  }
  return source;
}
