// `npm run lint` runs this after Biome: the folders of workers/ and schema/ import only what the README's map
// ("Working on it") says they may. A runtime import across a line the map forbids fails the lint with the file,
// the line and the rule; type-only imports are allowed where the rule says so.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The folder a file belongs to: `schema`, `http`, `db`, `services`, … (a file loose in workers/ is its own name). */
function folderOf(file) {
  const [top, second, third] = file.split("/");
  if (top === "schema") return "schema";
  return third === undefined ? second.replace(/\.tsx?$/, "") : second;
}

const DOMAIN = ["read", "match", "rules", "money", "time", "texts", "secrets"];

/** What each folder may not import at runtime (`type` imports pass unless `types` is false). */
const RULES = [
  {
    from: ["schema"],
    not: ["workers"],
    types: false,
    why: "schema/ is the vocabulary the Worker builds on: it imports nothing of it, not even a type",
  },
  {
    from: ["services", "db", ...DOMAIN],
    not: ["pkg:hono", "pkg:@hono/zod-openapi"],
    types: false,
    why: "only the doors (http/) know HTTP: services, queries and the domain take plain values",
  },
  {
    from: ["services", "http", "deliver", "inbound", "index", ...DOMAIN],
    not: ["pkg:drizzle-orm"],
    why: "SQL lives in db/: everyone else calls its named queries",
  },
  { from: DOMAIN, not: ["db", "services", "http", "deliver", "inbound"], why: "the domain is pure: no I/O" },
  { from: ["services"], not: ["http"], why: "services are called by doors, never the other way round" },
  { from: ["db"], not: ["services", "http", "deliver", "inbound"], why: "queries know tables, not operations" },
];

function sourceFiles(dir) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith("workers/cli/") && !file.startsWith("workers/build/"));
}

/** Where an import specifier points: `pkg:<name>`, `workers`-relative folder, or `schema`. */
function targetOf(file, specifier) {
  if (!specifier.startsWith(".")) {
    const parts = specifier.split("/");
    return `pkg:${specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]}`;
  }
  const resolved = path.normalize(path.join(path.dirname(file), specifier));
  if (resolved.startsWith("schema")) return "schema";
  return folderOf(resolved.endsWith(".ts") || resolved.endsWith(".tsx") ? resolved : `${resolved}.ts`);
}

const IMPORT = /^(import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm;

const problems = [];
for (const file of [...sourceFiles("workers"), ...sourceFiles("schema")]) {
  const from = folderOf(file);
  const text = readFileSync(path.join(root, file), "utf8");
  for (const match of text.matchAll(IMPORT)) {
    const typeOnly = Boolean(match[2]);
    const target = targetOf(file, match[3]);
    const line = text.slice(0, match.index).split("\n").length;
    for (const rule of RULES) {
      if (!rule.from.includes(from) || (typeOnly && rule.types !== false)) continue;
      const forbidden = rule.not.some((name) =>
        name === "workers" ? target !== "schema" && !target.startsWith("pkg:") : target === name,
      );
      if (forbidden) problems.push(`${file}:${line} imports ${match[3]} — ${rule.why}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`check-layers: ${problems.length} import(s) across the map's lines (README, "Working on it"):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log("check-layers: every import keeps to the map");
