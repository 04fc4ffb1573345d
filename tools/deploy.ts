// `npm run deploy -- --env staging|production`: refuses a deploy without an environment or with wrangler.toml's
// placeholder namespace ids, then runs `wrangler deploy --env <name>` with any other arguments.
import { spawnSync } from "node:child_process";
import { experimental_readRawConfig } from "wrangler";
import { ENVIRONMENTS, environmentProblem, placeholdersIn } from "../kv-seed/lib/target.ts";
import { WRANGLER } from "./wrangler.ts";

const USAGE = `Usage: npm run deploy -- --env ${ENVIRONMENTS.join("|")} [wrangler deploy options]`;

const args = process.argv.slice(2);
const at = args.findIndex((a) => a === "--env" || a.startsWith("--env="));
// `npm run deploy --env production` (without --) reaches the script only as npm_config_env.
const env = at === -1 ? process.env.npm_config_env : (args[at]?.split("=")[1] ?? args[at + 1]);
const rest = at === -1 ? args : args.filter((_, i) => i !== at && (args[at]?.includes("=") || i !== at + 1));

if (env === undefined || !(ENVIRONMENTS as readonly string[]).includes(env)) {
  console.error(
    `deploy: name the environment: --env ${ENVIRONMENTS.join(" or --env ")} (the top-level configuration is local development only)\n\n${USAGE}`,
  );
  process.exit(2);
}
const config = experimental_readRawConfig({}).rawConfig;
const problem = environmentProblem(env, config);
if (problem) {
  console.error(`deploy: ${problem}`);
  process.exit(2);
}
const placeholders = placeholdersIn(env, config);
if (placeholders.length > 0) {
  console.error(
    `deploy: wrangler.toml still has placeholder ids for [env.${env}]: ${placeholders.join(", ")}; ` +
      "create each resource and put its id there (docs/deploying.md)",
  );
  process.exit(2);
}
const result = spawnSync(process.execPath, [WRANGLER, "deploy", "--env", env, ...rest], { stdio: "inherit" });
process.exit(result.status ?? 1);
