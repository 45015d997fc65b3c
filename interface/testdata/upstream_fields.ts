/**
 * The Python project's wire entities and their fields, as
 * `make_upstream_fields.py` listed them from its source
 * (`upstream_fields.json`), and a walk naming every key of a value that
 * they do not declare: the keys a strict Python client (xsdata's parsers,
 * `fail_on_unknown_properties` true by default) refuses. For tests.
 *
 * @module
 */
import fixture from "./upstream_fields.json" with { type: "json" };

/** An entity's fields, each with the entities its type refers to. */
export interface UpstreamEntity {
  /** Module of `qgis_server_light/interface/` defining it. */
  module: string;
  /** Field name → entities its type refers to (none: a scalar). */
  fields: Record<string, string[]>;
}

/** Every `@dataclass` of the Python interface by class name. */
export const UPSTREAM_ENTITIES: Record<string, UpstreamEntity> =
  fixture.entities;

/** The upstream commit the list was made from. */
export const UPSTREAM_COMMIT: string = fixture.commit;

/**
 * Paths (`datasets.raster.0.source.xyz.referer`) of every key of `value`,
 * read as the Python `entity` (e.g. `Config`), that the Python dataclasses
 * do not declare, at any depth.
 *
 * @example
 * ```ts ignore
 * unknownKeys({ project: { version: "3", name: "x", ellipsoid: "WGS84" } }, "Config");
 * // ["project.ellipsoid"]
 * ```
 */
export function unknownKeys(value: unknown, entity: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, names: string[], path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, names, `${path}.${i}`));
      return;
    }
    if (v === null || typeof v !== "object" || names.length === 0) return;
    // a union (`OgcFilter110 | OgcFilterFES20`) takes the fields of any
    const fields: Record<string, string[]> = {};
    for (const name of names) {
      const known = UPSTREAM_ENTITIES[name];
      if (!known) {
        throw new RangeError(`Cannot walk ${path}: no entity ${name}`);
      }
      Object.assign(fields, known.fields);
    }
    for (const [key, x] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in fields)) out.push(at);
      else walk(x, fields[key], at);
    }
  };
  walk(value, [entity], "");
  return out;
}
