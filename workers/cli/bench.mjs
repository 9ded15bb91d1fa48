// `npm run bench`: prints how long reading a notice takes, per fixture, next to postal-mime's parse
// alone on the same bytes, measured in one run. Node-side (workerd's clocks only move on I/O, so
// timings inside it mean nothing); the reading code is bundled from workers/read by esbuild.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { benchSweep } from "./bench-sweep.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test", "fixtures");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

async function loadReader() {
  const outfile = path.join(await mkdtemp(path.join(tmpdir(), "rw-bench-")), "reading.mjs");
  await build({
    entryPoints: [path.join(root, "workers", "cli", "bench-reading.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile,
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

/** Median and 99th percentile of `rounds` timings of fn, in microseconds (after a warm-up). */
async function time(fn, rounds = ROUNDS) {
  for (let i = 0; i < Math.min(20, rounds); i += 1) await fn();
  const samples = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

async function main() {
  const reader = await loadReader();
  const receivedAt = Date.parse("2026-11-20T00:00:00Z");
  const context = { receivedAt, timeZone: "Asia/Shanghai" };
  const rows = [];
  let mimeTotal = 0;
  let readTotal = 0;
  const emails = readdirSync(path.join(fixtures, "email")).filter((name) => name.endsWith(".eml"));
  for (const name of emails.sort()) {
    const bytes = new Uint8Array(readFileSync(path.join(fixtures, "email", name)));
    const mime = await time(() => reader.PostalMime.parse(bytes));
    const read = await time(() => reader.readAndMatchEmail(bytes, context));
    mimeTotal += mime.mean;
    readTotal += read.mean;
    rows.push([
      `email/${name}`,
      bytes.byteLength,
      fmt(mime.median),
      fmt(read.median),
      fmt(read.p99),
      (read.mean / mime.mean).toFixed(2),
    ]);
  }
  const smsDir = path.join(fixtures, "sms");
  const smsTimes = [];
  for (const name of readdirSync(smsDir)
    .filter((n) => n.endsWith(".txt"))
    .sort()) {
    const text = readFileSync(path.join(smsDir, name), "utf8");
    const read = await time(() => reader.readAndMatchSms(text, receivedAt, context.timeZone));
    smsTimes.push(read.median);
    rows.push([`sms/${name}`, Buffer.byteLength(text), "—", fmt(read.median), fmt(read.p99), "—"]);
  }
  const widths = [44, 8, 12, 14, 12, 8];
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join(" ");
  console.log(`Reading notices (${ROUNDS} rounds each, Node ${process.version}, times per message)\n`);
  console.log(line(["fixture", "bytes", "postal-mime", "parse+extract+match", "p99", "ratio"]));
  for (const row of rows) console.log(line(row));
  console.log(
    `\nE-mail (${emails.length}): mean parse+extract+match ${fmt(readTotal / emails.length)} vs postal-mime alone ${fmt(mimeTotal / emails.length)} → ratio ${(readTotal / mimeTotal).toFixed(2)}×`,
  );
  if (smsTimes.length > 0) {
    smsTimes.sort((a, b) => a - b);
    console.log(`SMS (${smsTimes.length}): median extract ${fmt(smsTimes[Math.floor(smsTimes.length / 2)])}`);
  }

  // The same number due among 20,000 and among 100,000: the statements must not follow the total.
  const sweeps = await benchSweep([
    { total: 100_000, due: 1_000 },
    { total: 20_000, due: 1_000 },
    { total: 100_000, due: 500 },
  ]);
  console.log("\nCron sweep in local D1 (Miniflare), one scheduled() run\n");
  const sweepWidths = [14, 8, 12, 12, 12, 12];
  const sweepLine = (cells) => cells.map((cell, i) => String(cell).padEnd(sweepWidths[i])).join(" ");
  console.log(sweepLine(["memberships", "due", "swept", "alerts", "statements", "time"]));
  for (const run of sweeps) {
    console.log(sweepLine([run.total, run.due, run.memberships, run.alerts, run.statements, fmt(run.ms * 1000)]));
  }
}

await main();
