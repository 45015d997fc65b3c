import { decode } from "fast-png";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

Deno.test("demo: `deno task demo` exports the sample project and writes the map", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "demo"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`demo failed: ${stderr}`);
  if (/warning/i.test(stderr)) throw new Error(`demo warned: ${stderr}`);
  const config = JSON.parse(
    await Deno.readTextFile(join(ROOT, "out/demo.config.json")),
  );
  if (config.datasets.vector.length !== 3) {
    throw new Error("three vector layers exported");
  }
  const img = decode(await Deno.readFile(join(ROOT, "out/demo.png")));
  if (img.width !== 1200 || img.height !== 800 || img.channels !== 4) {
    throw new Error("size");
  }
  const data = img.data as Uint8Array;
  // the map's pixel of a map coordinate, from the bbox the demo computes
  const zones = JSON.parse(
    await Deno.readTextFile(join(ROOT, "demo/data/zones.geojson")),
  );
  const xs: number[] = [], ys: number[] = [];
  for (const name of ["zones", "roads", "places"]) {
    const fc = JSON.parse(
      await Deno.readTextFile(join(ROOT, `demo/data/${name}.geojson`)),
    );
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === "number") {
        xs.push(c[0] as number);
        ys.push(c[1] as number);
      } else if (Array.isArray(c)) c.forEach(walk);
    };
    for (const f of fc.features) walk(f.geometry.coordinates);
  }
  const [x0, x1, y0, y1] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const mx = (x1 - x0) * 0.04, my = (y1 - y0) * 0.04;
  const mupp = Math.max((x1 - x0 + 2 * mx) / 1200, (y1 - y0 + 2 * my) / 800);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const at = (x: number, y: number) => {
    const px = Math.floor(600 + (x - cx) / mupp),
      py = Math.floor(400 - (y - cy) / mupp);
    return Array.from(
      data.subarray((py * 1200 + px) * 4, (py * 1200 + px) * 4 + 4),
    );
  };
  // the urban zone's hole is empty; a point inside the lake has the lake colour at the layer's 85 % opacity
  const urban = zones.features.find((f: { properties: { kind: string } }) =>
    f.properties.kind === "urban"
  );
  const hole: number[][] = urban.geometry.coordinates[1];
  const hx = (hole[0][0] + hole[2][0]) / 2, hy = (hole[0][1] + hole[2][1]) / 2;
  if (at(hx, hy)[3] !== 0) throw new Error(`hole painted: ${at(hx, hy)}`);
  const lake = zones.features.find((f: { properties: { kind: string } }) =>
    f.properties.kind === "lake"
  );
  const ring: number[][] = lake.geometry.coordinates[0];
  const lx = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) /
    (ring.length - 1);
  const ly =
    ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1) - 600;
  const px = at(lx, ly);
  if (
    Math.abs(px[0] - 79) > 2 || Math.abs(px[1] - 195) > 2 ||
    Math.abs(px[2] - 247) > 2 || Math.abs(px[3] - 217) > 2
  ) {
    throw new Error(`lake pixel ${px}`);
  }
});
