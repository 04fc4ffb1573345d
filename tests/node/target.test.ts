// remoteTargetProblem (kv-seed/lib/target.ts): which --remote / --env combinations the CLI refuses, and why.
import { describe, expect, it } from "vitest";
import { placeholdersIn, remoteTargetProblem } from "../../kv-seed/lib/target.ts";

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

  it("refuses the placeholder namespace id wrangler.toml ships with, saying what to do", () => {
    const placeholder = {
      env: { production: { kv_namespaces: [{ binding: "CONTENT", id: "REPLACE_WITH_PRODUCTION_CONTENT_NAMESPACE_ID" }] } },
    };
    expect(remoteTargetProblem(true, "production", placeholder)).toBe(
      'wrangler.toml still has the placeholder id "REPLACE_WITH_PRODUCTION_CONTENT_NAMESPACE_ID" for [env.production]\'s CONTENT namespace: create the namespace with `npx wrangler kv namespace create CONTENT --env production` and put the id it prints in wrangler.toml (docs/deploying.md)',
    );
  });

  it("finds every placeholder id left in an environment, for the deploy guard", () => {
    const config = {
      env: {
        staging: {
          kv_namespaces: [{ binding: "CONTENT", id: "abc123" }],
          d1_databases: [{ binding: "DB", database_id: "REPLACE_WITH_STAGING_D1_DATABASE_ID" }],
        },
      },
    };
    expect(placeholdersIn("staging", config)).toEqual([
      'env.staging.d1_databases[0].database_id = "REPLACE_WITH_STAGING_D1_DATABASE_ID"',
    ]);
    expect(placeholdersIn("production", config)).toEqual([]);
  });

  it("allows a configured environment", () => {
    expect(remoteTargetProblem(true, "staging", STAGING)).toBeNull();
  });
});
