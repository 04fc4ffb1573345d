// Runs an analyzed query against the KV index: head, the term shards of its words, the docs shards of one page.
// Every word must match; results rank by how many words are in the headline, summary, tags, section or author, then
// newest first. See docs/search.md.
import { PAGE_SIZE } from "../data/keys.ts";
import { decodePostings, type SearchDoc, termShard } from "../data/search-schema.ts";
import { getSearchDocShard, getSearchHead, getSearchTermShard } from "../data/search-store.ts";

export type SearchResults = { total: number; page: number; totalPages: number; hits: SearchDoc[]; reads: number };

/** One page (1-based) of results for analyzed terms, hiding what is removed or not yet published at `now`. */
export async function runSearch(kv: KVNamespace, terms: string[], page: number, now: number): Promise<SearchResults> {
  const head = await getSearchHead(kv);
  if (head === null) return { total: 0, page, totalPages: 1, hits: [], reads: 1 };
  const { baseDocs: base, generation } = head;
  const shardOf = (term: string) => termShard(term, head.termShards);
  const shardIds = [...new Set(terms.map(shardOf))];
  const shards = new Map(
    await Promise.all(shardIds.map(async (id) => [id, await getSearchTermShard(kv, generation, id)] as const)),
  );

  const hidden = new Set(head.removed);
  for (const [n, at] of head.scheduled) if (at > now) hidden.add(n);
  head.docs.forEach((doc, i) => {
    if (Date.parse(doc.published) > now) hidden.add(base + i);
  });
  const lists = terms
    .map((term) => [...decodePostings(shards.get(shardOf(term))?.terms[term]), ...decodePostings(head.terms[term])])
    .sort((a, b) => a.length - b.length);
  // Intersect, shortest list first: article number → how many words matched in a strong field.
  let matches = new Map<number, number>();
  for (const [n, strong] of lists[0] ?? []) if (!hidden.has(n)) matches.set(n, strong ? 1 : 0);
  for (const list of lists.slice(1)) {
    const inList = new Map(list);
    const next = new Map<number, number>();
    for (const [n, score] of matches) {
      const strong = inList.get(n);
      if (strong !== undefined) next.set(n, score + (strong ? 1 : 0));
    }
    matches = next;
  }
  const orderOf = (n: number) => (n < base ? n : (head.docs[n - base]?.order ?? n));
  const ranked = [...matches].sort((a, b) => b[1] - a[1] || orderOf(a[0]) - orderOf(b[0])).map(([n]) => n);
  const onPage = ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const docShardIds = [...new Set(onPage.filter((n) => n < base).map((n) => Math.floor(n / head.docsPerShard)))];
  const docShards = new Map(
    await Promise.all(docShardIds.map(async (id) => [id, await getSearchDocShard(kv, generation, id)] as const)),
  );
  const hits = onPage.flatMap((n) => {
    const doc = n < base ? docShards.get(Math.floor(n / head.docsPerShard))?.docs[n % head.docsPerShard] : head.docs[n - base];
    return doc ? [doc] : [];
  });
  return {
    total: ranked.length,
    page,
    totalPages: Math.max(1, Math.ceil(ranked.length / PAGE_SIZE)),
    hits,
    reads: 1 + shardIds.length + docShardIds.length,
  };
}
