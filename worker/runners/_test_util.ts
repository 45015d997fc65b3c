// A runner context for tests and benches: the worker's default limits, no
// SVG folders or remote hosts, a silent logger unless one is given.
import type { RunnerContext } from "./types.ts";

/** A runner context serving `dataRoot`, with `overrides` on top. */
export function testRunnerContext(
  dataRoot: string,
  overrides: Partial<RunnerContext> = {},
): RunnerContext {
  return {
    dataRoot,
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 },
    logger: { log() {} },
    ...overrides,
  };
}
