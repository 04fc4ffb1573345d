// A feed's KV value: the newest articles of the site, a section, a tag or an author, with full sanitized bodies.
import * as v from "valibot";
import { PAGE_SIZE } from "./keys.ts";
import { CardSchema, TermSchema } from "./schema.ts";

/** Articles per feed: a listing page's worth (scheduled ones are in it, and hidden until their time). */
export const FEED_SIZE = PAGE_SIZE;

export const FeedItemSchema = v.object({ ...CardSchema.entries, tags: v.array(TermSchema), bodyHtml: v.string() });
export type FeedItem = v.InferOutput<typeof FeedItemSchema>;

export const FeedRecordSchema = v.object({ kind: v.literal("feed"), title: v.string(), items: v.array(FeedItemSchema) });
export type FeedRecord = v.InferOutput<typeof FeedRecordSchema>;
