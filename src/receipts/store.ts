// Receipts in D1: the one table's name, the idempotent insert, and deletion by age. No Hono, no queue.
import { RECEIPTS_TABLE, type Receipt } from "./receipt.ts";

/** Rows deleted per statement by retention: small enough for D1's per-query limits, large enough to finish quickly. */
export const PRUNE_CHUNK = 1000;

/**
 * The insert for one receipt. The id is the primary key and a second copy is ignored, so a redelivered message,
 * a retried batch or a batch replayed after a crash each leave exactly one row.
 */
export function insertReceipt(db: D1Database, r: Receipt): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO ${RECEIPTS_TABLE} (id, recorded_at, policy_version, granted, refused, outcome, jurisdiction, rule, country, gpc, language, form)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(
      r.id,
      r.recordedAt,
      r.policyVersion,
      JSON.stringify(r.granted),
      JSON.stringify(r.refused),
      r.outcome,
      r.jurisdiction,
      r.rule,
      r.country,
      r.gpc ? 1 : 0,
      r.language,
      r.form,
    );
}

/** Writes receipts in one D1 batch: a transaction, so a failure part-way leaves none of them written. */
export async function writeReceipts(db: D1Database, receipts: readonly Receipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await db.batch(receipts.map((r) => insertReceipt(db, r)));
}

/** Deletes every receipt recorded before `cutoff`, in chunks; returns how many went. */
export async function deleteReceiptsBefore(db: D1Database, cutoff: Date): Promise<number> {
  const before = cutoff.toISOString();
  const statement = db.prepare(
    `DELETE FROM ${RECEIPTS_TABLE} WHERE id IN (SELECT id FROM ${RECEIPTS_TABLE} WHERE recorded_at < ? ORDER BY recorded_at LIMIT ?)`,
  );
  let deleted = 0;
  for (;;) {
    const { meta } = await statement.bind(before, PRUNE_CHUNK).run();
    deleted += meta.changes;
    if (meta.changes < PRUNE_CHUNK) return deleted;
  }
}
