/**
 * The exporter's HTTP service, like the Python exporter's API: `POST /export`
 * with `ExportParameters` exports `<data root>/<mandant>/<project>.qgz|.qgs`
 * to `<data root>/<mandant>/<project>.<format>` and answers `ExportResult`.
 *
 * @module
 */
import { join, resolve, sep } from "node:path";
import {
  type ExportParameters,
  ExportParameters as ExportParametersSchema,
  type ExportResult,
} from "@qgis-server-light/interface/config";
import { exportProject } from "./project/export_project.ts";
import { mergePgServices, type PgServices } from "./project/pg_service.ts";
import { readProject } from "./project/read_project.ts";
import {
  OUTPUT_FORMATS,
  type OutputFormat,
  serializeConfig,
} from "./serialize.ts";

/** Options of {@link createExportHandler}. */
export interface ExportServiceOptions {
  /** Folder holding `<mandant>/<project>.qgz|.qgs`; outputs go there too. */
  dataRoot: string;
  /** The interface's style codec. */
  encodeStyle: (qml: string) => string;
  /** Services from pg_service files; the request's own ones win. */
  pgServices?: PgServices;
  /** Receives log lines (never secrets). */
  log?: (message: string) => void;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.\- ]*$/;

/**
 * Checks that a request's `mandant`/`project` is one plain path segment
 * (no separators, no `..`), so a request cannot leave the data root.
 *
 * @example
 * ```ts
 * import { isSafeSegment } from "./serve.ts";
 * isSafeSegment("acme"); // true
 * isSafeSegment("../etc"); // false
 * ```
 */
export function isSafeSegment(segment: string): boolean {
  return SAFE_SEGMENT.test(segment) && !segment.includes("..");
}

function answer(result: ExportResult, status = 200): Response {
  return new Response(JSON.stringify(result), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/**
 * Creates the request handler of the export service (use with `Deno.serve`).
 *
 * @example
 * ```ts ignore
 * import { createExportHandler } from "./serve.ts";
 * import { encodeStyle } from "@qgis-server-light/interface/style_codec";
 * Deno.serve(createExportHandler({ dataRoot: "/data", encodeStyle }));
 * ```
 */
export function createExportHandler(
  options: ExportServiceOptions,
): (request: Request) => Promise<Response> {
  const root = resolve(options.dataRoot);
  const log = options.log ?? (() => {});
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname !== "/export") {
      return new Response("Not found\n", { status: 404 });
    }
    if (request.method !== "POST") {
      return new Response("Method not allowed\n", {
        status: 405,
        headers: { allow: "POST" },
      });
    }
    let parameters: ExportParameters;
    try {
      parameters = ExportParametersSchema.parse(await request.json());
    } catch (error) {
      log(`Cannot export: bad parameters: ${(error as Error).message}`);
      return answer({ successful: false }, 400);
    }
    if (
      !isSafeSegment(parameters.mandant) || !isSafeSegment(parameters.project)
    ) {
      log("Cannot export: mandant or project is not a plain name");
      return answer({ successful: false }, 400);
    }
    const format = parameters.output_format.toLowerCase() as OutputFormat;
    if (!OUTPUT_FORMATS.includes(format)) {
      log(`Cannot export: unknown output format '${parameters.output_format}'`);
      return answer({ successful: false }, 400);
    }
    const base = join(root, parameters.mandant, parameters.project);
    if (!base.startsWith(root + sep)) return answer({ successful: false }, 400);
    let projectFile: string | undefined;
    for (const ext of [".qgz", ".qgs"]) {
      try {
        if ((await Deno.stat(base + ext)).isFile) {
          projectFile = base + ext;
          break;
        }
      } catch { /* try the next extension */ }
    }
    if (projectFile === undefined) {
      log(
        `Cannot export ${parameters.mandant}/${parameters.project}: no project file`,
      );
      return answer({ successful: false }, 404);
    }
    const requested: PgServices = {};
    for (const s of parameters.pg_service_configs) {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(s)) {
        if (k !== "name" && v !== null && v !== undefined) {
          values[k] = String(v);
        }
      }
      requested[s.name] = values;
    }
    try {
      const config = await exportProject(await readProject(projectFile), {
        unifyLayerNamesByGroup: parameters.unify_layer_names_by_group,
        pgServices: mergePgServices(options.pgServices ?? {}, requested),
        encodeStyle: options.encodeStyle,
        warn: log,
      });
      // Written aside and renamed, so a reader never sees half a config.
      const target = `${base}.${format}`;
      const partial = `${target}.${crypto.randomUUID()}.partial`;
      try {
        await Deno.writeTextFile(partial, serializeConfig(config, format));
        await Deno.rename(partial, target);
      } catch (error) {
        await Deno.remove(partial).catch(() => {});
        throw error;
      }
      return answer({ successful: true });
    } catch (error) {
      log(
        `Cannot export ${parameters.mandant}/${parameters.project}: ${
          (error as Error).message
        }`,
      );
      return answer({ successful: false }, 500);
    }
  };
}
