import { assert, assertEquals } from "./_assert.ts";
import { MAX_HTML_LENGTH, parseLabelHtml } from "./html.ts";

/** Blocks as [text, format] pairs: #aarrggbb colour, +u, +s, +o. */
function show(html: string): [string, string][][] {
  const hex = (c: number[]) =>
    "#" + [c[3], c[0], c[1], c[2]].map((x) => x.toString(16).padStart(2, "0"))
      .join("");
  return parseLabelHtml(html).map((b) =>
    b.map((f) => [
      f.text,
      (f.color ? hex(f.color) : "") + (f.underline ? "+u" : "") +
      (f.strikeOut ? "+s" : "") + (f.overline ? "+o" : ""),
    ])
  );
}

// what QGIS 3.22's QgsTextDocument::fromHtml makes of each (its blocks,
// fragments' texts, colours and decorations; measured with python3-qgis)
const QGIS: [string, [string, string][][]][] = [
  ["  a   b  ", [[["a b ", ""]]]],
  ["<p> x </p>  <p>y</p>", [[["x ", ""]], [["y", ""]]]],
  ["<b>B</b><i>I</i>", [[["B", ""], ["I", ""]]]],
  ["a &nbsp; b", [[["a \u00a0 b", ""]]]],
  ["<script>x</script>y", [[["y", ""]]]],
  ["<style>p{color:red}</style>z", [[["z", ""]]]],
  ['<span style="color:nonsense;;">q</span>', [[["q", ""]]]],
  ["<font color=red>r</font>", [[["r", "#ffff0000"]]]],
  ['<font color="#0f0">g</font>', [[["g", "#ff00ff00"]]]],
  ['<span style="color: rgb(10, 20, 30)">c</span>', [[["c", "#ff0a141e"]]]],
  ['<span style="color:rgba(10,20,30,0.5)">c</span>', [[["c", "#7f0a141e"]]]],
  [
    '<span style="text-decoration: underline line-through">d</span>',
    [[["d", "+u+s"]]],
  ],
  [
    "<del>x</del><strike>y</strike><s>z</s><ins>w</ins>",
    [[["xy", ""], ["z", "+s"], ["w", ""]]],
  ],
  ["<h1>H</h1>t", [[["H", ""]], [["t", ""]]]],
  ["<ul><li>a</li><li>b</li></ul>", [[["a", ""]], [["b", ""]]]],
  ["<table><tr><td>a</td><td>b</td></tr></table>", [[["a", ""]], [["b", ""]]]],
  ['<u>a<span style="text-decoration:none">b</span></u>', [[["a", "+u"], [
    "b",
    "",
  ]]]],
  ['<a href="x">link</a>', [[["link", "#ff0000ff+u"]]]],
  ["&lt;&gt;&amp;&quot;&#65;&#x42;&bogus;", [[['<>&"AB&bogus;', ""]]]],
  ["x<!-- c -->y", [[["xy", ""]]]],
  ["<pre>a  b\nc</pre>", [[["a  b", ""]], [["c", ""]]]],
  ["a\nb", [[["a b", ""]]]],
  ["<sup>2</sup><sub>3</sub>", [[["2", ""], ["3", ""]]]],
  [
    '<span style="color:red">a <b>b</b></span>',
    [[["a ", "#ffff0000"], ["b", "#ffff0000"]]],
  ],
  ["<p>", []],
  ["", []],
  ["<unknown>u</unknown>", [[["u", ""]]]],
  [
    '<div style="color:blue">a<p>b</p>c</div>',
    [[["a", "#ff0000ff"]], [["b", "#ff0000ff"]], [["c", "#ff0000ff"]]],
  ],
  [
    '<span style="color:#c02020">x</span> <s>1</s>',
    [[["x", "#ffc02020"], [" ", ""], ["1", "+s"]]],
  ],
  ['<span style="color:transparent">t</span>', [[["t", "#00000000"]]]],
  ['<span style="color:#80ff0000">t</span>', [[["t", "#80ff0000"]]]],
  ['<font color="blue" style="color:red">t</font>', [[["t", "#ffff0000"]]]],
  ['<body style="color:red">t</body>', [[["t", "#ffff0000"]]]],
  ["<html><head><title>T</title></head><body>b</body></html>", [[["b", ""]]]],
];

Deno.test("parseLabelHtml: blocks and runs as QGIS 3.22 reads them", () => {
  for (const [html, expected] of QGIS) {
    assertEquals(show(html), expected, JSON.stringify(html));
  }
});

Deno.test("parseLabelHtml: a <br> separates nothing and is drawn as nothing", () => {
  // QGIS keeps U+2028 inside the block, of no width and not drawn
  assertEquals(show("a<br>b"), [[["ab", ""]]]);
  assertEquals(show("a<br> <u>b</u>"), [[["a", ""], ["b", "+u"]]]);
});

Deno.test("parseLabelHtml: markup from data never fails and stays bounded", () => {
  const hostile = [
    "<b>x".repeat(100_000),
    "<b>".repeat(50_000) + "</u>".repeat(50_000),
    "<".repeat(300_000),
    '<font color="' + "#".repeat(300_000),
    "<!--".repeat(100_000),
    "<pre>" + "\n".repeat(300_000),
    '<span style="' + ";:".repeat(100_000) + '">x</span>',
    "&#x110000;&#0;&#xD800;&amp",
    "<svg><foreignObject><math><mi>x</mi></math></foreignObject></svg>",
  ];
  for (const html of hostile) {
    const blocks = parseLabelHtml(html);
    let chars = 0;
    for (const b of blocks) for (const f of b) chars += f.text.length;
    // what is read is the first MAX_HTML_LENGTH characters' text at most
    assert(chars <= MAX_HTML_LENGTH, `${chars} characters`);
    assert(blocks.length <= MAX_HTML_LENGTH, `${blocks.length} blocks`);
  }
});
