// src/log.ts: the one way the Worker writes a structured log line.
import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "../../src/log.ts";

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
