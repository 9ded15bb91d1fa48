// Builds the Worker exactly as `wrangler deploy` would (dry run), reports its size and checks the [alias] stubs.
// The stubs in this folder replace modules by import specifier, and wrangler matches a specifier from any importer;
// this check makes sure each stub is reached only from the package it was written for, so a new dependency that
// happens to import e.g. "./compile.js" can never be silently handed zod's stand-in.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLE_STUBS } from "./bundle-stubs.mjs";

const IMPORTER_OF_STUB = Object.fromEntries(Object.values(BUNDLE_STUBS).map(({ importer, stub }) => [stub, importer]));

/** Runs `wrangler deploy --dry-run` in `root`; returns the sizes wrangler prints and any misrouted stub import. */
export function measureDeployableBundle(root = process.cwd()) {
  const outdir = mkdtempSync(join(tmpdir(), "deployable-bundle-"));
  try {
    const metafile = join(outdir, "meta.json");
    const output = execFileSync(
      "npx",
      ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const sizes = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    if (!sizes) throw new Error(`no "Total Upload" line in wrangler's output:\n${output}`);
    return {
      totalKiB: Number(sizes[1]),
      gzipKiB: Number(sizes[2]),
      stubProblems: misroutedStubImports(JSON.parse(readFileSync(metafile, "utf8"))),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function misroutedStubImports(metafile) {
  const problems = [];
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      const allowed = IMPORTER_OF_STUB[imported.path];
      if (imported.path.startsWith("workers/build/") && !(allowed && importer.includes(allowed))) {
        problems.push(`${importer} imports "${imported.original}", which [alias] sends to ${imported.path}`);
      }
    }
  }
  const reached = new Set(Object.values(metafile.inputs).flatMap((input) => input.imports.map(({ path }) => path)));
  for (const stub of Object.keys(IMPORTER_OF_STUB)) {
    if (!reached.has(stub)) problems.push(`${stub} is never used: wrangler.toml [alias] and bundle-stubs.mjs disagree`);
  }
  // The tests' settable clock (test/support/clock.ts) stands in for workers/time/clock.ts only in the test build.
  for (const input of Object.keys(metafile.inputs)) {
    if (input.startsWith("test/")) problems.push(`${input} is test code inside the deployable bundle`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { totalKiB, gzipKiB, stubProblems } = measureDeployableBundle();
  console.log(`deployable bundle: ${totalKiB} KiB, ${gzipKiB} KiB gzip (target ≤ 250 KiB gzip)`);
  for (const problem of stubProblems) console.error(`[alias] stub: ${problem}`);
  if (stubProblems.length > 0) process.exitCode = 1;
}
