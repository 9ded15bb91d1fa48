// The drizzle client over the D1 binding; every query module takes one of these.
import { drizzle } from "drizzle-orm/d1";
import * as tables from "../../schema/tables";

export const database = (d1: D1Database) => drizzle(d1, { schema: tables });
export type Db = ReturnType<typeof database>;

/** D1 reports constraint violations only through the message text. */
export function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return /UNIQUE constraint failed/i.test(text);
}
