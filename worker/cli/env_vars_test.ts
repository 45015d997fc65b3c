import { WORKER_ENV_VARS } from "./env_vars.ts";

Deno.test("env vars: the root deno.json's worker permission set grants exactly the variables the worker reads", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  );
  const granted = [...config.permissions.worker.env].sort();
  const read = [...WORKER_ENV_VARS].sort();
  if (JSON.stringify(granted) !== JSON.stringify(read)) {
    throw new Error(`granted ${granted}, read ${read}`);
  }
  const options = await Deno.readTextFile(
    new URL("./program.ts", import.meta.url),
  );
  const used = [...options.matchAll(/\.env\("(QSL_[A-Z_]+)"\)/g)].map((m) =>
    m[1]
  ).sort();
  if (JSON.stringify(used) !== JSON.stringify(read)) {
    throw new Error(`options read ${used}, listed ${read}`);
  }
});
