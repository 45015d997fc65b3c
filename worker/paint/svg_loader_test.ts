import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  loadSvgFrom,
  MAX_SVG_BYTES,
  QGIS_SVG_FOLDERS,
  qgisSvgFolders,
  svgLibraryNote,
} from "./svg_loader.ts";

const QGIS_SVG = QGIS_SVG_FOLDERS.find((d) => {
  try {
    return Deno.statSync(`${d}/gpsicons/plane.svg`).isFile;
  } catch {
    return false;
  }
});
if (!QGIS_SVG) {
  console.warn(
    "QGIS's SVG library is not installed (Debian: apt-get install qgis-providers-common): its tests are skipped",
  );
}
const NODE_MODULES = fileURLToPath(
  new URL("../../node_modules/", import.meta.url),
);

Deno.test("SVG loader: the job's and configured folders come before QGIS's library", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/gpsicons`);
    await Deno.writeTextFile(`${dir}/gpsicons/plane.svg`, "<svg id='ours'/>");
    assert.equal(
      loadSvgFrom("gpsicons/plane.svg", [dir]),
      "<svg id='ours'/>",
    );
    // with no library, only the given folders
    assert.equal(loadSvgFrom("gpsicons/bus.svg", [dir], []), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "SVG loader: a relative name is found in QGIS's SVG library",
  ignore: !QGIS_SVG,
  fn() {
    const text = loadSvgFrom("gpsicons/plane.svg", []);
    assert(text?.includes("<svg"), "plane.svg from QGIS's library");
    // an absolute path of another machine, by its tail below "svg/"
    assert(
      loadSvgFrom("C:/OSGeo4W/apps/qgis/svg/gpsicons/plane.svg", [])
        ?.includes("<svg"),
    );
    assert(
      qgisSvgFolders().some((f) => f.state === "used" && f.path === QGIS_SVG),
    );
    assert.equal(svgLibraryNote(), "");
  },
});

Deno.test("SVG loader: an absent QGIS folder is skipped", () => {
  const [f] = qgisSvgFolders(["/nonexistent/qgis/svg"]);
  assert.equal(f.state, "absent");
});

Deno.test({
  name:
    "SVG loader: without read permission on QGIS's library it is skipped, never prompted for, and the warning says why",
  permissions: { read: [NODE_MODULES], env: false, net: false, write: false },
  fn() {
    for (const f of qgisSvgFolders()) assert.equal(f.state, "not-permitted");
    // a name no earlier test looked up: nothing cached
    assert.equal(loadSvgFrom("gpsicons/denied_probe.svg", []), null);
    assert.equal(loadSvgFrom("gpsicons/plane.svg", ["/nowhere"]), null);
    const note = svgLibraryNote();
    assert(note.includes("/usr/share/qgis/svg"), note);
    assert(note.includes("--allow-read"), note);
  },
});

Deno.test("SVG loader: a file over MAX_SVG_BYTES is no marker (a dataset named as an SVG)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_svg_" });
  try {
    const big = "<svg>" + " ".repeat(MAX_SVG_BYTES) + "</svg>";
    await Deno.writeTextFile(`${dir}/big.svg`, big);
    await Deno.writeTextFile(`${dir}/small.svg`, "<svg/>");
    assert.equal(loadSvgFrom("big.svg", [dir], []), null);
    assert.equal(loadSvgFrom("small.svg", [dir], []), "<svg/>");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
