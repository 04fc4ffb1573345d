// Local images through the publisher: checks by bytes and limits, refusals naming file, line and field with nothing
// written, the responsive variants, the encode cache, and pruning with the articles.
import { cp, mkdtemp, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../kv-seed/lib/parse.ts";
import { type KvStore, publishFolder } from "../../kv-seed/lib/publish.ts";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/images");
const temps: string[] = [];
const temp = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), `edgewire-images-${prefix}-`));
  temps.push(dir);
  return dir;
};
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

/** An in-memory KV that records every write, as bytes for binary values. */
function memoryStore() {
  const data = new Map<string, string | Buffer>();
  const writes: string[] = [];
  const store: KvStore = {
    get: async (key) => {
      const v = data.get(key);
      return v === undefined ? null : String(v);
    },
    putMany: async (pairs) => {
      for (const { key, value, base64 } of pairs) {
        data.set(key, base64 ? Buffer.from(value, "base64") : value);
        writes.push(key);
      }
    },
    deleteMany: async (keys) => {
      for (const key of keys) data.delete(key);
    },
  };
  return { store, data, writes };
}

const article = (image: string, body = "A body.") => `---
headline: An article with an image
slug: with-image
published: 2026-03-02T09:30:00Z
section: Harbour
summary: A test article.
image:
  src: ${image}
  alt: Something drawn
---

${body}
`;

/** A folder with one article (front matter image `src`) and the fixture's good images in media/. */
async function folder(src: string, body?: string) {
  const dir = await temp("articles");
  await cp(join(FIXTURE, "media"), join(dir, "media"), { recursive: true });
  await writeFile(join(dir, "a.md"), article(src, body));
  return dir;
}

/** One encode cache for the tests that do not count encodes: each image is encoded once per run of this file. */
let sharedCache: Promise<string> | undefined;

async function publish(dir: string, options: { cacheDir?: string; prune?: boolean } = {}) {
  const kv = memoryStore();
  sharedCache ??= temp("cache");
  const imageCacheDir = options.cacheDir ?? (await sharedCache);
  const outcome = await publishFolder(dir, kv.store, { imageCacheDir, prune: options.prune ?? false });
  return { outcome, kv, imageCacheDir, problems: outcome.ok ? [] : outcome.problems.map(formatProblem) };
}

/** Expects the publish to be refused with exactly this problem for a.md, and nothing written. */
async function expectRefused(dir: string, line: number, field: string, message: RegExp) {
  const { outcome, kv, problems } = await publish(dir);
  expect(outcome.ok).toBe(false);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`a\\.md:${line}: ${field.replace(".", "\\.")}: ${message.source}`));
  expect(kv.writes).toEqual([]);
}

/** A PNG whose header claims a size and whose pixels are a few bytes: the size is read, never decoded. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([head, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(100))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("local images the publisher refuses (line 8 is image.src)", () => {
  it("refuses a missing file", async () => {
    await expectRefused(await folder("media/nope.jpg"), 8, "image.src", /media\/nope\.jpg not found/);
  });

  it("refuses a text file named .jpg: the format comes from the bytes", async () => {
    const dir = await folder("media/fake.jpg");
    await writeFile(join(dir, "media/fake.jpg"), "this is not a picture");
    await expectRefused(dir, 8, "image.src", /media\/fake\.jpg is not an image sharp can read/);
  });

  it("refuses an SVG, saying why", async () => {
    const dir = await folder("media/drawing.svg");
    await writeFile(join(dir, "media/drawing.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>');
    await expectRefused(dir, 8, "image.src", /media\/drawing\.svg is an SVG, which is refused/);
  });

  it("refuses a GIF, which is not one of the accepted formats", async () => {
    const dir = await folder("media/old.gif");
    await sharp({ create: { width: 20, height: 20, channels: 3, background: "#f00" } })
      .gif()
      .toFile(join(dir, "media/old.gif"));
    await expectRefused(dir, 8, "image.src", /media\/old\.gif is GIF, not a JPEG, PNG, WebP or AVIF/);
  });

  it("refuses an animated WebP", async () => {
    const dir = await folder("media/moving.webp");
    const frame = (c: string) =>
      sharp({ create: { width: 20, height: 20, channels: 3, background: c } })
        .png()
        .toBuffer();
    const frames = await Promise.all(["#f00", "#00f"].map(frame));
    await sharp(frames, { join: { animated: true } })
      .webp()
      .toFile(join(dir, "media/moving.webp"));
    await expectRefused(dir, 8, "image.src", /media\/moving\.webp is animated \(2 frames\)/);
  });

  it("refuses a truncated (corrupt) JPEG", async () => {
    const dir = await folder("media/cut.jpg");
    const good = await sharp(join(FIXTURE, "media/harbour.jpg")).jpeg().toBuffer();
    await writeFile(join(dir, "media/cut.jpg"), good.subarray(0, Math.floor(good.byteLength / 3)));
    await expectRefused(dir, 8, "image.src", /media\/cut\.jpg cannot be decoded \(corrupt or truncated\?\)/);
  });

  it("refuses a 50 MB file before reading it", async () => {
    const dir = await folder("media/huge.jpg");
    await writeFile(join(dir, "media/huge.jpg"), "");
    await truncate(join(dir, "media/huge.jpg"), 50 * 1024 * 1024);
    await expectRefused(dir, 8, "image.src", /media\/huge\.jpg is 50\.0 MiB; the limit is 20 MiB/);
  });

  it("refuses 20,000 × 20,000 pixels from the header, before decoding", async () => {
    const dir = await folder("media/giant.png");
    await writeFile(join(dir, "media/giant.png"), pngClaiming(20_000, 20_000));
    await expectRefused(
      dir,
      8,
      "image.src",
      /media\/giant\.png is 20000 × 20000 px \(400 megapixels\); the limit is 50 megapixels/,
    );
  });

  it.each([
    ["../outside.jpg", /\.\.\/outside\.jpg must stay inside the content folder/],
    ["media/../../outside.jpg", /media\/\.\.\/\.\.\/outside\.jpg must stay inside the content folder/],
  ])("refuses the path %s that climbs out of the content folder", async (src, message) => {
    await expectRefused(await folder(src), 8, "image.src", message);
  });

  it("refuses an absolute path at the schema", async () => {
    const { problems, kv } = await publish(await folder("/etc/hosts.jpg"));
    expect(problems).toEqual([
      expect.stringMatching(/a\.md:8: image\.src: must be an http\(s\) URL, a bundled \/static\/ file, or a path relative/),
    ]);
    expect(kv.writes).toEqual([]);
  });

  it("refuses a symbolic link that leads outside the content folder", async () => {
    const outside = await temp("outside");
    await cp(join(FIXTURE, "media/harbour.jpg"), join(outside, "secret.jpg"));
    const dir = await folder("media/link.jpg");
    await symlink(join(outside, "secret.jpg"), join(dir, "media/link.jpg"));
    await expectRefused(dir, 8, "image.src", /media\/link\.jpg leads outside the content folder/);
  });

  it("refuses a body image without alt text, at its line in the file", async () => {
    await expectRefused(
      await folder("media/harbour.jpg", "Intro.\n\n![](media/pier.png)"),
      14,
      "body",
      /image media\/pier\.png needs alt text/,
    );
  });

  it("refuses a missing body image at its line", async () => {
    await expectRefused(
      await folder("media/harbour.jpg", "Intro.\n\n![A pier](media/gone.png)"),
      14,
      "body",
      /media\/gone\.png not found/,
    );
  });
});

describe("variants of an accepted image", () => {
  let result: Awaited<ReturnType<typeof publish>>;
  const media = () => [...result.kv.data.keys()].filter((k) => k.startsWith("v1:media:")).sort();
  beforeAll(async () => {
    // A JPEG with a .png name and EXIF metadata: accepted by its bytes; the metadata must not survive.
    const dir = await folder("media/really-a-jpeg.png");
    await sharp(join(FIXTURE, "media/harbour.jpg"))
      .withMetadata({ exif: { IFD0: { Copyright: "Secret Camera Owner" } } })
      .jpeg()
      .toFile(join(dir, "media/really-a-jpeg.png"));
    result = await publish(dir);
  }, 120_000);

  it("makes every width up to the source's in AVIF, WebP and JPEG", () => {
    expect(result.outcome.ok).toBe(true);
    const names = media().map((k) => k.replace(/^v1:media:[0-9a-f]{16}-/, ""));
    const widths = [320, 480, 640, 800, 1024, 1200];
    expect(names).toEqual(widths.flatMap((w) => [`${w}.avif`, `${w}.jpg`, `${w}.webp`]).sort());
  });

  it("stores real images of the named format and width, with no metadata", async () => {
    for (const key of media()) {
      const bytes = result.kv.data.get(key) as Buffer;
      const meta = await sharp(bytes).metadata();
      const [, width, ext] = /-(\d+)\.(\w+)$/.exec(key) ?? [];
      expect(meta.width, key).toBe(Number(width));
      expect({ avif: "heif", webp: "webp", jpg: "jpeg" }[ext ?? ""]).toBe(meta.format);
      expect(meta.exif, key).toBeUndefined();
      expect(bytes.includes("Secret Camera Owner")).toBe(false);
    }
  });

  it("writes the variants before the article that shows them", () => {
    const firstArticle = result.kv.writes.indexOf("v1:article:with-image");
    const lastMedia = Math.max(...media().map((k) => result.kv.writes.indexOf(k)));
    expect(lastMedia).toBeLessThan(firstArticle);
  });
});

describe("the encode cache and re-publishing", () => {
  it("never encodes nor uploads an unchanged image again, and prunes the variants no article uses", async () => {
    const dir = await folder("media/harbour.jpg");
    const cacheDir = await temp("cache");
    const kv = memoryStore();
    const run = (prune = false) => publishFolder(dir, kv.store, { imageCacheDir: cacheDir, prune });

    const first = await run();
    expect(first.ok && first.images).toEqual({ count: 1, encoded: 1 });
    kv.writes.length = 0;

    // Same image, other text: the cache answers, and no variant is written again.
    await writeFile(join(dir, "a.md"), article("media/harbour.jpg", "A new body."));
    const second = await run();
    expect(second.ok && second.images).toEqual({ count: 1, encoded: 0 });
    expect(kv.writes.filter((k) => k.startsWith("v1:media:"))).toEqual([]);
    expect(kv.writes).toContain("v1:article:with-image");

    // Another image: the old one's variants go, the new one's arrive.
    const oldKeys = [...kv.data.keys()].filter((k) => k.startsWith("v1:media:"));
    await writeFile(join(dir, "a.md"), article("media/pier.png"));
    const third = await run();
    expect(third.ok && third.images).toEqual({ count: 1, encoded: 1 });
    const now = [...kv.data.keys()].filter((k) => k.startsWith("v1:media:"));
    expect(now.some((k) => oldKeys.includes(k))).toBe(false);
    expect(now).toHaveLength(3 * 4); // pier.png is 800 px wide: 320, 480, 640, 800

    // The article removed (with --prune): its image goes with it.
    await rm(join(dir, "a.md"));
    await writeFile(join(dir, "b.md"), article("https://example.com/x.jpg").replace("slug: with-image", "slug: other"));
    const fourth = await run(true);
    expect(fourth.ok).toBe(true);
    expect([...kv.data.keys()].filter((k) => k.startsWith("v1:media:"))).toEqual([]);
  });

  it("reuses one set of variants for an image two articles share", async () => {
    const dir = await folder("media/harbour.jpg");
    await writeFile(join(dir, "b.md"), article("media/harbour.jpg").replace("slug: with-image", "slug: second"));
    const { outcome, kv } = await publish(dir, { cacheDir: await temp("cache") });
    expect(outcome.ok && outcome.images).toEqual({ count: 1, encoded: 1 });
    expect([...kv.data.keys()].filter((k) => k.startsWith("v1:media:"))).toHaveLength(18);
  });

  it("keeps http(s) image URLs as written, not resized", async () => {
    const { outcome, kv } = await publish(await folder("https://images.example.com/pier.jpg"));
    expect(outcome.ok).toBe(true);
    const record = JSON.parse(String(kv.data.get("v1:article:with-image")));
    expect(record.image).toEqual({ src: "https://images.example.com/pier.jpg", alt: "Something drawn" });
    expect([...kv.data.keys()].filter((k) => k.startsWith("v1:media:"))).toEqual([]);
  });
});
