// SQL text for `wrangler d1 execute`, which takes no bound parameters. Pure: the workerd tests import it too.

/**
 * A value to put in SQL text. `wrangler d1 execute` takes no bound parameters, so every value the commands send has
 * been validated already (dates, receipt ids, slugs, our own timestamps); this refuses anything that could end a literal.
 */
export function sqlText(value: string): string {
  if (!/^[A-Za-z0-9_:.-]*$/.test(value)) throw new Error(`refusing to put ${JSON.stringify(value)} into SQL`);
  return `'${value}'`;
}
