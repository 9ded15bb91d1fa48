// A D1 binding that fails on purpose: a thin wrapper around the real local D1 that throws on the calls a
// test picks by their SQL, so the real handlers meet a database error at an exact point and everything
// else still reaches the real database.
import { env } from "cloudflare:workers";
import type { Env } from "../../workers/env";

export type D1Method = "run" | "all" | "raw" | "first" | "batch";

/** One call the Worker made: a statement (run/all/raw/first), or a batch with the SQL of each statement. */
export interface D1Call {
  method: D1Method;
  sql: string[];
  /** The values bound to each statement. */
  values: unknown[][];
}

/**
 * How the chosen call fails:
 * - `unreachable`: D1 never sees it (a network error on the way there);
 * - `lost-answer`: D1 runs it and commits, then the answer is lost (the Worker sees an error anyway);
 * - `rollback`: a batch runs in D1 with a statement appended that fails, so D1 itself undoes the whole batch.
 */
export type FaultMode = "unreachable" | "lost-answer" | "rollback";

export interface Fault {
  /** Which call fails: the method ("statement": any but batch; "any": batch too) and a pattern its SQL (any
   * statement of a batch) must match. */
  method: D1Method | "statement" | "any";
  sql: RegExp;
  /** And, if given, the values bound to that statement must satisfy this. */
  values?: (values: unknown[]) => boolean;
  mode?: FaultMode;
  /** How many matching calls fail (the first ones); later ones pass. Default 1. */
  times?: number;
}

export interface FaultyDb {
  db: D1Database;
  /** Every call made through the wrapper, in order. */
  calls: D1Call[];
  /** The calls that were made to fail. */
  failed: D1Call[];
}

const STATEMENT_METHODS = new Set<D1Method>(["run", "all", "raw", "first"]);
const real = new WeakMap<object, { statement: D1PreparedStatement; sql: string; values: unknown[] }>();

/** Wraps `base` (the real binding by default) so that the calls `fault` picks throw an injected D1 error. */
export function faultyD1(fault: Fault, base: D1Database = env.DB): FaultyDb {
  const calls: D1Call[] = [];
  const failed: D1Call[] = [];
  let remaining = fault.times ?? 1;
  const mode = fault.mode ?? "unreachable";

  const picks = (call: D1Call) => {
    const method =
      fault.method === "any" ||
      (fault.method === "statement" ? STATEMENT_METHODS.has(call.method) : fault.method === call.method);
    const statement = call.sql.findIndex(
      (sql, i) => fault.sql.test(sql) && (!fault.values || fault.values(call.values[i] ?? [])),
    );
    if (remaining <= 0 || !method || statement < 0) return false;
    remaining -= 1;
    failed.push(call);
    return true;
  };
  const injected = (call: D1Call) =>
    new Error(`D1_ERROR: injected fault (${mode}) on ${call.method}: ${call.sql.join("; ").slice(0, 200)}`);

  async function perform<T>(call: D1Call, execute: () => Promise<T>): Promise<T> {
    calls.push(call);
    if (!picks(call)) return execute();
    if (mode === "unreachable") throw injected(call);
    await execute();
    throw injected(call);
  }

  function wrap(statement: D1PreparedStatement, sql: string, values: unknown[] = []): D1PreparedStatement {
    const call = (method: D1Method): D1Call => ({ method, sql: [sql], values: [values] });
    const wrapped = {
      bind: (...bound: unknown[]) => wrap(statement.bind(...bound), sql, bound),
      run: () => perform(call("run"), () => statement.run()),
      all: () => perform(call("all"), () => statement.all()),
      raw: (options?: { columnNames?: boolean }) =>
        perform(call("raw"), () => (options?.columnNames ? statement.raw({ columnNames: true }) : statement.raw())),
      first: (column?: string) => perform(call("first"), () => (column ? statement.first(column) : statement.first())),
    } as unknown as D1PreparedStatement;
    real.set(wrapped, { statement, sql, values });
    return wrapped;
  }

  const db = {
    prepare: (sql: string) => wrap(base.prepare(sql), sql),
    batch: async (statements: D1PreparedStatement[]) => {
      const parts = statements.map((statement) => real.get(statement) ?? { statement, sql: "?", values: [] });
      const call: D1Call = { method: "batch", sql: parts.map((p) => p.sql), values: parts.map((p) => p.values) };
      const unwrapped = parts.map((p) => p.statement);
      calls.push(call);
      if (!picks(call)) return base.batch(unwrapped);
      if (mode === "unreachable") throw injected(call);
      if (mode === "rollback") {
        // The NOT NULL violation fails inside D1, after the batch's own statements ran: D1 rolls all back.
        return base.batch([...unwrapped, base.prepare("insert into users (id) values (null)")]);
      }
      await base.batch(unwrapped);
      throw injected(call);
    },
    exec: (query: string) => base.exec(query),
    dump: () => base.dump(),
    withSession: (...args: Parameters<D1Database["withSession"]>) => base.withSession(...args),
  } as unknown as D1Database;
  return { db, calls, failed };
}

/** The test Env with its DB replaced by `db` (every other binding is the real one). */
export function envWith(db: D1Database, overrides: Record<string, unknown> = {}): Env {
  return { ...env, DB: db, ...overrides } as Env;
}
