/**
 * pg_service.conf: parsing, merging, and finding a service as libpq does.
 *
 * libpq reads the user's service file (`PGSERVICEFILE`, else
 * `~/.pg_service.conf`) and, when the service is not there, the system's
 * (`$PGSYSCONFDIR/pg_service.conf`, else the compiled-in folder: Debian's
 * `/etc/postgresql-common`). A service's keywords fill in only what the
 * connection does not set itself. One implementation for the worker's
 * `postgres` provider and the exporter.
 *
 * Permissions: `--allow-env=PGSERVICEFILE,PGSYSCONFDIR,HOME` (an environment
 * variable the worker may not read counts as unset) and `--allow-read` on
 * the service files.
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

/** An environment variable, or undefined when unset or not permitted. */
function env(name: string): string | undefined {
  try {
    // ask first: reading an ungranted variable would prompt on a terminal
    const { state } = Deno.permissions.querySync({
      name: "env",
      variable: name,
    });
    return state === "granted" ? Deno.env.get(name) : undefined;
  } catch {
    return undefined; // no env permission: same as unset
  }
}

/** Where libpq looks for service files, in its order. */
export interface PgServiceFiles {
  /** The user's file: `PGSERVICEFILE`, else `~/.pg_service.conf`. */
  user?: string;
  /** The system's file: `$PGSYSCONFDIR/pg_service.conf`, else Debian's. */
  system?: string;
}

/**
 * The service files libpq would read, from the environment.
 *
 * @example
 * ```ts ignore
 * import { pgServiceFiles } from "./pg_service.ts";
 * pgServiceFiles(); // { user: "/home/me/.pg_service.conf", system: "/etc/postgresql-common/pg_service.conf" }
 * ```
 */
export function pgServiceFiles(): PgServiceFiles {
  const home = env("HOME");
  const sysconf = env("PGSYSCONFDIR");
  return {
    user: env("PGSERVICEFILE") ??
      (home ? `${home}/.pg_service.conf` : undefined),
    system: `${sysconf ?? "/etc/postgresql-common"}/pg_service.conf`,
  };
}

async function readServices(path: string | undefined): Promise<PgServices> {
  if (!path) return {};
  try {
    return parsePgServiceConf(await Deno.readTextFile(path));
  } catch (error) {
    if (
      error instanceof Deno.errors.NotFound ||
      error instanceof Deno.errors.NotCapable ||
      error instanceof Deno.errors.PermissionDenied
    ) return {};
    throw error;
  }
}

/**
 * Finds a service as libpq does: in the user's file first, else in the
 * system's; null when neither defines it. Files that do not exist or may
 * not be read count as empty.
 *
 * @example
 * ```ts ignore
 * import { findPgService } from "./pg_service.ts";
 * await findPgService("gis"); // { host: "db", dbname: "gis" }
 * ```
 */
export async function findPgService(
  name: string,
  files: PgServiceFiles = pgServiceFiles(),
): Promise<Record<string, string> | null> {
  for (const path of [files.user, files.system]) {
    const services = await readServices(path);
    if (Object.hasOwn(services, name)) return services[name];
  }
  return null;
}
