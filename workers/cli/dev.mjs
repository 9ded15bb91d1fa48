// `npm run dev`: the local Worker with a seeded demo, no account and no network needed.
// Node-side developer tooling (not bundled into the Worker). It prepares .dev.vars, applies the
// migrations to local D1, starts `wrangler dev --test-scheduled`, seeds a demo user with a few
// memberships through the real API (only if absent), and prints the demo's token and addresses.
import {
  applyMigrations,
  ensureDevVars,
  localAddress,
  portIsBusy,
  seedDemo,
  startWorker,
  waitForHealth,
} from "./local-worker.mjs";

const { port, base, origin } = localAddress();

function printBanner(demo) {
  const line = "─".repeat(72);
  console.log(`\n${line}\nrenewal-watchdog is running at ${base}  (${demo.seeded ? "demo seeded" : "demo already there"})
  demo user        ${demo.email}
  API token        ${demo.api_token}
  inbound address  ${demo.inbound_address}
  webhook URL      ${demo.webhook_url}
  dashboard        ${origin}/login — enter ${demo.email}; the sign-in link
                   appears below as an "[outbox]" line (no Resend key in dev); links in alerts
                   and sign-in mails point at ${origin}

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

async function main() {
  // Otherwise the health check below would find the other server and seed or report the wrong Worker.
  if (await portIsBusy(base)) {
    console.error(`npm run dev: something already answers on ${base}; stop it or run with PORT=8788 npm run dev`);
    process.exit(1);
  }
  const adminToken = ensureDevVars();
  applyMigrations();
  const { child } = startWorker({ port, args: ["--test-scheduled", ...process.argv.slice(2)] });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
  try {
    await waitForHealth(base, child);
    printBanner(await seedDemo(base, adminToken, { origin }));
  } catch (error) {
    console.error(`\nnpm run dev: ${error.message}`);
    child.kill("SIGTERM");
    process.exitCode = 1;
  }
}

main();
