// The layers' joins (`<vectorjoins>`) in the exported config, from the join
// parity project saved by QGIS 3.22 (tests/parity/joins/make_references.py).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Config, type Vector } from "@qgis-server-light/interface/config";
import { exportProject } from "./export_project.ts";
import { readProject } from "./read_project.ts";
import { zipSync } from "fflate";
import { keepQml, TESTDATA } from "./_test_util.ts";

const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";
const PROJECT = fileURLToPath(
  new URL("../../tests/parity/joins/data/joins_project.qgs", import.meta.url),
);

async function exportJoins(
  text?: (qgs: string) => string,
  warnings: string[] = [],
): Promise<Config> {
  let file = PROJECT;
  const dir = await Deno.makeTempDir({ prefix: "qsl_joins_" });
  try {
    if (text) {
      // beside copies of the data, so that its relative paths still read
      const qgs = text(await Deno.readTextFile(PROJECT));
      file = `${dir}/joins_project.qgs`;
      await Deno.writeTextFile(file, qgs);
      for (const name of ["zones.geojson", "stats.csv", "ranks.csv"]) {
        await Deno.copyFile(
          fileURLToPath(
            new URL(`../../tests/parity/joins/data/${name}`, import.meta.url),
          ),
          `${dir}/${name}`,
        );
      }
    }
    return await exportProject(await readProject(file), {
      encodeStyle: keepQml,
      warn: (m) => warnings.push(m),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const zones = (config: Config): Vector =>
  config.datasets.vector.find((v) => v.name === "zones")!;

Deno.test("joins_project.qgs exports its joins and joined fields (golden)", async () => {
  const warnings: string[] = [];
  const config = await exportJoins(undefined, warnings);
  assert.deepEqual(warnings, []);
  const got = config.datasets.vector.map((v) => ({
    name: v.name,
    fields: v.fields.map((f) => `${f.name}: ${f.type}`),
    joins: v.joins ?? null,
  }));
  const golden = `${TESTDATA}joins.golden.json`;
  if (UPDATE) {
    await Deno.writeTextFile(golden, JSON.stringify(got, null, 2) + "\n");
  }
  assert.deepEqual(got, JSON.parse(await Deno.readTextFile(golden)));
  // the schema reads it back as written; layers without joins have no key
  assert.deepEqual(Config.parse(config), config);
  assert.equal("joins" in config.datasets.vector[1], false);
});

Deno.test("a join's prefix: QGIS's default, a custom one, an empty custom one", async () => {
  const custom = await exportJoins((qgs) =>
    qgs.replace(
      'memoryCache="1"',
      'memoryCache="1" hasCustomPrefix="1" customPrefix="s_"',
    )
  );
  assert.equal(zones(custom).joins![0].prefix, "s_");
  const none = await exportJoins((qgs) =>
    qgs.replace(
      'hasCustomPrefix="1"',
      'hasCustomPrefix="1" customPrefix=""',
    ).replace('customPrefix="r_"', "")
  );
  assert.equal(zones(none).joins![1].prefix, "");
  // the ranks join's fields are named without a prefix: "rank" … and its
  // "num" is not repeated (the join field is left out without a subset)
  assert.deepEqual(zones(none).fields.map((f) => f.name), [
    "code",
    "num",
    "rank",
  ]);
  const unset = await exportJoins((qgs) =>
    qgs.replace('hasCustomPrefix="1"', 'hasCustomPrefix="0"')
  );
  assert.equal(zones(unset).joins![1].prefix, "ranks_");
  assert.equal(zones(unset).fields.at(-1)!.name, "ranks_rank");
});

Deno.test("a joined field whose name the layer has is left out; a missing joined layer skips its join with a warning", async () => {
  const subset = await exportJoins((qgs) =>
    qgs.replace(
      'customPrefix="r_"/>',
      'customPrefix=""><joinFieldsSubset><field name="num"/><field name="rank"/></joinFieldsSubset></join>',
    )
  );
  // with a subset the join field is kept when named: "num" clashes, "rank" not
  assert.deepEqual(zones(subset).joins![1].fields_subset, ["num", "rank"]);
  assert.deepEqual(zones(subset).fields.map((f) => f.name), [
    "code",
    "num",
    "rank",
  ]);
  const warnings: string[] = [];
  const missing = await exportJoins(
    (qgs) => qgs.replace(/joinLayerId="ranks_[^"]*"/, 'joinLayerId="gone"'),
    warnings,
  );
  assert.equal(zones(missing).joins!.length, 1);
  assert.match(
    warnings.join("\n"),
    /Layer 'zones' \(zones_[^)]*\): joined layer 'gone' is not a vector layer of the project; join skipped/,
  );
});

// zones with a label position kept in the project's auxiliary storage
// (a `.qgd` SQLite file, one table per layer named by its id, made with
// the sqlite3 shell as QGIS 3.22 makes it)
async function exportAuxiliary(
  kind: "qgs" | "qgz",
  key: string,
): Promise<Vector> {
  const dir = await Deno.makeTempDir({ prefix: "qsl_aux_" });
  try {
    const qgs = (await Deno.readTextFile(PROJECT)).replace(
      /(<id>zones_[^<]*<\/id>[\s\S]*?)<auxiliaryLayer\/>/,
      `$1<auxiliaryLayer key="${key}"/>`,
    );
    for (const name of ["zones.geojson", "stats.csv", "ranks.csv"]) {
      await Deno.copyFile(
        fileURLToPath(
          new URL(`../../tests/parity/joins/data/${name}`, import.meta.url),
        ),
        `${dir}/${name}`,
      );
    }
    const qgd = await Deno.readFile(`${TESTDATA}auxiliary_storage.qgd`);
    let file = `${dir}/p.v2.qgs`;
    if (kind === "qgz") {
      file = `${dir}/p.qgz`;
      await Deno.writeFile(
        file,
        zipSync({
          "p.qgs": new TextEncoder().encode(qgs),
          "p.qgd": qgd,
        }),
      );
    } else {
      await Deno.writeTextFile(file, qgs);
      // QGIS names it by the project's base name, up to the first dot
      await Deno.writeFile(`${dir}/p.qgd`, qgd);
    }
    const config = await exportProject(await readProject(file), {
      encodeStyle: keepQml,
      warn: () => {},
    });
    return zones(config);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a layer's auxiliary storage is a join on ASPK, from a .qgd beside a .qgs or inside a .qgz", async () => {
  const id = "zones_cb9f8985_aea3_4a5d_9854_4fc8de6dad50";
  const beside = await exportAuxiliary("qgs", "code");
  const join = beside.joins!.at(-1)!;
  assert.deepEqual(
    { ...join, source: join.source.ogr },
    {
      join_layer_id: `${id}_auxiliarystorage`,
      join_layer_name: `${id}_auxiliarystorage`,
      source: {
        path: "p.qgd",
        layer_name: id,
        vsi_prefix: null,
        layer_id: null,
        subset: null,
      },
      driver: "ogr",
      target_field: "code",
      join_field: "ASPK",
      prefix: "auxiliary_storage_",
      // the provider's rowid and the key left out
      fields_subset: ["labeling_positionx", "labeling_positiony"],
      memory_cache: false,
      editable: true,
      upsert_on_edit: true,
      cascaded_delete: true,
      dynamic_form: false,
    },
  );
  assert.deepEqual(beside.fields.slice(-2).map((f) => `${f.name}: ${f.type}`), [
    "auxiliary_storage_labeling_positionx: Real",
    "auxiliary_storage_labeling_positiony: Real",
  ]);
  const inside = (await exportAuxiliary("qgz", "code")).joins!.at(-1)!;
  assert.deepEqual(inside.source.ogr, {
    path: "p.qgz",
    layer_name: id,
    vsi_prefix: "/vsizip/",
    layer_id: null,
    subset: null,
    vsi_suffix: "/p.qgd",
  });
  assert.deepEqual(inside.fields_subset, [
    "labeling_positionx",
    "labeling_positiony",
  ]);
  // a key that is not one of the layer's fields: QGIS adds no join
  const unknown = await exportAuxiliary("qgs", "nope");
  assert.equal(
    unknown.joins!.some((j) => j.join_field === "ASPK"),
    false,
  );
});

Deno.test("a join between two layers of an embedded group adds the joined fields, as QGIS 3.22 reads the embedding project", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_joins_embedded_" });
  try {
    const points = (properties: Record<string, unknown>, point: boolean) => ({
      type: "FeatureCollection",
      features: [{
        type: "Feature",
        properties,
        geometry: point ? { type: "Point", coordinates: [1, 2] } : null,
      }],
    });
    await Deno.writeTextFile(
      `${dir}/a.geojson`,
      JSON.stringify(points({ id: 1, name: "x" }, true)),
    );
    await Deno.writeTextFile(
      `${dir}/b.geojson`,
      JSON.stringify(points({ id: 1, val: 2.5 }, false)),
    );
    // QGIS keeps a layer id only when it is longer than 10 characters
    const layer = (id: string, name: string, joins: string) =>
      `<maplayer type="vector" geometry="Point" wkbType="Point"><id>${id}</id>` +
      `<datasource>./${name}.geojson</datasource><layername>${name}</layername>` +
      `<provider encoding="UTF-8">ogr</provider>` +
      `<vectorjoins>${joins}</vectorjoins></maplayer>`;
    // the joining layer comes first: its joined layer is not read yet
    await Deno.writeTextFile(
      `${dir}/owner.qgs`,
      `<qgis version="3.22.16"><layer-tree-group>` +
        `<layer-tree-group name="G" checked="Qt::Checked">` +
        `<layer-tree-layer id="layer_a_0001" name="a" checked="Qt::Checked"/>` +
        `<layer-tree-layer id="layer_b_0002" name="b" checked="Qt::Checked"/>` +
        `</layer-tree-group></layer-tree-group><projectlayers>` +
        layer(
          "layer_a_0001",
          "a",
          `<join joinLayerId="layer_b_0002" joinFieldName="id" targetFieldName="id" memoryCache="1"/>`,
        ) + layer("layer_b_0002", "b", "") + `</projectlayers></qgis>`,
    );
    await Deno.writeTextFile(
      `${dir}/host.qgs`,
      `<qgis version="3.22.16"><layer-tree-group>` +
        `<layer-tree-group name="G" checked="Qt::Checked"><customproperties>` +
        `<Option type="Map"><Option name="embedded" value="1" type="int"/>` +
        `<Option name="embedded_project" value="./owner.qgs" type="QString"/>` +
        `</Option></customproperties></layer-tree-group>` +
        `</layer-tree-group><projectlayers/></qgis>`,
    );
    const warnings: string[] = [];
    const config = await exportProject(await readProject(`${dir}/host.qgs`), {
      encodeStyle: keepQml,
      warn: (m) => warnings.push(m),
    });
    assert.deepEqual(warnings, []);
    // QGIS 3.22's layer.fields() of each layer in host.qgs
    assert.deepEqual(
      config.datasets.vector.map((v) => [v.id, v.fields.map((f) => f.name)]),
      [
        ["layer_a_0001", ["id", "name", "b_val"]],
        ["layer_b_0002", ["id", "val"]],
      ],
    );
    assert.equal(config.datasets.vector[0].joins?.[0].join_layer_name, "b");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
