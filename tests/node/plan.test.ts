// planPublish, applyPlan and batches: what a publish writes, in which order, in how many requests.
import { describe, expect, it } from "vitest";
import { applyPlan, batches, type KvStore, requestBytes } from "../../kv-seed/lib/apply.ts";
import { hashOf } from "../../kv-seed/lib/hash.ts";
import { EMPTY_MANIFEST, isNoop, planPublish } from "../../kv-seed/lib/plan.ts";
import type { EntryKind, KvEntry, Manifest } from "../../kv-seed/lib/types.ts";

const entry = (key: string, kind: EntryKind, value = `{"v":"${key}"}`): KvEntry => ({ key, kind, value, hash: hashOf(value) });
const NOW = new Date("2026-11-30T00:00:00Z");
const plan = (entries: KvEntry[], previous: Manifest = EMPTY_MANIFEST, prune = false) =>
  planPublish(entries, previous, { prune, now: NOW });

const SITE = [
  entry("v1:list:home:1", "listing"),
  entry("v1:sitemap", "sitemap"),
  entry("v1:article:a", "article"),
  entry("v1:article:old-a", "redirect"),
  entry("v1:article:b", "article"),
];

/** A KvStore in memory that records each request. */
function recordingStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const requests: { op: "put" | "delete"; keys: string[] }[] = [];
  const store: KvStore = {
    get: async (key) => data.get(key) ?? null,
    putMany: async (pairs) => {
      requests.push({ op: "put", keys: pairs.map((p) => p.key) });
      for (const p of pairs) data.set(p.key, p.value);
    },
    deleteMany: async (keys) => {
      requests.push({ op: "delete", keys });
      for (const k of keys) data.delete(k);
    },
  };
  return { store, data, requests };
}

describe("planPublish", () => {
  it("adds everything on a first publish, articles and redirects before listings and the sitemap", () => {
    const p = plan(SITE);
    expect(p.added).toHaveLength(5);
    expect(p.puts.map((e) => e.kind)).toEqual(["article", "article", "redirect", "listing", "sitemap"]);
  });

  it("plans nothing when nothing changed", () => {
    const first = plan(SITE);
    const second = plan(SITE, first.manifest);
    expect(isNoop(second)).toBe(true);
    expect(second.unchanged).toBe(5);
  });

  it("plans only the entries whose hash changed", () => {
    const first = plan(SITE);
    const edited = SITE.map((e) => (e.key === "v1:article:a" ? entry(e.key, "article", '{"v":"new"}') : e));
    const second = plan(edited, first.manifest);
    expect(second.changed.map((e) => e.key)).toEqual(["v1:article:a"]);
    expect(second.puts.map((e) => e.key)).toEqual(["v1:article:a"]);
    expect(second.unchanged).toBe(4);
  });

  it("reports a removed article without writing a tombstone unless pruning", () => {
    const first = plan(SITE);
    const second = plan(
      SITE.filter((e) => e.key !== "v1:article:b"),
      first.manifest,
    );
    expect(second.removedArticles).toEqual(["b"]);
    expect(second.puts).toEqual([]);
    expect(second.manifest.entries["v1:article:b"]?.kind).toBe("article");
  });

  it("writes a gone tombstone for a removed article when pruning, after every other write", () => {
    const first = plan(SITE);
    const edited = SITE.filter((e) => e.key !== "v1:article:b").map((e) =>
      e.kind === "listing" ? entry(e.key, "listing", '{"v":"without b"}') : e,
    );
    const second = plan(edited, first.manifest, true);
    expect(second.puts.map((e) => [e.key, e.kind])).toEqual([
      ["v1:list:home:1", "listing"],
      ["v1:article:b", "gone"],
    ]);
    expect(JSON.parse(second.puts[1]?.value ?? "")).toEqual({ kind: "gone", removed: NOW.toISOString() });
    expect(second.manifest.entries["v1:article:b"]?.kind).toBe("gone");
  });

  it("keeps a tombstone on later publishes without rewriting it", () => {
    const first = plan(SITE);
    const rest = SITE.filter((e) => e.key !== "v1:article:b");
    const pruned = plan(rest, first.manifest, true);
    const again = plan(rest, pruned.manifest, false);
    expect(isNoop(again)).toBe(true);
    expect(again.removedArticles).toEqual([]);
  });

  it("deletes keys that are no longer wanted, such as an old listing page or redirect", () => {
    const first = plan([...SITE, entry("v1:list:home:2", "listing")]);
    const second = plan(
      SITE.filter((e) => e.kind !== "redirect"),
      first.manifest,
    );
    expect(second.deletes.sort()).toEqual(["v1:article:old-a", "v1:list:home:2"]);
    expect(second.removedArticles).toEqual([]);
  });
});

describe("applyPlan", () => {
  it("writes articles, then listings, then tombstones, then deletes, and the manifest with the content version last", async () => {
    const { store, requests, data } = recordingStore();
    const first = plan([...SITE, entry("v1:list:home:2", "listing")]);
    await applyPlan(first, store);
    requests.length = 0;
    const rest = SITE.filter((e) => e.key !== "v1:article:b").map((e) =>
      e.kind === "article"
        ? entry(e.key, e.kind, '{"v":"edited"}')
        : e.kind === "listing"
          ? entry(e.key, e.kind, '{"v":"x"}')
          : e,
    );
    const writes = await applyPlan(plan(rest, first.manifest, true), store);
    expect(requests).toEqual([
      { op: "put", keys: ["v1:article:a"] },
      { op: "put", keys: ["v1:list:home:1"] },
      { op: "put", keys: ["v1:article:b"] },
      { op: "delete", keys: ["v1:list:home:2"] },
      { op: "put", keys: ["v1:manifest", "v1:version"] },
    ]);
    expect(writes).toBe(6);
    expect(JSON.parse(data.get("v1:manifest") ?? "").entries["v1:article:b"].kind).toBe("gone");
  });

  it("reports progress after each request", async () => {
    const { store } = recordingStore();
    const seen: [number, number][] = [];
    await applyPlan(plan(SITE), store, (done, total) => seen.push([done, total]));
    expect(seen).toEqual([
      [3, 7],
      [5, 7],
      [7, 7],
    ]);
  });
});

describe("batches", () => {
  it("splits at 10,000 pairs per request", () => {
    const many = Array.from({ length: 25_001 }, (_, i) => entry(`k${i}`, "article", "x"));
    expect(batches(many).map((b) => b.length)).toEqual([10_000, 10_000, 5_001]);
  });

  it("splits before a request would pass 50 MB, counting UTF-8 bytes and JSON escapes", () => {
    // 9 MiB of two-byte characters, JSON-escaped quotes included: 18 MiB+ per pair, so two pairs per 50 MB request.
    const big = entry("big", "article", `"${"é".repeat(9 * 1024 * 1024)}"`);
    expect(requestBytes(big)).toBeGreaterThan(18 * 1024 * 1024);
    expect(batches([big, big, big, big, big]).map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it("keeps the order of the entries", () => {
    const list = ["a", "b", "c"].map((k) => entry(k, "article"));
    expect(batches(list).flat()).toEqual(list);
  });
});
