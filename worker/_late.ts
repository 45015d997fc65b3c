/**
 * The modules the worker loads after it has registered (or when a command
 * needs them): the runners, the job execution, the result codec, the
 * exported-config builders and the two engines. All of them are imported
 * here, by paths relative to this folder (`worker/`), and nowhere else
 * before the registration: `worker/start.bundle.js`, the bundle of what
 * loads before it (`bundle.ts`), sits in this folder too and leaves these
 * imports to be resolved from the sources, so the same paths hold there.
 *
 * @module
 */

/** The job execution (`queue/execute.ts`: the interface's schemas, the runners' errors). */
export function loadExecute(): Promise<typeof import("./queue/execute.ts")> {
  return import("./queue/execute.ts");
}

/** The runners by job type (styles, sources, the engines' bindings). */
export function loadRunnerRegistry(): Promise<
  typeof import("./runners/registry.ts")
> {
  return import("./runners/registry.ts");
}

/** The interface's result codec (pickle, JSON; the schemas: zod). */
export function loadResultCodec(): Promise<
  typeof import("@qgis-server-light/interface/result_codec")
> {
  return import("@qgis-server-light/interface/result_codec");
}

/** The job builders of `job` and `render --config`. */
export function loadConfigJob(): Promise<typeof import("./cli/config_job.ts")> {
  return import("./cli/config_job.ts");
}

/**
 * Loads GDAL and CanvasKit, side by side (their WebAssembly compilations
 * overlap).
 */
export async function loadEngines(): Promise<void> {
  const [{ getGdal }, { getCanvasKit }] = await Promise.all([
    import("./gdal/gdal.ts"),
    import("./paint/canvaskit.ts"),
  ]);
  await Promise.all([getGdal(), getCanvasKit()]);
}
