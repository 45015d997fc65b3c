import assert from "node:assert/strict";
import {
  loadPgServices,
  mergePgServices,
  parsePgServiceConf,
} from "./pg_service.ts";

Deno.test("pg_service.conf parsing and merging", () => {
  const a = parsePgServiceConf(
    "# c\n[gis]\nhost = a\nport=5432\n\n[other]\nx=1\n",
  );
  assert.deepEqual(a, { gis: { host: "a", port: "5432" }, other: { x: "1" } });
  const b = parsePgServiceConf("[gis]\nhost=b\n");
  assert.deepEqual(mergePgServices(a, b).gis, { host: "b", port: "5432" });
});

Deno.test("the passed file wins over PGSERVICEFILE", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/env.conf`, "[s]\nhost=env\nport=1\n");
    await Deno.writeTextFile(`${dir}/passed.conf`, "[s]\nhost=passed\n");
    const s = await loadPgServices(
      `${dir}/passed.conf`,
      () => {},
      `${dir}/env.conf`,
    );
    assert.deepEqual(s.s, { host: "passed", port: "1" });
    await assert.rejects(
      () => loadPgServices(`${dir}/missing.conf`),
      /Cannot read pg_service file/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
