/**
 * pg_service.conf files as the Python exporter reads them (`PGSERVICEFILE`
 * first, then the passed file whose values win); parsing and merging are
 * the worker's (`@qgis-server-light/worker/pg_service`), shared.
 *
 * @module
 */

// One implementation of the file format for the worker and the exporter.
import {
  mergePgServices,
  parsePgServiceConf,
  type PgServices,
} from "@qgis-server-light/worker/pg_service";

export { mergePgServices, parsePgServiceConf, type PgServices };

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
