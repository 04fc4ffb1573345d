// summarize (kv-seed/lib/summary.ts): the publish CLI's summary line.
import { describe, expect, it } from "vitest";
import { hashOf } from "../../kv-seed/lib/hash.ts";
import { EMPTY_MANIFEST, planPublish } from "../../kv-seed/lib/plan.ts";
import { summarize } from "../../kv-seed/lib/summary.ts";
import type { EntryKind, KvEntry } from "../../kv-seed/lib/types.ts";

describe("summarize", () => {
  const entry = (key: string, kind: EntryKind, value = key): KvEntry => ({ key, kind, value, hash: hashOf(value) });

  it("counts articles and KV keys separately", () => {
    const first = planPublish(
      [entry("v1:article:a", "article"), entry("v1:article:b", "article"), entry("v1:list:home:1", "listing")],
      EMPTY_MANIFEST,
      { prune: false, now: new Date() },
    );
    const second = planPublish(
      [entry("v1:article:a", "article", "edited"), entry("v1:list:home:1", "listing", "edited")],
      first.manifest,
      { prune: true, now: new Date() },
    );
    expect(summarize({ plan: second, articleCount: 1 })).toBe(
      "1 articles (0 new, 1 changed, 0 unchanged, 1 removed); KV keys: 0 added, 2 changed, 0 unchanged, 1 tombstoned, 0 deleted",
    );
  });
});
