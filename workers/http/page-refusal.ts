// A refusal a dashboard middleware raises before any page runs (signed out, CSRF): thrown, and drawn once as a
// page in the reader's language by the dashboard's error handler (pages/index.ts → pages/error-page.tsx).
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorKind } from "./pages/error-page";

export class PageRefusal extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly kind: ErrorKind,
  ) {
    super(kind);
    this.name = "PageRefusal";
  }
}
