// `npm run bench:images`: chooses the encoder qualities by measurement. Encodes the sample images and a photo-like test
// card (gradients and grain, which drawings lack) at 800 px in each format over a range of qualities, decodes each back
// and prints bytes and SSIM against the resized source; then the lowest quality per format whose worst SSIM ≥ TARGET.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import sharp from "sharp";
import { ssim } from "ssim.js";
import { ENCODING } from "../kv-seed/lib/images.ts";

/** SSIM every image must keep (the worst one counts): above ~0.985 differences are hard to find side by side. */
const TARGET = 0.985;
const WIDTH = 800;
const QUALITIES = [40, 50, 60, 70, 76, 80, 90];
const FORMATS = ["avif", "webp", "jpg"] as const;
const MEDIA = resolve(import.meta.dirname, "../kv-seed/articles/media");

/** A photo-like card: smooth gradients, hard edges and per-pixel grain, the mix a camera picture has. */
async function photoLike(): Promise<Buffer> {
  const w = 1600;
  const h = 900;
  const raw = Buffer.alloc(w * h * 3);
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed / 0x7fffffff - 0.5) * 24;
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const sky = y < h * 0.55;
      const base = sky ? [90 + (y / h) * 160, 140 + (y / h) * 90, 210] : [60 + (x / w) * 80, 90 + Math.sin(x / 40) * 20, 50];
      for (let c = 0; c < 3; c++) raw[i + c] = Math.max(0, Math.min(255, (base[c] as number) + noise()));
    }
  // A lens never draws per-pixel white noise: a slight blur makes the grain a camera's.
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .blur(1.2)
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function rgba(input: Buffer) {
  const { data, info } = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
}

const sources: [string, Buffer][] = [
  ...readdirSync(MEDIA).map((n): [string, Buffer] => [n, readFileSync(join(MEDIA, n))]),
  ["photo-like test card", await photoLike()],
];

const results: Record<string, Record<number, { bytes: number; ssim: number }[]>> = {};
for (const [name, input] of sources) {
  const reference = await sharp(input).resize({ width: WIDTH }).png().toBuffer();
  const ref = await rgba(reference);
  const line: string[] = [];
  for (const format of FORMATS) {
    for (const quality of QUALITIES) {
      const resized = sharp(input).resize({ width: WIDTH });
      const out = await (format === "avif"
        ? resized.avif({ ...ENCODING.avif, quality })
        : format === "webp"
          ? resized.webp({ ...ENCODING.webp, quality })
          : resized.jpeg({ ...ENCODING.jpg, quality })
      ).toBuffer();
      const score = ssim(ref, await rgba(out)).mssim;
      const byQuality = results[format] ?? {};
      results[format] = byQuality;
      byQuality[quality] = [...(byQuality[quality] ?? []), { bytes: out.byteLength, ssim: score }];
      line.push(`${format}@${quality}: ${(out.byteLength / 1024).toFixed(1)} KiB, SSIM ${score.toFixed(4)}`);
    }
  }
  console.log(`\n${name} (${WIDTH} px)\n  ${line.join("\n  ")}`);
}

console.log(`\nover ${sources.length} images; chosen: lowest quality whose worst SSIM >= ${TARGET}`);
for (const format of FORMATS) {
  let chosen: number | null = null;
  for (const quality of QUALITIES) {
    const rows = results[format]?.[quality] ?? [];
    const worst = Math.min(...rows.map((r) => r.ssim));
    const kib = rows.reduce((s, r) => s + r.bytes, 0) / rows.length / 1024;
    if (chosen === null && worst >= TARGET) chosen = quality;
    console.log(`  ${format}@${quality}: mean ${kib.toFixed(1)} KiB, worst SSIM ${worst.toFixed(4)}`);
  }
  console.log(`  => ${format}: quality ${chosen ?? "none reaches the target"} (configured: ${ENCODING[format].quality})`);
}
