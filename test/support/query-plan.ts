// Which statements a handler made read whole tables: each recorded statement (see faults-d1.ts) is run through
// SQLite's EXPLAIN QUERY PLAN with its own bound values against the real local D1.
import { env } from "cloudflare:workers";
import type { D1Call } from "./faults-d1";

export interface Scan {
  sql: string;
  /** The plan's SCAN steps: a whole table read, or a whole index walked. */
  scans: string[];
}

/** Every statement among `calls` whose plan scans one of `tables` (all tables when omitted). */
export async function tableScans(calls: D1Call[], tables?: string[]): Promise<Scan[]> {
  const found: Scan[] = [];
  for (const call of calls) {
    for (const [i, sql] of call.sql.entries()) {
      if (!/^\s*(select|update|delete|insert)/i.test(sql)) continue;
      const plan = await env.DB.prepare(`explain query plan ${sql}`)
        .bind(...(call.values[i] ?? []))
        .all<{ detail: string }>();
      const scans = plan.results
        .map((row) => row.detail)
        .filter((step) => {
          const table = /^SCAN (\w+)/.exec(step)?.[1];
          return table !== undefined && (!tables || tables.includes(table));
        });
      if (scans.length > 0) found.push({ sql, scans });
    }
  }
  return found;
}
