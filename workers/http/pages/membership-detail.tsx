// One membership's page: its terms and dates, how to cancel it on each side, the cancellations recorded
// (and the sides still missing: a platform cancel leaves an Alipay/WeChat/card agreement able to charge),
// the form to record one, recent matched events, and the way out (edit, printable timeline, delete).
import type { EventRow } from "../../db/events";
import type { MembershipWithCancellations } from "../../db/memberships";
import { channelName, type Locale } from "../../texts/alerts";
import { type CancellationErrors, CancellationForm, type CancellationFormValues } from "./cancellation-form";
import { missingSides, neededSides, sideText } from "./cancellation-sides";
import { Flash, type Frame, Layout, PostButton } from "./layout";
import { TEXT } from "./membership-detail-text";
import { FORM_STYLE } from "./membership-form";
import { Cancellations, RecentEvents } from "./membership-history";
import { channelCancelPath } from "./membership-presets";
import {
  aside,
  autoRenewText,
  cancelByDate,
  dayText,
  labelled,
  priceText,
  relativeDays,
  statusText,
} from "./membership-terms";
import { TEXT as MEMBERSHIPS_TEXT } from "./memberships-text";

const DETAIL_STYLE = `
dl.terms{display:grid;grid-template-columns:auto 1fr;gap:.3rem .9rem;margin:0}
dl.terms dt{color:var(--muted)}dl.terms dd{margin:0}
ul.plain{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.side-done{color:var(--ok);font-weight:600}.side-missing{color:var(--warn);font-weight:600}
.prewrap{white-space:pre-wrap}
fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .75rem;display:grid;gap:.4rem}
legend{font-weight:600;font-size:.95rem}
details summary{cursor:pointer;color:var(--danger)}
`;

type Membership = MembershipWithCancellations;

export interface MembershipPageProps {
  frame: Frame;
  timeZone: string;
  /** Today in the user's zone (YYYY-MM-DD), for "in 3 days". */
  today: string;
  membership: Membership;
  /** The most recent events matched to it. */
  events: EventRow[];
  /** Its printable timeline, or null when this Worker signs no links. */
  timelineUrl: string | null;
  /** The change just made (?done=…). */
  done: string | undefined;
  /** The form to record a cancellation: blank, or as posted with what was wrong. */
  cancellation: { values: CancellationFormValues; errors: CancellationErrors };
}

function Terms(props: { membership: Membership; locale: Locale; today: string }) {
  const { membership: m, locale, today } = props;
  const text = TEXT[locale];
  const cancelBy = cancelByDate(m);
  return (
    <>
      <h2>{text.terms}</h2>
      <div class="card">
        <dl class="terms">
          <dt>{text.price}</dt>
          <dd>{priceText(m, locale)}</dd>
          <dt>{text.nextRenewal}</dt>
          <dd>
            {m.status === "active" && m.autoRenew ? (
              <>
                {dayText(m.nextRenewalOn, locale)}{" "}
                <span class="muted">{aside(relativeDays(today, m.nextRenewalOn, locale), locale)}</span>
              </>
            ) : (
              <>
                {text.noRenewal} <span class="muted">{aside(dayText(m.nextRenewalOn, locale), locale)}</span>
              </>
            )}
          </dd>
          {cancelBy && (
            <>
              <dt>{text.cancelBy}</dt>
              <dd>
                <strong>{dayText(cancelBy, locale)}</strong>{" "}
                <span class="muted">{aside(relativeDays(today, cancelBy, locale), locale)}</span>
              </dd>
            </>
          )}
          <dt>{text.autoRenew}</dt>
          <dd>{autoRenewText(m.status, m.autoRenew, locale)}</dd>
          <dt>{text.channel}</dt>
          <dd>{channelName(m.channel, locale)}</dd>
          <dt>{text.notice}</dt>
          <dd>{text.days(m.cancelNoticeDays)}</dd>
          {m.refundWindowDays > 0 && (
            <>
              <dt>{text.refundWindow}</dt>
              <dd>{text.days(m.refundWindowDays)}</dd>
            </>
          )}
          {m.trialEndsOn && (
            <>
              <dt>{text.trial}</dt>
              <dd>{dayText(m.trialEndsOn, locale)}</dd>
            </>
          )}
          {m.merchantAliases.length > 0 && (
            <>
              <dt>{text.aliases}</dt>
              <dd>{m.merchantAliases.join(locale === "zh-CN" ? "、" : ", ")}</dd>
            </>
          )}
          {m.supportContact && (
            <>
              <dt>{text.support}</dt>
              <dd>{m.supportContact}</dd>
            </>
          )}
          {m.notes && (
            <>
              <dt>{text.notes}</dt>
              <dd class="prewrap">{m.notes}</dd>
            </>
          )}
        </dl>
      </div>
    </>
  );
}

/** How to cancel, and on which sides it is recorded already. */
function Cancelling(props: { membership: Membership; locale: Locale; channelPath: string | null }) {
  const { membership: m, locale, channelPath } = props;
  const text = TEXT[locale];
  const missing = missingSides(m);
  const needed = neededSides(m.channel);
  return (
    <>
      <h2>{text.howToCancel}</h2>
      <div class="card">
        {m.cancelUrl && (
          <p>
            {labelled(text.cancelUrl, locale)}
            <a href={m.cancelUrl} rel="noopener noreferrer">
              {m.cancelUrl}
            </a>
          </p>
        )}
        {m.cancelSteps ? <p class="prewrap">{m.cancelSteps}</p> : <p class="muted">{text.noSteps}</p>}
        {/* Steps typed by hand may leave out the channel's side; its path is always worth showing. */}
        {channelPath && !m.cancelSteps?.includes(channelPath) && <p class="prewrap">{channelPath}</p>}
      </div>

      <h2>{text.progress}</h2>
      <div class="card">
        <p class="muted">{needed.length > 1 ? text.needed : text.oneSide(channelName(m.channel, locale))}</p>
        <ul class="plain">
          {needed.map((side) => (
            <li>
              {labelled(sideText(side, locale), locale)}
              {missing.includes(side) ? (
                <span class="side-missing">{text.missing}</span>
              ) : (
                <span class="side-done">✓ {text.recorded}</span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

export function MembershipPage(props: MembershipPageProps) {
  const { frame, timeZone, membership: m } = props;
  const { locale, csrf } = frame;
  const text = TEXT[locale];
  const channelPath = channelCancelPath(m.channel, locale);
  const halfCancelled = m.cancellations.length > 0 && missingSides(m).includes("payment_channel");
  const doneText = props.done ? text.done[props.done] : undefined;
  return (
    <Layout {...frame} title={m.name} section="memberships" style={DETAIL_STYLE + FORM_STYLE}>
      <p>
        <a href="/app/memberships">← {MEMBERSHIPS_TEXT[locale].title}</a>
      </p>
      <h1>
        {m.name} <span class={`badge ${m.status}`}>{statusText(m.status, locale)}</span>
      </h1>
      {doneText && <Flash>{doneText}</Flash>}
      {halfCancelled && (
        <Flash kind="error">
          {text.halfCancelled(channelName(m.channel, locale))} {channelPath}
        </Flash>
      )}
      <div class="actions">
        <a class="button secondary" href={`/app/memberships/${m.id}/edit`}>
          {text.edit}
        </a>
        {props.timelineUrl && (
          <a class="button secondary" href={props.timelineUrl} rel="noreferrer">
            {text.timeline}
          </a>
        )}
      </div>
      <p class="muted">{props.timelineUrl ? text.timelineHint : text.linksOff}</p>

      <Terms membership={m} locale={locale} today={props.today} />
      <Cancelling membership={m} locale={locale} channelPath={channelPath} />
      <Cancellations membership={m} locale={locale} timeZone={timeZone} />

      <h2>{text.record}</h2>
      <CancellationForm
        locale={locale}
        csrf={csrf}
        membershipId={m.id}
        values={props.cancellation.values}
        errors={props.cancellation.errors}
      />

      <RecentEvents events={props.events} locale={locale} timeZone={timeZone} />

      <details class="card">
        <summary>{text.deleteTitle}</summary>
        <p>{text.deleteHint}</p>
        <PostButton action={`/app/memberships/${m.id}/delete`} csrf={csrf} class="danger">
          {text.deleteConfirm}
        </PostButton>
      </details>
    </Layout>
  );
}
