// A local Worker under `wrangler dev`, shared by `npm run dev`, `npm run demo` and the browser tests:
// migrations, start/wait/stop, the JSON API, and the demo user's seed. Node-side tooling, not bundled.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const childEnv = { ...process.env, WRANGLER_SEND_METRICS: "false" };

/** Creates .dev.vars (fresh ADMIN_TOKEN and LINK_SECRET) if missing, and returns its ADMIN_TOKEN. */
export function ensureDevVars() {
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

/**
 * Applies the migrations to local D1 (in `persistTo`, default .wrangler/state). `quiet` keeps wrangler's
 * output and hands it back in the error instead of printing it.
 */
export function applyMigrations({ persistTo, quiet = false } = {}) {
  const args = [wrangler, "d1", "migrations", "apply", "DB", "--local"];
  if (persistTo) args.push("--persist-to", persistTo);
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: { ...childEnv, CI: "true" }, // non-interactive: never wait for a confirmation prompt
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}${result.stderr}` : " (see above)";
    throw new Error(`applying the local D1 migrations failed${output}`);
  }
}

/** The `n` that a `select count(*) as n …` gives on the local D1 in `persistTo` (the Worker must be stopped). */
export function countRows(persistTo, sql) {
  const args = [wrangler, "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...childEnv, CI: "true" } });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed:\n${result.stdout}${result.stderr}`);
  const [first] = JSON.parse(result.stdout);
  return Number(first?.results?.[0]?.n);
}

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already answers HTTP at `base`. */
export async function portIsBusy(base) {
  try {
    await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** PUBLIC_URL as .dev.vars sets it (a tunnel, say), or undefined. */
function devVarsPublicUrl() {
  const devVars = path.join(root, ".dev.vars");
  if (!existsSync(devVars)) return undefined;
  return /^PUBLIC_URL=(.+)$/m.exec(readFileSync(devVars, "utf8"))?.[1]?.trim().replace(/\/+$/, "") || undefined;
}

/** Where the local Worker on `port` is reached from outside: the origin of every link it hands out. */
export function publicUrl(port) {
  return devVarsPublicUrl() ?? `http://localhost:${port}`;
}

/**
 * The local Worker's port (PORT, default 8787), the loopback address scripts call it on, and the origin of the
 * links it hands out (sign-in, webhook, timeline links in alerts): that port, or PUBLIC_URL from .dev.vars.
 */
export function localAddress() {
  const port = Number(process.env.PORT ?? 8787);
  return { port, base: `http://127.0.0.1:${port}`, origin: publicUrl(port) };
}

/**
 * Starts `wrangler dev` on 127.0.0.1:`port`. `output: "inherit"` shares the terminal (npm run dev);
 * `"capture"` keeps everything it prints (see `output()`) and passes each chunk to `onOutput`.
 * `detached` puts it in its own process group so `stop()` ends workerd too, not just the wrangler process.
 */
export function startWorker({
  port,
  args = [],
  persistTo,
  envFile,
  output = "inherit",
  onOutput,
  detached = false,
  env = {},
}) {
  const fullArgs = [wrangler, "dev", "--port", String(port), "--ip", "127.0.0.1", ...args];
  if (persistTo) fullArgs.push("--persist-to", persistTo);
  if (envFile) fullArgs.push("--env-file", envFile);
  // Links the Worker hands out (sign-in, webhook, timeline) must point at this port, unless .dev.vars says
  // where the Worker is reached (a tunnel, say).
  if (!envFile && !devVarsPublicUrl()) fullArgs.push("--var", `PUBLIC_URL:${publicUrl(port)}`);
  if (output === "capture") fullArgs.push("--show-interactive-dev-session=false");
  const child = spawn(process.execPath, fullArgs, {
    cwd: root,
    stdio: output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...childEnv, ...env },
    detached,
  });
  let text = "";
  if (output === "capture") {
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        text += chunk;
        onOutput?.(chunk);
      });
    }
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => text,
    /** Ends wrangler and workerd: SIGTERM to the group (or the child), SIGKILL after `graceMs`. */
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const signal = (name) => {
        try {
          if (detached) process.kill(-child.pid, name);
          else child.kill(name);
        } catch {
          // already gone
        }
      };
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      if (detached) signal("SIGKILL"); // workerd children that outlived wrangler
    },
  };
}

/** Waits until the Worker answers /health; fails early if wrangler exits. */
export async function waitForHealth(base, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
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
  throw new Error(`the Worker did not answer ${base}/health within ${Math.round(timeoutMs / 1000)} s`);
}

/** One JSON API call: `{ status, body }` (body `{}` when the answer is not JSON). */
export async function api(base, method, route, token, body) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  return { status: response.status, body: json };
}

/** The date `daysFromToday` days from now in Shanghai, as YYYY-MM-DD. */
export function isoDate(daysFromToday) {
  const date = new Date(Date.now() + daysFromToday * 86_400_000);
  return date.toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" });
}

export const DEMO_MEMBERSHIPS = () => [
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

export const demoFile = path.join(root, ".wrangler", "demo-user.json");

/**
 * The demo user (created with DEMO_MEMBERSHIPS if absent; its token is kept in `file`, .wrangler/demo-user.json).
 * Its webhook URL is given at `origin` (where the Worker is reached now): a demo seeded on port 8787 and run again
 * with PORT=8790 must not print the old port.
 */
export async function seedDemo(base, adminToken, { origin = base, file = demoFile } = {}) {
  const at = (user) => ({ ...user, webhook_url: user.webhook_url.replace(/^https?:\/\/[^/]+/, origin) });
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8"));
    if ((await api(base, "GET", "/api/v1/me", saved.api_token)).status === 200) return { ...at(saved), seeded: false };
  }
  const created = await api(base, "POST", "/api/v1/users", adminToken, { email: "demo@example.com", locale: "zh-CN" });
  if (created.status === 409) {
    throw new Error(
      "the demo user exists but .wrangler/demo-user.json (its token) is gone; delete .wrangler/state to start over",
    );
  }
  if (created.status !== 201) throw new Error(`creating the demo user failed: ${JSON.stringify(created.body)}`);
  const demo = created.body;
  for (const membership of DEMO_MEMBERSHIPS()) {
    const result = await api(base, "POST", "/api/v1/memberships", demo.api_token, membership);
    if (result.status !== 201) throw new Error(`seeding ${membership.name} failed: ${JSON.stringify(result.body)}`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return { ...at(demo), seeded: true };
}
