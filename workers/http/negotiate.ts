// Content negotiation in one place: whether a request is a browser asking for a page (HTML) or an API client
// (JSON), so the doors that serve both answer each in its own kind.

/** The q-value the Accept header gives a media type (exact, then type/*, then * / *). */
function quality(accept: string, type: string): number {
  let best = -1;
  let q = 0;
  for (const part of accept.split(",")) {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const specificity = range === type ? 2 : range === `${type.split("/")[0]}/*` ? 1 : range === "*/*" ? 0 : -1;
    if (specificity <= best) continue;
    best = specificity;
    const value = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    q = value ? Number(value.slice(2)) || 0 : 1;
  }
  return q;
}

/** HTML when asked for by ?format=html, or when Accept prefers text/html to JSON (a browser). */
export function wantsHtml(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === "html";
  if (!accept) return false;
  return quality(accept, "text/html") > quality(accept, "application/json");
}
