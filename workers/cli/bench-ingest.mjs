// Webhook ingest throughput for `npm run bench`: the real Worker under `wrangler dev` (local D1 and R2 in a
// temporary directory) taking distinct bank SMS from an SMS-forwarder app, then the same messages again (the
// duplicate path), then a bare Hono Worker that answers 200, one after the other with the same load generator.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { api, applyMigrations, countRows, freePort, root, startWorker, waitForHealth } from "./local-worker.mjs";

const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
const START_TIMEOUT_MS = 180_000;

/**
 * One POST on a keep-alive agent: `{ status, ms }`, or `{ error, ms }` when the connection fails. The answer
 * is read to its end, as a real sender would.
 */
function post(agent, url, body, method = "POST") {
  return new Promise((resolve) => {
    const start = performance.now();
    const done = (result) => resolve({ ...result, end: performance.now(), ms: performance.now() - start });
    const request = http.request(
      url,
      {
        method,
        agent,
        headers:
          body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.on("data", () => {});
        response.on("end", () => done({ status: response.statusCode }));
        response.on("error", (error) => done({ error: error.code ?? error.message }));
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
    request.on("error", (error) => done({ error: error.code ?? error.message }));
    request.end(body ?? "");
  });
}

/**
 * A bounded load generator: `concurrency` connections (keep-alive, one request in flight on each), a warm-up
 * that is not counted, then `seconds` measured. Counts answers that complete inside the measured window:
 * 2xx toward the rate, everything else by status or error code. `request(i)` gives the i-th path and body (a
 * POST of JSON), or a path and `method: "GET"` without a body.
 */
export async function load({ base, concurrency, warmupSeconds, seconds, request }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const from = performance.now() + warmupSeconds * 1000;
  const until = from + seconds * 1000;
  const statuses = {};
  const errors = {};
  // Every answer, warm-up and window edges included: what the server stored must add up to these.
  const allStatuses = {};
  const latencies = [];
  let next = 0;
  let ok = 0;
  const connection = async () => {
    while (performance.now() < until) {
      const { path: route, body, method } = request(next);
      next += 1;
      const result = await post(agent, `${base}${route}`, body, method);
      const answer = result.error ?? result.status;
      allStatuses[answer] = (allStatuses[answer] ?? 0) + 1;
      if (result.end < from || result.end > until) continue;
      if (result.error) errors[result.error] = (errors[result.error] ?? 0) + 1;
      else statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      if (result.status >= 200 && result.status < 300) {
        ok += 1;
        latencies.push(result.ms);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, connection));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { rps: ok / seconds, ok, sent: next, statuses, errors, allStatuses, p50: at(0.5), p99: at(0.99) };
}

const pad = (n) => String(n).padStart(2, "0");

/**
 * The i-th bank SMS as an SMS-forwarder app posts it: the same charge shape each time, at a different minute,
 * day and card, so every post is a new message (the dedupe key covers text and timestamp).
 */
export function smsPost(i) {
  const minute = i % 1440;
  const day = 1 + (Math.floor(i / 1440) % 28);
  const card = 1000 + (Math.floor(i / (1440 * 28)) % 9000);
  const time = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
  return JSON.stringify({
    from: "95555",
    content: `【招商银行】您账户${card}于11月${day}日${time}在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00`,
    timestamp: `2026-11-${pad(day)}T${time}:00+08:00`,
  });
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel(items, width, task) {
  const results = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

/**
 * `hooks` users, each with the membership the SMS charges, through the real admin and user APIs. Posts are
 * spread over their webhooks so none reaches its rate limit (HOOK_RATE_LIMIT, 120 a minute per webhook): the
 * limiter is still consulted on every post, as in production, but never refuses one.
 */
async function createUsers(base, hooks) {
  return inParallel(
    Array.from({ length: hooks }, (_, i) => i),
    8,
    async (i) => {
      const user = await api(base, "POST", "/api/v1/users", ADMIN_TOKEN, { email: `bench${i}@example.com` });
      if (user.status !== 201) throw new Error(`creating bench user ${i}: ${user.status} ${JSON.stringify(user.body)}`);
      const membership = await api(base, "POST", "/api/v1/memberships", user.body.api_token, {
        name: "爱奇艺黄金VIP",
        merchant_aliases: ["爱奇艺", "支付宝-爱奇艺"],
        amount_minor: 2500,
        currency: "CNY",
        cycle_unit: "month",
        next_renewal_on: "2026-12-01",
        channel: "alipay",
      });
      if (membership.status !== 201) throw new Error(`creating bench membership ${i}: ${membership.status}`);
      return new URL(user.body.webhook_url).pathname;
    },
  );
}

/** Starts a Worker with `wrangler dev` on a free port and waits for /health; `stop()` ends it. */
async function start({ dir, name, args = [], persistTo, vars }) {
  const envFile = path.join(dir, `${name}.env`);
  writeFileSync(
    envFile,
    `${Object.entries(vars)
      .map(([key, value]) => `${key}=${value}`)
      .join("\n")}\n`,
  );
  const port = await freePort();
  // warn: no per-request log lines for either Worker, so printing them costs neither run anything.
  const worker = startWorker({
    port,
    args: [...args, "--log-level", "warn"],
    persistTo,
    envFile,
    output: "capture",
    detached: true,
  });
  try {
    await waitForHealth(worker.base, worker.child, START_TIMEOUT_MS);
  } catch (error) {
    await worker.stop();
    throw new Error(`bench: ${name} Worker did not start: ${error.message}\n${worker.output()}`);
  }
  return worker;
}

export async function benchIngest({
  concurrency = 16,
  warmupSeconds = 2,
  seconds = 8,
  duplicateSeconds = 4,
  hooks = 200,
  log = () => {},
} = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "rw-ingest-"));
  const options = { concurrency, warmupSeconds, seconds };
  const result = { concurrency, warmupSeconds, seconds, hooks };
  try {
    const persistTo = path.join(dir, "state");
    applyMigrations({ persistTo, quiet: true });
    log("starting the Worker (wrangler dev)");
    const ours = await start({
      dir,
      name: "ours",
      persistTo,
      vars: { ADMIN_TOKEN, LINK_SECRET: "bench-link-secret-0123456789abcdef", PUBLIC_URL: "http://localhost" },
    });
    try {
      log(`creating ${hooks} users with a membership each`);
      const routes = await createUsers(ours.base, hooks);
      const distinct = (i) => ({ path: routes[i % hooks], body: smsPost(i) });
      log(`distinct SMS: ${concurrency} connections, ${warmupSeconds} s warm-up + ${seconds} s`);
      result.ours = await load({ base: ours.base, ...options, request: distinct });
      // Posts the first messages again, each already stored: the answer is 200 "duplicate" without a write.
      const stored = Math.min(result.ours.sent, 2000);
      log(`duplicate SMS: ${warmupSeconds} s warm-up + ${duplicateSeconds} s`);
      result.duplicate = await load({
        base: ours.base,
        ...options,
        seconds: duplicateSeconds,
        request: (i) => distinct(i % stored),
      });
      // The floor under any ingest on this machine: a request that makes exactly one local D1 query and nothing
      // else (GET /health runs "select 1"). A notice needs at least three calls of that kind.
      log(`one D1 query per request (GET /health): ${warmupSeconds} s warm-up + ${duplicateSeconds} s`);
      result.oneQuery = await load({
        base: ours.base,
        ...options,
        seconds: duplicateSeconds,
        request: () => ({ path: "/health", method: "GET" }),
      });
      // Only real failures: wrangler also warns, harmlessly, that it cannot fetch Request.cf offline.
      result.oursErrorOutput = /\[ERROR\]|Uncaught|✘/.test(ours.output()) ? ours.output().slice(-2000) : "";
    } finally {
      await ours.stop();
    }
    // Nothing lost, nothing doubled under load: every 201 is one stored message with one event, and the
    // replays stored nothing. Counted in the Worker's local D1 once it has stopped.
    result.stored = {
      created: (result.ours.allStatuses[201] ?? 0) + (result.duplicate.allStatuses[201] ?? 0),
      messages: countRows(persistTo, "select count(*) as n from inbound_messages"),
      events: countRows(persistTo, "select count(*) as n from events"),
      originals: countRows(persistTo, "select count(*) as n from inbound_originals"),
    };
    log("starting the bare Hono Worker (wrangler dev)");
    const bare = await start({
      dir,
      name: "bare",
      args: ["--config", path.join(root, "workers", "cli", "bench-bare", "wrangler.toml")],
      persistTo: path.join(dir, "bare-state"),
      vars: { BENCH: "bare" },
    });
    try {
      log(`bare: ${concurrency} connections, ${warmupSeconds} s warm-up + ${seconds} s`);
      result.bare = await load({
        base: bare.base,
        ...options,
        request: (i) => ({ path: `/hooks/wh${i % hooks}`, body: smsPost(i) }),
      });
    } finally {
      await bare.stop();
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
