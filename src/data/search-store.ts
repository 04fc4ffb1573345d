// Reads of the search index from the CONTENT namespace: the head, then only the term and docs shards a query needs.
import { KEYS } from "./keys.ts";
import {
  type SearchDocShard,
  SearchDocShardSchema,
  type SearchHead,
  SearchHeadSchema,
  type SearchTermShard,
  SearchTermShardSchema,
} from "./search-schema.ts";
import { readJson } from "./store.ts";

export function getSearchHead(kv: KVNamespace): Promise<SearchHead | null> {
  return readJson(kv, KEYS.searchHead, SearchHeadSchema);
}

export function getSearchTermShard(kv: KVNamespace, generation: number, shard: number): Promise<SearchTermShard | null> {
  return readJson(kv, KEYS.searchTerms(generation, shard), SearchTermShardSchema);
}

export function getSearchDocShard(kv: KVNamespace, generation: number, shard: number): Promise<SearchDocShard | null> {
  return readJson(kv, KEYS.searchDocs(generation, shard), SearchDocShardSchema);
}
