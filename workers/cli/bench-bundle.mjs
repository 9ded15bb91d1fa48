// The deployable bundle for `npm run bench`: `wrangler deploy --dry-run` (what would be uploaded, minified) and
// its gzip size, plus where the bytes come from, per package, so it is plain what to cut first.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/** Runs `wrangler deploy --dry-run --outdir <tmp>` once; the sweep bench runs the same output in Miniflare. */
export async function dryRunBundle() {
  const outdir = await mkdtemp(path.join(tmpdir(), "rw-bundle-"));
  const metafile = path.join(outdir, "meta.json");
  const args = [wrangler, "deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile];
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${result.stdout}${result.stderr}`);
  return { outdir, script: path.join(outdir, "index.js"), metafile };
}

/** "hono", "@hono/zod-openapi", or the app's own folder ("app: workers/read/"). */
function packageOf(file) {
  const parts = path.relative(root, path.resolve(root, file)).split(path.sep);
  const at = parts.lastIndexOf("node_modules");
  if (at >= 0) return parts[at + 1]?.startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  // The app's own code by folder (workers/read, workers/http/pages, …): the next thing to look at after packages.
  return parts[0] === ".." || parts.length === 1 ? "(wrangler glue)" : `app: ${parts.slice(0, -1).join("/")}/`;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = Object.fromEntries([...BASE64].map((char, i) => [char, i]));

/** Each generated line's segments as [column, source index], from a source map's VLQ `mappings`. */
function* segments(mappings) {
  let source = 0;
  for (const [line, text] of mappings.split(";").entries()) {
    let column = 0;
    for (const segment of text.split(",")) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = DIGIT[char];
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      yield { line, column, source: fields.length > 1 ? source : -1 };
    }
  }
}

/** The package a wrangler source-map source is from. */
function sourceOwner(source, inputs) {
  // A dependency that ships its own source map (drizzle-orm) comes out as node_modules/src/<file>.ts: find the
  // bundled input with that file's name to know whose it is.
  const rest = /node_modules\/src\/(.+)\.[cm]?[jt]sx?$/.exec(source)?.[1];
  if (!rest) return packageOf(source);
  const input = inputs.find((file) =>
    new RegExp(`node_modules/[^/]+(?:/[^/]+)?/(?:.*/)?${rest}\\.[cm]?js$`).test(file),
  );
  return input ? packageOf(input) : "(unattributed)";
}

/**
 * Minified bytes per package from wrangler's esbuild metafile (exact), and a gzip estimate per package from
 * wrangler's source map: that package's code compressed alone, a slight overestimate of its share.
 */
function contributors(dryRun) {
  const meta = JSON.parse(readFileSync(dryRun.metafile, "utf8"));
  const [, output] = Object.entries(meta.outputs).find(([file]) => file.endsWith(".js"));
  const inputs = Object.keys(output.inputs);
  const bytes = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  const map = JSON.parse(readFileSync(`${dryRun.script}.map`, "utf8"));
  const owner = map.sources.map((source) =>
    sourceOwner(path.relative(root, path.resolve(dryRun.outdir, source)), inputs),
  );
  const lines = readFileSync(dryRun.script, "utf8").split("\n");
  const pieces = new Map();
  const take = (from, to) => {
    if (from.source < 0) return;
    const name = owner[from.source];
    const text = lines[from.line].slice(from.column, from.line === to.line ? to.column : undefined);
    const list = pieces.get(name) ?? [];
    list.push(text);
    pieces.set(name, list);
  };
  let previous = null;
  for (const segment of segments(map.mappings)) {
    if (previous) take(previous, segment);
    previous = segment;
  }
  if (previous) take(previous, { line: -1 });
  const packages = [...new Set([...bytes.keys(), ...pieces.keys()])]
    .map((name) => ({
      name,
      minified: bytes.get(name) ?? 0,
      gzip: pieces.has(name) ? gzipSync(pieces.get(name).join(""), { level: 9 }).byteLength : 0,
    }))
    .sort((a, b) => b.minified - a.minified);
  return packages;
}

/** The dry-run bundle's size (raw and gzip, as Cloudflare counts it) and the per-package breakdown. */
export async function benchBundle(dryRun) {
  const script = readFileSync(dryRun.script);
  return {
    minified: script.byteLength,
    gzip: gzipSync(script, { level: 9 }).byteLength,
    packages: contributors(dryRun),
  };
}
