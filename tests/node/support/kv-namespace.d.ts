// The one Workers type Node-side code meets: the search tests and the search bench run the Worker's search engine
// (src/search/engine.ts) over an in-memory or Miniflare KV. Imported as a module type, so no other Workers global leaks in.
type KVNamespace<Key extends string = string> = import("@cloudflare/workers-types").KVNamespace<Key>;
