/**
 * Which keys of our wire entities the Python project
 * (opengisch/qgis-server-light) does not know, read from the schemas
 * themselves: a field of a schema is the Python dataclass's unless it is
 * marked {@link ours}, and a key no schema declares (kept by
 * `z.looseObject`) is nobody's. The Python project decodes configs and jobs
 * with xsdata, whose parsers refuse a property the dataclass does not
 * declare (`ParserConfig(fail_on_unknown_properties=True)`, the default);
 * {@link upstreamKeysOnly} leaves those keys out.
 *
 * @module
 */
import type { z } from "zod";

// Schemas (the very instances in the shapes) of the fields we add.
const OURS = new WeakSet<z.ZodType>();

/**
 * Marks a field's schema as our addition to the Python entity: the field is
 * left out by {@link upstreamKeysOnly}. Returns the schema itself.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { isOurs, ours } from "./upstream_keys.ts";
 * const Project = z.looseObject({
 *   name: z.string(),
 *   ellipsoid: ours(z.string().optional()),
 * });
 * isOurs(Project.shape.ellipsoid); // true
 * ```
 */
export function ours<T extends z.ZodType>(schema: T): T {
  OURS.add(schema);
  return schema;
}

/**
 * Whether a field's schema is marked {@link ours}.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { isOurs } from "./upstream_keys.ts";
 * isOurs(z.string()); // false
 * ```
 */
export function isOurs(schema: z.ZodType): boolean {
  return OURS.has(schema);
}

// zod 4 keeps a schema's structure in `_zod.def` (its documented
// introspection point for libraries).
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
  getter?: () => z.ZodType;
}

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "nonoptional",
  "readonly",
  "catch",
]);

// The schema that decides a value's shape: wrappers, preprocessing and
// post-processing taken off.
function unwrap(schema: z.ZodType): z.ZodType {
  for (;;) {
    const d = def(schema);
    if (WRAPPERS.has(d.type)) schema = d.innerType!;
    else if (d.type === "pipe") {
      schema = def(d.out!).type === "transform" ? d.in! : d.out!;
    } else if (d.type === "lazy") schema = d.getter!();
    else return schema;
  }
}

/**
 * The fields the Python entity of `schema` has, each with its schema: the
 * schema's declared fields but those marked {@link ours}, of an object
 * schema (wrappers and arrays looked through); none of a record (a WFS
 * source: the Python `WfsSource` declares no field); `undefined` when the
 * schema is not of an object.
 *
 * @example
 * ```ts
 * import { upstreamFields } from "./upstream_keys.ts";
 * import { Project } from "./config/config.ts";
 * Object.keys(upstreamFields(Project)!); // ["version", "name"]
 * ```
 */
export function upstreamFields(
  schema: z.ZodType,
): Record<string, z.ZodType> | undefined {
  let s = unwrap(schema);
  while (def(s).type === "array") s = unwrap(def(s).element!);
  const d = def(s);
  if (d.type === "record") return {};
  if (d.type !== "object") return undefined;
  return Object.fromEntries(
    Object.entries(d.shape!).filter(([, field]) => !isOurs(field)),
  );
}

/** Options of {@link upstreamKeysOnly}. */
export interface UpstreamKeysOptions {
  /**
   * Leave out only the keys of ours whose value is what their absence
   * reads as (the schema's default: `svg_paths: []`, `FEATURE_COUNT: 1`),
   * and keep keys no schema declares: nothing is lost for our worker.
   * Default false: every key of ours and every undeclared key goes.
   */
  onlyDefaults?: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * `value` (a parsed value of `schema`) without the keys the Python
 * project's entities do not declare, at any depth: fields marked
 * {@link ours} and keys the schema does not declare at all (kept by
 * `z.looseObject`, such as a source's `open_options`).
 *
 * @example
 * ```ts
 * import { upstreamKeysOnly } from "./upstream_keys.ts";
 * import { Project } from "./config/config.ts";
 * upstreamKeysOnly(Project, {
 *   version: "3.22", name: "x", ellipsoid: "WGS84",
 * }); // { version: "3.22", name: "x" }
 * ```
 */
export function upstreamKeysOnly<T>(
  schema: z.ZodType<T>,
  value: T,
  options: UpstreamKeysOptions = {},
): T {
  return strip(schema, value, options.onlyDefaults ?? false) as T;
}

function strip(
  schema: z.ZodType,
  value: unknown,
  onlyDefaults: boolean,
): unknown {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type === "array" && Array.isArray(value)) {
    return value.map((v) => strip(d.element!, v, onlyDefaults));
  }
  if (d.type === "union") {
    // a discriminated union (a job envelope by its `type`) picks its option
    // by the tag: parsing a whole job once per option cost a post 4 parses
    const tag = d.discriminator;
    const option = tag && isPlainObject(value)
      ? d.options!.find((o) =>
        def(def(unwrap(o)).shape?.[tag] ?? o).values?.includes(value[tag])
      )
      : d.options!.find((o) => o.safeParse(value).success);
    return option ? strip(option, value, onlyDefaults) : value;
  }
  if (!isPlainObject(value)) return value;
  if (d.type === "record") return onlyDefaults ? value : {};
  if (d.type !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = d.shape![key];
    if (!field) {
      if (onlyDefaults) out[key] = v;
      continue;
    }
    if (isOurs(field)) {
      if (!onlyDefaults) continue;
      const absent = field.safeParse(undefined);
      if (
        absent.success && JSON.stringify(absent.data) === JSON.stringify(v)
      ) continue;
    }
    out[key] = strip(field, v, onlyDefaults);
  }
  return out;
}
