// /docs: the OpenAPI document rendered as one self-contained HTML page (no scripts, no CDN),
// so the human docs can never drift from /openapi.json and work offline. It fits a phone: long
// descriptions, paths and example URLs wrap inside their boxes, never the page.

import { escapeHtml } from "../texts/escape-html";

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  example?: unknown;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
};
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Document = {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const refName = (ref: string) => ref.split("/").pop() ?? ref;

function typeLabel(schema: Schema): string {
  if (schema.$ref)
    return `<a href="#schema-${escapeHtml(refName(schema.$ref))}">${escapeHtml(refName(schema.$ref))}</a>`;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeLabel).join(" | ");
  if (schema.enum) return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  if (type === "array" && schema.items) return `${typeLabel(schema.items)}[]`;
  return escapeHtml(schema.format ? `${type} (${schema.format})` : type);
}

function constraints(schema: Schema): string {
  const notes = [
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.minLength !== undefined && `min length ${schema.minLength}`,
    schema.maxLength !== undefined && `max length ${schema.maxLength}`,
    schema.pattern && `pattern <code>${escapeHtml(schema.pattern)}</code>`,
    schema.default !== undefined && `default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`,
    schema.example !== undefined && `e.g. <code>${escapeHtml(JSON.stringify(schema.example))}</code>`,
  ].filter(Boolean);
  return [schema.description && escapeHtml(schema.description), ...notes].filter(Boolean).join("; ");
}

/** allOf (how zod's .extend() of a named schema comes out) merged into one object schema. */
function flatten(schema: Schema, components: Record<string, Schema>): Schema {
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((part) =>
    flatten(part.$ref ? (components[refName(part.$ref)] ?? {}) : part, components),
  );
  return {
    ...schema,
    properties: Object.assign({}, ...parts.map((part) => part.properties)),
    required: parts.flatMap((part) => part.required ?? []),
  };
}

function propertiesTable(schema: Schema): string {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return `<p>${typeLabel(schema)}</p>`;
  const required = new Set(schema.required ?? []);
  const rows = properties
    .map(
      ([name, property]) =>
        `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? "" : " <small>optional</small>"}</td>` +
        `<td>${typeLabel(property)}</td><td>${constraints(property)}</td></tr>`,
    )
    .join("");
  return `<div class="table-wrap"><table><thead><tr><th>field</th><th>type</th><th>notes</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function operationSection(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}) ${p.schema ? typeLabel(p.schema) : ""}</li>`,
    )
    .join("");
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(([status, response]) => {
      const schema = response.content?.["application/json"]?.schema;
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? "")}${schema ? ` — ${typeLabel(schema)}` : ""}</li>`;
    })
    .join("");
  const auth = op.security?.length ? Object.keys(op.security[0] ?? {}).join(", ") : "none";
  return `<section class="op"><h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? "")}</p>${op.description ? `<pre class="description">${escapeHtml(op.description)}</pre>` : ""}<p><small>auth: ${escapeHtml(auth)}</small></p>
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}
${body ? `<h4>Body</h4>${typeLabel(body)}` : ""}
<h4>Responses</h4><ul>${responses}</ul></section>`;
}

export function renderDocs(document: unknown): string {
  const doc = document as Document;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => operationSection(path, method, op)),
  );
  const components = doc.components?.schemas ?? {};
  const schemas = Object.entries(components)
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${propertiesTable(flatten(schema, components))}</section>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<link rel="icon" href="data:,">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1f24}
nav.back{margin:0 0 .5rem}
code{background:#f2f4f7;padding:0 .25em;border-radius:3px}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:.5rem .75rem;border-radius:4px}
h3 code,li,td:last-child{overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
@media (max-width:40rem){.table-wrap thead{display:none}.table-wrap :is(table,tbody,tr,td){display:block}
.table-wrap tr{border-bottom:1px solid #e6e8eb;padding:.3rem 0}.table-wrap td{border:0;padding:.1rem 0;overflow-wrap:anywhere}.table-wrap td:first-child{font-weight:600}}
.op{border-top:1px solid #dde1e6;padding:.5rem 0}
.method{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:.1em .4em}
.get{background:#2f6fde}.post{background:#1f8a4c}.patch{background:#b26b00}.delete{background:#c0392b}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e6e8eb;padding:.25rem .4rem;text-align:left;vertical-align:top}
</style></head><body>
<nav class="back"><a href="/app">← Dashboard</a></nav>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>
<h2>Routes</h2>${operations.join("\n")}
<h2>Schemas</h2>${schemas}
</body></html>`;
}
