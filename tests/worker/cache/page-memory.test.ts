// The in-isolate page memory (cache/page-memory.ts): a byte-bounded store of rendered pages.
import { describe, expect, it } from "vitest";
import { PageMemory, type StoredPage } from "../../../src/cache/page-memory.ts";

const page = (bytes: number, version = "v1"): StoredPage => ({ version, body: new Uint8Array(bytes), slots: [], headers: [] });

describe("PageMemory", () => {
  it("never holds more bytes than its bound", () => {
    const memory = new PageMemory(10_000);
    for (let i = 0; i < 100; i++) memory.set(`k${i}`, page(999));
    expect(memory.bytes).toBeLessThanOrEqual(10_000);
    expect(memory.get("k99")).toBeDefined();
    expect(memory.get("k0")).toBeUndefined();
  });

  it("evicts the least recently used page first", () => {
    const memory = new PageMemory(3_100);
    memory.set("a", page(1000));
    memory.set("b", page(1000));
    memory.set("c", page(1000));
    memory.get("a");
    memory.set("d", page(1000));
    expect(memory.get("b")).toBeUndefined();
    expect(memory.get("a")).toBeDefined();
  });

  it("replaces a page under the same key without counting it twice, and skips pages larger than the bound", () => {
    const memory = new PageMemory(5_000);
    memory.set("a", page(1000, "v1"));
    memory.set("a", page(1000, "v2"));
    expect(memory.get("a")?.version).toBe("v2");
    expect(memory.bytes).toBe(1001);
    memory.set("huge", page(6000));
    expect(memory.get("huge")).toBeUndefined();
  });

  it("counts a page again when it grows (its analytics-bearing copy), and frees exactly what it counted", () => {
    const memory = new PageMemory(5_000);
    const grown = page(1000);
    memory.set("a", grown);
    grown.tagged = { tag: "<script></script>", body: new Uint8Array(1200), slots: [] };
    memory.set("a", grown);
    expect(memory.bytes).toBe(2201);
    memory.delete("a");
    expect(memory.bytes).toBe(0);
  });
});
