// Dashboard: memberships (/app/memberships…). The list, the add form that starts from a service or channel
// preset, one membership's page, editing, recording a cancellation per side and deleting. Every change
// runs the same operations and zod schemas as the JSON API (http/memberships.ts).
import { type Context, Hono } from "hono";
import { PAYMENT_CHANNELS } from "../../../schema/tables";
import { eventsOfUser } from "../../db/events";
import { type MembershipWithCancellations, membershipsOfUser } from "../../db/memberships";
import { timelineLink } from "../../secrets/links";
import { DomainError, notFound } from "../../services/errors";
import {
  addMembership,
  changeMembership,
  membershipOf,
  recordCancellation,
  removeMembership,
} from "../../services/memberships";
import type { Locale } from "../../texts/alerts";
import { localDate } from "../../time/zones";
import { userCtx } from "../context";
import type { PageEnv } from "../session";
import {
  blankCancellation,
  type CancellationErrors,
  type CancellationFormValues,
  cancellationErrors,
  checkCancellation,
  postedCancellation,
} from "./cancellation-form";
import { frameOf } from "./layout";
import { MembershipPage, type MembershipPageProps } from "./membership-detail";
import { checkMembershipChanges, checkNewMembership } from "./membership-form-check";
import {
  addForm,
  editForm,
  FormPage,
  type FormPageProps,
  NewMembershipPage,
  type NewMembershipProps,
} from "./membership-form-page";
import {
  blankValues,
  channelValues,
  noticePrefill,
  postedValues,
  presetValues,
  recordValues,
  withNotice,
} from "./membership-form-values";
import { MembershipListPage, type MembershipListProps } from "./membership-list";
import { presetsForMerchant, servicePreset } from "./membership-presets";

// Enough to see the last few renewals; the printable timeline has everything.
const RECENT_EVENTS = 10;

type PageContext = Context<PageEnv>;

const localeOf = (c: PageContext): Locale => c.var.user.locale;
const todayOf = (c: PageContext) => localDate(c.var.now, c.var.user.timezone);
const isChannel = (value: string | undefined): value is (typeof PAYMENT_CHANNELS)[number] =>
  (PAYMENT_CHANNELS as readonly string[]).includes(value ?? "");

async function membershipListData(c: PageContext): Promise<MembershipListProps> {
  return {
    frame: frameOf(c),
    today: todayOf(c),
    memberships: await membershipsOfUser(c.var.db, c.var.user.id),
    deleted: c.req.query("done") === "deleted",
  };
}

/** The add page from its query: ?preset=, ?channel= and what an inbox notice said (?merchant=&amount=&currency=). */
function newMembershipData(c: PageContext): NewMembershipProps {
  const locale = localeOf(c);
  const frame = frameOf(c);
  const presetKey = c.req.query("preset");
  const channel = c.req.query("channel");
  if (channel !== undefined && !isChannel(channel)) throw notFound("Payment channel");
  // Started from a notice in the inbox: what it said fills the form in.
  const notice = noticePrefill((name) => c.req.query(name));
  if (presetKey === undefined && channel === undefined && !notice) return { frame, chooser: true };
  if (presetKey === undefined || presetKey === "custom") {
    const values = withNotice(channel ? channelValues(channel, locale) : blankValues(locale), notice, { name: true });
    const suggestions = notice?.merchant ? presetsForMerchant(notice.merchant) : [];
    return { frame, chooser: false, values, notice, preset: null, channel, suggestions };
  }
  const preset = servicePreset(presetKey);
  if (!preset) throw notFound("Preset");
  const paidWith = channel ?? preset.channel;
  const values = withNotice(presetValues(preset, locale, paidWith), notice, { name: false });
  return { frame, chooser: false, values, notice, preset: { key: preset.key, paidWith }, channel, suggestions: [] };
}

const ownMembership = (c: PageContext, id: string) => membershipOf(userCtx(c), id);

async function editFormData(c: PageContext, id: string): Promise<FormPageProps> {
  const membership = await ownMembership(c, id);
  return editForm(frameOf(c), membership.id, recordValues(membership), {});
}

/** One membership's page: its recent events, its timeline link and the cancellation form (blank unless refused). */
async function membershipPageData(
  c: PageContext,
  membership: MembershipWithCancellations,
  cancellation: { values: CancellationFormValues; errors: CancellationErrors } = {
    values: blankCancellation(membership, c.var.now, c.var.user.timezone),
    errors: {},
  },
): Promise<MembershipPageProps> {
  const links = c.var.ctx.links;
  const [events, timelineUrl] = await Promise.all([
    eventsOfUser(c.var.db, c.var.user.id, { membershipId: membership.id, limit: RECENT_EVENTS }),
    links ? timelineLink(links, membership.id, c.var.now) : null,
  ]);
  return {
    frame: frameOf(c),
    timeZone: c.var.user.timezone,
    today: todayOf(c),
    membership,
    events,
    timelineUrl,
    done: c.req.query("done"),
    cancellation,
  };
}

export const membershipsPages = new Hono<PageEnv>();

membershipsPages.get("/", async (c) => c.html(<MembershipListPage {...(await membershipListData(c))} />));

membershipsPages.get("/new", (c) => c.html(<NewMembershipPage {...newMembershipData(c)} />));

membershipsPages.post("/", async (c) => {
  const values = postedValues(await c.req.parseBody());
  const checked = checkNewMembership(values, localeOf(c));
  if (!checked.ok) return c.html(<FormPage {...addForm(frameOf(c), values, checked.errors)} />, 400);
  const membership = await addMembership(userCtx(c), checked.input);
  return c.redirect(`/app/memberships/${membership.id}?done=created`, 303);
});

membershipsPages.get("/:id", async (c) =>
  c.html(<MembershipPage {...(await membershipPageData(c, await ownMembership(c, c.req.param("id"))))} />),
);

membershipsPages.get("/:id/edit", async (c) => c.html(<FormPage {...(await editFormData(c, c.req.param("id")))} />));

membershipsPages.post("/:id", async (c) => {
  const membership = await ownMembership(c, c.req.param("id"));
  const values = postedValues(await c.req.parseBody());
  const checked = checkMembershipChanges(values, localeOf(c));
  if (!checked.ok) return c.html(<FormPage {...editForm(frameOf(c), membership.id, values, checked.errors)} />, 400);
  await changeMembership(userCtx(c), membership.id, checked.input);
  return c.redirect(`/app/memberships/${membership.id}?done=updated`, 303);
});

membershipsPages.post("/:id/cancellations", async (c) => {
  const membership = await ownMembership(c, c.req.param("id"));
  const values = postedCancellation(await c.req.parseBody());
  const refused = async (errors: CancellationErrors) =>
    c.html(<MembershipPage {...(await membershipPageData(c, membership, { values, errors }))} />, 400);
  const checked = checkCancellation(values, c.var.user.timezone, localeOf(c));
  if (!checked.ok) return refused(checked.errors);
  try {
    await recordCancellation(userCtx(c), membership.id, checked.input);
  } catch (error) {
    // The operation's own refusals (a time in the future) name their field like a schema failure does.
    if (!(error instanceof DomainError) || error.kind !== "validation") throw error;
    return refused(cancellationErrors([error.extra.field], localeOf(c)));
  }
  return c.redirect(`/app/memberships/${membership.id}?done=cancelled`, 303);
});

membershipsPages.post("/:id/delete", async (c) => {
  await removeMembership(userCtx(c), c.req.param("id"));
  return c.redirect("/app/memberships?done=deleted", 303);
});
