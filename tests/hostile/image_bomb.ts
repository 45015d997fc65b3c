/**
 * Image bombs for the hostile tests: a valid PNG that declares a huge size
 * in a few kB (1-bit grey, every row filtered zeros, deflated by repeating
 * one byte-aligned block), and a loopback web map server answering with it.
 *
 * @module
 */
import { constants, crc32, deflateRawSync } from "node:zlib";
import { encodePng } from "../../worker/paint/png.ts";

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A complete 1-bit greyscale PNG of `width × height` black pixels: some
 * 30 kB for 16000 × 16000, a gigabyte once decoded to RGBA.
 */
export function pngBomb(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1 bit, greyscale, deflate, adaptive, none
  // the raw scanlines are zeros (filter 0, black): deflate one MiB of zeros
  // ending in a sync flush and repeat it, then the rest and the end
  const raw = height * (1 + Math.ceil(width / 8));
  const mib = 1 << 20;
  const block = deflateRawSync(new Uint8Array(mib), {
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const whole = Math.floor(raw / mib);
  const tail = deflateRawSync(new Uint8Array(raw - whole * mib));
  const z = new Uint8Array(2 + whole * block.length + tail.length + 4);
  z.set([0x78, 0x01]);
  for (let i = 0; i < whole; i++) z.set(block, 2 + i * block.length);
  z.set(tail, 2 + whole * block.length);
  // Adler-32 of zeros: a = 1, b = n mod 65521
  new DataView(z.buffer).setUint32(z.length - 4, ((raw % 65521) << 16) | 1);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", z),
    chunk("IEND", new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A loopback web map server that answers with image bombs. */
export interface BombServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for an allow-list. */
  host: string;
  /** Paths asked for, in order. */
  requests: string[];
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a server on a free loopback port that answers as a web map server
 * whose images are bombs:
 * - `/xyz/{z}/{x}/{y}.png`: a `side × side` PNG bomb where `x + y` is even,
 *   an ordinary 256 px grey tile elsewhere;
 * - `/wms?…`: GetCapabilities is `upstream`'s (a tests/web_map_server.ts;
 *   its URLs made this server's), GetMap and GetLegendGraphic the bomb.
 */
export function startBombServer(
  upstream?: string,
  side = 16000,
): BombServer {
  const bomb = pngBomb(side, side);
  const grey = encodePng(new Uint8Array(256 * 256 * 4).fill(160), 256, 256);
  const requests: string[] = [];
  let base = "";
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req): Promise<Response> => {
      const url = new URL(req.url);
      requests.push(url.pathname + url.search);
      const png = (body: Uint8Array) =>
        new Response(body as BodyInit, {
          headers: { "content-type": "image/png" },
        });
      const xyz = /^\/xyz\/\d+\/(\d+)\/(\d+)\.png$/.exec(url.pathname);
      if (xyz) {
        return png((Number(xyz[1]) + Number(xyz[2])) % 2 === 0 ? bomb : grey);
      }
      if (url.pathname === "/wms") {
        const request = [...url.searchParams].find(([k]) =>
          k.toUpperCase() === "REQUEST"
        )?.[1].toLowerCase();
        if (request === "getcapabilities" && upstream) {
          const text = await (await fetch(`${upstream}/wms${url.search}`))
            .text();
          return new Response(text.replaceAll(upstream, base), {
            headers: { "content-type": "text/xml" },
          });
        }
        if (request === "getmap" || request === "getlegendgraphic") {
          return png(bomb);
        }
      }
      return new Response("not found", { status: 404 });
    },
  );
  const port = server.addr.port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => server.shutdown(),
  };
}
