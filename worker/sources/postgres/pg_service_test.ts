import { assertEquals } from "../_assert.ts";
import {
  findPgService,
  mergePgServices,
  parsePgServiceConf,
} from "./pg_service.ts";

Deno.test("pg_service: parse, merge, and find in the user's file before the system's", async () => {
  const text = "# comment\n[a]\nhost = h\n; other\nport=1\n\n[b]\nuser=u\n";
  assertEquals(parsePgServiceConf(text), {
    a: { host: "h", port: "1" },
    b: { user: "u" },
  });
  assertEquals(
    mergePgServices({ a: { host: "x", port: "1" } }, { a: { host: "y" } }),
    { a: { host: "y", port: "1" } },
  );
  const dir = await Deno.makeTempDir({ prefix: "qsl_pgsvc_" });
  try {
    await Deno.writeTextFile(`${dir}/u.conf`, "[a]\nhost=user\n");
    await Deno.writeTextFile(
      `${dir}/s.conf`,
      "[a]\nhost=sys\nport=2\n[b]\nhost=sb\n",
    );
    const files = { user: `${dir}/u.conf`, system: `${dir}/s.conf` };
    // libpq takes the first file defining the service, without merging
    assertEquals(await findPgService("a", files), { host: "user" });
    assertEquals(await findPgService("b", files), { host: "sb" });
    assertEquals(await findPgService("c", files), null);
    assertEquals(
      await findPgService("a", {
        user: `${dir}/missing.conf`,
        system: `${dir}/s.conf`,
      }),
      { host: "sys", port: "2" },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
