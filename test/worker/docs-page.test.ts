// /docs on a phone and as a page of the product: nothing scrolls the page sideways (long descriptions wrap in
// their box, tables stack), there is a way back to the dashboard, and no browser logs a missing favicon.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchPage } from "../support/dashboard";

const docs = async () => {
  const page = await fetchPage("/docs");
  expect(page.status).toBe(200);
  return page.html;
};

const stylesheet = (html: string) => html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";

describe("/docs", () => {
  it("wraps the long operation descriptions inside their box instead of widening the page", async () => {
    const html = await docs();
    // The webhook-signing description is one of the <pre> blocks with lines far wider than a phone.
    expect(html).toContain('<pre class="description">');
    expect(stylesheet(html)).toMatch(/(?:^|\n)pre\{[^}]*white-space:pre-wrap[^}]*\}/);
    expect(stylesheet(html)).toMatch(/(?:^|\n)pre\{[^}]*overflow-wrap:anywhere[^}]*\}/);
  });

  it("keeps every schema table in a box that scrolls by itself, its rows stacked on a narrow screen", async () => {
    const html = await docs();
    const tables = html.match(/<table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(10);
    expect(html.match(/<div class="table-wrap"><table>/g)).toHaveLength(tables.length);
    const css = stylesheet(html);
    expect(css).toContain(".table-wrap{overflow-x:auto}");
    expect(css).toMatch(/@media \(max-width:40rem\)\{[^@]*\.table-wrap :is\(table,tbody,tr,td\)\{display:block\}/);
    // Field names stay whole on a wide screen: only the notes column may break a long token anywhere.
    expect(css).toContain("td:last-child{overflow-wrap:anywhere}");
    expect(css).not.toMatch(/(?:^|[\n,}])td\{[^}]*overflow-wrap:anywhere/);
  });

  it("links back to the dashboard", async () => {
    const html = await docs();
    const body = html.slice(html.indexOf("<body>"));
    expect(body.slice(0, body.indexOf("<h1>"))).toContain('<nav class="back"><a href="/app">← Dashboard</a></nav>');
  });

  it("carries an inline icon, and /favicon.ico answers 204 rather than 404", async () => {
    expect(await docs()).toContain('<link rel="icon" href="data:,">');
    for (const accept of ["image/avif,image/webp,image/*,*/*;q=0.8", "application/json"]) {
      const response = await exports.default.fetch(
        new Request("https://watchdog.test/favicon.ico", { headers: { accept } }),
      );
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
      expect(response.headers.get("cache-control")).toContain("max-age=");
    }
  });
});
