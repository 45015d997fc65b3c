/**
 * The layer tree of a project saved before QGIS 2.4, which has a
 * `<legend>` and no `<layer-tree-group>`: built as QGIS builds it when it
 * opens one (`QgsLayerTreeUtils::readOldLegend`), as the
 * `<layer-tree-group>` QGIS would write for it.
 *
 * @module
 */
import { child, children } from "./_xml.ts";
import { XmlElement } from "./xml_tree.ts";

// QgsLayerTreeUtils::checkStateFromXml: anything but unchecked counts.
const checkedOf = (e: XmlElement): string =>
  e.getAttribute("checked") === "Qt::Unchecked"
    ? "Qt::Unchecked"
    : "Qt::Checked";

const expandedOf = (e: XmlElement): string =>
  e.getAttribute("open") === "true" ? "1" : "0";

/**
 * The root `<layer-tree-group>` for a `<legend>`: `<legendgroup>`s become
 * groups (name, checked, `open` as expanded), `<legendlayer>`s layers (the
 * id of their first `<legendlayerfile>`), in document order. Walked with a
 * stack of its own: legends can nest as deep as they like.
 *
 * @example
 * ```ts
 * import { legendToLayerTree } from "./legend_tree.ts";
 * import { parseXml } from "./xml_tree.ts";
 * const legend = parseXml(
 *   `<legend><legendgroup name="Base" open="true" checked="Qt::Checked">
 *     <legendlayer name="roads" checked="Qt::Unchecked"><filegroup>
 *       <legendlayerfile layerid="roads_1"/></filegroup></legendlayer>
 *   </legendgroup></legend>`,
 *   "p.qgs",
 * );
 * const tree = legendToLayerTree(legend);
 * tree.children[0].children[0].getAttribute("id"); // "roads_1"
 * ```
 */
export function legendToLayerTree(legend: XmlElement): XmlElement {
  const root = new XmlElement("layer-tree-group", {});
  const work: { from: XmlElement; to: XmlElement }[] = [
    { from: legend, to: root },
  ];
  while (work.length > 0) {
    const { from, to } = work.pop()!;
    for (const c of children(from)) {
      if (c.nodeName === "legendlayer") {
        const file = child(child(c, "filegroup") ?? c, "legendlayerfile");
        to.addChild(
          new XmlElement("layer-tree-layer", {
            id: file?.getAttribute("layerid") ?? "",
            name: c.getAttribute("name") ?? "",
            checked: checkedOf(c),
            expanded: expandedOf(c),
          }),
        );
      } else if (c.nodeName === "legendgroup") {
        const group = new XmlElement("layer-tree-group", {
          name: c.getAttribute("name") ?? "",
          checked: checkedOf(c),
          expanded: expandedOf(c),
        });
        to.addChild(group);
        work.push({ from: c, to: group });
      }
    }
  }
  return root;
}
