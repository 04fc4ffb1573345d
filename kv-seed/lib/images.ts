// Local images: finds each one an article uses, checks it by its bytes, makes the responsive variants with sharp (cached
// on disk by content hash), and turns them into KV entries. The Worker serves them at /media/<name>.
import { createHash } from "node:crypto";
import { lstat, mkdir, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import sharp, { type Metadata, type Sharp } from "sharp";
import { KEYS } from "../../src/data/keys.ts";
import { MEDIA_FORMATS, type MediaFormat, mediaName, mediaPath, widthNear } from "../../src/data/media.ts";
import type { Image, Variants } from "../../src/data/schema.ts";
import { type BodyMedia, isLocalImage } from "./body-images.ts";
import { collectBodyImages } from "./markdown.ts";
import type { Problem, SourceArticle } from "./parse.ts";
import type { KvEntry, Plan } from "./types.ts";

/** What the publisher accepts; docs/images.md explains each limit. */
export const IMAGE_LIMITS = {
  /** A camera JPEG is 3–12 MB; anything past this is a mistake (a TIFF renamed, a panorama). */
  maxBytes: 20 * 1024 * 1024,
  /** 50 megapixels (e.g. 8660 × 5773) is more than any newsroom camera; decoding larger costs seconds and gigabytes. */
  maxPixels: 50_000_000,
} as const;

/** Widths made of every image no narrower than them (an image narrower than the first gets its own width only). */
export const WIDTHS = [320, 480, 640, 800, 1024, 1200, 1600] as const;

/**
 * Encoder settings, chosen by measurement (`npm run bench:images`, docs/images.md): the lowest quality per format whose
 * worst SSIM against the source stays ≥ 0.985 over the sample drawings and a photo-like test card.
 */
export const ENCODING = {
  // effort 2 (not the default 4): 6× faster for 15% more bytes, measured on the samples (docs/images.md).
  avif: { quality: 50, effort: 2 },
  webp: { quality: 90, effort: 4 },
  jpg: { quality: 70, mozjpeg: true },
} as const;

/** Formats the publisher reads, as sharp names them (AVIF is HEIF with AV1 inside). */
const ACCEPTED: Record<string, string> = { jpeg: "JPEG", png: "PNG", webp: "WebP", heif: "AVIF" };

/** The encoder's identity: part of every image hash, so new settings give new names (and new immutable URLs). */
const ENCODER_ID = JSON.stringify({ sharp: sharp.versions.sharp, vips: sharp.versions.vips, ENCODING, WIDTHS });

/** One image made ready: its content hash, the widths made, the largest variant's size, and where the files are. */
export type ProcessedImage = { hash: string; widths: number[]; width: number; height: number; dir: string };

/** Every local image of a publish, by absolute path, and what each article's references resolve to. */
export type MediaIndex = {
  /** The image for a src as written in an article file, or undefined when it is not local. */
  resolve(file: string, src: string): ProcessedImage | undefined;
  images: ProcessedImage[];
  /** Images encoded in this run (the rest came from the cache). */
  encoded: number;
};

type Ref = { file: string; field: string; line?: number; src: string };

export type ImageOptions = {
  /** The content folder: no image may live outside it. */
  root: string;
  /** Where variants are kept between runs (content-addressed, safe to share and to delete). */
  cacheDir: string;
};

/** Finds, checks and encodes every local image the articles use; problems name the file, line and field. */
export async function prepareImages(
  sources: SourceArticle[],
  { root, cacheDir }: ImageOptions,
): Promise<{ media: MediaIndex; problems: Problem[] }> {
  const problems: Problem[] = [];
  const byPath = new Map<string, Promise<ProcessedImage | string>>();
  const resolved = new Map<string, string>(); // file + "\0" + src → absolute path
  const realRoot = await realpath(root).catch(() => resolve(root));
  let encoded = 0;
  const jobs: Promise<void>[] = [];
  // sharp runs its own thread pool: two images at a time keep memory flat on big folders.
  const limit = pool(2);
  for (const ref of sources.filter((s) => !s.frontMatter.draft).flatMap((s) => refsOf(s, problems))) {
    // http(s) URLs and bundled /static/ files are linked as written.
    if (!isLocalImage(ref.src)) continue;
    jobs.push(
      (async () => {
        const path = await locate(ref, realRoot);
        if (typeof path !== "string") {
          problems.push({ ...at(ref), message: path.error });
          return;
        }
        resolved.set(`${ref.file}\0${ref.src}`, path);
        let job = byPath.get(path);
        if (!job) {
          job = limit(() =>
            processImage(path, cacheDir).then((r) => {
              if (typeof r !== "string" && r.fresh) encoded++;
              return typeof r === "string" ? r : r.image;
            }),
          );
          byPath.set(path, job);
        }
        const result = await job;
        if (typeof result === "string") problems.push({ ...at(ref), message: `${ref.src} ${result}` });
      })(),
    );
  }
  await Promise.all(jobs);
  const images = new Map<string, ProcessedImage>();
  for (const [path, job] of byPath) {
    const r = await job;
    if (typeof r !== "string") images.set(path, r);
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return {
    media: {
      resolve: (file, src) => {
        const path = resolved.get(`${file}\0${src}`);
        return path === undefined ? undefined : images.get(path);
      },
      images: [...new Map([...images.values()].map((i) => [i.hash, i])).values()],
      get encoded() {
        return encoded;
      },
    },
    problems,
  };
}

const at = ({ file, field, line }: Ref): Omit<Problem, "message"> => ({ file, field, ...(line ? { line } : {}) });

/** The images an article refers to (the front matter's, then the body's, with lines in the file); body images need alt. */
function refsOf(source: SourceArticle, problems: Problem[]): Ref[] {
  const refs: Ref[] = [];
  const image = source.frontMatter.image;
  if (image) refs.push({ file: source.file, field: "image.src", line: source.lines?.["image.src"], src: image.src });
  for (const found of collectBodyImages(source.markdown)) {
    const line = source.bodyLine + found.line - 1;
    if (isLocalImage(found.url) && found.alt.trim() === "") {
      problems.push({
        file: source.file,
        field: "body",
        line,
        message: `image ${found.url} needs alt text saying what it shows: ![a ferry at the quay](${found.url})`,
      });
    }
    refs.push({ file: source.file, field: "body", line, src: found.url });
  }
  return refs;
}

/** The real path of a referenced image, or why it cannot be used (outside the folder, missing, not a file). */
async function locate(ref: Ref, realRoot: string): Promise<string | { error: string }> {
  let src: string;
  try {
    src = decodeURI(ref.src);
  } catch {
    return { error: `${ref.src} is not a valid path` };
  }
  if (isAbsolute(src) || /(^|[/\\])\.\.([/\\]|$)/.test(src))
    return { error: `${ref.src} must stay inside the content folder (no "..", no absolute path)` };
  const wanted = resolve(dirname(resolve(ref.file)), src);
  let real: string;
  try {
    await lstat(wanted);
    real = await realpath(wanted);
  } catch {
    return { error: `${ref.src} not found (looked for ${relative(process.cwd(), wanted) || wanted})` };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    return { error: `${ref.src} leads outside the content folder (a symbolic link?); copy the image into it` };
  if (!(await stat(real)).isFile()) return { error: `${ref.src} is not a file` };
  return real;
}

/** Checks one image by its bytes and makes its variants, from the cache when they are there. */
async function processImage(path: string, cacheDir: string): Promise<string | { image: ProcessedImage; fresh: boolean }> {
  const size = (await stat(path)).size;
  if (size > IMAGE_LIMITS.maxBytes)
    return `is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MiB (export it smaller)`;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return `cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`;
  }
  const hash = createHash("sha256").update(ENCODER_ID).update(bytes).digest("hex").slice(0, 16);
  const dir = join(cacheDir, hash);
  const cached = await readCached(dir);
  if (cached) return { image: { ...cached, hash, dir }, fresh: false };
  const checked = await checkImage(bytes);
  if (typeof checked === "string") return checked;
  try {
    const made = await encodeVariants(bytes, checked, hash, cacheDir);
    return { image: { ...made, hash, dir }, fresh: true };
  } catch (err) {
    return `cannot be decoded (corrupt or truncated?): ${String((err as Error).message).split("\n")[0]}`;
  }
}

type Checked = { width: number; height: number };

/** The format by the file's bytes (never its name), one frame only, within the pixel limit. */
export async function checkImage(bytes: Buffer): Promise<Checked | string> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return "is not an image sharp can read: use a JPEG, PNG, WebP or AVIF file";
  }
  if (meta.format === "svg") return "is an SVG, which is refused (it can carry scripts and links); export it as PNG or WebP";
  const name = ACCEPTED[meta.format ?? ""];
  if (!name || (meta.format === "heif" && meta.compression !== "av1"))
    return `is ${meta.format?.toUpperCase() ?? "an unknown format"}, not a JPEG, PNG, WebP or AVIF (checked by its bytes)`;
  if ((meta.pages ?? 1) > 1) return `is animated (${meta.pages} frames); use a still image`;
  // EXIF orientations 5–8 turn the picture a quarter: the variants come out with width and height swapped.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  if (width * height > IMAGE_LIMITS.maxPixels)
    return `is ${width} × ${height} px (${((width * height) / 1e6).toFixed(0)} megapixels); the limit is ${IMAGE_LIMITS.maxPixels / 1e6} megapixels`;
  if (width < 1 || height < 1) return "has no pixels";
  return { width, height };
}

/** Encodes every width in every format, metadata stripped, into a fresh folder renamed into place when complete. */
async function encodeVariants(bytes: Buffer, { width, height }: Checked, hash: string, cacheDir: string) {
  const widths: number[] = WIDTHS.filter((w) => w <= width);
  if (widths.length === 0) widths.push(width);
  const temp = join(cacheDir, `.${hash}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  await mkdir(temp, { recursive: true });
  try {
    // Decoded once and oriented; every variant resizes that. failOn "error" turns a truncated file into an error.
    const base = sharp(bytes, { failOn: "error", limitInputPixels: IMAGE_LIMITS.maxPixels }).autoOrient();
    for (const w of widths) {
      const resized = base.clone().resize({ width: w, withoutEnlargement: true });
      for (const format of MEDIA_FORMATS) {
        const out = await encoder(resized.clone(), format).toBuffer();
        await writeFile(join(temp, mediaName(hash, w, format)), out);
      }
    }
    const largest = widths.at(-1) as number;
    const meta = { widths, width: largest, height: Math.round((height * largest) / width) };
    await writeFile(join(temp, "meta.json"), JSON.stringify(meta));
    const dir = join(cacheDir, hash);
    await rename(temp, dir).catch(async (err: NodeJS.ErrnoException) => {
      // Another run finished the same image first: its copy is identical.
      if (err.code !== "ENOTEMPTY" && err.code !== "EEXIST") throw err;
      await rm(temp, { recursive: true, force: true });
    });
    return meta;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

function encoder(image: Sharp, format: MediaFormat): Sharp {
  if (format === "avif") return image.avif(ENCODING.avif);
  if (format === "webp") return image.webp(ENCODING.webp);
  return image.jpeg(ENCODING.jpg);
}

async function readCached(dir: string): Promise<Omit<ProcessedImage, "hash" | "dir"> | null> {
  try {
    return JSON.parse(await readFile(join(dir, "meta.json"), "utf8")) as Omit<ProcessedImage, "hash" | "dir">;
  } catch {
    return null;
  }
}

/** The variants record pages link to. */
export const variantsOf = (image: ProcessedImage): Variants => ({ hash: image.hash, widths: image.widths });

/** What an article's front matter image becomes in its record: the fallback JPEG plus the variants. */
export function recordImage(fm: NonNullable<SourceArticle["frontMatter"]["image"]>, image: ProcessedImage | undefined): Image {
  const { src, alt, caption, credit, width, height } = fm;
  const text = { alt, ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
  if (!image) return { src, ...text, ...(width ? { width } : {}), ...(height ? { height } : {}) };
  const variants = variantsOf(image);
  return {
    src: mediaPath(image.hash, widthNear(variants, 1200), "jpg"),
    ...text,
    width: image.width,
    height: image.height,
    variants,
  };
}

/** The body's local images, by the path as written, for renderMarkdown. */
export function bodyMediaOf(source: SourceArticle, media: MediaIndex): Record<string, BodyMedia> | undefined {
  const out: Record<string, BodyMedia> = {};
  for (const found of collectBodyImages(source.markdown)) {
    const image = media.resolve(source.file, found.url);
    if (image) out[found.url] = { variants: variantsOf(image), width: image.width, height: image.height };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** One KV entry per variant. Values are loaded later (hydrateMedia), for the variants a plan actually writes. */
export function mediaEntries(images: ProcessedImage[]): KvEntry[] {
  return images.flatMap((image) =>
    image.widths.flatMap((w) =>
      MEDIA_FORMATS.map((format) => {
        const name = mediaName(image.hash, w, format);
        // The name is the content hash: the same name always holds the same bytes.
        return {
          key: KEYS.media(name),
          kind: "media" as const,
          value: "",
          base64: true,
          hash: name,
          file: join(image.dir, name),
        };
      }),
    ),
  );
}

/** Reads the bytes of the variants a plan writes, as base64 (wrangler's bulk format for binary values). */
export async function hydrateMedia(plan: Plan): Promise<void> {
  await Promise.all(
    plan.puts.map(async (entry) => {
      if (entry.kind === "media" && entry.file) entry.value = (await readFile(entry.file)).toString("base64");
    }),
  );
}

/** Runs at most `n` tasks at once. */
function pool(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
