/**
 * The exporter's log lines on stderr: `plain` (`warning: …`, as a command
 * line tool prints them) or `json` (one object a line, with `time`, `level`
 * and `message`, the worker's JSON line layout). Every line goes through
 * the interface's secret masking, whichever its level.
 *
 * @module
 */
import { maskSecrets } from "@qgis-server-light/interface/redact";

/** How log lines look. */
export type LogFormat = "plain" | "json";

/** Log levels, lowest first. */
export type LogLevel = "debug" | "info" | "warning" | "error";

/** The log levels, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = [
  "debug",
  "info",
  "warning",
  "error",
];

/** Characters of a message written; the rest is cut. */
export const MAX_MESSAGE = 2000;

/** The log formats. */
export const LOG_FORMATS: readonly LogFormat[] = ["plain", "json"];

/** Writes log lines at or above its level. */
export interface Logger {
  /** Writes one line (several lines of `message` are joined by spaces). */
  log(level: LogLevel, message: string): void;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written; default `info`. */
  level?: LogLevel;
  /** `plain` (default) or `json`. */
  format?: LogFormat;
  /** Where each line goes, newline included. */
  write: (line: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/**
 * Creates a logger.
 *
 * @example
 * ```ts
 * import { createLogger } from "./log.ts";
 * const lines: string[] = [];
 * const log = createLogger({ format: "json", write: (l) => lines.push(l) });
 * log.log("warning", "Layer 'a': cannot read x.gpkg");
 * JSON.parse(lines[0]).level; // "warning"
 * ```
 */
export function createLogger(options: LoggerOptions): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? "info");
  const format = options.format ?? "plain";
  const now = options.now ?? (() => new Date());
  return {
    log(level, message) {
      if (LOG_LEVELS.indexOf(level) < min) return;
      let text = maskSecrets(message.trim().replace(/\s*\n\s*/g, " "));
      // A message may echo a project's text (names, paths): a line stays
      // readable whatever the project holds.
      if (text.length > MAX_MESSAGE) text = `${text.slice(0, MAX_MESSAGE)}…`;
      options.write(
        format === "json"
          ? `${
            JSON.stringify({ time: now().toISOString(), level, message: text })
          }\n`
          : `${level}: ${text}\n`,
      );
    },
  };
}
