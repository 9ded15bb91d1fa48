// Vitest globalSetup for the browser tests: a real `wrangler dev` Worker on a free port with its own
// temporary D1, sending e-mail to the fake Resend (so tests read sign-in links back), and its URL provided.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, freePort, startWorker, waitForHealth } from "../../workers/cli/local-worker.mjs";
import { startFakeProviders, TEST_CREDENTIALS } from "../fakes/providers.ts";

const ADMIN_TOKEN = "browser-test-admin-token-0123456789";
/** CI machines have 2 cores: the first wrangler build and workerd start can be slow there. */
const START_TIMEOUT_MS = 180_000;

export default async function setup(project) {
  const fake = await startFakeProviders(TEST_CREDENTIALS);
  const dir = mkdtempSync(path.join(tmpdir(), "rw-browser-"));
  const persistTo = path.join(dir, "state");
  const port = await freePort();
  // localhost, not 127.0.0.1: Chromium counts http://localhost as a secure context, so the session's
  // `__Host-` Secure cookie is kept there as it is over https in production.
  const baseUrl = `http://localhost:${port}`;
  const envFile = path.join(dir, "test.env");
  // Given --env-file, wrangler reads this instead of a developer's .dev.vars.
  writeFileSync(
    envFile,
    [
      `ADMIN_TOKEN=${ADMIN_TOKEN}`,
      "LINK_SECRET=browser-test-link-secret-0123456789abcdef",
      `PUBLIC_URL=${baseUrl}`,
      `RESEND_API_KEY=${TEST_CREDENTIALS.resendApiKey}`,
      `RESEND_BASE_URL=${fake.url}`,
      "PROVIDER_TIMEOUT_MS=5000",
      "",
    ].join("\n"),
  );
  let worker;
  const cleanUp = async () => {
    await worker?.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    applyMigrations({ persistTo, quiet: true });
    worker = startWorker({ port, persistTo, envFile, output: "capture", detached: true });
    await waitForHealth(worker.base, worker.child, START_TIMEOUT_MS);
  } catch (error) {
    const output = worker?.output() ?? "";
    await cleanUp();
    throw new Error(`browser tests: could not start the Worker: ${error.message}\n--- wrangler output ---\n${output}`);
  }
  // scratchDir: a folder the tests may write to, removed with the Worker's state.
  project.provide("browserTest", { baseUrl, fakeProvidersUrl: fake.url, adminToken: ADMIN_TOKEN, scratchDir: dir });
  return cleanUp;
}
