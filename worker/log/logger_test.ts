import { createLogger, parseLogLevel } from "./logger.ts";

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const fixed = () => new Date("2026-01-02T03:04:05.000Z");

Deno.test("logger: json lines carry level, message and redacted fields", () => {
  const lines: string[] = [];
  const log = createLogger({
    format: "json",
    write: (l) => lines.push(l),
    now: fixed,
  });
  log.log("info", "job", {
    id: "7",
    layers: [{
      name: "roads",
      source: '{"path":"x.gpkg","password":"s3cr3t"}',
    }],
    redis: "redis://:hunter2@db:6379",
  });
  assert(lines.length === 1, "one line");
  const line = JSON.parse(lines[0]);
  assert(line.time === "2026-01-02T03:04:05.000Z", line.time);
  assert(line.level === "info" && line.message === "job", lines[0]);
  assert(line.layers[0].source === "**REDACTED**", lines[0]);
  assert(
    !lines[0].includes("s3cr3t") && !lines[0].includes("hunter2"),
    lines[0],
  );
});

Deno.test("logger: plain lines are key=value, secrets masked in the message too", () => {
  const lines: string[] = [];
  const log = createLogger({ write: (l) => lines.push(l), now: fixed });
  log.log("error", "Cannot connect to redis://u:pw@h:1", {
    id: "a b",
    duration_ms: 12,
  });
  assert(
    lines[0] ===
      '2026-01-02T03:04:05.000Z ERROR   Cannot connect to redis://u:**REDACTED**@h:1 id="a b" duration_ms=12',
    lines[0],
  );
});

Deno.test("logger: levels below the minimum are dropped", () => {
  const lines: string[] = [];
  const log = createLogger({ level: "warning", write: (l) => lines.push(l) });
  log.log("debug", "d");
  log.log("info", "i");
  log.log("warning", "w");
  log.log("error", "e");
  assert(lines.length === 2, lines.join("\n"));
});

Deno.test("logger: parseLogLevel accepts the four names (and warn), refuses others", () => {
  assert(parseLogLevel("DEBUG") === "debug", "debug");
  assert(parseLogLevel("warn") === "warning", "warn");
  let threw = false;
  try {
    parseLogLevel("verbose");
  } catch (e) {
    threw = e instanceof RangeError && /verbose/.test((e as Error).message);
  }
  assert(threw, "verbose refused");
});

Deno.test("logger: a huge message or field gives a short line", () => {
  const lines: string[] = [];
  const log = createLogger({ write: (l) => lines.push(l), now: fixed });
  const huge = "x".repeat(10_000_000);
  log.log("warning", `vector layer '${huge}' has no renderer`, {
    error: `Cannot open layer: ${huge}`,
    layers: Array.from({ length: 10_000 }, () => huge),
  });
  assert(lines.length === 1, "one line");
  assert(lines[0].length < 30_000, `${lines[0].length} characters`);
  assert(lines[0].includes("more characters"), "says what was cut");
});
