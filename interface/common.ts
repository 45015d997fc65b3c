/**
 * Entities shared by every part of the interface: `BBox`, `Style`,
 * `PgServiceConf` (wire-compatible with `qgis_server_light.interface.common`).
 *
 * @module
 */
import { z } from "zod";

/** An extent; `z_min`/`z_max` default to 0. */
export interface BBox {
  /** Smallest x. */
  x_min: number;
  /** Largest x. */
  x_max: number;
  /** Smallest y. */
  y_min: number;
  /** Largest y. */
  y_max: number;
  /** Smallest z. */
  z_min: number;
  /** Largest z. */
  z_max: number;
}

/**
 * What {@link BBox}'s schema accepts: the object with `z_min`/`z_max`
 * optional, or the Python forms `"minx,miny,maxx,maxy"` (6 values with z)
 * and the same as a list.
 *
 * @example
 * ```ts
 * import type { BBoxInput } from "./common.ts";
 * const a: BBoxInput = { x_min: 0, y_min: 0, x_max: 10, y_max: 10 };
 * const b: BBoxInput = "0,0,10,10";
 * ```
 */
export type BBoxInput =
  | {
    x_min: number;
    x_max: number;
    y_min: number;
    y_max: number;
    z_min?: number;
    z_max?: number;
  }
  | string
  | readonly (number | string)[];

function bboxFromList(values: readonly unknown[]): unknown {
  const n = values.map((v) => typeof v === "string" ? Number(v.trim()) : v);
  if (n.length === 4) {
    return { x_min: n[0], y_min: n[1], x_max: n[2], y_max: n[3] };
  }
  if (n.length === 6) {
    return {
      x_min: n[0],
      y_min: n[1],
      z_min: n[2],
      x_max: n[3],
      y_max: n[4],
      z_max: n[5],
    };
  }
  return values; // let the object schema report the error
}

const BBoxObject = z.looseObject({
  x_min: z.number(),
  x_max: z.number(),
  y_min: z.number(),
  y_max: z.number(),
  z_min: z.number().default(0),
  z_max: z.number().default(0),
});

/**
 * Schema of {@link BBox}. Also accepts the Python `BBox.from_string` /
 * `from_list` forms: `"minx,miny,maxx,maxy"`, the 6-value
 * `"minx,miny,minz,maxx,maxy,maxz"`, and the same as lists.
 *
 * @example
 * ```ts
 * import { BBox } from "./common.ts";
 * BBox.parse("0,1,10,11"); // { x_min: 0, y_min: 1, x_max: 10, y_max: 11, z_min: 0, z_max: 0 }
 * ```
 */
export const BBox: z.ZodType<BBox> = z.preprocess((value) => {
  if (typeof value === "string") return bboxFromList(value.split(","));
  if (Array.isArray(value)) return bboxFromList(value);
  return value;
}, BBoxObject);

/**
 * The 2-D list form `[x_min, y_min, x_max, y_max]` of a box.
 *
 * @example
 * ```ts
 * import { bboxTo2dList } from "./common.ts";
 * bboxTo2dList({ x_min: 0, y_min: 1, x_max: 2, y_max: 3, z_min: 0, z_max: 0 }); // [0, 1, 2, 3]
 * ```
 */
export function bboxTo2dList(bbox: BBox): [number, number, number, number] {
  return [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max];
}

/** A named style: `definition` is the QML as zlib, urlsafe base64 (see `style_codec.ts`). */
export interface Style {
  /** Style name, e.g. `default`. */
  name: string;
  /** Encoded QML. */
  definition: string;
}

/**
 * Schema of {@link Style}.
 *
 * @example
 * ```ts
 * import { Style } from "./common.ts";
 * Style.parse({ name: "default", definition: "eJw..." });
 * ```
 */
export const Style: z.ZodType<Style> = z.looseObject({
  name: z.string(),
  definition: z.string(),
});

/** libpq SSL modes. */
export type SslMode =
  | "disable"
  | "allow"
  | "prefer"
  | "require"
  | "verify-ca"
  | "verify-full";

/**
 * Schema of {@link SslMode}.
 *
 * @example
 * ```ts
 * import { SslMode } from "./common.ts";
 * SslMode.parse("require");
 * ```
 */
export const SslMode: z.ZodType<SslMode> = z.enum([
  "disable",
  "allow",
  "prefer",
  "require",
  "verify-ca",
  "verify-full",
]);

/** One pg_service.conf section. */
export interface PgServiceConf {
  /** Service name. */
  name: string;
  /** Host. */
  host: string | null;
  /** Port. */
  port: number | null;
  /** User. */
  user: string | null;
  /** Database. */
  dbname: string | null;
  /** Password (redacted in logs). */
  password: string | null;
  /** SSL mode; default `prefer`. */
  sslmode: SslMode;
  /** Application name. */
  application_name: string | null;
  /** Client encoding; default `UTF8`. */
  client_encoding: string;
  /** Nested service. */
  service: string | null;
}

const optStr = () => z.string().nullable().default(null);

/**
 * Schema of {@link PgServiceConf}.
 *
 * @example
 * ```ts
 * import { PgServiceConf } from "./common.ts";
 * PgServiceConf.parse({ name: "gis", host: "db", port: 5432 }).sslmode; // "prefer"
 * ```
 */
export const PgServiceConf: z.ZodType<PgServiceConf> = z.looseObject({
  name: z.string(),
  host: optStr(),
  port: z.coerce.number().int().nullable().default(null),
  user: optStr(),
  dbname: optStr(),
  password: optStr(),
  sslmode: SslMode.default("prefer"),
  application_name: optStr(),
  client_encoding: z.string().default("UTF8"),
  service: optStr(),
});
