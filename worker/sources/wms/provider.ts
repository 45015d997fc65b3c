/**
 * The `wms` provider (QGIS's provider key for XYZ tiles, WMS and WMTS) as
 * the registry opens it: a raster source that draws whole maps itself
 * ({@link MapDrawRequest}), answers its legend graphic and its feature
 * info from the service, and has no bands to read.
 *
 * @module
 */
import { JobError } from "../../runners/types.ts";
import type {
  LegendGraphic,
  MapDrawRequest,
  MapImage,
  RasterReader,
  RasterSource,
  SourceContext,
  SourceInfoAnswer,
  SourceInfoRequest,
  SourceLayer,
  SourceProvider,
} from "../source.ts";
import { webFeatureInfo, webLegendGraphic } from "./info.ts";
import { renderWebLayer, type WebRenderContext } from "./render.ts";
import { webClientFor, webSettings } from "./services.ts";
import { parseWebSource, type WebSource } from "./source.ts";

class WebMapSource implements RasterSource {
  readonly kind = "raster" as const;
  readonly provider = "wms";
  #parsed: WebSource | undefined;

  constructor(
    private readonly layer: SourceLayer,
    private readonly ctx: SourceContext,
  ) {}

  // parsed when first asked: opening does no work and throws nothing
  #source(): WebSource {
    return this.#parsed ??= parseWebSource(this.layer);
  }

  #web(): WebRenderContext {
    const name = this.layer.name;
    return {
      client: webClientFor(this.ctx.remoteHosts),
      signal: AbortSignal.timeout(webSettings().layerTimeoutMs),
      warn: (message) =>
        this.ctx.logger?.log("warning", message, { layer: name }),
    };
  }

  read<T>(_task: (reader: RasterReader) => Promise<T>): Promise<T> {
    return Promise.reject(
      new JobError(
        `Cannot read layer '${this.layer.name}': a web map (provider 'wms') has no bands to read`,
      ),
    );
  }

  // QGIS identifies a WMS layer by its GetFeatureInfo, never by band values
  valuesAt(): Promise<(number | null)[] | null> {
    return Promise.resolve(null);
  }

  drawMap(request: MapDrawRequest): Promise<MapImage | null> {
    return renderWebLayer(
      this.layer,
      request.style,
      request.map,
      this.ctx,
      request.into,
    );
  }

  async legendGraphic(
    options: { scale: number | null },
  ): Promise<LegendGraphic | null> {
    return await webLegendGraphic(
      this.#source(),
      this.layer.name,
      options.scale,
      this.#web(),
    );
  }

  async featureInfo(
    request: SourceInfoRequest,
  ): Promise<SourceInfoAnswer | null> {
    const features = await webFeatureInfo(
      this.#source(),
      this.layer.name,
      request,
      this.#web(),
    );
    return features === null ? null : { features };
  }
}

/**
 * QGIS's `wms` provider: XYZ, WMS and WMTS layers (`layer.driver` `wms`,
 * `layer.source` the decoded URI as JSON), fetched through the worker's
 * allow-list (`remoteHosts`).
 *
 * @example
 * ```ts
 * import { wmsProvider } from "./provider.ts";
 * const layer = { id: "l", name: "osm", driver: "wms",
 *   source: '{"type": "xyz", "url": "https://t.example/{z}/{x}/{y}.png"}' };
 * const source = wmsProvider.open(layer, { dataRoot: "/data", remoteHosts: [] });
 * source.kind; // "raster"
 * typeof source.drawMap; // "function"
 * ```
 */
export const wmsProvider: SourceProvider = {
  key: "wms",
  kind: "raster",
  open: (layer, ctx) => new WebMapSource(layer, ctx),
};
