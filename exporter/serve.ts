/**
 * The exporter's HTTP service, like the Python exporter's API: `POST /export`
 * with `ExportParameters` exports `<data root>/<mandant>/<project>.qgz|.qgs`
 * to `<data root>/<mandant>/<project>.<format>` and answers `ExportResult`.
 *
 * @module
 */
import { join, resolve, sep } from "node:path";
import { z } from "zod";
import {
  type ExportParameters,
  ExportParameters as ExportParametersSchema,
  type ExportResult,
} from "@qgis-server-light/interface/config";
import { exportProject } from "./project/export_project.ts";
import { mergePgServices, type PgServices } from "./project/pg_service.ts";
import { isBelow } from "./project/local_source.ts";
import { readProject } from "./project/read_project.ts";
import {
  OUTPUT_FORMATS,
  type OutputFormat,
  pythonKeysOnly,
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
  /** Largest project XML read (see `readProject`); default 128 MiB. */
  maxProjectBytes?: number;
  /** Most layers a project may have (see `exportProject`). */
  maxLayers?: number;
  /** Deepest layer-tree group nesting (see `exportProject`). */
  maxGroupDepth?: number;
  /** Write configs without our additions (`pythonKeysOnly`); default false. */
  pythonKeysOnly?: boolean;
  /** Receives the reason of each refused or failed request. */
  log?: (message: string) => void;
  /** Receives the warnings of an export (skipped layers …); default `log`. */
  warn?: (message: string) => void;
  /** Receives a line per export written. */
  info?: (message: string) => void;
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

/** The largest request body read (a request is a few hundred bytes). */
export const MAX_REQUEST_BYTES = 1 << 20;

// A request's own text echoed in a reason is cut short.
const clip = (text: string, max = 200): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;

async function readBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) return null;
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_REQUEST_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Creates the request handler of the export service (use with `Deno.serve`).
 * Failures answer `{"successful": false, "reason": "…"}` with 400 (bad
 * request), 403 (project outside the data root), 404 (no such project or
 * path), 405 (not POST), 413 (body over 1 MiB), 422 (the project cannot be
 * exported) or 500 (the config cannot be written).
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
  const warn = options.warn ?? log;
  const fail = (
    status: number,
    reason: string,
    headers?: Record<string, string>,
  ): Response => {
    log(reason);
    const response = answer({ successful: false, reason }, status);
    for (const [k, v] of Object.entries(headers ?? {})) {
      response.headers.set(k, v);
    }
    return response;
  };
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname !== "/export") {
      await request.body?.cancel();
      return fail(
        404,
        `Cannot ${request.method} ${
          clip(url.pathname)
        }: the service answers POST /export only`,
      );
    }
    if (request.method !== "POST") {
      await request.body?.cancel();
      return fail(405, `Cannot ${request.method} /export: use POST`, {
        allow: "POST",
      });
    }
    const body = await readBody(request);
    if (body === null) {
      return fail(
        413,
        `Cannot export: the request body is larger than ${MAX_REQUEST_BYTES} bytes`,
      );
    }
    let parameters: ExportParameters;
    try {
      parameters = ExportParametersSchema.parse(JSON.parse(body));
    } catch (error) {
      const detail = error instanceof SyntaxError
        ? "the body is not JSON"
        : error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
          .join("; ")
        : (error as Error).message;
      return fail(400, `Cannot export: bad parameters: ${clip(detail, 300)}`);
    }
    if (
      !isSafeSegment(parameters.mandant) || !isSafeSegment(parameters.project)
    ) {
      return fail(
        400,
        `Cannot export ${clip(parameters.mandant)}/${
          clip(parameters.project)
        }: mandant and project must be plain names (letters, digits, _ . - and spaces; no / or ..)`,
      );
    }
    const name = `${parameters.mandant}/${parameters.project}`;
    const format = parameters.output_format.toLowerCase() as OutputFormat;
    if (!OUTPUT_FORMATS.includes(format)) {
      return fail(
        400,
        `Cannot export ${name}: output_format must be ${
          OUTPUT_FORMATS.join(" or ")
        }, not '${clip(parameters.output_format)}'`,
      );
    }
    const base = join(root, parameters.mandant, parameters.project);
    if (!base.startsWith(root + sep)) {
      return fail(400, `Cannot export ${name}: not below the data root`);
    }
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
      return fail(
        404,
        `Cannot export ${name}: no project file ${name}.qgz or ${name}.qgs`,
      );
    }
    // Layer files, and the project itself, are read only below the data
    // root once symbolic links are resolved.
    let realRoot: string;
    try {
      realRoot = await Deno.realPath(root);
      if (!isBelow(await Deno.realPath(projectFile), realRoot)) {
        return fail(
          403,
          `Cannot export ${name}: the project file lies outside the data root`,
        );
      }
    } catch (error) {
      return fail(500, `Cannot export ${name}: ${(error as Error).message}`);
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
    let text: string;
    try {
      const config = await exportProject(
        await readProject(projectFile, {
          maxBytes: options.maxProjectBytes,
        }),
        {
          unifyLayerNamesByGroup: parameters.unify_layer_names_by_group,
          pgServices: mergePgServices(options.pgServices ?? {}, requested),
          encodeStyle: options.encodeStyle,
          readRoot: realRoot,
          warn: (m) => warn(`${name}: ${m}`),
          maxLayers: options.maxLayers,
          maxGroupDepth: options.maxGroupDepth,
        },
      );
      text = serializeConfig(
        options.pythonKeysOnly ? pythonKeysOnly(config) : config,
        format,
      );
    } catch (error) {
      return fail(
        422,
        `Cannot export ${name}: ${
          (error as Error).message.replace(`${root}${sep}`, "")
        }`,
      );
    }
    // Written aside and renamed, so a reader never sees half a config.
    const target = `${base}.${format}`;
    const partial = `${target}.${crypto.randomUUID()}.partial`;
    try {
      await Deno.writeTextFile(partial, text);
      await Deno.rename(partial, target);
    } catch (error) {
      await Deno.remove(partial).catch(() => {});
      return fail(
        500,
        `Cannot write ${name}.${format}: ${(error as Error).message}`,
      );
    }
    options.info?.(`exported ${name} to ${name}.${format}`);
    return answer({ successful: true });
  };
}
