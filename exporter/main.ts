/**
 * The exporter's command line (see `cli.ts`):
 *
 * ```sh
 * deno run -P=exporter exporter/main.ts export --project demo/demo.qgs
 * deno run -P=exporter exporter/main.ts serve --data-root /data
 * ```
 *
 * Permissions (the `exporter` set in `exporter/deno.json`, baked into the
 * `compile:exporter` task): read (projects, their data, GDAL's WebAssembly),
 * write (`--output`, `serve`'s outputs), net (PostgreSQL sources, `serve`)
 * and a fixed list of environment variables (`PGSERVICEFILE`, `QSL_*`,
 * libpq's `PG*`).
 *
 * @module
 */
import { encodeStyle } from "@qgis-server-light/interface/style_codec";
import { runCli } from "./cli.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args, { encodeStyle }));
}
