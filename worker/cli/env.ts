/**
 * Narrows `process.env` for npm code to the worker's own variables.
 *
 * ioredis's `debug` dependency enumerates the whole environment
 * (`Object.keys(process.env)`) when it loads, which Deno only allows with an
 * unrestricted `--allow-env`. Replacing `process.env` with a copy of the
 * variables the worker reads lets it run with `--allow-env=<those names>`;
 * npm code then sees only them. Import this module before any npm module.
 *
 * @module
 */
import process from "node:process";
import { WORKER_ENV_VARS } from "./env_vars.ts";

/**
 * Makes `process.env` a plain object holding `names` (those set and readable),
 * read afresh on each access; returns the current one.
 *
 * @example
 * ```ts ignore
 * import { narrowProcessEnv } from "./env.ts";
 * narrowProcessEnv(["QSL_REDIS_URL"]);
 * ```
 */
export function narrowProcessEnv(
  names: readonly string[],
): Record<string, string> {
  const read = (): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const name of names) {
      // Ask first: reading an ungranted variable would prompt on a terminal.
      const { state } = Deno.permissions.querySync({
        name: "env",
        variable: name,
      });
      if (state !== "granted") continue;
      const value = Deno.env.get(name);
      if (value !== undefined) env[name] = value;
    }
    return env;
  };
  // A getter, so later changes of the granted variables stay visible.
  Object.defineProperty(process, "env", {
    get: read,
    set: () => {},
    configurable: true,
    enumerable: true,
  });
  return read();
}

narrowProcessEnv(WORKER_ENV_VARS);
