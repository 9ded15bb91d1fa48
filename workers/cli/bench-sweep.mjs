// The cron sweep at scale, for `npm run bench`: the real Worker (as `wrangler deploy --dry-run` builds it) in
// Miniflare with a fresh local D1 built from the real migrations, seeded with N memberships of which some are
// due, then one scheduled() run timed from Node. The Worker reports the D1 statements the sweep issued.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

// Each scenario runs in a child process that is killed after a hard limit and tried again: Miniflare's proxy answers
// some calls synchronously (the Node thread waits on a futex), and a wait that never ends lets no timer fire.
const CHILD_LIMIT_MS = Number(process.env.BENCH_SWEEP_CHILD_MS ?? 150_000);
const ATTEMPTS = 3;

function inChild(scenario, scriptPath) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify({ scenario, scriptPath })], {
      stdio: ["ignore", "pipe", "inherit"],
      // Its own process group, so a kill also takes the workerd that Miniflare started (else left running).
      detached: true,
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(killGroup, CHILD_LIMIT_MS);
    child.on("exit", () => {
      clearTimeout(timer);
      killGroup();
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve(null);
      }
    });
  });
}

/** One scheduled() run per scenario, each in its own process; `scriptPath` is a `wrangler deploy --dry-run` bundle. */
export async function benchSweep(scenarios, scriptPath) {
  scriptPath ??= (await dryRunBundle()).script;
  const results = [];
  for (const scenario of scenarios) {
    let result = null;
    for (let attempt = 1; attempt <= ATTEMPTS && !result; attempt += 1) {
      result = await inChild(scenario, scriptPath);
      if (!result)
        console.error(`bench: sweep ${scenario.total}/${scenario.due}: Miniflare stalled (attempt ${attempt})`);
    }
    results.push(
      result ?? { ...scenario, ms: CHILD_LIMIT_MS, timedOut: true, stalled: `Miniflare, ${ATTEMPTS} attempts` },
    );
  }
  return results;
}

async function sweepInProcess(scenarios, scriptPath) {
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
        unsafeTriggerHandlers: true,
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
      const start = process.hrtime.bigint();
      // An ordinary HTTP request to Miniflare's trigger route, not `worker.scheduled()`: the first call through
      // Miniflare's proxy blocks Node in Atomics.wait until the handler returns, so the Worker's log lines fill
      // the stdout pipe nobody is reading, and both sides wait for ever (seen at 100,000 / 500 due).
      const time = Date.parse("2026-12-01T02:00:00Z");
      const run = mf
        .dispatchFetch(
          `http://localhost/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${time}`,
        )
        .then(async (response) => {
          const body = await response.text();
          if (!response.ok) throw new Error(`scheduled(): ${response.status} ${body}`);
        });
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

// Child mode: one scenario, its result as the last line of stdout.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  const { scenario, scriptPath } = JSON.parse(process.argv[2]);
  const [result] = await sweepInProcess([scenario], scriptPath);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
