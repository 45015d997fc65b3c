/**
 * The exporter's command line: `export` (project → config on stdout or a
 * file) and `serve` (the HTTP export service).
 *
 * Exit codes, the same rule as the worker's CLI: 0 done; 1 the work failed
 * (missing or unreadable project, an export or write error, a server that
 * cannot start); 2 usage error (unknown option or command, bad option
 * value, missing argument).
 *
 * @module
 */
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import { extname } from "node:path";
import {
  createLogger,
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type Logger,
  type LogLevel,
} from "./log.ts";
import {
  DEFAULT_MAX_GROUP_DEPTH,
  DEFAULT_MAX_LAYERS,
  exportProject,
} from "./project/export_project.ts";
import { loadPgServices } from "./project/pg_service.ts";
import { readProject } from "./project/read_project.ts";
import { createExportHandler } from "./serve.ts";
import {
  OUTPUT_FORMATS,
  type OutputFormat,
  pythonKeysOnly,
  serializeConfig,
} from "./serialize.ts";
import { VERSION } from "./version.ts";

/** What the CLI needs from outside (the style codec, output streams). */
export interface CliContext {
  encodeStyle: (qml: string) => string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Environment lookup; default `Deno.env.get` (unset without permission). */
  env?: (name: string) => string | undefined;
}

/** A usage error: the CLI exits 2. */
export class UsageError extends Error {
  /** The exit code (2). */
  readonly exitCode = 2;
  /**
   * @example
   * ```ts
   * import { UsageError } from "./cli.ts";
   * const e = new UsageError("Cannot export: --output-format must be json or xml");
   * ```
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function projectSize(value: string): number {
  const mib = Number(value);
  // JavaScript strings end at 2^29 characters: 500 MiB of XML is the most
  // a project's text can be.
  if (!Number.isFinite(mib) || mib <= 0 || mib > 500) {
    throw new UsageError(
      `Cannot read projects: --max-project-size must be a number of MiB from 1 to 500, not '${value}'`,
    );
  }
  return Math.floor(mib * 1024 * 1024);
}

// The hostile-project limits, options of both commands.
const maxLayersOption = () =>
  new Option("--max-layers <n>", "most layers a project may have")
    .default(String(DEFAULT_MAX_LAYERS));
const maxGroupDepthOption = () =>
  new Option("--max-group-depth <n>", "deepest nesting of layer-tree groups")
    .default(String(DEFAULT_MAX_GROUP_DEPTH));

function limits(
  opts: { maxLayers: string; maxGroupDepth: string },
): { maxLayers: number; maxGroupDepth: number } {
  return {
    maxLayers: limit("--max-layers", opts.maxLayers),
    maxGroupDepth: limit("--max-group-depth", opts.maxGroupDepth),
  };
}

function limit(option: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(
      `Cannot export: ${option} must be a whole number from 1, not '${value}'`,
    );
  }
  return n;
}

const encoder = new TextEncoder();
const write =
  (stream: { writeSync(p: Uint8Array): number }) => (text: string) => {
    const bytes = encoder.encode(text);
    let written = 0;
    while (written < bytes.length) {
      written += stream.writeSync(bytes.subarray(written));
    }
  };

const denoEnv = (name: string): string | undefined => {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no env permission: same as unset
  }
};

// The log options are read before the command line is parsed, so that
// the parser's own errors are written in the chosen format too.
function logSettings(
  args: string[],
  env: (name: string) => string | undefined,
): { level: string; format: string } {
  const settings = {
    level: env("QSL_LOG_LEVEL") ?? "info",
    format: env("QSL_LOG_FORMAT") ?? "plain",
  };
  for (let i = 0; i < args.length; i++) {
    const m = /^--log-(level|format)(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    const value = m[2] ?? args[i + 1];
    if (value !== undefined) settings[m[1] as "level" | "format"] = value;
  }
  return settings;
}

/**
 * Runs the CLI and resolves to its exit code (it never calls `Deno.exit`).
 * `serve` resolves when the server shuts down.
 *
 * @example
 * ```ts ignore
 * import { runCli } from "./cli.ts";
 * import { encodeStyle } from "@qgis-server-light/interface/style_codec";
 * const code = await runCli(["export", "--project", "demo/demo.qgs"], { encodeStyle });
 * ```
 */
export async function runCli(
  args: string[],
  context: CliContext,
): Promise<number> {
  const out = context.stdout ?? write(Deno.stdout);
  const err = context.stderr ?? write(Deno.stderr);
  const env = context.env ?? denoEnv;
  const settings = logSettings(args, env);
  const level = settings.level.toLowerCase().replace(/^warn$/, "warning");
  const format = settings.format.toLowerCase();
  const logger: Logger = createLogger({
    level: LOG_LEVELS.includes(level as LogLevel) ? level as LogLevel : "info",
    format: LOG_FORMATS.includes(format as LogFormat)
      ? format as LogFormat
      : "plain",
    write: err,
  });
  const log = (l: LogLevel) => (message: string) => logger.log(l, message);
  const warn = log("warning");
  if (!LOG_FORMATS.includes(format as LogFormat)) {
    log("error")(
      `Cannot log: --log-format must be ${
        LOG_FORMATS.join(" or ")
      }, not '${settings.format}'`,
    );
    return 2;
  }
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    log("error")(
      `Cannot log: --log-level must be one of ${
        LOG_LEVELS.join(", ")
      }, not '${settings.level}'`,
    );
    return 2;
  }
  let action: Promise<void> | undefined;

  const program = new Command()
    .name("qsl-exporter")
    .description(
      "Exports a QGIS project (.qgs/.qgz) to a qgis-server-light config, without QGIS.",
    )
    .version(VERSION, "-V, --version", "print the version and exit")
    .addOption(
      new Option("--log-level <level>", "lowest level logged on stderr")
        .choices(LOG_LEVELS)
        .default("info"),
    )
    .addOption(
      new Option("--log-format <format>", "plain lines or JSON lines")
        .choices(LOG_FORMATS)
        .default("plain"),
    )
    .exitOverride()
    .configureOutput({
      writeOut: out,
      // The parser's errors ("error: unknown option …") are log lines.
      writeErr: (text) => {
        for (const line of text.split("\n")) {
          if (line.trim() !== "") log("error")(line.replace(/^error: /, ""));
        }
      },
    })
    .showHelpAfterError(false);

  program
    .command("export")
    .description(
      "Export a project to JSON (default) or XML. PostgreSQL `service=` " +
        "sources are completed from PGSERVICEFILE and --pg-service-conf " +
        "(the passed file wins; the project's own values win over both).",
    )
    .requiredOption("--project <path>", "the .qgs or .qgz file")
    .option(
      "--unify-layer-names-by-group",
      "name layers by their group path and short name",
      false,
    )
    .option("--separator <s>", "separator of unified names", ".")
    .addOption(
      new Option("--output-format <format>", "json or xml").default("json"),
    )
    .option(
      "--pg-service-conf <path>",
      "a pg_service.conf to read services from",
    )
    .option("--output <file>", "write to this file instead of stdout")
    .option("--no-read-sources", "do not open the layers' data for field types")
    .option(
      "--python-keys-only",
      "leave out our additions (joins, data_crs, wms_add_wkt_geometry, wms_precision, wms_feature_info_use_attribute_form_settings, ellipsoid, area_units, distance_units) for clients that refuse unknown keys",
      false,
    )
    .option(
      "--max-project-size <MiB>",
      "largest project XML read (a .qgz's .qgs inflated)",
      "128",
    )
    .addOption(maxLayersOption())
    .addOption(maxGroupDepthOption())
    .action((opts) => {
      action = (async () => {
        const maxBytes = projectSize(opts.maxProjectSize);
        const { maxLayers, maxGroupDepth } = limits(opts);
        const outputFormat = opts.outputFormat.toLowerCase();
        if (!OUTPUT_FORMATS.includes(outputFormat as OutputFormat)) {
          throw new UsageError(
            `Cannot export: --output-format must be ${
              OUTPUT_FORMATS.join(" or ")
            }, not '${opts.outputFormat}'`,
          );
        }
        const ext = extname(opts.project).toLowerCase();
        if (ext !== ".qgs" && ext !== ".qgz") {
          throw new UsageError(
            `Cannot export ${opts.project}: the project must be a .qgs or .qgz file`,
          );
        }
        const project = await readProject(opts.project, { maxBytes });
        const config = await exportProject(project, {
          unifyLayerNamesByGroup: opts.unifyLayerNamesByGroup,
          separator: opts.separator,
          pgServices: await loadPgServices(opts.pgServiceConf, warn),
          readSources: opts.readSources,
          encodeStyle: context.encodeStyle,
          warn,
          debug: log("debug"),
          maxLayers,
          maxGroupDepth,
        });
        const text = serializeConfig(
          opts.pythonKeysOnly ? pythonKeysOnly(config) : config,
          outputFormat as OutputFormat,
        );
        if (opts.output) {
          try {
            await Deno.writeTextFile(opts.output, text);
          } catch (error) {
            throw new Error(
              `Cannot write ${opts.output}: ${(error as Error).message}`,
              { cause: error },
            );
          }
        } else out(text);
        const { vector, raster, custom, group } = config.datasets;
        log("info")(
          `exported ${opts.project}: ${vector.length} vector, ${raster.length} raster, ${custom.length} custom layers, ${group.length} groups${
            opts.output ? ` to ${opts.output}` : ""
          }`,
        );
      })();
    });

  program
    .command("serve")
    .description(
      "Serve POST /export (ExportParameters → ExportResult) over HTTP.",
    )
    .option(
      "--data-root <dir>",
      "folder of <mandant>/<project>.qgz|.qgs (default $QSL_DATA_ROOT)",
    )
    .option(
      "--host <host>",
      "address to listen on (default $QSL_EXPORTER_API_HOST or 127.0.0.1)",
    )
    .option("--port <port>", "port (default $QSL_EXPORTER_API_PORT or 5000)")
    .option(
      "--pg-service-conf <path>",
      "a pg_service.conf to read services from",
    )
    .option(
      "--python-keys-only",
      "leave out our additions (joins, data_crs, wms_add_wkt_geometry, wms_precision, wms_feature_info_use_attribute_form_settings, ellipsoid, area_units, distance_units) for clients that refuse unknown keys",
      false,
    )
    .option(
      "--max-project-size <MiB>",
      "largest project XML read (a .qgz's .qgs inflated)",
      "128",
    )
    .addOption(maxLayersOption())
    .addOption(maxGroupDepthOption())
    .action((opts) => {
      action = (async () => {
        const maxBytes = projectSize(opts.maxProjectSize);
        const { maxLayers, maxGroupDepth } = limits(opts);
        const dataRoot = opts.dataRoot ?? env("QSL_DATA_ROOT");
        if (!dataRoot) {
          throw new UsageError(
            "Cannot serve: give --data-root or set QSL_DATA_ROOT",
          );
        }
        const portText = opts.port ?? env("QSL_EXPORTER_API_PORT") ?? "5000";
        const port = Number(portText);
        if (!/^\d+$/.test(portText) || port > 65535) {
          throw new UsageError(`Cannot serve: bad port '${portText}'`);
        }
        let rootInfo: Deno.FileInfo;
        try {
          rootInfo = await Deno.stat(dataRoot);
        } catch (error) {
          throw new Error(
            `Cannot serve ${dataRoot}: ${
              error instanceof Deno.errors.NotFound
                ? "no such folder"
                : (error as Error).message
            }`,
            { cause: error },
          );
        }
        if (!rootInfo.isDirectory) {
          throw new Error(`Cannot serve ${dataRoot}: it is not a folder`);
        }
        const hostname = opts.host ?? env("QSL_EXPORTER_API_HOST") ??
          "127.0.0.1";
        const handler = createExportHandler({
          dataRoot,
          encodeStyle: context.encodeStyle,
          pgServices: await loadPgServices(opts.pgServiceConf, warn),
          maxProjectBytes: maxBytes,
          maxLayers,
          maxGroupDepth,
          pythonKeysOnly: opts.pythonKeysOnly,
          log: log("warning"),
          warn,
          info: log("info"),
        });
        let server: Deno.HttpServer;
        try {
          server = Deno.serve({
            hostname,
            port,
            onListen: ({ hostname, port }) =>
              log("info")(
                `exporter listening on http://${hostname}:${port}/export`,
              ),
          }, handler);
        } catch (error) {
          throw new Error(
            `Cannot serve on ${hostname}:${port}: ${(error as Error).message}`,
            { cause: error },
          );
        }
        await server.finished;
      })();
    });

  try {
    await program.parseAsync(args, { from: "user" });
    if (action) await action;
    else if (args.length === 0) {
      if (format === "json") {
        log("error")(
          "Cannot run: give a command, export or serve (see --help)",
        );
      } else err(program.helpInformation());
      return 2;
    }
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with 0; help shown for a missing command,
      // unknown options and missing arguments are usage errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      log("error")(error.message);
      return 2;
    }
    log("error")((error as Error).message ?? String(error));
    return 1;
  }
}
