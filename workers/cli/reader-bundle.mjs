// The reader as the Worker runs it, bundled by esbuild for Node (workers/cli/bench-reading.ts): for the bench
// and the score, which time and check the same code the Worker ships.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export async function loadReader(root) {
  const outfile = path.join(await mkdtemp(path.join(os.tmpdir(), "rw-reader-")), "reading.mjs");
  await build({
    entryPoints: [path.join(root, "workers", "cli", "bench-reading.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    outfile,
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}
