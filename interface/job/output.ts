/**
 * Job output: `JobResult` and the feature runner's `QueryCollection`
 * (wire-compatible with `qgis_server_light.interface.job.*.output`).
 *
 * @module
 */
import { z } from "zod";

/** What a worker publishes for a job. */
export interface JobResult {
  /** The job id. */
  id: string;
  /** Image bytes, a QueryCollection, or an error message. */
  data: unknown;
  /** MIME type of `data`. */
  content_type: string;
  /** Id of the worker that ran the job. */
  worker_id: string | null;
  /** Host name of that worker. */
  worker_host_name: string | null;
}

/**
 * Schema of {@link JobResult}.
 *
 * @example
 * ```ts
 * import { JobResult } from "./output.ts";
 * JobResult.parse({ id: "1", data: "x", content_type: "text/plain" }).worker_id; // null
 * ```
 */
export const JobResult: z.ZodType<JobResult> = z.looseObject({
  id: z.string(),
  data: z.unknown(),
  content_type: z.string(),
  worker_id: z.string().nullable().default(null),
  worker_host_name: z.string().nullable().default(null),
});

/** A feature attribute value (bytes as base64 in JSON). */
export type AttributeValue = number | string | boolean | null;

/** A named attribute of an extracted feature. */
export interface Attribute {
  /** Field name. */
  name: string;
  /** Value. */
  value: AttributeValue;
}

/** The geometry of an extracted feature: ISO WKB, base64. */
export interface FeatureGeometry {
  /** Geometry column name; default `geometry`. */
  name: string;
  /** Base64 of the ISO WKB, or null. */
  value: string | null;
}

/** An extracted feature. */
export interface QueryFeature {
  /** Geometry, or null. */
  geometry: FeatureGeometry | null;
  /** Attributes in field order. */
  attributes: Attribute[];
}

/** The features of one layer. */
export interface FeatureCollection {
  /** Layer name (or alias). */
  name: string;
  /** Features. */
  features: QueryFeature[];
}

/** The result of a feature job. */
export interface QueryCollection {
  /** All matches before paging, or `"unknown"`. */
  numbers_matched: number | string;
  /** One collection per queried layer, in query order. */
  feature_collections: FeatureCollection[];
}

const AttributeSchema = z.looseObject({
  name: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
});
const GeometrySchema = z.looseObject({
  name: z.string().default("geometry"),
  value: z.string().nullable().default(null),
});

/**
 * Schema of {@link QueryCollection}.
 *
 * @example
 * ```ts
 * import { QueryCollection } from "./output.ts";
 * QueryCollection.parse({ numbers_matched: 0, feature_collections: [] });
 * ```
 */
export const QueryCollection: z.ZodType<QueryCollection> = z.looseObject({
  numbers_matched: z.union([z.number(), z.string()]).default("unknown"),
  feature_collections: z.array(z.looseObject({
    name: z.string(),
    features: z.array(z.looseObject({
      geometry: GeometrySchema.nullable().default(null),
      attributes: z.array(AttributeSchema).default([]),
    })).default([]),
  })).default([]),
});

/** MIME type of a QueryCollection result, as the Python worker names it. */
export const QUERY_COLLECTION_CONTENT_TYPE =
  "application/qgis-server-light.interface.qgis.QueryCollection";
