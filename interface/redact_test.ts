import assert from "node:assert/strict";
import { maskSecrets, redact, REDACTED } from "./redact.ts";

Deno.test("redact hides sources and passwords, shortens long fields", () => {
  const layer = {
    name: "roads",
    source: '{"host":"db","password":"hunter2"}',
    style: { name: "default", definition: "x".repeat(100) },
    nested: [{ password: "p" }],
  };
  const out = redact(layer) as typeof layer;
  assert.equal(out.source, REDACTED);
  assert.equal(out.nested[0].password, REDACTED);
  assert.ok(out.style.definition.length < 20);
  assert.ok(!JSON.stringify(out).includes("hunter2"));
  assert.equal(
    maskSecrets("dbname=x password='a b' host=y"),
    `dbname=x password=${REDACTED} host=y`,
  );
  assert.equal(maskSecrets("redis://u:pw@h:1"), `redis://u:${REDACTED}@h:1`);
});
