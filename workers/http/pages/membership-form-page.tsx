// The add and edit pages around the membership form. Adding starts from a chooser (common services, payment
// channels, a blank form); a form started from a preset offers its other payment channels, and one started from an
// inbox notice offers the presets that already know the notice's merchant.
import type { Child } from "hono/jsx";
import type { PAYMENT_CHANNELS } from "../../../schema/tables";
import { channelName, type Locale } from "../../texts/alerts";
import { type Frame, Layout } from "./layout";
import { FORM_STYLE, MembershipForm } from "./membership-form";
import type { FieldErrors, MembershipFormValues } from "./membership-form-fields";
import { type NoticePrefill, noticeQuery } from "./membership-form-values";
import { LIST_STYLE } from "./membership-list";
import { CHANNEL_PRESETS, SERVICE_PRESETS, type ServicePreset } from "./membership-presets";
import { TEXT } from "./memberships-text";

type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface FormPageProps {
  frame: Frame;
  title: string;
  action: string;
  values: MembershipFormValues;
  errors: FieldErrors;
  back: string;
  /** What the page offers above the form (other channels, matching presets). */
  before?: Child;
  showPriceNote?: boolean;
}

export function FormPage(props: FormPageProps) {
  const { frame } = props;
  return (
    <Layout {...frame} title={props.title} section="memberships" style={LIST_STYLE + FORM_STYLE}>
      <p>
        <a href={props.back}>← {TEXT[frame.locale].back}</a>
      </p>
      <h1>{props.title}</h1>
      {props.before}
      <MembershipForm
        locale={frame.locale}
        csrf={frame.csrf}
        action={props.action}
        values={props.values}
        errors={props.errors}
        showPriceNote={props.showPriceNote}
      />
    </Layout>
  );
}

/** The add form's page: it posts to the list and goes back to the chooser. */
export const addForm = (
  frame: Frame,
  values: MembershipFormValues,
  errors: FieldErrors,
  extra: Pick<FormPageProps, "before" | "showPriceNote"> = {},
): FormPageProps => ({
  frame,
  title: TEXT[frame.locale].add,
  action: "/app/memberships",
  values,
  errors,
  back: "/app/memberships/new",
  ...extra,
});

/** The edit form's page: it posts to the membership and goes back to it. */
export const editForm = (
  frame: Frame,
  id: string,
  values: MembershipFormValues,
  errors: FieldErrors,
): FormPageProps => ({
  frame,
  title: TEXT[frame.locale].editTitle,
  action: `/app/memberships/${id}`,
  values,
  errors,
  back: `/app/memberships/${id}`,
});

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

/** A preset's other payment channels: without scripts a changed channel cannot rewrite the steps, so each is a link. */
function OtherChannels(props: {
  preset: { key: string; paidWith: PaymentChannel };
  notice: NoticePrefill | null;
  locale: Locale;
}) {
  const { preset, locale } = props;
  const text = TEXT[locale];
  return (
    <>
      <p class="muted">{text.paidOtherwise}</p>
      <nav class="choices" aria-label={text.paidOtherwise}>
        {CHANNEL_PRESETS.map((other) => (
          <a
            href={`/app/memberships/new?${noticeQuery(props.notice, { preset: preset.key, channel: other })}`}
            aria-current={other === preset.paidWith ? "true" : undefined}
          >
            {channelName(other, locale)}
          </a>
        ))}
      </nav>
    </>
  );
}

/** The add page: the chooser, or the form started from a preset, a channel and/or an inbox notice. */
export type NewMembershipProps =
  | { frame: Frame; chooser: true }
  | {
      frame: Frame;
      chooser: false;
      values: MembershipFormValues;
      /** What the inbox notice the form was started from said, if it was. */
      notice: NoticePrefill | null;
      /** The service preset it started from and the channel it is paid with; null for a blank or channel form. */
      preset: { key: string; paidWith: PaymentChannel } | null;
      /** The channel asked for (?channel=), kept in the links to the suggested presets. */
      channel: PaymentChannel | undefined;
      /** The presets that know the notice's merchant. */
      suggestions: ServicePreset[];
    };

export function NewMembershipPage(props: NewMembershipProps) {
  const { frame } = props;
  const { locale } = frame;
  const text = TEXT[locale];
  if (props.chooser) {
    return (
      <Layout {...frame} title={text.add} section="memberships" style={LIST_STYLE}>
        <p>
          <a href="/app/memberships">← {text.back}</a>
        </p>
        <h1>{text.add}</h1>
        <PresetChooser locale={locale} />
      </Layout>
    );
  }
  const { notice, preset } = props;
  const before = preset ? (
    <OtherChannels preset={preset} notice={notice} locale={locale} />
  ) : (
    notice?.merchant && (
      <PresetSuggestions presets={props.suggestions} notice={notice} channel={props.channel} locale={locale} />
    )
  );
  return (
    <FormPage {...addForm(frame, props.values, {}, { before, showPriceNote: preset !== null && !notice?.amount })} />
  );
}
