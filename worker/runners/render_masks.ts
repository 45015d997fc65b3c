/**
 * Selective masking in the render runner, as QGIS 3.22's map renderer job
 * does it (`prepareSecondPassJobs`, `composeSecondPass`): a layer whose
 * symbol layers a label or a mask marker masks is drawn twice into images
 * of its own (whole, and without the masked symbol layers); the masks are
 * drawn into one image per masked layer (mask markers while their layer
 * draws, labels once placement is solved); at the end each masked
 * layer's images are composed with its mask and laid on the map with the
 * layer's opacity and blend mode.
 *
 * The layers above a masked one draw into an image of their own, laid on
 * the map after it (source-over is associative: the same pixels as drawn
 * in turn). A map without masks never comes here.
 *
 * @module
 */
import type { Canvas, CanvasKit } from "canvaskit-wasm";
import type { Element } from "@xmldom/xmldom";
import type { MapSettings } from "../map/map_settings.ts";
import type { DirectPixels } from "../paint/context.ts";
import {
  composeMasked,
  markerMaskRefs,
  readTextMask,
  resolveSymbolLayers,
  type SymbolLayerRef,
} from "../paint/masks.ts";
import { blendModeOf } from "../paint/_skia.ts";
import {
  type PooledSurface,
  releaseSurface,
  takeSurface,
} from "../paint/surface.ts";
import { vectorStyleOf } from "../style/document.ts";
import type { Renderer, SymbolLayer } from "../style/model.ts";
import { JobError } from "./types.ts";

/** Who masks what in a job. */
export interface MaskPlan {
  /**
   * Masked layers (job layer ids) and the symbol layers masked in them:
   * the first source's set, as QGIS retains one set per layer.
   */
  masked: Map<string, SymbolLayerRef[]>;
  /** Layers whose mask markers mask others: the layers they mask. */
  markerTargets: Map<string, string[]>;
}

/**
 * The masks of a job's layers (styles parsed, top first); null when no
 * label or mask marker masks a layer of the job.
 *
 * @example
 * ```ts ignore
 * import { planMasks } from "./render_masks.ts";
 * planMasks(job.layers, roots); // null for most maps
 * ```
 */
export function planMasks(
  layers: { id: string }[],
  roots: (Element | null)[],
): MaskPlan | null {
  const ids = new Set(layers.map((l) => l.id));
  const masked = new Map<string, SymbolLayerRef[]>();
  const markerTargets = new Map<string, string[]>();
  const add = (refs: SymbolLayerRef[]): string[] => {
    const byLayer = new Map<string, SymbolLayerRef[]>();
    for (const r of refs) {
      // masks of layers not on this map are left out (QGIS's usable masks)
      if (!ids.has(r.layerId)) continue;
      const list = byLayer.get(r.layerId) ?? [];
      list.push(r);
      byLayer.set(r.layerId, list);
    }
    for (const [id, list] of byLayer) {
      if (!masked.has(id)) masked.set(id, list);
    }
    return [...byLayer.keys()];
  };
  layers.forEach((layer, k) => {
    const root = roots[k];
    if (!root) return;
    // the label formats' masks (under <labeling>, simple or rule-based)
    for (let n = root.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1 || n.nodeName !== "labeling") continue;
      const masks = (n as Element).getElementsByTagName("text-mask");
      for (let i = 0; i < masks.length; i++) {
        const mask = readTextMask(masks[i]);
        if (mask) add(mask.refs);
      }
    }
    const renderer = vectorStyleOf(root)?.renderer;
    if (renderer) {
      const targets = add(markerMaskRefs(renderer));
      if (targets.length > 0) markerTargets.set(layer.id, targets);
    }
  });
  return masked.size > 0 ? { masked, markerTargets } : null;
}

/** Where a layer draws: a canvas and the pixels it writes. */
export interface DrawTarget {
  /** The canvas. */
  canvas: Canvas;
  /** Its pixels (premultiplied RGBA). */
  pixels: () => Uint8Array;
  /** Nothing drawn on it yet (a new image). */
  fresh: boolean;
}

type Segment =
  | { kind: "plain"; surface: PooledSurface }
  | {
    kind: "masked";
    id: string;
    first: PooledSurface;
    second: PooledSurface;
    opacity: number;
    blend: number;
  };

/**
 * The images of a map with masks: segments above the first masked layer,
 * the masked layers' two passes and their masks.
 */
export class MaskedMap {
  #ck: CanvasKit;
  #map: MapSettings;
  #plan: MaskPlan;
  #segments: Segment[] = [];
  #plain: PooledSurface | null = null;
  #masks = new Map<string, PooledSurface>();
  #taken: PooledSurface[] = [];

  /** A map's masked drawing, after {@link planMasks}. */
  constructor(ck: CanvasKit, map: MapSettings, plan: MaskPlan) {
    this.#ck = ck;
    this.#map = map;
    this.#plan = plan;
  }

  #take(): PooledSurface {
    const s = takeSurface(this.#ck, this.#map.width, this.#map.height);
    if (!s) {
      throw new JobError(
        `Cannot render masks: no surface of ${this.#map.width}×${this.#map.height}`,
      );
    }
    this.#taken.push(s);
    s.pixels().fill(0);
    return s;
  }

  /** Whether the layer is masked (drawn twice). */
  isMasked(layerId: string): boolean {
    return this.#plan.masked.has(layerId);
  }

  /**
   * Where a layer that is not masked draws: the map until a masked layer
   * was drawn, then an image of the layers above it.
   */
  target(main: DrawTarget): DrawTarget {
    if (this.#segments.length === 0) return main;
    let fresh = false;
    if (!this.#plain) {
      this.#plain = this.#take();
      this.#segments.push({ kind: "plain", surface: this.#plain });
      fresh = true;
    }
    const s = this.#plain;
    return { canvas: s.surface.getCanvas(), pixels: s.pixels, fresh };
  }

  #mask(id: string): PooledSurface {
    let m = this.#masks.get(id);
    if (!m) this.#masks.set(id, m = this.#take());
    return m;
  }

  /** The mask images a layer's mask markers draw into (absent: none). */
  markerCanvases(layerId: string): Canvas[] | undefined {
    const targets = this.#plan.markerTargets.get(layerId);
    return targets?.map((id) => this.#mask(id).surface.getCanvas());
  }

  /** The mask image of a masked layer (null: not masked on this map). */
  labelCanvas(layerId: string): Canvas | null {
    return this.#plan.masked.has(layerId)
      ? this.#mask(layerId).surface.getCanvas()
      : null;
  }

  /**
   * Draws a masked layer: `paint` is called twice, whole then without the
   * masked symbol layers, each time into an image of its own.
   */
  drawMasked(
    layerId: string,
    renderer: Renderer | null,
    opacity: number,
    blend: number,
    paint: (target: DrawTarget, disabled?: Set<SymbolLayer>) => void,
  ): void {
    const first = this.#take(), second = this.#take();
    this.#segments.push({
      kind: "masked",
      id: layerId,
      first,
      second,
      opacity,
      blend,
    });
    this.#plain = null;
    paint({
      canvas: first.surface.getCanvas(),
      pixels: first.pixels,
      fresh: true,
    });
    const disabled = renderer
      ? resolveSymbolLayers(renderer, this.#plan.masked.get(layerId)!)
      : new Set<SymbolLayer>();
    paint(
      {
        canvas: second.surface.getCanvas(),
        pixels: second.pixels,
        fresh: true,
      },
      disabled,
    );
  }

  /**
   * Lays the images on the map, bottom first: each masked layer composed
   * with its mask (`composeSecondPass`), with its opacity and blend mode.
   */
  compose(canvas: Canvas): void {
    const ck = this.#ck;
    for (const seg of this.#segments) {
      let pixels: Uint8Array;
      const paint = new ck.Paint();
      if (seg.kind === "masked") {
        seg.first.surface.flush();
        seg.second.surface.flush();
        const mask = this.#masks.get(seg.id);
        if (mask) {
          mask.surface.flush();
          composeMasked(seg.first.pixels(), seg.second.pixels(), mask.pixels());
        }
        pixels = seg.first.pixels();
        paint.setAlphaf(Math.max(0, Math.min(1, seg.opacity)));
        if (seg.blend !== 0) paint.setBlendMode(blendModeOf(ck, seg.blend));
      } else {
        seg.surface.surface.flush();
        pixels = seg.surface.pixels();
      }
      const image = ck.MakeImage(
        {
          width: this.#map.width,
          height: this.#map.height,
          alphaType: ck.AlphaType.Premul,
          colorType: ck.ColorType.RGBA_8888,
          colorSpace: ck.ColorSpace.SRGB,
        },
        pixels,
        this.#map.width * 4,
      );
      if (image) {
        canvas.drawImage(image, 0, 0, paint);
        image.delete();
      }
      paint.delete();
    }
  }

  /** Gives the images back to the pool. */
  release(): void {
    for (const s of this.#taken) releaseSurface(this.#ck, s);
    this.#taken = [];
  }
}

/** The direct pixels of a target, for a painter drawing into it. */
export function directOf(target: DrawTarget, width: number): DirectPixels {
  return {
    pixels: target.pixels,
    width,
    saveCount: target.canvas.getSaveCount(),
    matrix: target.canvas.getTotalMatrix(),
  };
}
