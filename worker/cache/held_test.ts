import { strictEqual as assertEquals } from "node:assert/strict";
import { heldBytes, registerHeld } from "./held.ts";

Deno.test("held: registered holders report what they hold now", () => {
  let kept = new Uint8Array(10);
  registerHeld("test.kept", () => kept.byteLength);
  assertEquals(heldBytes()["test.kept"], 10);
  kept = new Uint8Array(20);
  assertEquals(heldBytes()["test.kept"], 20);
  registerHeld("test.kept", () => 5); // replaced, not added
  assertEquals(heldBytes()["test.kept"], 5);
});

Deno.test("held: a failing holder counts as holding nothing", () => {
  registerHeld("test.failing", () => {
    throw new Error("engine gone");
  });
  assertEquals(heldBytes()["test.failing"], 0);
});
