// src/log.ts: the one way the Worker writes a structured log line.
import { afterEach, describe, expect, it, vi } from "vitest";
import { log, throttledLog } from "../../src/log.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("log", () => {
  it("writes one JSON line with the level and event first, then the fields", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    log("error", "kv.unavailable", { ray: null, path: "/x", served: "503" });
    expect(error).toHaveBeenCalledTimes(1);
    const line = error.mock.calls[0]?.[0] as string;
    expect(line).toBe('{"level":"error","event":"kv.unavailable","ray":null,"path":"/x","served":"503"}');
  });

  it.each([
    ["info", "log"],
    ["warn", "warn"],
    ["error", "error"],
  ] as const)("sends %s lines to console.%s", (level, method) => {
    const sink = vi.spyOn(console, method).mockImplementation(() => {});
    log(level, "test.event");
    expect(JSON.parse(sink.mock.calls[0]?.[0] as string)).toEqual({ level, event: "test.event" });
  });

  it("leaves out fields that are undefined", () => {
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    log("info", "pageview", { path: "/", issue: undefined });
    expect(JSON.parse(info.mock.calls[0]?.[0] as string)).toEqual({ level: "info", event: "pageview", path: "/" });
  });
});

describe("throttledLog", () => {
  it("writes one line per key per window, then says how many it held back", () => {
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    let now = 1_000_000;
    const limited = throttledLog("info", "receipt-limited", 60_000, () => now);
    const lines = () => info.mock.calls.map(([line]) => JSON.parse(line as string));
    for (let i = 0; i < 500; i++) limited("asn:64512", { key: "asn:64512" });
    limited("asn:64513", { key: "asn:64513" });
    expect(lines()).toEqual([
      { level: "info", event: "receipt-limited", key: "asn:64512" },
      { level: "info", event: "receipt-limited", key: "asn:64513" },
    ]);
    now += 59_999;
    limited("asn:64512", { key: "asn:64512" });
    expect(lines()).toHaveLength(2);
    now += 1;
    limited("asn:64512", { key: "asn:64512" });
    limited("asn:64512", { key: "asn:64512" });
    expect(lines().at(-1)).toEqual({ level: "info", event: "receipt-limited", key: "asn:64512", heldBack: 500 });
    // A window with nothing held back says nothing about it.
    now += 60_000;
    limited("asn:64513", { key: "asn:64513" });
    expect(lines().at(-1)).toEqual({ level: "info", event: "receipt-limited", key: "asn:64513" });
  });
});
