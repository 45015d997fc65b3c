// Private copies of the common wire entities the exporter output needs
// (`BBox`, `Style`, `PgServiceConf`). They are not re-exported: the public
// ones belong to the interface's common module.
import { z } from "zod";

/** Extent of a dataset (wire: BBox). */
export interface ConfigBBox {
  x_min: number;
  x_max: number;
  y_min: number;
  y_max: number;
  z_min: number;
  z_max: number;
}

export const ConfigBBoxSchema: z.ZodType<ConfigBBox> = z.looseObject({
  x_min: z.number(),
  x_max: z.number(),
  y_min: z.number(),
  y_max: z.number(),
  z_min: z.number().default(0),
  z_max: z.number().default(0),
});

/** A named style: `definition` is the QML, zlib-compressed, urlsafe base64. */
export interface ConfigStyle {
  name: string;
  definition: string;
}

export const ConfigStyleSchema: z.ZodType<ConfigStyle> = z.looseObject({
  name: z.string(),
  definition: z.string(),
});

/** libpq SSL modes as pg_service.conf names them. */
export type ConfigSslMode =
  | "disable"
  | "allow"
  | "prefer"
  | "require"
  | "verify-ca"
  | "verify-full";

/** One pg_service.conf section (wire: PgServiceConf). */
export interface ConfigPgServiceConf {
  name: string;
  host: string | null;
  port: number | null;
  user: string | null;
  dbname: string | null;
  password: string | null;
  sslmode: ConfigSslMode;
  application_name: string | null;
  client_encoding: string;
  service: string | null;
}

export const ConfigPgServiceConfSchema: z.ZodType<ConfigPgServiceConf> = z
  .looseObject({
    name: z.string(),
    host: z.string().nullable().default(null),
    port: z.number().int().nullable().default(null),
    user: z.string().nullable().default(null),
    dbname: z.string().nullable().default(null),
    password: z.string().nullable().default(null),
    sslmode: z.enum([
      "disable",
      "allow",
      "prefer",
      "require",
      "verify-ca",
      "verify-full",
    ]).default("prefer"),
    application_name: z.string().nullable().default(null),
    client_encoding: z.string().default("UTF8"),
    service: z.string().nullable().default(null),
  });
