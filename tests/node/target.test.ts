// remoteTargetProblem (kv-seed/lib/target.ts): which --remote / --env combinations the CLI refuses, and why.
import { describe, expect, it } from "vitest";
import { remoteTargetProblem } from "../../kv-seed/lib/target.ts";

const STAGING = { env: { staging: { kv_namespaces: [{ binding: "CONTENT", id: "abc123" }] } } };

describe("remoteTargetProblem", () => {
  it("allows a local publish without --env", () => {
    expect(remoteTargetProblem(false, undefined, {})).toBeNull();
  });

  it("refuses --env without --remote", () => {
    expect(remoteTargetProblem(false, "staging", STAGING)).toBe("--env applies to --remote publishing only");
  });

  it("refuses --remote without --env", () => {
    expect(remoteTargetProblem(true, undefined, STAGING)).toBe(
      "--remote needs --env staging or --env production (the top-level KV namespace is local only)",
    );
  });

  it("refuses an environment with no CONTENT namespace in wrangler.toml", () => {
    expect(remoteTargetProblem(true, "production", STAGING)).toBe(
      'wrangler.toml has no KV namespace bound as CONTENT for [env.production]; add [[env.production.kv_namespaces]] with binding = "CONTENT" and the namespace id',
    );
  });

  it("allows a configured environment", () => {
    expect(remoteTargetProblem(true, "staging", STAGING)).toBeNull();
  });
});
