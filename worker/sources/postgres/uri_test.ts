import { assertEquals, assertRejects, assertThrows } from "../_assert.ts";
import { JobError } from "../../runners/types.ts";
import { parsePostgresUri, resolveConnection, sslModeOf } from "./uri.ts";

const layer = (source: Record<string, unknown>) => ({
  id: "l",
  name: "roads",
  driver: "postgres",
  source: JSON.stringify(source),
});

Deno.test("postgres uri: the upstream exporter's keys (to_qgis_decoded_uri) decode", () => {
  const uri = parsePostgresUri(layer({
    key: '"id"',
    schema: "public",
    table: "roads",
    geometrycolumn: "geom",
    dbname: "gis",
    host: "db.example.org",
    password: "secret",
    port: 5433,
    type: 5,
    username: "reader",
    srid: "2056",
    sslmode: 3,
    service: "gis",
    checkPrimaryKeyUnicity: "1",
    sql: "\"class\" = 'main'",
  }));
  assertEquals(uri, {
    table: "roads",
    key: ["id"],
    dbname: "gis",
    host: "db.example.org",
    port: 5433,
    user: "reader",
    password: "secret",
    service: "gis",
    sslmode: "require",
    schema: "public",
    geometryColumn: "geom",
    srid: 2056,
    wkbType: 5,
    sql: "\"class\" = 'main'",
  });
  // `user`, the config's snake_case geometry column, libpq's sslmode text
  const other = parsePostgresUri(layer({
    table: "(SELECT 1)",
    user: "u",
    geometry_column: "g",
    sslmode: "verify-full",
    key: '"a","b"',
  }));
  assertEquals(
    [other.user, other.geometryColumn, other.sslmode, other.key],
    ["u", "g", "verify-full", ["a", "b"]],
  );
});

Deno.test("postgres uri: bad sources fail naming the layer", () => {
  for (
    const [source, re] of [
      [{}, /no 'table'/],
      [{ table: "t", sslmode: 9 }, /unknown sslmode '9'/],
      [{ table: "t", port: "x" }, /'port' is not a whole number/],
      [{ table: ["t"] }, /'table' must be a string/],
    ] as const
  ) {
    const e = assertThrows(() => parsePostgresUri(layer(source)), JobError);
    assertEquals(/^Cannot open layer 'roads': /.test(e.message), true);
    assertEquals(re.test(e.message), true, e.message);
  }
  assertEquals([0, 1, 2, 3, 4, 5].map(sslModeOf), [
    "prefer",
    "disable",
    "allow",
    "require",
    "verify-ca",
    "verify-full",
  ]);
});

Deno.test("postgres uri: a service is looked up as libpq does; the job's keys win", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_pgsvc_" });
  try {
    await Deno.writeTextFile(
      `${dir}/user.conf`,
      "[gis]\nhost=user-db\ndbname=gis\nuser=reader\nsslmode=require\n",
    );
    await Deno.writeTextFile(
      `${dir}/system.conf`,
      "[gis]\nhost=system-db\n[other]\nhost=other-db\nport=6543\n",
    );
    const files = { user: `${dir}/user.conf`, system: `${dir}/system.conf` };
    const uri = parsePostgresUri(layer({ table: "t", service: "gis" }));
    assertEquals(await resolveConnection(layer({}), uri, files), {
      host: "user-db",
      port: 5432,
      dbname: "gis",
      user: "reader",
      password: undefined,
      sslmode: "require",
    });
    const own = parsePostgresUri(
      layer({ table: "t", service: "gis", host: "mine", sslmode: 1 }),
    );
    const c = await resolveConnection(layer({}), own, files);
    assertEquals([c.host, c.sslmode, c.dbname], ["mine", "disable", "gis"]);
    // not in the user's file: the system's
    const other = parsePostgresUri(layer({ table: "t", service: "other" }));
    const o = await resolveConnection(layer({}), other, files);
    assertEquals([o.host, o.port, o.user], ["other-db", 6543, "postgres"]);
    await assertRejects(
      () =>
        resolveConnection(
          layer({}),
          parsePostgresUri(layer({ table: "t", service: "none" })),
          files,
        ),
      JobError,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
