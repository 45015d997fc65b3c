/**
 * Which runner handles which job type (`info_type`). The queue loop and the
 * one-shot `render` command dispatch through a registry; a type without a
 * runner fails cleanly.
 *
 * @module
 */
import type { QslJobInfo, QslJobInfoType } from "@qgis-server-light/interface";
import { renderRunner } from "./render.ts";
import { featureRunner } from "./feature.ts";
import { featureInfoRunner } from "./feature_info.ts";
import { legendRunner } from "./legend.ts";
import type { Runner } from "./types.ts";

/** The envelope of job type `T`. */
export type JobInfoOf<T extends QslJobInfoType> = Extract<
  QslJobInfo,
  { type: T }
>;

/** Runners by job type; a missing type is answered with a failed result. */
export type RunnerRegistry = {
  [T in QslJobInfoType]?: Runner<JobInfoOf<T>>;
};

/**
 * The runners this worker ships.
 *
 * @example
 * ```ts ignore
 * import { defaultRunners } from "./registry.ts";
 * Object.keys(defaultRunners()).length; // 4: render, feature, feature info, legend
 * ```
 */
export function defaultRunners(): RunnerRegistry {
  return {
    QslJobInfoRender: renderRunner,
    QslJobInfoFeature: featureRunner,
    QslJobInfoFeatureInfo: featureInfoRunner,
    QslJobInfoLegend: legendRunner,
  };
}

/**
 * Looks up the runner of a decoded job.
 *
 * @example
 * ```ts
 * import { runnerFor } from "./registry.ts";
 * runnerFor({}, { id: "1", type: "QslJobInfoLegend", job: { layers: [] } } as never); // undefined
 * ```
 */
export function runnerFor(
  registry: RunnerRegistry,
  info: QslJobInfo,
): Runner<QslJobInfo> | undefined {
  return registry[info.type] as Runner<QslJobInfo> | undefined;
}
