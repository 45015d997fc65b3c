/**
 * The worker's logger: one line per event, plain text or JSON lines, written
 * to stderr; every field passes through the interface's redaction so secrets
 * (source strings, passwords in connection URLs) never reach a log.
 *
 * @module
 */
import { clip, maskSecrets, redact } from "@qgis-server-light/interface/redact";
import type { Logger, LogLevel } from "../runners/types.ts";

/** Longest message a log line carries; fields are cut by `redact`. */
export const LOG_MESSAGE_LIMIT = 1000;

/** How log lines look. */
export type LogFormat = "plain" | "json";

/** The log levels, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = [
  "debug",
  "info",
  "warning",
  "error",
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written; default `info`. */
  level?: LogLevel;
  /** `plain` (default) or `json`. */
  format?: LogFormat;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
  /** Clock, for tests; default `new Date()`. */
  now?: () => Date;
}

/**
 * Checks a log level name.
 *
 * @throws {RangeError} when `name` is not a level.
 * @example
 * ```ts
 * import { parseLogLevel } from "./logger.ts";
 * parseLogLevel("warning"); // "warning"
 * ```
 */
export function parseLogLevel(name: string): LogLevel {
  const level = name.toLowerCase() === "warn" ? "warning" : name.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new RangeError(
      `Cannot set log level: '${name}' is not one of ${LOG_LEVELS.join(", ")}`,
    );
  }
  return level as LogLevel;
}

function plainValue(value: unknown): string {
  if (typeof value === "string") {
    return /[\s"=]/.test(value) || value === "" ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value) ?? String(value);
}

const encoder = new TextEncoder();

function writeStderr(line: string): void {
  Deno.stderr.writeSync(encoder.encode(line + "\n"));
}

/**
 * Creates a logger.
 *
 * @example
 * ```ts
 * import { createLogger } from "./logger.ts";
 * const lines: string[] = [];
 * const log = createLogger({ format: "json", write: (l) => lines.push(l) });
 * log.log("info", "job", { id: "1", source: '{"password":"x"}' });
 * JSON.parse(lines[0]).source; // "**REDACTED**"
 * ```
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? "info");
  const format = options.format ?? "plain";
  const write = options.write ?? writeStderr;
  const now = options.now ?? (() => new Date());
  return {
    log(level, message, fields = {}) {
      if (LOG_LEVELS.indexOf(level) < min) return;
      const safe = redact(fields) as Record<string, unknown>;
      // masked before it is cut: a cut must not leave half a secret
      const text = clip(maskSecrets(message), LOG_MESSAGE_LIMIT);
      const time = now().toISOString();
      if (format === "json") {
        write(JSON.stringify({ time, level, message: text, ...safe }));
        return;
      }
      const parts = Object.entries(safe)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${plainValue(v)}`);
      write(
        [time, level.toUpperCase().padEnd(7), text, ...parts].join(" "),
      );
    },
  };
}
