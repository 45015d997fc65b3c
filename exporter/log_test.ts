import assert from "node:assert/strict";
import { createLogger, MAX_MESSAGE } from "./log.ts";

const fixed = () => new Date("2026-01-02T03:04:05.000Z");

Deno.test("plain lines name their level; json lines carry time, level, message", () => {
  const lines: string[] = [];
  const plain = createLogger({ write: (l) => lines.push(l), now: fixed });
  plain.log("warning", "Layer 'a': two\n  lines");
  plain.log("debug", "hidden at info");
  const json = createLogger({
    format: "json",
    level: "debug",
    write: (l) => lines.push(l),
    now: fixed,
  });
  json.log("debug", "shown");
  assert.deepEqual(lines, [
    "warning: Layer 'a': two lines\n",
    '{"time":"2026-01-02T03:04:05.000Z","level":"debug","message":"shown"}\n',
  ]);
});

Deno.test("secrets are masked and long messages cut", () => {
  const lines: string[] = [];
  const log = createLogger({ level: "error", write: (l) => lines.push(l) });
  log.log("error", "Cannot connect: password=s3cret host=db");
  log.log("error", "x".repeat(MAX_MESSAGE * 5));
  assert.doesNotMatch(lines[0], /s3cret/);
  assert.equal(lines[1].length, "error: ".length + MAX_MESSAGE + 2);
});
