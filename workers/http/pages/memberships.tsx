// Dashboard: memberships (/app/memberships…). The list, the add form that starts from a service or channel
// preset, one membership's page, editing, recording a cancellation per side and deleting. Every change
// runs the same operations and zod schemas as the JSON API (http/memberships.ts).
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
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
import { channelName, type Locale } from "../../texts/alerts";
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
import { missingSides } from "./cancellation-sides";
import { Flash, frameOf, Layout } from "./layout";
import { MembershipPage } from "./membership-detail";
import { FORM_STYLE, MembershipForm } from "./membership-form";
import { checkMembershipChanges, checkNewMembership } from "./membership-form-check";
import type { FieldErrors, MembershipFormValues } from "./membership-form-fields";
import {
  blankValues,
  channelValues,
  type NoticePrefill,
  noticePrefill,
  noticeQuery,
  postedValues,
  presetValues,
  recordValues,
  withNotice,
} from "./membership-form-values";
import {
  CHANNEL_PRESETS,
  presetsForMerchant,
  SERVICE_PRESETS,
  type ServicePreset,
  servicePreset,
} from "./membership-presets";
import { aside, cancelByDate, dayText, labelled, priceText, relativeDays, statusText } from "./membership-terms";
import { TEXT } from "./memberships-text";
import { pageAddress } from "./return-path";

// Enough to see the last few renewals; the printable timeline has everything.
const RECENT_EVENTS = 10;

const LIST_STYLE = `
ul.plain{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
ul.plain li.card{margin:0}
.choices{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
.choices a{display:inline-block;padding:.45rem .7rem;border:1px solid var(--line);border-radius:.4rem;background:var(--card);text-decoration:none}
.choices a[aria-current=true]{border-color:var(--accent);font-weight:600}
`;

type PageContext = Context<PageEnv>;

const localeOf = (c: PageContext): Locale => c.var.user.locale;
const todayOf = (c: PageContext) => localDate(c.var.now, c.var.user.timezone);
const isChannel = (value: string | undefined): value is (typeof PAYMENT_CHANNELS)[number] =>
  (PAYMENT_CHANNELS as readonly string[]).includes(value ?? "");

export const membershipsPages = new Hono<PageEnv>();

// ---- list ----

membershipsPages.get("/", async (c) => {
  const locale = localeOf(c);
  const text = TEXT[locale];
  const today = todayOf(c);
  const rows = await membershipsOfUser(c.var.db, c.var.user.id);
  return c.html(
    <Layout
      locale={locale}
      title={text.title}
      section="memberships"
      csrf={c.var.csrf}
      here={pageAddress(c)}
      style={LIST_STYLE}
    >
      <h1>{text.title}</h1>
      {c.req.query("done") === "deleted" && <Flash>{text.deleted}</Flash>}
      <p>
        <a class="button" href="/app/memberships/new">
          {text.add}
        </a>
      </p>
      {rows.length === 0 ? (
        <div class="card">
          <p>{text.empty}</p>
        </div>
      ) : (
        <ul class="plain">
          {rows.map((m) => {
            const cancelBy = cancelByDate(m);
            const renews = m.status === "active" && m.autoRenew;
            return (
              <li class="card">
                <a href={`/app/memberships/${m.id}`}>
                  <strong>{m.name}</strong>
                </a>{" "}
                <span class={`badge ${m.status}`}>{statusText(m.status, locale)}</span>{" "}
                {m.cancellations.length > 0 && missingSides(m).includes("payment_channel") && (
                  <span class="badge cancelled">{text.halfCancelled}</span>
                )}
                <div>
                  {priceText(m, locale)} · {channelName(m.channel, locale)}
                </div>
                <div>
                  {labelled(text.nextRenewal, locale)}
                  {renews ? (
                    <>
                      {dayText(m.nextRenewalOn, locale)}{" "}
                      <span class="muted">{aside(relativeDays(today, m.nextRenewalOn, locale), locale)}</span>
                    </>
                  ) : (
                    <span class="muted">{text.noRenewal}</span>
                  )}
                </div>
                {cancelBy && (
                  <div>
                    {labelled(text.cancelBy, locale)}
                    <strong>{dayText(cancelBy, locale)}</strong>{" "}
                    <span class="muted">{aside(relativeDays(today, cancelBy, locale), locale)}</span>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Layout>,
  );
});

// ---- add ----

function FormPage(props: {
  c: PageContext;
  title: string;
  action: string;
  values: MembershipFormValues;
  errors: FieldErrors;
  back: string;
  before?: Child;
  showPriceNote?: boolean;
}) {
  const locale = localeOf(props.c);
  return (
    <Layout
      locale={locale}
      title={props.title}
      section="memberships"
      csrf={props.c.var.csrf}
      here={pageAddress(props.c)}
      style={LIST_STYLE + FORM_STYLE}
    >
      <p>
        <a href={props.back}>← {TEXT[locale].back}</a>
      </p>
      <h1>{props.title}</h1>
      {props.before}
      <MembershipForm
        locale={locale}
        csrf={props.c.var.csrf}
        action={props.action}
        values={props.values}
        errors={props.errors}
        showPriceNote={props.showPriceNote}
      />
    </Layout>
  );
}

function PresetChooser(props: { locale: Locale }) {
  const text = TEXT[props.locale];
  return (
    <>
      <h2>{text.chooseTitle}</h2>
      <p class="muted">{text.chooseHint}</p>
      <nav class="choices" aria-label={text.chooseTitle}>
        {SERVICE_PRESETS.map((preset) => (
          <a href={`/app/memberships/new?preset=${preset.key}`}>{preset.name[props.locale]}</a>
        ))}
      </nav>
      <h2>{text.byChannel}</h2>
      <p class="muted">{text.byChannelHint}</p>
      <nav class="choices" aria-label={text.byChannel}>
        {CHANNEL_PRESETS.map((channel) => (
          <a href={`/app/memberships/new?channel=${channel}`}>{channelName(channel, props.locale)}</a>
        ))}
      </nav>
      <p>
        <a class="button secondary" href="/app/memberships/new?preset=custom">
          {text.blank}
        </a>
      </p>
    </>
  );
}

/** The presets that already know the notice's merchant, offered before a form started from that notice. */
function PresetSuggestions(props: {
  presets: ServicePreset[];
  notice: NoticePrefill;
  channel: string | undefined;
  locale: Locale;
}) {
  const { presets, notice, locale } = props;
  const [first] = presets;
  if (!first || !notice.merchant) return null;
  const names = presets.map((preset) => preset.name[locale]).join(locale === "zh-CN" ? "、" : ", ");
  return (
    <section class="card suggestion">
      <p>{TEXT[locale].suggestion(notice.merchant, names)}</p>
      <nav class="choices" aria-label={names}>
        {presets.map((preset) => (
          <a
            href={`/app/memberships/new?${noticeQuery(notice, { preset: preset.key, channel: props.channel ?? preset.channel })}`}
          >
            {preset.name[locale]}
          </a>
        ))}
      </nav>
    </section>
  );
}

membershipsPages.get("/new", (c) => {
  const locale = localeOf(c);
  const text = TEXT[locale];
  const presetKey = c.req.query("preset");
  const channel = c.req.query("channel");
  if (channel !== undefined && !isChannel(channel)) throw notFound("Payment channel");
  // Started from a notice in the inbox: what it said fills the form in.
  const notice = noticePrefill((name) => c.req.query(name));

  if (presetKey === undefined && channel === undefined && !notice) {
    return c.html(
      <Layout
        locale={locale}
        title={text.add}
        section="memberships"
        csrf={c.var.csrf}
        here={pageAddress(c)}
        style={LIST_STYLE}
      >
        <p>
          <a href="/app/memberships">← {text.back}</a>
        </p>
        <h1>{text.add}</h1>
        <PresetChooser locale={locale} />
      </Layout>,
    );
  }

  let values: MembershipFormValues;
  let before: Child;
  if (presetKey === undefined || presetKey === "custom") {
    values = withNotice(channel ? channelValues(channel, locale) : blankValues(locale), notice, { name: true });
    before = notice?.merchant && (
      <PresetSuggestions
        presets={presetsForMerchant(notice.merchant)}
        notice={notice}
        channel={channel}
        locale={locale}
      />
    );
  } else {
    const preset = servicePreset(presetKey);
    if (!preset) throw notFound("Preset");
    const paidWith = channel ?? preset.channel;
    values = withNotice(presetValues(preset, locale, paidWith), notice, { name: false });
    // Without scripts a changed channel cannot rewrite the steps in place, so each channel is a link.
    before = (
      <>
        <p class="muted">{text.paidOtherwise}</p>
        <nav class="choices" aria-label={text.paidOtherwise}>
          {CHANNEL_PRESETS.map((other) => (
            <a
              href={`/app/memberships/new?${noticeQuery(notice, { preset: preset.key, channel: other })}`}
              aria-current={other === paidWith ? "true" : undefined}
            >
              {channelName(other, locale)}
            </a>
          ))}
        </nav>
      </>
    );
  }
  return c.html(
    <FormPage
      c={c}
      title={text.add}
      action="/app/memberships"
      values={values}
      errors={{}}
      back="/app/memberships/new"
      before={before}
      showPriceNote={presetKey !== undefined && presetKey !== "custom" && !notice?.amount}
    />,
  );
});

membershipsPages.post("/", async (c) => {
  const locale = localeOf(c);
  const values = postedValues(await c.req.parseBody());
  const checked = checkNewMembership(values, locale);
  if (!checked.ok) {
    return c.html(
      <FormPage
        c={c}
        title={TEXT[locale].add}
        action="/app/memberships"
        values={values}
        errors={checked.errors}
        back="/app/memberships/new"
      />,
      400,
    );
  }
  const membership = await addMembership(userCtx(c), checked.input);
  return c.redirect(`/app/memberships/${membership.id}?done=created`, 303);
});

// ---- one membership ----

const ownMembership = (c: PageContext, id: string) => membershipOf(userCtx(c), id);

async function detailPage(
  c: PageContext,
  membership: MembershipWithCancellations,
  cancellation: { values: CancellationFormValues; errors: CancellationErrors },
  status: 200 | 400,
) {
  const links = c.var.ctx.links;
  const [events, timelineUrl] = await Promise.all([
    eventsOfUser(c.var.db, c.var.user.id, { membershipId: membership.id, limit: RECENT_EVENTS }),
    links ? timelineLink(links, membership.id, c.var.now) : null,
  ]);
  return c.html(
    <MembershipPage
      frame={frameOf(c)}
      timeZone={c.var.user.timezone}
      today={todayOf(c)}
      membership={membership}
      events={events}
      timelineUrl={timelineUrl}
      done={c.req.query("done")}
      cancellation={cancellation}
    />,
    status,
  );
}

membershipsPages.get("/:id", async (c) => {
  const membership = await ownMembership(c, c.req.param("id"));
  const values = blankCancellation(membership, c.var.now, c.var.user.timezone);
  return detailPage(c, membership, { values, errors: {} }, 200);
});

membershipsPages.get("/:id/edit", async (c) => {
  const membership = await ownMembership(c, c.req.param("id"));
  const locale = localeOf(c);
  return c.html(
    <FormPage
      c={c}
      title={TEXT[locale].editTitle}
      action={`/app/memberships/${membership.id}`}
      values={recordValues(membership)}
      errors={{}}
      back={`/app/memberships/${membership.id}`}
    />,
  );
});

membershipsPages.post("/:id", async (c) => {
  const membership = await ownMembership(c, c.req.param("id"));
  const locale = localeOf(c);
  const values = postedValues(await c.req.parseBody());
  const checked = checkMembershipChanges(values, locale);
  if (!checked.ok) {
    return c.html(
      <FormPage
        c={c}
        title={TEXT[locale].editTitle}
        action={`/app/memberships/${membership.id}`}
        values={values}
        errors={checked.errors}
        back={`/app/memberships/${membership.id}`}
      />,
      400,
    );
  }
  await changeMembership(userCtx(c), membership.id, checked.input);
  return c.redirect(`/app/memberships/${membership.id}?done=updated`, 303);
});

membershipsPages.post("/:id/cancellations", async (c) => {
  const membership = await ownMembership(c, c.req.param("id"));
  const locale = localeOf(c);
  const values = postedCancellation(await c.req.parseBody());
  const checked = checkCancellation(values, c.var.user.timezone, locale);
  if (!checked.ok) return detailPage(c, membership, { values, errors: checked.errors }, 400);
  try {
    await recordCancellation(userCtx(c), membership.id, checked.input);
  } catch (error) {
    // The operation's own refusals (a time in the future) name their field like a schema failure does.
    if (!(error instanceof DomainError) || error.kind !== "validation") throw error;
    return detailPage(c, membership, { values, errors: cancellationErrors([error.extra.field], locale) }, 400);
  }
  return c.redirect(`/app/memberships/${membership.id}?done=cancelled`, 303);
});

membershipsPages.post("/:id/delete", async (c) => {
  await removeMembership(userCtx(c), c.req.param("id"));
  return c.redirect("/app/memberships?done=deleted", 303);
});
