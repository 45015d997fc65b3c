// Every task of the root deno.json says what it does, and `deno task`
// lists it with that description.
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("every deno.json task has a description that `deno task` lists", async () => {
  const tasks: Record<string, unknown> = JSON.parse(
    await Deno.readTextFile(`${ROOT}deno.json`),
  ).tasks;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  // `deno task` without a name lists the tasks (on stderr or stdout).
  const listing = new TextDecoder().decode(out.stdout) +
    new TextDecoder().decode(out.stderr);
  for (const [name, task] of Object.entries(tasks)) {
    assert.equal(
      typeof task,
      "object",
      `${name}: not { command, description }`,
    );
    const { command, description } = task as Record<string, unknown>;
    assert(typeof command === "string" && command !== "", `${name}: command`);
    assert(
      typeof description === "string" && description.length >= 10,
      `${name}: no description`,
    );
    assert(listing.includes(`- ${name}\n`), `${name} not listed`);
    assert(
      listing.includes(`// ${description}\n`),
      `${name}: description not listed`,
    );
  }
});
