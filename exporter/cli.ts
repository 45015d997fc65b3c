/**
 * The exporter's command line: `export` (project → config on stdout or a
 * file) and `serve` (the HTTP export service). Exit codes: 0 ok, 1 failure,
 * 2 usage.
 *
 * @module
 */
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import { extname } from "node:path";
import { exportProject } from "./project/export_project.ts";
import { loadPgServices } from "./project/pg_service.ts";
import { readProject } from "./project/read_project.ts";
import { createExportHandler } from "./serve.ts";
import {
  OUTPUT_FORMATS,
  type OutputFormat,
  serializeConfig,
} from "./serialize.ts";

/** What the CLI needs from outside (the style codec, output streams). */
export interface CliContext {
  encodeStyle: (qml: string) => string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
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

const encoder = new TextEncoder();
const write =
  (stream: { writeSync(p: Uint8Array): number }) => (text: string) => {
    const bytes = encoder.encode(text);
    let written = 0;
    while (written < bytes.length) {
      written += stream.writeSync(bytes.subarray(written));
    }
  };

/**
 * Runs the CLI and resolves to its exit code (it never calls `Deno.exit`).
 * `serve` resolves when the server shuts down.
 *
 * @example
 * ```ts ignore
 * import { runCli } from "./cli.ts";
 * import { encodeStyle } from "@qgis-server-light/interface/style_codec";
 * const code = await runCli(["export", "--project", "demo.qgz"], { encodeStyle });
 * ```
 */
export async function runCli(
  args: string[],
  context: CliContext,
): Promise<number> {
  const out = context.stdout ?? write(Deno.stdout);
  const err = context.stderr ?? write(Deno.stderr);
  const warn = (message: string) => err(`warning: ${message}\n`);
  let action: Promise<void> | undefined;

  const program = new Command()
    .name("qsl-exporter")
    .description(
      "Exports a QGIS project (.qgs/.qgz) to a qgis-server-light config, without QGIS.",
    )
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err })
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
      "--max-project-size <MiB>",
      "largest project XML read (a .qgz's .qgs inflated)",
      "128",
    )
    .action((opts) => {
      action = (async () => {
        const maxBytes = projectSize(opts.maxProjectSize);
        const format = opts.outputFormat.toLowerCase();
        if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
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
        });
        const text = serializeConfig(config, format as OutputFormat);
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
      "--max-project-size <MiB>",
      "largest project XML read (a .qgz's .qgs inflated)",
      "128",
    )
    .action((opts) => {
      action = (async () => {
        const maxBytes = projectSize(opts.maxProjectSize);
        const env = (name: string) => {
          try {
            return Deno.env.get(name);
          } catch {
            return undefined;
          }
        };
        const dataRoot = opts.dataRoot ?? env("QSL_DATA_ROOT");
        if (!dataRoot) {
          throw new UsageError(
            "Cannot serve: give --data-root or set QSL_DATA_ROOT",
          );
        }
        const port = Number(opts.port ?? env("QSL_EXPORTER_API_PORT") ?? 5000);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`Cannot serve: bad port '${opts.port}'`);
        }
        const hostname = opts.host ?? env("QSL_EXPORTER_API_HOST") ??
          "127.0.0.1";
        const handler = createExportHandler({
          dataRoot,
          encodeStyle: context.encodeStyle,
          pgServices: await loadPgServices(opts.pgServiceConf, warn),
          maxProjectBytes: maxBytes,
          log: (m) => err(`${m}\n`),
        });
        const server = Deno.serve({
          hostname,
          port,
          onListen: ({ hostname, port }) =>
            err(`exporter listening on http://${hostname}:${port}/export\n`),
        }, handler);
        await server.finished;
      })();
    });

  try {
    await program.parseAsync(args, { from: "user" });
    if (action) await action;
    else if (args.length === 0) {
      err(program.helpInformation());
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
      err(`error: ${error.message}\n`);
      return 2;
    }
    err(`error: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
