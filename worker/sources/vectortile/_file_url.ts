/**
 * A `file:` URL's path.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { JobError } from "../../runners/types.ts";

/**
 * The path of a `file:` URL.
 *
 * @throws {JobError} when it is not one.
 * @example
 * ```ts
 * import { fromFileUrl } from "./_file_url.ts";
 * fromFileUrl("file:///data/t/0/0/0.pbf"); // "/data/t/0/0/0.pbf"
 * ```
 */
export function fromFileUrl(url: string): string {
  try {
    return fileURLToPath(url);
  } catch (error) {
    throw new JobError(
      `Cannot read tile '${url}': not a file URL (${(error as Error).message})`,
      { cause: error },
    );
  }
}
