/**
 * A private PostgreSQL cluster (initdb on a free port, this test's own) is
 * restarted and stopped under the provider: jobs after a restart succeed.
 * The machine's shared server is never touched.
 */
import { assert, assertEquals } from "../_assert.ts";
import { collectFeatures, openVectorSource } from "../mod.ts";
import { JobError } from "../../runners/types.ts";
import { closePostgresPools } from "./pool.ts";

const BIN = "/usr/lib/postgresql/15/bin";
const HAVE_PG = (() => {
  try {
    Deno.statSync(`${BIN}/initdb`);
    return true;
  } catch {
    console.warn(`${BIN}/initdb not found: the restart test is skipped`);
    return false;
  }
})();

async function run(cmd: string[], asPostgres: boolean): Promise<string> {
  const argv = asPostgres ? ["runuser", "-u", "postgres", "--", ...cmd] : cmd;
  const out = await new Deno.Command(argv[0], {
    args: argv.slice(1),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) +
    new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd.join(" ")} failed: ${text}`);
  return text;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

Deno.test({
  name:
    "postgres: after the server restarts, the next jobs succeed; while it is down they fail clearly",
  ignore: !HAVE_PG,
  async fn() {
    // initdb refuses to run as root: the cluster then belongs to postgres
    const root = Deno.uid() === 0;
    const dir = await Deno.makeTempDir({ prefix: "qsl_pgcluster_" });
    const data = `${dir}/data`;
    if (root) {
      const uid = Number((await run(["id", "-u", "postgres"], false)).trim());
      const gid = Number((await run(["id", "-g", "postgres"], false)).trim());
      await Deno.chown(dir, uid, gid);
    }
    const pg = (args: string[]) => run([`${BIN}/pg_ctl`, ...args], root);
    const optionsFor = (port: number) =>
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    let port = 0;
    let options = "";
    try {
      await run(
        [`${BIN}/initdb`, "-D", data, "-A", "trust", "-U", "postgres"],
        root,
      );
      // a port found free may be taken by another test's server before
      // PostgreSQL binds it (then it does not start): another port, at most
      // 5 times
      for (let attempt = 1;; attempt++) {
        port = freePort();
        options = optionsFor(port);
        try {
          await pg([
            "-D",
            data,
            "-o",
            options,
            "-l",
            `${dir}/log`,
            "-w",
            "start",
          ]);
          break;
        } catch (e) {
          if (attempt >= 5) throw e;
        }
      }
      await run([
        `${BIN}/psql`,
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-qc",
        `CREATE EXTENSION postgis;
         CREATE TABLE pts (id int PRIMARY KEY, name text, geom geometry(Point, 2056));
         INSERT INTO pts VALUES (1, 'a', 'SRID=2056;POINT(2600000 1200000)'),
                                (2, 'b', 'SRID=2056;POINT(2600100 1200100)');`,
      ], false);
      const layer = {
        id: "restart",
        name: "pts",
        driver: "postgres",
        source: JSON.stringify({
          host: "127.0.0.1",
          port,
          dbname: "postgres",
          username: "postgres",
          table: "pts",
          schema: "public",
          geometrycolumn: "geom",
          key: '"id"',
          sslmode: 1,
        }),
      };
      const ctx = { dataRoot: dir, remoteHosts: [] };
      const job = async () =>
        (await collectFeatures(
          await openVectorSource(layer, ctx, "read").features({
            bbox: {
              xmin: 2599000,
              ymin: 1199000,
              xmax: 2601000,
              ymax: 1201000,
            },
            crs: "EPSG:2056",
          }),
        )).map((f) => f.attributes.name);
      assertEquals(await job(), ["a", "b"]);
      await pg([
        "-D",
        data,
        "-m",
        "fast",
        "-w",
        "restart",
        "-o",
        options,
        "-l",
        `${dir}/log`,
      ]);
      assertEquals(await job(), ["a", "b"], "the first job after a restart");
      assertEquals(await job(), ["a", "b"]);
      await pg(["-D", data, "-m", "fast", "-w", "stop"]);
      let e: unknown;
      try {
        await job();
      } catch (error) {
        e = error;
      }
      assert(e instanceof JobError, String(e));
      assert(
        new RegExp(
          `^Cannot open layer 'pts': (cannot connect to PostgreSQL at postgres@127\\.0\\.0\\.1:${port}/postgres|PostgreSQL \\(postgres@127\\.0\\.0\\.1:${port}/postgres\\) answered)`,
        ).test((e as Error).message),
        (e as Error).message,
      );
      await pg(["-D", data, "-o", options, "-l", `${dir}/log`, "-w", "start"]);
      assertEquals(await job(), ["a", "b"], "once it is back");
    } finally {
      await closePostgresPools();
      await pg(["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});
