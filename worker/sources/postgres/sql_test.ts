import { assertEquals, assertThrows } from "../_assert.ts";
import { parseExpression } from "../../expression/parser.ts";
import {
  type ColumnClass,
  Params,
  quoteIdent,
  splitForPostgres,
  toPostgresSql,
} from "./sql.ts";

const classes: Record<string, ColumnClass> = {
  pop: "number",
  name: "text",
  day: "other",
};
const classOf = (c: string) => classes[c];

function split(text: string) {
  const p = new Params();
  const { conditions, residual } = splitForPostgres(
    parseExpression(text),
    classOf,
    p,
  );
  return { conditions, values: p.values, residual: residual !== null };
}

Deno.test("postgres sql: what PostgreSQL says as QGIS does is bound, never spliced", () => {
  assertEquals(split("pop > 1000.5 AND name = 'O''Brien'"), {
    conditions: ['"pop" > $1::float8', '"name" = $2::text'],
    values: [1000.5, "O'Brien"],
    residual: false,
  });
  assertEquals(split("10 < pop"), {
    conditions: ['"pop" > $1::int8'],
    values: [10],
    residual: false,
  });
  assertEquals(split("pop IN (1, 2) OR name NOT LIKE 'a%' OR name IS NULL"), {
    conditions: [
      '(("pop" IN ($1::int8, $2::int8)) OR ("name" NOT LIKE $3::text)) OR ("name" IS NULL)',
    ],
    values: [1, 2, "a%"],
    residual: false,
  });
  assertEquals(split("NOT (pop BETWEEN 1 AND 5)").conditions, [
    'NOT ("pop" BETWEEN $1::int8 AND $2::int8)',
  ]);
});

Deno.test("postgres sql: what PostgreSQL would mean otherwise stays a residual", () => {
  for (
    const text of [
      "name > 'b'", // collation order, not code points
      "pop = '5'", // QGIS converts, SQL would fail
      "day = '2020-01-01'", // dates: not pushed
      "missing = 1", // no such column
      "upper(name) = 'X'", // functions
      "pop + 1 > 2",
      "name LIKE pop",
    ]
  ) {
    assertEquals(
      split(text),
      { conditions: [], values: [], residual: true },
      text,
    );
  }
  // a failed term's values are dropped, the pushed one's kept in order
  assertEquals(split("upper(name) = 'X' AND pop = 3"), {
    conditions: ['"pop" = $1::int8'],
    values: [3],
    residual: true,
  });
});

Deno.test("postgres sql: identifiers are quoted", () => {
  assertEquals(quoteIdent('a"b'), '"a""b"');
  assertThrows(() => quoteIdent("a\0b"), RangeError);
});

Deno.test("postgres sql: for COPY, finite numbers are written as literals, anything else stays bound", () => {
  const p = new Params(true);
  const cls = (name: string): ColumnClass =>
    name === "name" ? "text" : "number";
  const sql = toPostgresSql(
    parseExpression("pop > -1.5e-7 AND n BETWEEN 1 AND 2 AND name = 'x'''"),
    cls,
    p,
  );
  assertEquals(
    sql,
    `(("pop" > '-1.5e-7'::float8) AND ("n" BETWEEN '1'::int8 AND '2'::int8)) AND ("name" = $1::text)`,
  );
  assertEquals(p.values, ["x'"]);
  assertEquals(p.bind(NaN, "float8"), "$2::float8");
  assertEquals(p.bind(Infinity, "float8"), "$3::float8");
  assertEquals(new Params().bind(2.5, "float8"), "$1::float8");
});
