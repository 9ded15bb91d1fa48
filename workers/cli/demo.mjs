// `npm run demo`: the product at work in a minute. Starts the local Worker (as `npm run dev` does), sends it a
// real forwarded e-mail and a bank SMS, runs the cron, prints the events and alerts, and a sign-in link.
// `--exit` stops the Worker after printing (otherwise it keeps running until Ctrl-C). Safe to run again:
// messages already received are recognised and not stored twice.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  api,
  applyMigrations,
  ensureDevVars,
  localAddress,
  portIsBusy,
  root,
  seedDemo,
  startWorker,
  waitForHealth,
} from "./local-worker.mjs";

const { port, base, origin } = localAddress();
const exitAfter = process.argv.includes("--exit");
const logFile = path.join(root, ".wrangler", "demo.log");
const fixture = (name) => readFileSync(path.join(root, "test", "fixtures", name));

/**
 * A membership the demo user already cancelled (on the platform, in early January) that is then charged
 * anyway on 18 January: the forwarded QQ-Mail receipt below is that charge, so it raises charge_after_cancel.
 */
const CANCELLED = {
  membership: {
    name: "百度网盘超级会员",
    merchant_aliases: ["百度网盘", "北京百度网讯科技有限公司"],
    amount_minor: 3000,
    currency: "CNY",
    cycle_unit: "month",
    next_renewal_on: "2026-01-18",
    channel: "alipay",
    cancel_steps: "支付宝：我的 → 设置 → 支付设置 → 免密支付/自动扣款 → 百度网盘 → 关闭服务",
  },
  cancellation: { side: "platform", cancelled_at: "2026-01-05T20:30:00+08:00" },
};

/** Today's date and 10:00 in Shanghai, so a second run on the same day sends the very same SMS. */
function todaysSms() {
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" });
  const [, month, day] = today.split("-").map(Number);
  return {
    from: "95555",
    content: `您账户1234于${month}月${day}日10:00在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00【招商银行】`,
    timestamp: `${today}T10:00:00+08:00`,
  };
}

async function ensureCancelledMembership(demo) {
  const list = await api(base, "GET", "/api/v1/memberships", demo.api_token);
  const items = list.body.items ?? list.body.memberships ?? (Array.isArray(list.body) ? list.body : []);
  const found = items.find((membership) => membership.name === CANCELLED.membership.name);
  if (found) return found;
  const created = await api(base, "POST", "/api/v1/memberships", demo.api_token, CANCELLED.membership);
  if (created.status !== 201) throw new Error(`creating ${CANCELLED.membership.name}: ${JSON.stringify(created.body)}`);
  const cancelled = await api(
    base,
    "POST",
    `/api/v1/memberships/${created.body.id}/cancellations`,
    demo.api_token,
    CANCELLED.cancellation,
  );
  if (cancelled.status >= 300) throw new Error(`recording its cancellation: ${JSON.stringify(cancelled.body)}`);
  return created.body;
}

async function eventIds(demo) {
  const { body } = await api(base, "GET", "/api/v1/events?limit=200", demo.api_token);
  return new Set((body.items ?? []).map((event) => event.id));
}

/** Delivers a raw e-mail the way Cloudflare Email Routing would; answers how many new events it made. */
async function sendEmail(demo, file, from) {
  const before = await eventIds(demo);
  const url = `${base}/cdn-cgi/local/email?from=${encodeURIComponent(from)}&to=${encodeURIComponent(demo.inbound_address)}`;
  const response = await fetch(url, { method: "POST", body: fixture(file) });
  const answer = await response.text();
  if (!response.ok) throw new Error(`delivering ${file} answered ${response.status}: ${answer}`);
  const after = await eventIds(demo);
  return [...after].filter((id) => !before.has(id)).length;
}

function show(step, what, outcome) {
  console.log(`  ${step}. ${what}\n     → ${outcome}`);
}

const table = (rows, columns) => {
  const width = (text) => [...String(text)].reduce((sum, ch) => sum + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (text, size) => `${text}${" ".repeat(Math.max(0, size - width(text)))}`;
  const sizes = columns.map((column) => Math.max(width(column), ...rows.map((row) => width(row[column] ?? ""))));
  const line = (row) => `  ${columns.map((column, i) => pad(row[column] ?? "", sizes[i])).join("  ")}`.trimEnd();
  return [
    line(Object.fromEntries(columns.map((c) => [c, c]))),
    line(Object.fromEntries(columns.map((c, i) => [c, "─".repeat(sizes[i])]))),
    ...rows.map(line),
  ].join("\n");
};

const money = (minor, currency) => (minor == null ? "" : `${(minor / 100).toFixed(2)} ${currency ?? ""}`.trim());

async function printResults(demo) {
  const memberships = (await api(base, "GET", "/api/v1/memberships", demo.api_token)).body.items ?? [];
  const nameOf = (id) => memberships.find((membership) => membership.id === id)?.name ?? (id ? id : "(no membership)");
  const events = (await api(base, "GET", "/api/v1/events?limit=200", demo.api_token)).body.items ?? [];
  const alerts = (await api(base, "GET", "/api/v1/alerts?limit=200", demo.api_token)).body.items ?? [];
  console.log(`\nEvents read from the messages (${events.length}):\n`);
  console.log(
    table(
      events.map((event) => ({
        kind: event.kind,
        merchant: event.merchant ?? "",
        amount: money(event.amount_minor, event.currency),
        on: event.occurred_at?.slice(0, 10) ?? "",
        membership: nameOf(event.membership_id),
      })),
      ["kind", "merchant", "amount", "on", "membership"],
    ),
  );
  const amountOf = (alert) => {
    const event = events.find((candidate) => candidate.id === alert.event_id);
    return event ? money(event.amount_minor, event.currency) : "";
  };
  console.log(`\nAlerts (${alerts.length}):\n`);
  console.log(
    table(
      alerts.map((alert) => ({
        kind: alert.kind,
        membership: alert.membership_id ? nameOf(alert.membership_id) : "",
        amount: amountOf(alert),
        title: alert.title,
      })),
      ["kind", "membership", "amount", "title"],
    ),
  );
  return alerts;
}

/** Asks for a sign-in link and reads it from the Worker's log (the local outbox, without Resend). */
async function signInLink(worker, email) {
  const start = worker.output().length;
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, lang: "zh-CN" }),
  });
  if (!response.ok) return null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const link = worker
      .output()
      .slice(start)
      .match(/https?:\/\/\S+\/login\/ln[a-z2-7]{32}\S*/)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

async function main() {
  if (await portIsBusy(base)) {
    console.error(
      `npm run demo: something already answers on ${base} (npm run dev?); stop it or run PORT=8788 npm run demo`,
    );
    process.exit(1);
  }
  const adminToken = ensureDevVars();
  applyMigrations({ quiet: true });
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, "");
  let live = false; // after the summary, the Worker's log goes to the terminal as with npm run dev
  const worker = startWorker({
    port,
    // startWorker points PUBLIC_URL (sign-in and timeline links) at this port.
    args: ["--test-scheduled"],
    output: "capture",
    detached: true,
    onOutput: (chunk) => {
      writeFileSync(logFile, chunk, { flag: "a" });
      if (live) process.stdout.write(chunk);
    },
  });
  const stop = async (code) => {
    await worker.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));

  try {
    console.log(`Starting the Worker on ${base} (its log: .wrangler/demo.log) …`);
    await waitForHealth(base, worker.child);
    const demo = await seedDemo(base, adminToken, { origin });
    await ensureCancelledMembership(demo);
    const count = ((await api(base, "GET", "/api/v1/memberships", demo.api_token)).body.items ?? []).length;
    console.log(`\nDemo user ${demo.email} ${demo.seeded ? "created" : "already there"}, with ${count} memberships:`);
    console.log(`the ${count - 1} that npm run dev seeds, and 百度网盘超级会员, cancelled on 5 January.\n`);

    const charged = await sendEmail(demo, "email/fwd-qqmail-gbk.eml", "2870013456@qq.com");
    show(
      1,
      `A forwarded QQ-Mail e-mail (GBK): Alipay receipt, 30.00 CNY to 北京百度网讯科技有限公司 on 18 January → ${demo.inbound_address}`,
      charged ? `stored, ${charged} event read` : "already received before: not stored again",
    );
    const signup = await sendEmail(demo, "email/alipay-signup.eml", "service@mail.alipay.com");
    show(
      2,
      "An Alipay e-mail: auto-deduct agreement signed with 上海宽娱数码科技有限公司 (bilibili)",
      signup ? `stored, ${signup} event read` : "already received before: not stored again",
    );
    const sms = todaysSms();
    const hook = await fetch(demo.webhook_url.replace(/^https?:\/\/[^/]+/, base), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(sms),
    });
    const hookBody = await hook.json().catch(() => ({}));
    if (!hook.ok) throw new Error(`the SMS webhook answered ${hook.status}: ${JSON.stringify(hookBody)}`);
    show(
      3,
      `A bank SMS from an SMS-forwarder app → POST ${new URL(demo.webhook_url).pathname.replace(/[^/]+$/, "…")}\n     “${sms.content}”`,
      hookBody.duplicate
        ? "already received before (same SMS): nothing new stored"
        : `stored, ${hookBody.events?.length ?? 0} event read`,
    );
    const cron = await fetch(`${base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/15 * * * *")}`);
    if (!cron.ok) throw new Error(`running the cron answered ${cron.status}: ${await cron.text()}`);
    show(4, "The cron (the sweep that runs every 15 minutes)", "ran");

    const alerts = await printResults(demo);
    const headline = alerts.some((alert) => alert.kind === "charge_after_cancel");
    const link = await signInLink(worker, demo.email);
    const line = "─".repeat(72);
    console.log(`\n${line}`);
    if (headline) console.log("The charge_after_cancel alert above is the point: cancelled, and charged anyway.");
    console.log("Alerts went to the local outbox (no Resend/Twilio keys): see “[outbox] to …” in .wrangler/demo.log.");
    console.log(
      `Dashboard: open this sign-in link (valid 15 minutes, once):\n  ${link ?? `(not found; ask at ${origin}/login)`}`,
    );
    if (exitAfter) {
      console.log(
        "  It works only while the Worker runs, and --exit stops it with the demo: run `npm run demo` without\n" +
          `  --exit (or \`npm run dev\`) and ask for a new link at ${origin}/login.`,
      );
    }
    console.log(`API token of ${demo.email}: ${demo.api_token}`);
    console.log(line);
    if (exitAfter) return stop(0);
    console.log(`\nThe Worker keeps running at ${base}; its log follows. Ctrl-C to stop.\n`);
    live = true;
    worker.child.on("exit", (code) => process.exit(code ?? 0));
  } catch (error) {
    console.error(`\nnpm run demo: ${error.message}\n--- end of the Worker's log ---\n${worker.output().slice(-4000)}`);
    await stop(1);
  }
}

main();
