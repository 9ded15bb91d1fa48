// The printable dispute kit: a membership's terms, its timeline and where to ask for money back, as one
// self-contained HTML page (inline CSS, no scripts). Every value is escaped by hono/html's `html` tag.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { TimelineEntryOutput, TimelineOutput } from "../../../schema/alerts";
import { SEPARATE_AGREEMENT_CHANNELS } from "../../rules/cancellation";
import {
  agreementPath,
  amountText,
  CONSUMER_COMPLAINT,
  channelName,
  type Locale,
  refundPath,
} from "../../texts/alerts";
import { alertKindName } from "../../texts/kind-names";
import { resolutionText } from "./alert-resolutions";
import { autoRenewText } from "./membership-terms";
import { LABELS, type Labels } from "./timeline-text";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

// Words wrap between words, as text should; only long tokens (URLs, references, ids) may break anywhere. The
// tables have fixed column widths, so no cell can push the page sideways, and on a phone each timeline entry
// becomes a block of its own instead of three squeezed columns.
const CSS = `
*{box-sizing:border-box}
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",Helvetica,Arial,sans-serif;color:#111;margin:2rem auto;max-width:960px;padding:0 1rem;overflow-wrap:break-word}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.1rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #111;padding-bottom:.2rem}
p.meta{color:#555;margin:.25rem 0}
.token{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:600}
table.terms th{width:11rem}
col.time{width:10.5em}col.what{width:11em}
td.time{white-space:nowrap;font-variant-numeric:tabular-nums}
@media screen and (max-width:36rem){
table.terms th{width:36%}
table.entries thead{display:none}
table.entries,table.entries tbody,table.entries tr,table.entries td{display:block;width:auto}
table.entries tr{border:1px solid #bbb;margin:0 0 .5rem}
table.entries td{border:0;padding:.3rem .5rem}
table.entries td.time,table.entries td.what{display:inline-block;padding-bottom:0}
table.entries td.what{font-weight:600}
}
tr.charge,tr.charge td{background:#fff7f0}
tr.cancellation,tr.cancellation td{background:#f2f8ff}
.note{border-left:4px solid #c60;padding:.4rem .75rem;background:#fff7f0;margin:.75rem 0}
.small{color:#555;font-size:.9em}
ol,ul{padding-left:1.5rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr{break-inside:avoid}th{background:#eee}}
`;

function localTime(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  // sv-SE writes "2026-11-20 10:00", sortable and unambiguous.
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
}

/** A long token (URL, reference, message id): the one thing allowed to break anywhere. */
const token = (value: string) => html`<span class="token">${value}</span>`;

/** Text and tokens separated by " · ". */
const joined = (parts: (string | Html)[]) => parts.flatMap((part, index) => (index === 0 ? [part] : [" · ", part]));

function termsRows(membership: TimelineOutput["membership"], labels: Labels, locale: Locale, timeZone: string) {
  const f = labels.fields;
  const rows: [string, string | Html | null][] = [
    [f.name, membership.name],
    [f.aliases, membership.merchant_aliases.join(", ") || null],
    [
      f.price,
      `${amountText(membership.amount_minor, membership.currency, locale)} · ${labels.cycle(membership.cycle_count, membership.cycle_unit)}`,
    ],
    [f.next, membership.next_renewal_on],
    [f.autoRenew, autoRenewText(membership.status, membership.auto_renew, locale)],
    [f.channel, channelName(membership.channel, locale)],
    [f.notice, membership.cancel_notice_days > 0 ? labels.days(membership.cancel_notice_days) : null],
    [f.refundWindow, membership.refund_window_days > 0 ? labels.days(membership.refund_window_days) : null],
    [f.trial, membership.trial_ends_on],
    [f.cancelUrl, membership.cancel_url && token(membership.cancel_url)],
    [f.cancelSteps, membership.cancel_steps],
    [f.support, membership.support_contact],
    [f.status, labels.status[membership.status] ?? membership.status],
    [f.created, localTime(membership.created_at, timeZone)],
    [f.notes, membership.notes],
  ];
  return rows
    .filter(([, value]) => value !== null && value !== "")
    .map(([label, value]) => html`<tr><th>${label}</th><td>${value}</td></tr>`);
}

function entryRow(entry: TimelineEntryOutput, labels: Labels, locale: Locale, timeZone: string): Html {
  const time = html`<td class="time">${localTime(entry.at, timeZone)}</td>`;
  switch (entry.type) {
    case "membership_created":
      return html`<tr>${time}<td class="what">${labels.entry.membership_created}</td><td>${entry.terms.name} · ${amountText(
        entry.terms.amount_minor,
        entry.terms.currency,
        locale,
      )} · ${labels.cycle(entry.terms.cycle_count, entry.terms.cycle_unit)} · ${channelName(entry.terms.channel, locale)}</td></tr>`;
    case "event": {
      const amount = amountText(entry.amount_minor, entry.currency, locale);
      const facts = [
        amount,
        entry.merchant && `${labels.merchant}: ${entry.merchant}`,
        entry.reference && html`${labels.reference}: ${token(entry.reference)}`,
        entry.card_tail && `${labels.cardTail}: ${entry.card_tail}`,
        entry.channel && channelName(entry.channel, locale),
      ].filter((fact): fact is string | Html => Boolean(fact));
      const message = entry.inbound_message_id
        ? html`<div class="small">${labels.message}: ${entry.source ? labels.via[entry.source] : ""}${
            entry.sender ? ` · ${entry.sender}` : ""
          }${entry.subject ? ` · “${entry.subject}”` : ""}${
            entry.received_at ? ` · ${labels.received} ${localTime(entry.received_at, timeZone)}` : ""
          }${entry.raw_size ? ` · ${labels.bytes(entry.raw_size)}` : ""} · ${token(entry.inbound_message_id)}</div>`
        : "";
      return html`<tr class="${entry.kind === "charge" ? "charge" : ""}">${time}<td class="what">${
        labels.entry.event[entry.kind] ?? entry.kind
      }</td><td>${joined(facts)}${message}</td></tr>`;
    }
    case "cancellation":
      return html`<tr class="cancellation">${time}<td class="what">${
        labels.entry.cancellation[entry.side] ?? entry.side
      }</td><td>${entry.reference ? html`${labels.reference}: ${token(entry.reference)}` : ""}${entry.evidence ? html`<div>${labels.evidenceNote}: ${entry.evidence}</div>` : ""}</td></tr>`;
    case "alert":
      return html`<tr>${time}<td class="what">${labels.entry.alert} · ${alertKindName(entry.kind, locale)}</td><td>${entry.title}${
        entry.resolution
          ? html`<div class="small resolution">${resolutionText(
              entry.resolution,
              locale,
              localTime(entry.resolution.resolved_at, timeZone),
            )}</div>`
          : ""
      }</td></tr>`;
  }
}

/** The payment channels involved: the membership's own, then any other its charges came through. */
function paymentChannels(timeline: TimelineOutput): string[] {
  const channels = [timeline.membership.channel as string];
  for (const entry of timeline.entries) {
    if (entry.type === "event" && entry.channel && !channels.includes(entry.channel)) channels.push(entry.channel);
  }
  // With no wallet or card named, the usual Chinese ones are where the money most likely went.
  const known = channels.filter((channel) => channel !== "other" && channel !== "platform_balance");
  return known.length > 0 ? known : ["alipay", "wechat_pay", "bank_card"];
}

function refundSteps(timeline: TimelineOutput, labels: Labels, locale: Locale): Html[] {
  const membership = timeline.membership;
  const contact = [membership.support_contact, membership.cancel_url].filter(Boolean).join(" · ") || null;
  const steps: Html[] = [html`<li>${labels.steps.platform(contact)}</li>`];
  for (const channel of paymentChannels(timeline)) {
    steps.push(html`<li>${labels.steps.channel(channelName(channel, locale), refundPath(channel, locale))}</li>`);
  }
  steps.push(html`<li>${CONSUMER_COMPLAINT[locale]}</li>`);
  return steps;
}

function halfCancelledNote(timeline: TimelineOutput, labels: Labels, locale: Locale): Html | "" {
  const { channel, cancellations } = timeline.membership;
  const path = agreementPath(channel, locale);
  if (!path || !SEPARATE_AGREEMENT_CHANNELS.has(channel)) return "";
  const sides = new Set(cancellations.map((cancellation) => cancellation.side));
  if (!sides.has("platform") || sides.has("payment_channel")) return "";
  return html`<p class="note">${labels.halfCancelled(channelName(channel, locale), path)}</p>`;
}

export function renderTimelinePage(
  timeline: TimelineOutput,
  options: { locale: Locale; timeZone: string; now: number },
): Html {
  const { locale, timeZone } = options;
  const labels = LABELS[locale];
  const membership = timeline.membership;
  const rows = timeline.entries.map((entry) => entryRow(entry, labels, locale, timeZone));
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${labels.title}: ${membership.name}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<h1>${labels.title}: ${membership.name}</h1>
<p class="meta">${labels.generated}: ${localTime(new Date(options.now).toISOString(), timeZone)} · ${labels.zone}: ${timeZone} · ${token(membership.id)}</p>
<p>${labels.intro}</p>
${halfCancelledNote(timeline, labels, locale)}
<h2>${labels.terms}</h2>
<table class="terms"><tbody>${termsRows(membership, labels, locale, timeZone)}</tbody></table>
<h2>${labels.timeline}</h2>
<table class="entries">
<colgroup><col class="time"><col class="what"><col></colgroup>
<thead><tr><th>${labels.time}</th><th>${labels.what}</th><th>${labels.details}</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="3">${labels.empty}</td></tr>`}</tbody>
</table>
<h2>${labels.refund}</h2>
<ol>${refundSteps(timeline, labels, locale)}</ol>
${membership.refund_window_days > 0 ? html`<p>${labels.steps.window(membership.refund_window_days)}</p>` : ""}
<h2>${labels.evidence}</h2>
<ul>${labels.evidenceItems.map((item) => html`<li>${item}</li>`)}</ul>
</body>
</html>`;
}
