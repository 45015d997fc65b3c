/**
 * The feature runner (`QslJobInfoFeature`, WFS GetFeature-like): one
 * `FeatureCollection` per queried layer, named after the layer (or its
 * alias), the query's FES 2.0 filter applied, paged over a stable FID order.
 *
 * Unlike the Python runner, which reads every feature and pages afterwards,
 * the filter is pushed down to GDAL where OGR SQL can say it and only the
 * page leaves GDAL; only a filter part OGR SQL cannot say (LIKE, spatial
 * predicates, functions) makes the runner test every candidate itself.
 *
 * @module
 */
import {
  type QslJobInfoFeature,
  type QslJobLayer,
  QUERY_COLLECTION_CONTENT_TYPE,
  type QueryCollection,
  type QueryFeature,
} from "@qgis-server-light/interface";
import { readVectorPage } from "../gdal/vector.ts";
import type { PageFeature, PageQuery, VectorPage } from "../gdal/vector.ts";
import {
  evaluate,
  type Expression,
  isTruthy,
  splitForPushdown,
} from "../expression/mod.ts";
import { filterBBox, ogcFilterToExpression } from "../filter/mod.ts";
import { parseWkb } from "../geometry/wkb.ts";
import type { AttributeValue } from "../geometry/types.ts";
import { JobError, type Runner, type RunnerContext } from "./types.ts";

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Attribute values as simple wire types: dates as ISO text, bytes as base64. */
function wireValue(v: AttributeValue): number | string | boolean | null {
  if (v instanceof Date) {
    const ms = v.getMilliseconds();
    return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}T${
      pad(v.getHours())
    }:${pad(v.getMinutes())}:${pad(v.getSeconds())}${
      ms ? `.${pad(ms, 3)}` : ""
    }`;
  }
  if (v instanceof Uint8Array) return base64(v);
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

function toQueryFeature(f: PageFeature): QueryFeature {
  return {
    geometry: { name: "geometry", value: f.wkb ? base64(f.wkb) : null },
    attributes: Object.entries(f.attributes).map(([name, value]) => ({
      name,
      value: wireValue(value),
    })),
  };
}

interface LayerFilter {
  where?: string;
  residual: Expression | null;
  bbox?: PageQuery["bbox"];
  bboxCrs?: string;
}

function prepareFilter(definition: string | null | undefined): LayerFilter {
  if (!definition || !definition.trim()) return { residual: null };
  let expression: Expression;
  try {
    expression = ogcFilterToExpression(definition);
  } catch (e) {
    throw new JobError(
      `Cannot apply the query's filter: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const { where, residual } = splitForPushdown(expression);
  const box = filterBBox(expression);
  return {
    where,
    residual,
    bbox: box?.rect,
    bboxCrs: box?.srs ? normaliseSrs(box.srs) : undefined,
  };
}

/** `urn:ogc:def:crs:EPSG::2056`, `http://www.opengis.net/def/crs/EPSG/0/2056` → `EPSG:2056`. */
function normaliseSrs(srs: string): string {
  const m = /EPSG(?::{1,2}|\/0\/)(\d+)$/i.exec(srs) ?? /#(\d+)$/.exec(srs);
  return m ? `EPSG:${m[1]}` : srs;
}

async function queryLayer(
  layer: QslJobLayer,
  filter: LayerFilter,
  startIndex: number,
  count: number | null,
  ctx: RunnerContext,
): Promise<{ matched: number; features: PageFeature[] }> {
  if (layer.driver !== "ogr") {
    throw new JobError(
      `Cannot query layer '${layer.name}': its driver '${layer.driver}' is not a vector source (only 'ogr' layers have features)`,
    );
  }
  const base = {
    where: filter.where,
    bbox: filter.bbox,
    bboxCrs: filter.bboxCrs,
  };
  if (!filter.residual) {
    const page: VectorPage = await readVectorPage(
      layer,
      { ...base, startIndex, count, orderByFid: true },
      ctx,
    );
    return { matched: page.numbersMatched, features: page.features };
  }
  // What OGR SQL cannot say is tested here, on every candidate GDAL returns.
  const all = await readVectorPage(layer, {
    ...base,
    startIndex: 0,
    count: null,
    orderByFid: true,
  }, ctx);
  const residual = filter.residual;
  const kept = all.features.filter((f) => {
    const geometry = f.wkb ? parseWkb(f.wkb) : null;
    return isTruthy(
      evaluate(residual, {
        feature: { id: f.id, attributes: f.attributes, geometry },
        geometry,
      }),
    );
  });
  return {
    matched: kept.length,
    features: kept.slice(
      startIndex,
      count === null ? undefined : startIndex + count,
    ),
  };
}

/**
 * Runs a feature job.
 *
 * @example
 * ```ts ignore
 * import { featureRunner } from "./feature.ts";
 * const { data } = await featureRunner(info, ctx); // a QueryCollection
 * ```
 */
export const featureRunner: Runner<QslJobInfoFeature> = async (info, ctx) => {
  const { queries, start_index: startIndex, count } = info.job;
  const result: QueryCollection = {
    numbers_matched: 0,
    feature_collections: [],
  };
  let matched = 0;
  for (const query of queries) {
    if (query.aliases.length && query.aliases.length !== query.layers.length) {
      throw new JobError(
        `Cannot run the feature query: ${query.aliases.length} aliases for ${query.layers.length} layers`,
      );
    }
    const filter = prepareFilter(query.filter?.definition);
    for (const [i, layer] of query.layers.entries()) {
      const page = await queryLayer(layer, filter, startIndex, count, ctx);
      matched += page.matched;
      result.feature_collections.push({
        name: query.aliases[i] ?? layer.name,
        features: page.features.map(toQueryFeature),
      });
    }
  }
  // The Python runner leaves "unknown" when nothing matched; 0 is the truth.
  result.numbers_matched = matched;
  return { data: result, contentType: QUERY_COLLECTION_CONTENT_TYPE };
};
