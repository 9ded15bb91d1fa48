// The cron sweep at scale, for `npm run bench`: the real Worker (as `wrangler deploy --dry-run` builds it) in
// Miniflare with a fresh local D1 built from the real migrations, seeded with N memberships of which some are
// due, then one scheduled() run timed from Node. The Worker reports the D1 statements the sweep issued.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { dryRunBundle } from "./bench-bundle.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const ROWS_PER_INSERT = 400;
const SWEEP_TIMEOUT_MS = Number(process.env.BENCH_SWEEP_TIMEOUT_MS ?? 60_000);
const SEED_TIMEOUT_MS = 150_000;

/** Whether `promise` settled within `ms` (its rejection still throws). */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function applyMigrations(db) {
  const files = readdirSync(path.join(root, "migrations"))
    .filter((name) => name.endsWith(".sql"))
    .sort();
  for (const file of files) {
    const text = readFileSync(path.join(root, "migrations", file), "utf8");
    const statements = text
      .split(/--> statement-breakpoint|;\s*\n/)
      .map((part) => part.replace(/^\s*--.*$/gm, "").trim())
      .filter(Boolean);
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }
}

/** `total` memberships over users of 100 each, `due` of them due on `dueOn` (the rest far ahead). */
async function seed(db, total, due, dueOn) {
  const users = Math.ceil(total / 100);
  const userRows = [];
  for (let u = 0; u < users; u += 1) {
    userRows.push(
      `('usr_b${u}','bench${u}@example.com','Asia/Shanghai','zh-CN','["email"]',3,2,'in${u}','wh${u}','2026-01-01T00:00:00.000Z')`,
    );
  }
  const userSql =
    "insert into users (id,email,timezone,locale,channels,lead_days,renewal_grace_days,inbound_token_hash,webhook_token_hash,created_at) values ";
  for (let i = 0; i < userRows.length; i += ROWS_PER_INSERT) {
    await db.prepare(userSql + userRows.slice(i, i + ROWS_PER_INSERT).join(",")).run();
  }
  const every = Math.max(1, Math.floor(total / Math.max(due, 1)));
  const membershipSql =
    "insert into memberships (id,user_id,name,merchant_aliases,amount_minor,currency,cycle_unit,cycle_count,next_renewal_on,anchor_day,auto_renew,channel,cancel_notice_days,refund_window_days,status,created_at,next_due_on) values ";
  let rows = [];
  let dueCount = 0;
  for (let m = 0; m < total; m += 1) {
    const isDue = m % every === 0 && dueCount < due;
    if (isDue) dueCount += 1;
    const renewal = isDue ? "2026-12-03" : "2027-07-01";
    const dueDate = isDue ? dueOn : "2027-06-01";
    rows.push(
      `('mem_b${m}','usr_b${Math.floor(m / 100)}','会员${m}','["爱奇艺"]',2500,'CNY','month',1,'${renewal}',${Number(renewal.slice(8))},1,'alipay',0,0,'active','2026-01-01T00:00:00.000Z','${dueDate}')`,
    );
    if (rows.length === ROWS_PER_INSERT) {
      await db.prepare(membershipSql + rows.join(",")).run();
      rows = [];
    }
  }
  if (rows.length > 0) await db.prepare(membershipSql + rows.join(",")).run();
  return dueCount;
}

/** One scheduled() run per scenario; `scriptPath` is a `wrangler deploy --dry-run` bundle (built here if absent). */
export async function benchSweep(scenarios, scriptPath) {
  scriptPath ??= (await dryRunBundle()).script;
  const results = [];
  for (const { total, due } of scenarios) {
    const reports = [];
    // Miniflare 5 takes a new options shape; its converter keeps this readable in the familiar one.
    const mf = new Miniflare(
      convertV4MiniflareOptions({
        modules: true,
        // Module paths resolve from the filesystem root; without it workerd refuses the bundle's "..".
        modulesRoot: "/",
        scriptPath,
        compatibilityDate: "2026-11-01",
        d1Databases: { DB: "bench" },
        r2Buckets: ["RAW"],
        bindings: {
          PUBLIC_URL: "http://localhost",
          INBOUND_DOMAIN: "inbound.localhost",
          ALERT_FROM: "bench@localhost",
        },
        cf: false,
        handleStructuredLogs: ({ message }) => {
          if (message.startsWith("sweep ")) reports.push(JSON.parse(message.slice(message.indexOf("{"))));
        },
      }),
    );
    try {
      const db = await mf.getD1Database("DB");
      await applyMigrations(db);
      let seeded = 0;
      // Local D1 has been seen to stall on the bulk inserts too: give up on the scenario rather than hang.
      if (
        !(await within(
          seed(db, total, due, "2026-12-01").then((count) => (seeded = count)),
          SEED_TIMEOUT_MS,
        ))
      ) {
        results.push({ total, due, ms: SEED_TIMEOUT_MS, timedOut: true, stalled: "seeding" });
        continue;
      }
      const worker = await mf.getWorker();
      const start = process.hrtime.bigint();
      const run = worker.scheduled({ scheduledTime: new Date("2026-12-01T02:00:00Z"), cron: "*/15 * * * *" });
      // A sweep that never returns must not hang the whole bench: it is reported as timed out instead.
      const finished = await within(run, SWEEP_TIMEOUT_MS);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const report = reports.at(-1) ?? {};
      results.push({
        total,
        due: seeded,
        ms,
        timedOut: !finished,
        stalled: finished ? undefined : "scheduled()",
        ...report,
      });
    } finally {
      await within(mf.dispose(), 10_000);
    }
  }
  return results;
}
