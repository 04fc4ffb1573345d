// Content hashes for KV values: short, stable, and the same on every machine.
import { createHash } from "node:crypto";

export const hashOf = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);
