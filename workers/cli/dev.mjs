// `npm run dev`: the local Worker with a seeded demo, no account and no network needed.
// Node-side developer tooling (not bundled into the Worker). It prepares .dev.vars, applies the
// migrations to local D1, starts `wrangler dev --test-scheduled`, seeds a demo user with a few
// memberships through the real API (only if absent), and prints the demo's token and addresses.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const demoFile = path.join(root, ".wrangler", "demo-user.json");
const childEnv = { ...process.env, WRANGLER_SEND_METRICS: "false" };

function ensureDevVars() {
  const file = path.join(root, ".dev.vars");
  if (!existsSync(file)) {
    const example = readFileSync(path.join(root, ".dev.vars.example"), "utf8");
    const vars = example
      .replace(/^ADMIN_TOKEN=.*$/m, `ADMIN_TOKEN=${randomBytes(24).toString("hex")}`)
      .replace(/^LINK_SECRET=.*$/m, `LINK_SECRET=${randomBytes(32).toString("hex")}`);
    writeFileSync(file, vars, { mode: 0o600 });
    console.log("Created .dev.vars with a fresh ADMIN_TOKEN and LINK_SECRET.");
  } else if (!/^LINK_SECRET=.+$/m.test(readFileSync(file, "utf8"))) {
    // .dev.vars from before timeline links existed: add the secret rather than make the user do it.
    appendFileSync(file, `\nLINK_SECRET=${randomBytes(32).toString("hex")}\n`);
    console.log("Added a LINK_SECRET to .dev.vars.");
  }
  const adminToken = /^ADMIN_TOKEN=(.+)$/m.exec(readFileSync(file, "utf8"))?.[1]?.trim();
  if (!adminToken) throw new Error(".dev.vars has no ADMIN_TOKEN; copy one in from .dev.vars.example");
  return adminToken;
}

function applyMigrations() {
  const result = spawnSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local"], {
    cwd: root,
    stdio: "inherit",
    env: { ...childEnv, CI: "true" }, // non-interactive: never wait for a confirmation prompt
  });
  if (result.status !== 0) throw new Error("applying the local D1 migrations failed (see above)");
}

async function waitForHealth(child) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the Worker did not answer ${base}/health within 90 s`);
}

async function api(method, route, token, body) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  return { status: response.status, body: json };
}

function isoDate(daysFromToday) {
  const date = new Date(Date.now() + daysFromToday * 86_400_000);
  return date.toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" });
}

const DEMO_MEMBERSHIPS = () => [
  {
    name: "爱奇艺黄金VIP",
    merchant_aliases: ["爱奇艺", "iQIYI", "支付宝-爱奇艺", "北京爱奇艺科技有限公司"],
    amount_minor: 2500,
    currency: "CNY",
    cycle_unit: "month",
    next_renewal_on: isoDate(9),
    channel: "alipay",
    cancel_notice_days: 7,
    cancel_steps: "支付宝：我的 → 设置 → 支付设置 → 免密支付/自动扣款 → 爱奇艺 → 关闭服务",
  },
  {
    name: "Spotify Premium",
    merchant_aliases: ["Spotify", "Spotify AB"],
    amount_minor: 1199,
    currency: "USD",
    cycle_unit: "month",
    next_renewal_on: isoDate(20),
    channel: "apple",
    cancel_steps: "Settings → Apple ID → Subscriptions → Spotify → Cancel Subscription",
  },
  {
    name: "腾讯视频VIP（试用）",
    merchant_aliases: ["腾讯视频", "财付通-腾讯视频"],
    amount_minor: 3000,
    currency: "CNY",
    cycle_unit: "month",
    next_renewal_on: isoDate(4),
    trial_ends_on: isoDate(4),
    channel: "wechat_pay",
    cancel_steps: "微信：我 → 服务 → 钱包 → 支付设置 → 自动续费 → 腾讯视频 → 关闭扣费服务",
  },
];

async function seedDemo(adminToken) {
  if (existsSync(demoFile)) {
    const saved = JSON.parse(readFileSync(demoFile, "utf8"));
    if ((await api("GET", "/api/v1/me", saved.api_token)).status === 200) return { ...saved, seeded: false };
  }
  const created = await api("POST", "/api/v1/users", adminToken, { email: "demo@example.com", locale: "zh-CN" });
  if (created.status === 409) {
    throw new Error(
      "the demo user exists but .wrangler/demo-user.json (its token) is gone; delete .wrangler/state to start over",
    );
  }
  if (created.status !== 201) throw new Error(`creating the demo user failed: ${JSON.stringify(created.body)}`);
  const demo = created.body;
  for (const membership of DEMO_MEMBERSHIPS()) {
    const result = await api("POST", "/api/v1/memberships", demo.api_token, membership);
    if (result.status !== 201) throw new Error(`seeding ${membership.name} failed: ${JSON.stringify(result.body)}`);
  }
  mkdirSync(path.dirname(demoFile), { recursive: true });
  writeFileSync(demoFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return { ...demo, seeded: true };
}

function printBanner(demo) {
  const line = "─".repeat(72);
  console.log(`\n${line}\nrenewal-watchdog is running at ${base}  (${demo.seeded ? "demo seeded" : "demo already there"})
  demo user        ${demo.email}
  API token        ${demo.api_token}
  inbound address  ${demo.inbound_address}
  webhook URL      ${demo.webhook_url}

  try it:
    curl -s ${base}/api/v1/memberships -H 'Authorization: Bearer ${demo.api_token}'
    curl -s -X POST ${base}/hooks/${demo.webhook_url.split("/").pop()} -H 'content-type: application/json' \\
      -d '{"from":"95555","text":"您账户1234于11月20日10:00在【支付宝-爱奇艺】发生快捷支付扣款，人民币25.00【招商银行】"}'
    curl -s -X POST '${base}/cdn-cgi/local/email?from=no_reply@email.apple.com&to=${demo.inbound_address}' \\
      --data-binary @test/fixtures/email/apple-receipt-text.eml              # deliver a raw e-mail
    curl -s ${base}/api/v1/events -H 'Authorization: Bearer ${demo.api_token}'
    open ${base}/docs
    curl -s '${base}/cdn-cgi/local/scheduled?cron=*/15+*+*+*+*'   # run the sweep now
${line}\n`);
}

async function portIsBusy() {
  try {
    await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  // Otherwise the health check below would find the other server and seed or report the wrong Worker.
  if (await portIsBusy()) {
    console.error(`npm run dev: something already answers on ${base}; stop it or run with PORT=8788 npm run dev`);
    process.exit(1);
  }
  const adminToken = ensureDevVars();
  applyMigrations();
  const child = spawn(
    process.execPath,
    [wrangler, "dev", "--test-scheduled", "--port", String(port), "--ip", "127.0.0.1", ...process.argv.slice(2)],
    { cwd: root, stdio: "inherit", env: childEnv },
  );
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
  try {
    await waitForHealth(child);
    printBanner(await seedDemo(adminToken));
  } catch (error) {
    console.error(`\nnpm run dev: ${error.message}`);
    child.kill("SIGTERM");
    process.exitCode = 1;
  }
}

main();
