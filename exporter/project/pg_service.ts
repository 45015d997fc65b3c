/**
 * pg_service.conf files: parsing and merging, as the Python exporter does
 * (`PGSERVICEFILE` first, then the passed file whose values win).
 *
 * @module
 */

/** Services by name, each a map of libpq keywords to values. */
export type PgServices = Record<string, Record<string, string>>;

/**
 * Parses pg_service.conf text (INI: `[service]` then `key=value` lines).
 *
 * @example
 * ```ts
 * import { parsePgServiceConf } from "./pg_service.ts";
 * parsePgServiceConf("[gis]\nhost=db\nport=5432\n").gis.host; // "db"
 * ```
 */
export function parsePgServiceConf(text: string): PgServices {
  const out: PgServices = {};
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = out[section[1].trim()] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0 || current === undefined) continue;
    current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Merges service maps: later ones win per key, services are merged key-wise.
 *
 * @example
 * ```ts
 * import { mergePgServices } from "./pg_service.ts";
 * mergePgServices({ a: { host: "x", port: "1" } }, { a: { host: "y" } }).a;
 * // { host: "y", port: "1" }
 * ```
 */
export function mergePgServices(...layers: PgServices[]): PgServices {
  const out: PgServices = {};
  for (const layer of layers) {
    for (const [name, values] of Object.entries(layer)) {
      out[name] = { ...(out[name] ?? {}), ...values };
    }
  }
  return out;
}

function pgServiceFileFromEnv(): string | undefined {
  try {
    return Deno.env.get("PGSERVICEFILE");
  } catch {
    return undefined; // no env permission: same as unset
  }
}

/**
 * Loads the services from `envFile` (default: `PGSERVICEFILE`, when set and
 * readable) and from `passed`, whose values win; a `passed` file that cannot
 * be read is an error.
 *
 * @example
 * ```ts ignore
 * import { loadPgServices } from "./pg_service.ts";
 * const services = await loadPgServices("./pg_service.conf");
 * ```
 */
export async function loadPgServices(
  passed?: string,
  warn: (message: string) => void = () => {},
  envFile: string | undefined = pgServiceFileFromEnv(),
): Promise<PgServices> {
  let fromEnv: PgServices = {};
  if (envFile) {
    try {
      fromEnv = parsePgServiceConf(await Deno.readTextFile(envFile));
    } catch (error) {
      warn(
        `Cannot read PGSERVICEFILE ${envFile}: ${(error as Error).message}`,
      );
    }
  }
  let fromPassed: PgServices = {};
  if (passed) {
    try {
      fromPassed = parsePgServiceConf(await Deno.readTextFile(passed));
    } catch (error) {
      throw new Error(
        `Cannot read pg_service file ${passed}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return mergePgServices(fromEnv, fromPassed);
}
