// `npm run bench:sizes`: the KV values a first publish of N generated articles writes (default 10,000), by kind:
// count, total and largest value, against KV's 25 MiB value limit. A dry run: nothing is written anywhere.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEYS } from "../src/data/keys.ts";
import { EMPTY_STORE, publishInto } from "../tools/publish.ts";
import { generateArticles } from "./generate-articles.ts";

const COUNT = Number(process.env.SIZES_ARTICLES ?? 10_000);
const LIMIT = 25 * 1024 * 1024;
const dir = await mkdtemp(join(tmpdir(), "edgewire-sizes-"));
try {
  await generateArticles(dir, COUNT);
  const plan = await publishInto(EMPTY_STORE, dir, { dryRun: true });
  const bytes = (s: string) => Buffer.byteLength(s);
  const kinds = new Map<string, { count: number; total: number; largest: number; key: string }>();
  const add = (kind: string, key: string, value: string) => {
    const k = kinds.get(kind) ?? { count: 0, total: 0, largest: 0, key: "" };
    k.count++;
    k.total += bytes(value);
    if (bytes(value) > k.largest) Object.assign(k, { largest: bytes(value), key });
    kinds.set(kind, k);
  };
  for (const e of plan.puts) add(e.kind, e.key, e.value);
  add("manifest", KEYS.manifest, JSON.stringify(plan.manifest));
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${COUNT} generated articles: ${plan.puts.length + 2} keys\n`);
  console.log("kind | values | total | largest | largest key | largest ÷ 25 MiB");
  console.log("--- | --- | --- | --- | --- | ---");
  for (const [kind, k] of kinds)
    console.log(
      `${kind} | ${k.count} | ${kib(k.total)} | ${kib(k.largest)} | ${k.key} | ${((k.largest / LIMIT) * 100).toFixed(2)}%`,
    );
} finally {
  await rm(dir, { recursive: true, force: true });
}
