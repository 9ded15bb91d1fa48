// The header's language switch for a signed-in reader: stores the language on the profile (the same change as
// PATCH /me with `locale`) and goes back to the page it was pressed on.
import { Hono } from "hono";
import { LOCALES } from "../../../schema/tables";
import { updateProfile } from "../../services/users";
import { userCtx } from "../context";
import type { PageEnv } from "../session";
import { errorPage } from "./error-page";
import { safeNext } from "./return-path";

export const languagePages = new Hono<PageEnv>();

languagePages.post("/", async (c) => {
  const form = await c.req.parseBody();
  const locale = LOCALES.find((known) => known === form.locale);
  if (!locale) return errorPage(c, 400, "unreadableForm");
  await updateProfile(userCtx(c), { locale });
  return c.redirect(safeNext(form.next), 303);
});
