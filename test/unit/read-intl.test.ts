// International notices (Apple, Google Play, PayPal, Stripe, generic English) → normalized events.
import { describe, expect, it } from "vitest";
import { readApple } from "../../workers/read/apple";
import { isNonPaymentEnglish, readGenericEnglish } from "../../workers/read/generic-en";
import { readGooglePlay } from "../../workers/read/google-play";
import { htmlToText } from "../../workers/read/html";
import { readPayPal } from "../../workers/read/paypal";
import { readStripe } from "../../workers/read/stripe";
import type { Notice } from "../../workers/read/types";

const at = (iso: string) => Date.parse(iso);

function notice(fields: Partial<Notice> & { text: string }): Notice {
  return { receivedAt: at("2025-06-01T00:00:00Z"), source: "email", ...fields };
}

const day = (iso: string | null | undefined) => iso?.slice(0, 10);

// --- Apple -------------------------------------------------------------------------------------------------

const APPLE = { sender: "no_reply@email.apple.com", senderName: "Apple" };

// The 2025 HTML-only receipt, as Apple structures it (obfuscated classes dropped).
const APPLE_2025_HTML = `<html><body><div id="email_container">
<div class="header"><img alt="Apple"/><h1>Receipt</h1></div>
<div id="body_section"><div><p>April 20, 2025</p>
<div><p>Order ID:</p><p>MSD2TWZNN6<br/></p></div>
<div><p>Document:</p><p>166943447141<br/></p></div>
<div><p>Apple Account:</p><p>karl@example.com<br/></p></div></div>
<table class="subscription-lockup__container"><tr class="subscription-lockup">
<td><img height="60" alt="Apple One"/></td>
<td><p>Apple One</p><p>Premier (Monthly)<br/></p><p>Renews May 20, 2025<br/></p></td>
<td><p>$37.95<br/></p></td></tr></table>
<div class="payment-information"><p>Billing and Payment<br/></p><div>
<div><p>Karl Davis</p><p>715 Longview Ave</p><p>Westminster  MD 21157-5724</p><p>United States</p></div>
<div><div><p>Subtotal<!-- --> </p><div><p>$37.95<!-- --> </p></div><p>Tax<!-- --> </p><div><p>$1.94<!-- --> </p></div></div>
<hr/><p>Apple&nbsp;Card<br/></p><div><p>$39.89<br/></p></div></div></div></div></div>
<div id="footer_section"><p>You can turn off renewal receipts to stop getting emails each time your subscriptions renew.</p>
<div><p>Save 3% on all your Apple purchases.<sup>1</sup></p></div>
<ol><li>3% savings is earned as Daily Cash. Apple Card is issued by Goldman Sachs Bank USA.</li></ol></div>
</div></body></html>`;

// The 2024 table layout (labels above values in cells), an iCloud renewal.
const APPLE_2024_HTML = `<html><body>
<div style="display:none;">Your Apple ID was used to purchase iCloud+ with 200 GB storage.</div>
<table class="aapl-desktop-tbl"><tr><td></td><td><img alt="Apple"></td><td>Receipt</td></tr>
<tr><td colspan="4" align="center"><table>
<tr><td>Save 3% on all your Apple purchases with Apple Card. <a>Apply and use in minutes</a></td></tr>
<tr><td colspan="2"><span>APPLE&nbsp;ACCOUNT</span><br>karl@example.com</td>
<td rowspan="3"><span>BILLED TO</span><br>Visa .... 9579 (Apple&nbsp;Pay)<br>Karl Davis<br>715 Longview Ave<br>USA</td></tr>
<tr><td colspan="2"><span>DATE</span><br><span dir="auto">Mar 19, 2024</span></td></tr>
<tr><td><span>ORDER ID</span><br><span><a href="https://support.apple.com">MSBT37XDNV</a></span></td>
<td><span>DOCUMENT NO.</span><br>210421088930</td></tr></table>
<table><tr class="section-header"><td colspan="3"><span>iCloud</span></td></tr><tr><td colspan="3"></td></tr>
<tr><td class="artwork-cell"><img src="x.jpg" alt=""></td>
<td class="item-cell"><span class="title">iCloud+ with 200&nbsp;GB Storage</span><br>
<span class="duration">Monthly</span><br><span class="renewal">Renews Apr 20, 2024</span><br></td>
<td class="price-cell"><table><tr><td><span>$2.99</span></td></tr></table></td></tr></table>
<table><tr><td>TOTAL</td><td></td><td>$2.99</td></tr></table>
</td></tr></table></body></html>`;

const APPLE_TEXT_RECEIPT = `Apple Receipt
-----------------------------------------------------------

APPLE ID
karl@example.com

BILLED TO
Apple Card
Karl  Davis
715 Longview Ave
USA

ORDER ID:              MT8WHDGNGH
DOCUMENT NO.:        114764480383
DATE:                Feb 13, 2024
TOTAL:                     $18.00


App Store
--------------------------------------------------------------------------------

Match Factory!                                                             $6.99
Pro Bundle
In-App Purchase
Erica's iPhone

Found It! Hidden Object Game                                               $9.99
No Ads
In-App Purchase

--------------------------------------------------------------------------------
                                                              Subtotal    $16.98
                                                                   Tax     $1.02
--------------------------------------------------------------------------------

                                                                 TOTAL    $18.00

Get help with subscriptions and purchases. Visit Apple Support.`;

const APPLE_CONFIRMATION = `Apple Subscription Confirmation
-----------------------------------------------------------

Dear Karl,

This email confirms your subscription purchase:
CARROT Weather
Subscription: CARROT Premium (Tier 2)
App: $t.email().subscriptionName($_item)
Content Provider: Grailr LLC
Date of Purchase: Mar 2, 2021
Renewal Price: $14.99/year
Payment Method: Visa .... 9579 (Apple Pay)

Your subscription automatically renews for $14.99/year starting Mar 2, 2021 until canceled.

To avoid being charged, you must cancel at least a day before each renewal date.`;

const APPLE_TRIAL_CONFIRMATION = `Subscription Confirmation
Strides: Goal & Habit Tracker
Dear Karl,
You've accepted the following offer.
App\tStrides: Goal & Habit Tracker
Subscription\tStrides Plus
Content Provider\tGoals LLC
Date Accepted\tDec 16, 2020
Trial\tFree for 1 week, starting Dec 16, 2020
Subscription Price\t$29.99/year, starting Dec 23, 2020
Payment Method\tVisa .... 9579 (Apple Pay)
Your subscription automatically renews until canceled.`;

// The renewal notice's HTML: a lockup with the app, then the sentence that states the facts.
const APPLE_RENEWAL_HTML = `<html><body><table class="aapl-desktop-tbl">
<tr><td></td><td><img alt="Apple"></td><td>Subscription Renewal</td><td></td></tr>
<tr><td colspan="4"><table id="content-tbl">
<tr><td>&nbsp;</td><td><table><tr><td><img alt="Flexibits Premium (Yearly)"></td><td></td><td><table>
<tr><td><span>Fantastical - Calendar &amp; Tasks</span></td></tr>
<tr><td><span>Fantastical - Calendar &amp; Tasks</span></td></tr>
<tr><td><span>Flexibits Premium (Yearly) (1&nbsp;year)</span></td></tr>
<tr><td><span>$39.99/year</span></td></tr></table></td></tr></table></td><td>&nbsp;</td></tr>
<tr><td></td><td>Dear Karl,</td><td></td></tr>
<tr><td></td><td>We hope you&#8217;re enjoying your subscription, which will renew soon.</td><td></td></tr>
<tr><td></td><td>Starting Jan 4, 2022, your subscription automatically renews for $39.99/year. To avoid being charged, you must cancel at least a day before each renewal date.</td><td></td></tr>
</table></td></tr></table></body></html>`;

// Its text part, as Apple sends it: an unrendered template where the facts should be.
const APPLE_RENEWAL_JUNK = `Apple Subscription Renewal
-----------------------------------------------------------

Dear Karl,

We hope you're enjoying your subscription, which will renew soon.

$t.locTet("JEmail.Subscription.Renewing.AutomaticallyRenews.one", $t.email().locParams($_item))

To keep your subscriptions, no further action is needed.`;

const APPLE_PRICE_INCREASE = `Apple Subscription Price Increase
-----------------------------------------------------------

Apple One
Premier (1 month)New $37.95 — Old $32.95
Starting December 20, 2023

Dear Karl,

Thank you for subscribing to Apple One. We wanted to let you know about an upcoming change to this subscription.

Apple is raising the price of this subscription from $32.95 per month to $37.95 per month. Your subscription will automatically renew for $37.95 per month starting December 20 unless you cancel at least a day before.`;

describe("Apple", () => {
  it("reads the total on the Apple Card line of a 2025 receipt, not the subtotal", () => {
    const event = readApple(
      notice({
        ...APPLE,
        subject: "Your receipt from Apple.",
        text: htmlToText(APPLE_2025_HTML),
        sentAt: at("2025-04-20T21:28:00Z"),
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 3989,
      currency: "USD",
      merchant: "Apple One",
      reference: "MSD2TWZNN6",
      channel: "apple",
      renews_at: "2025-05-20",
    });
    expect(day(event?.occurred_at)).toBe("2025-04-20");
  });

  it("reads the 2024 table layout: iCloud item, TOTAL row, order id under its label, card tail", () => {
    const event = readApple(
      notice({ ...APPLE, subject: "Your receipt from Apple.", text: htmlToText(APPLE_2024_HTML) }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 299,
      currency: "USD",
      merchant: "iCloud+ with 200 GB Storage",
      reference: "MSBT37XDNV",
      card_tail: "9579",
      renews_at: "2024-04-20",
    });
    expect(day(event?.occurred_at)).toBe("2024-03-19");
  });

  it("reads an older text receipt: TOTAL incl. tax, the first item, the DATE line", () => {
    const event = readApple(notice({ ...APPLE, subject: "Your receipt from Apple.", text: APPLE_TEXT_RECEIPT }));
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1800,
      currency: "USD",
      merchant: "Match Factory!",
      reference: "MT8WHDGNGH",
      renews_at: null,
    });
    expect(day(event?.occurred_at)).toBe("2024-02-13");
  });

  it("keeps the day of a date-only receipt whatever the reader's timezone", () => {
    const event = readApple(notice({ ...APPLE, subject: "Your receipt from Apple.", text: APPLE_TEXT_RECEIPT }));
    const occurred = new Date(event?.occurred_at ?? "");
    for (const timeZone of ["America/Los_Angeles", "UTC", "Europe/Berlin", "Asia/Shanghai", "Asia/Tokyo"]) {
      expect(occurred.toLocaleDateString("en-CA", { timeZone })).toBe("2024-02-13");
    }
  });

  it("turns a Subscription Confirmation into a signup with the renewal price and date", () => {
    const event = readApple(notice({ ...APPLE, subject: "Your Subscription Confirmation", text: APPLE_CONFIRMATION }));
    expect(event).toMatchObject({
      kind: "signup",
      amount_minor: 1499,
      currency: "USD",
      merchant: "CARROT Premium (Tier 2)",
      card_tail: "9579",
      channel: "apple",
      renews_at: "2021-03-02",
    });
    expect(day(event?.occurred_at)).toBe("2021-03-02");
  });

  it("dates a free trial's signup to when it converts to paid, not when it started", () => {
    const event = readApple(notice({ ...APPLE, subject: "Subscription Confirmation", text: APPLE_TRIAL_CONFIRMATION }));
    expect(event).toMatchObject({
      kind: "signup",
      amount_minor: 2999,
      merchant: "Strides: Goal & Habit Tracker",
      merchant_legal: "Goals LLC",
      renews_at: "2020-12-23",
    });
  });

  it("reads a renewal notice from the sentence that states the facts", () => {
    const event = readApple(
      notice({
        ...APPLE,
        subject: "Your Subscription Renewal",
        text: htmlToText(APPLE_RENEWAL_HTML),
        receivedAt: at("2021-12-04T18:00:00Z"),
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 3999,
      currency: "USD",
      merchant: "Fantastical - Calendar & Tasks",
      renews_at: "2022-01-04",
    });
  });

  it("still calls a renewal notice a renewal notice when its text is template junk", () => {
    const event = readApple(notice({ ...APPLE, subject: "Your Subscription Renewal", text: APPLE_RENEWAL_JUNK }));
    expect(event).toMatchObject({ kind: "renewal_notice", amount_minor: null, currency: null, merchant: null });
  });

  it("reports a price increase as a renewal notice with the new price", () => {
    const event = readApple(
      notice({ ...APPLE, subject: "Your Subscription Price Increase", text: APPLE_PRICE_INCREASE }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 3795,
      merchant: "Apple One",
      renews_at: "2023-12-20",
    });
  });

  it("reads an expiry confirmation as a cancellation", () => {
    const event = readApple(
      notice({
        ...APPLE,
        subject: "Your subscription is expiring",
        text: "Subscription Expiring\nDisney+\nDisney+ Monthly\nDear Karl,\nYour subscription to Disney+ will expire on June 12, 2025. If you'd like to keep it, resubscribe.",
      }),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "Disney+", channel: "apple", renews_at: null });
  });

  it("calls a download alert from Apple 'other'", () => {
    const event = readApple(
      notice({
        ...APPLE,
        subject: "Your recent download with your Apple ID",
        text: "Your Apple ID, karl@example.com, was just used to download Sonos on a computer or device that has not previously been used.",
      }),
    );
    expect(event?.kind).toBe("other");
  });

  it("leaves notices from other senders alone", () => {
    expect(
      readApple(notice({ sender: "billing@netflix.com", subject: "Your receipt", text: "Total $15.49" })),
    ).toBeNull();
  });
});

// --- Google Play -------------------------------------------------------------------------------------------

const PLAY = { sender: "googleplay-noreply@google.com", senderName: "Google Play" };

describe("Google Play", () => {
  it("reads an Indonesian-rupiah renewal receipt: app in parentheses, whole order number, zone of the order date", () => {
    const event = readGooglePlay(
      notice({
        ...PLAY,
        subject: "Your Google Play Order Receipt from 2 Dec 2024",
        text: `Thank you.
You've made a purchase from the Google Play Store.
Order number: GPA.3335-0097-8360-50910..1
Order date: 2 Dec 2024 18:20:35 GMT+7
Your account: someone@gmail.com
Item\tPrice
True Premium (TrueID) Rp 39.000,00/month
Auto-renewing subscription
Tax: Rp 2.090,00
Total: Rp 41.090,00/month
Payment method: ShopeePay: **** 6235`,
        receivedAt: at("2024-12-02T12:00:00Z"),
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 4109000,
      currency: "IDR",
      merchant: "TrueID",
      reference: "GPA.3335-0097-8360-50910..1",
      card_tail: "6235",
      channel: "google_play",
    });
    expect(event?.occurred_at).toBe("2024-12-02T11:20:35.000Z");
  });

  it("reads a US receipt's total incl. tax and the card on file", () => {
    const event = readGooglePlay(
      notice({
        ...PLAY,
        subject: "Your Google Play Order Receipt from Sep 23, 2024",
        text: `Order number: GPA.3312-4455-6677-88990
Order date: Sep 23, 2024 9:41:01 AM PDT
Your account: someone@gmail.com
Item | Price
YouTube Premium (YouTube) | $13.99/month
Auto-renewing subscription
Tax: $1.19
Total: $15.18/month
Payment method: Visa-1234`,
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1518,
      currency: "USD",
      merchant: "YouTube",
      reference: "GPA.3312-4455-6677-88990",
      card_tail: "1234",
    });
    expect(event?.occurred_at).toBe("2024-09-23T16:41:01.000Z");
  });

  it("reads a cancelled subscription", () => {
    const event = readGooglePlay(
      notice({
        ...PLAY,
        subject: "Your subscription to Duolingo has been cancelled",
        text: "You've cancelled your Super Duolingo subscription from Duolingo on Google Play. You can keep using it until Jan 5, 2025.",
      }),
    );
    expect(event).toMatchObject({
      kind: "cancellation",
      merchant: "Duolingo",
      channel: "google_play",
      renews_at: null,
    });
  });

  it("reads a price change as a renewal notice with the new price", () => {
    const event = readGooglePlay(
      notice({
        ...PLAY,
        subject: "Price change for your Spotify subscription",
        text: "The price of your Spotify Premium subscription from Spotify will increase from $10.99/month to $11.99/month starting on July 15, 2025.",
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 1199,
      merchant: "Spotify",
      renews_at: "2025-07-15",
    });
  });

  it("reads a trial reminder with the date it converts to paid", () => {
    const event = readGooglePlay(
      notice({
        ...PLAY,
        subject: "Your free trial ends soon",
        text: "Your free trial of Calm Premium from Calm ends on June 8, 2025. After that, you'll be charged $69.99/year unless you cancel.",
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 6999,
      merchant: "Calm",
      renews_at: "2025-06-08",
    });
  });
});

// --- PayPal ------------------------------------------------------------------------------------------------

describe("PayPal", () => {
  it("reads an automatic payment in Gmail's text rendering: bold labels, a label wrapped over two lines", () => {
    const event = readPayPal(
      notice({
        sender: "service@paypal.de",
        senderName: "PayPal",
        subject: "You sent an automatic payment to Spotify AB",
        text: `Hello Karl,
Thank you for your payment to Spotify AB.
Here are the details about your automatic payment for Spotify Premium.

*Merchant*
Spotify AB
support@spotify.com

*Instructions to merchant*
You haven't entered any instructions.

*Transaction
ID*
1AB23456CD7890123

*Transaction date*
8 May 2025

*Amount*
€10,99 EUR

*Paid with*
Visa Credit Card x-4321 €10,99 EUR`,
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1099,
      currency: "EUR",
      merchant: "Spotify AB",
      reference: "1AB23456CD7890123",
      card_tail: "4321",
      channel: "paypal",
    });
    expect(day(event?.occurred_at)).toBe("2025-05-08");
  });

  it("reads a receipt for a payment in Canadian dollars", () => {
    const event = readPayPal(
      notice({
        sender: "service@paypal.ca",
        subject: "Receipt for Your Payment to Example, Inc.",
        text: "You sent a payment of $25.00 CAD to Example, Inc.\nTransaction ID: 9XY87654AB3210987\nTransaction date: Mar 3, 2025 10:15:04 PST\nTotal $25.00 CAD",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 2500,
      currency: "CAD",
      merchant: "Example, Inc.",
      reference: "9XY87654AB3210987",
    });
    expect(event?.occurred_at).toBe("2025-03-03T18:15:04.000Z");
  });

  it("reads a new automatic payment setup as a signup", () => {
    const event = readPayPal(
      notice({
        sender: "service@intl.paypal.com",
        subject: "Review your new automatic payment setup for Netflix",
        text: "You've given Netflix permission to charge your PayPal account for future purchases.\nMerchant\nNetflix International B.V.\nNext payment: Jun 14, 2025",
      }),
    );
    expect(event).toMatchObject({ kind: "signup", merchant: "Netflix", channel: "paypal", renews_at: "2025-06-14" });
  });

  it("reads a refund with its amount", () => {
    const event = readPayPal(
      notice({
        sender: "service@paypal.com",
        subject: "You have a refund from Adobe Systems Software Ireland Ltd",
        text: "Adobe Systems Software Ireland Ltd has issued a refund of $54.99 USD.\n*Transaction ID*\n5TY12345AB6789012\n*Refund amount*\n$54.99 USD",
      }),
    );
    expect(event).toMatchObject({
      kind: "refund",
      amount_minor: 5499,
      currency: "USD",
      merchant: "Adobe Systems Software Ireland Ltd",
      reference: "5TY12345AB6789012",
    });
  });

  it("reads cancelled automatic payments as a cancellation", () => {
    const event = readPayPal(
      notice({
        sender: "service@paypal.co.uk",
        subject: "Your automatic payments to Dropbox have been cancelled",
        text: "You've cancelled your automatic payments to Dropbox. Dropbox can no longer take payments from your PayPal account.",
      }),
    );
    expect(event).toMatchObject({ kind: "cancellation", merchant: "Dropbox", channel: "paypal", amount_minor: null });
  });

  it.each([
    [
      "a French refund",
      {
        subject: "Vous avez reçu un remboursement de Deezer SA",
        text: "Deezer SA vous a remboursé 11,99 € EUR.\nNuméro de transaction\n4KD81726MN0937215\nMontant du remboursement\n11,99 € EUR",
      },
      { kind: "refund", merchant: "Deezer SA", amount_minor: 1199, reference: "4KD81726MN0937215" },
    ],
    [
      "a Spanish cancelled automatic payment",
      {
        subject: "Has cancelado tu pago automático a Crunchyroll, LLC",
        text: "Has cancelado tu pago automático a Crunchyroll, LLC.",
      },
      { kind: "cancellation", merchant: "Crunchyroll, LLC", amount_minor: null },
    ],
    [
      "an Italian automatic payment setup",
      {
        subject: "Nuovo pagamento automatico per Dropbox International Unlimited Company",
        text: "Hai impostato un pagamento automatico per Dropbox.\n*Venditore*\nDropbox International Unlimited Company\nProssimo pagamento: 7 giugno 2026",
      },
      { kind: "signup", merchant: "Dropbox International Unlimited Company", renews_at: "2026-06-07" },
    ],
    [
      "German money received",
      { subject: "Sie haben Geld erhalten", text: "Sie haben Geld von Max Muster erhalten.\nBetrag 50,00 € EUR" },
      { kind: "other", amount_minor: null, merchant: null },
    ],
  ])("reads %s", (_case, fields, expected) => {
    const event = readPayPal(notice({ sender: "service@paypal.fr", senderName: "PayPal", ...fields }));
    expect(event).toMatchObject({ ...expected, ...(expected.kind === "other" ? {} : { channel: "paypal" }) });
  });

  it("calls a PayPal security notice 'other' and ignores non-PayPal senders", () => {
    expect(
      readPayPal(
        notice({
          sender: "service@paypal.com",
          subject: "Confirm your email",
          text: "Confirm your email address to keep using PayPal.",
        }),
      )?.kind,
    ).toBe("other");
    expect(readPayPal(notice({ sender: "service@paypa1.com", subject: "Receipt", text: "Amount $5.00" }))).toBeNull();
  });
});

// --- Stripe ------------------------------------------------------------------------------------------------

describe("Stripe", () => {
  it("reads a Stripe receipt: merchant from the subject, amount paid, date paid, card tail → credit_card", () => {
    const event = readStripe(
      notice({
        sender: "invoice+statements+acct_1QjsicJvJ1E14BGM@stripe.com",
        senderName: "Cline Bot Inc.",
        subject: "Your receipt from Cline Bot Inc. #2103-1648",
        text: `Receipt from Cline Bot Inc.
$5.60
Paid May 11, 2025
Receipt number\t2103-1648
Invoice number\tA1B2C3D4-0007
Payment method\tVisa – 4242
Summary
Pro plan × 1\t$5.00
Subtotal\t$5.00
Tax\t$0.60
Total\t$5.60
Amount paid\t$5.60`,
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 560,
      currency: "USD",
      merchant: "Cline Bot Inc.",
      reference: "2103-1648",
      card_tail: "4242",
      channel: "credit_card",
    });
    expect(day(event?.occurred_at)).toBe("2025-05-11");
  });

  it("reads the column layout where the card brand was an image (only '– 4242' left)", () => {
    const event = readStripe(
      notice({
        sender: "receipts+acct_1AbC@stripe.com",
        senderName: "Acme Analytics",
        subject: "Your Acme Analytics receipt [#1234-5678]",
        text: "Receipt from Acme Analytics\nReceipt #1234-5678\nAmount paid\n€19,00\tDate paid\n3 Apr 2025\tPayment method\n– 4444",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1900,
      currency: "EUR",
      merchant: "Acme Analytics",
      reference: "1234-5678",
      card_tail: "4444",
      channel: "credit_card",
    });
  });

  it("reads a Stripe refund receipt", () => {
    const event = readStripe(
      notice({
        sender: "receipts@stripe.com",
        subject: "Your refund from Linear #4321-8765",
        text: "Refund from Linear\nAmount refunded\n$8.00\nDate refunded\nFeb 2, 2025\nPayment method\nMastercard ending in 5454",
      }),
    );
    expect(event).toMatchObject({
      kind: "refund",
      amount_minor: 800,
      merchant: "Linear",
      reference: "4321-8765",
      card_tail: "5454",
    });
  });

  it("ignores mail not sent through Stripe", () => {
    expect(
      readStripe(notice({ sender: "billing@figma.com", subject: "Your receipt", text: "Amount paid $15.00" })),
    ).toBeNull();
  });
});

// --- generic English -------------------------------------------------------------------------------------------

describe("generic English notices", () => {
  it.each([
    [
      "a price increase: the new price from 'from … to …', the date it starts",
      {
        sender: "noreply@youtube.com",
        senderName: "YouTube",
        subject: "An update to your YouTube Premium membership price",
        text: "We're updating the price of your membership from £11.99/month to £12.99/month.\nStarts on: your next billing date, 15 March 2026",
      },
      {
        kind: "renewal_notice",
        amount_minor: 1299,
        currency: "GBP",
        merchant: "YouTube Premium",
        renews_at: "2026-03-15",
      },
    ],
    [
      "a price change that says what the price will increase to; the plan's tier is no payee",
      {
        sender: "no-reply@spotify.com",
        senderName: "Spotify",
        subject: "Your Spotify Premium price is changing",
        text: "Starting with your next bill on April 14, 2026, your Premium Individual plan will increase to £12.99/month.",
      },
      { kind: "renewal_notice", amount_minor: 1299, merchant: "Spotify", renews_at: "2026-04-14" },
    ],
    [
      "a plan's tier after the product's name",
      {
        sender: "microsoft-noreply@microsoft.com",
        senderName: "Microsoft",
        subject: "Changes to your Microsoft 365 Personal subscription",
        text: "The price of your subscription will change.\nCurrent price\t$69.99/year\nNew price\t$99.99/year\nEffective\tYour next renewal on March 2, 2026",
      },
      { kind: "renewal_notice", amount_minor: 9999, merchant: "Microsoft 365", renews_at: "2026-03-02" },
    ],
    [
      "a merchant of record",
      {
        sender: "help@paddle.com",
        senderName: "Setapp via Paddle",
        subject: "Your Setapp receipt",
        text: "Your payment to Setapp has been processed. Paddle.com Market Ltd is the authorised reseller and merchant of record for this order.\nTotal\t€11.89\nNext payment: €11.89 on May 18, 2026.",
      },
      {
        kind: "charge",
        amount_minor: 1189,
        merchant: "Setapp",
        merchant_legal: "Paddle.com Market Ltd",
        renews_at: "2026-05-18",
      },
    ],
    [
      "a bill that is ready as no payment",
      {
        sender: "bills@ee.co.uk",
        senderName: "EE",
        subject: "Your EE bill is ready",
        text: "Your bill is ready. Total: £42.50. We'll collect this by Direct Debit on 20 March 2026.",
      },
      { kind: "other", amount_minor: null },
    ],
  ])("reads %s", (_case, fields, expected) => {
    expect(readGenericEnglish(notice({ receivedAt: at("2026-02-10T10:00:00Z"), ...fields }))).toMatchObject(expected);
  });
  it("reads 'Your payment of $X to Y' as a charge to Y", () => {
    const event = readGenericEnglish(
      notice({
        sender: "no-reply@spotify.com",
        senderName: "Spotify",
        subject: "Your payment was successful",
        text: "Hi Karl,\nYour payment of $11.99 to Spotify USA Inc. was successful on May 5, 2025.\nYour Premium plan will renew on June 5, 2025.\nPaid with Visa ending in 1111",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 1199,
      currency: "USD",
      merchant: "Spotify USA Inc",
      card_tail: "1111",
      channel: "credit_card",
      renews_at: "2025-06-05",
    });
  });

  it("takes the total charged, not the subtotal or VAT", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "Headspace",
        subject: "Your Headspace receipt",
        text: "You've been charged for your annual plan.\nSubtotal £41.66\nVAT (20%) £8.33\nTotal £49.99\nOrder number: HS-88812",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 4999,
      currency: "GBP",
      merchant: "Headspace",
      reference: "HS-88812",
    });
  });

  it("reads a renewal reminder with its renewal date and price", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "1Password",
        subject: "Your 1Password subscription will renew soon",
        text: "Your subscription will automatically renew on June 20, 2025 for US$35.88. To make changes, visit your account.",
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 3588,
      currency: "USD",
      renews_at: "2025-06-20",
    });
  });

  it("reads a trial ending as a renewal notice, reading a year-less date forward", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "Babbel",
        subject: "Your free trial is ending",
        text: "Your free trial ends on January 3. After that you will be charged €9,99 per month.",
        receivedAt: at("2025-12-28T09:00:00Z"),
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      amount_minor: 999,
      currency: "EUR",
      renews_at: "2026-01-03",
    });
  });

  it("reads a cancellation confirmation", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "Netflix",
        subject: "Your membership has been cancelled",
        text: "We've cancelled your membership. You can keep watching until July 1, 2025. Your subscription has been canceled and you will not be charged again.",
      }),
    );
    expect(event).toMatchObject({ kind: "cancellation", renews_at: null });
  });

  it("reads 'auto-renew is off' as a cancellation", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "NordVPN",
        subject: "Account update",
        text: "Auto-renewal has been turned off for your NordVPN plan.",
      }),
    );
    expect(event?.kind).toBe("cancellation");
  });

  it("reads a welcome to a paid plan as a signup", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "Notion",
        subject: "Welcome to Notion Plus",
        text: "Thanks for upgrading! You're now on the Plus plan at $10.00/month. Your next billing date is July 2, 2025.",
      }),
    );
    expect(event).toMatchObject({
      kind: "signup",
      amount_minor: 1000,
      merchant: "Notion Plus",
      renews_at: "2025-07-02",
    });
  });

  it("reads a refund", () => {
    const event = readGenericEnglish(
      notice({
        senderName: "Audible",
        subject: "Your refund has been processed",
        text: "We've issued a refund of $14.95 to your Mastercard ending in 2222 for your Audible membership.",
      }),
    );
    expect(event).toMatchObject({ kind: "refund", amount_minor: 1495, card_tail: "2222" });
  });

  it("reads yen, NT$, HK$ and CHF amounts in their currencies", () => {
    const cases: [string, number, string][] = [
      ["You've been charged ¥1,200 for your monthly plan.", 1200, "JPY"],
      ["You've been charged NT$150 for your monthly plan.", 15000, "TWD"],
      ["You've been charged HK$78.00 for your monthly plan.", 7800, "HKD"],
      ["You've been charged CHF 12.50 for your monthly plan.", 1250, "CHF"],
    ];
    for (const [text, amount, currency] of cases) {
      expect(readGenericEnglish(notice({ senderName: "Example", subject: "Payment receipt", text }))).toMatchObject({
        kind: "charge",
        amount_minor: amount,
        currency,
      });
    }
  });

  it("calls a verification code 'other', even when it quotes an amount", () => {
    const otp = notice({
      subject: "Your verification code",
      text: "Your verification code is 482913. Use it to confirm your payment of $49.99. It expires in 10 minutes.",
    });
    expect(isNonPaymentEnglish(otp)).toBe(true);
    expect(readGenericEnglish(otp)).toMatchObject({ kind: "other", amount_minor: null, currency: null });
  });

  it("recognises every way of writing a one-time code, in any case", () => {
    const texts = [
      "Your security PIN for the payment of $49.99 to Example Inc.",
      "OTP for your payment of $49.99: 482913",
      "Enter this Passcode to confirm your payment of $49.99.",
      "YOUR CODE IS 482913. Payment of $49.99 to Example Inc.",
      "482913 is your Example code for your payment of $49.99.",
      "Use this code to verify your payment of $49.99.",
    ];
    for (const text of texts) expect(isNonPaymentEnglish(notice({ subject: "Payment receipt", text }))).toBe(true);
    expect(
      isNonPaymentEnglish(notice({ subject: "Payment receipt", text: "Your payment of $49.99 was received." })),
    ).toBe(false);
  });

  it("calls shipping notices and promotions 'other'", () => {
    const shipped = notice({
      subject: "Your order has shipped",
      text: "Good news! Your order #114-22 has shipped. Tracking number: 1Z999AA10123456784. Order total: $34.10",
    });
    const promo = notice({
      subject: "48 hours only: 50% off Premium",
      text: "Limited-time offer! Get 50% off your first year. Shop now. Unsubscribe",
    });
    expect(readGenericEnglish(shipped)?.kind).toBe("other");
    expect(readGenericEnglish(promo)?.kind).toBe("other");
  });

  it("leaves Chinese notices and notices with nothing to say to others", () => {
    expect(readGenericEnglish(notice({ text: "您尾号1234的招行信用卡消费25.00人民币。【招商银行】" }))).toBeNull();
    expect(readGenericEnglish(notice({ subject: "Hello", text: "See you at the meeting tomorrow." }))).toBeNull();
  });

  it("reads a typical receipt in well under a millisecond", () => {
    const apple = notice({ ...APPLE, subject: "Your receipt from Apple.", text: htmlToText(APPLE_2025_HTML) });
    const generic = notice({
      senderName: "Headspace",
      subject: "Your receipt",
      text: "Subtotal £41.66\nVAT £8.33\nTotal £49.99",
    });
    for (let i = 0; i < 20; i += 1) readApple(apple);
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) {
      readApple(apple);
      readGenericEnglish(generic);
    }
    // workerd coarsens timers; the loop's total is still a fair bound.
    expect((performance.now() - started) / runs).toBeLessThan(1);
  });
});

// --- fixes: column headers, app titles, plan names, next-billing dates, subject tags, card lines ---------------

describe("international fixes", () => {
  it("skips the column-header row of an older text receipt and drops the Type column from the item", () => {
    const text = [
      "APPLE ID: sam@example.com",
      "BILLED TO:",
      "Mastercard .... 7310",
      "DATE: Mar 2, 2025",
      "ORDER ID: MQ7Z2K4P9L",
      "DOCUMENT NO.: 170000111222",
      "--------",
      "iTunes Store Type Purchased From Price",
      "--------",
      "Paramount+ In-App Purchase Sam's iPad $7.99",
      "Paramount+ Essential (Monthly)",
      "Renews Apr 2, 2025",
      "TOTAL: $8.55",
    ].join("\n");
    const event = readApple(notice({ ...APPLE, subject: "Your receipt from Apple.", text }));
    expect(event).toMatchObject({
      merchant: "Paramount+",
      amount_minor: 855,
      card_tail: "7310",
      renews_at: "2025-04-02",
    });
  });

  it("names a confirmation by the app when the plan line is the app plus a tier", () => {
    const text =
      "Subscription Confirmation\nDear Customer,\nYou've successfully subscribed to ChatGPT.\nSubscription: ChatGPT Plus (Monthly)\nContent Provider: OpenAI OpCo, LLC\nDate of Purchase: May 3, 2025\nRenewal Price: $19.99/month";
    const event = readApple(notice({ ...APPLE, subject: "Your Subscription Confirmation", text }));
    expect(event).toMatchObject({ kind: "signup", merchant: "ChatGPT", amount_minor: 1999 });
    // An App line counts as well; a plan that is not "{app} {tier}" stays as written.
    const withApp = "App: Bear\nSubscription: Bear Pro (Yearly)\nRenewal Price: $29.99/year";
    expect(readApple(notice({ ...APPLE, subject: "Your Subscription Confirmation", text: withApp }))?.merchant).toBe(
      "Bear",
    );
  });

  it("reads a 2025 receipt's card from the Billing and Payment block", () => {
    const text =
      "Receipt\nMay 9, 2025\nOrder ID: MSX1Y2Z3W4\nDocument: 170001112223\nApple Account: a@example.com\nApple TV+\nApple TV+ (Monthly)\nRenews June 9, 2025\n$9.99\nBilling and Payment\nSam Lee\n12 Main St\nPortland OR 97201\nSubtotal\n$9.99\nTax\n$0.00\nMastercard •••• 2208\n$9.99";
    const event = readApple(notice({ ...APPLE, subject: "Your receipt from Apple.", text }));
    expect(event).toMatchObject({ merchant: "Apple TV+", card_tail: "2208", amount_minor: 999 });
    // An address alone in that block is no card.
    const noCard = text.replace("Mastercard •••• 2208", "Apple Card");
    expect(readApple(notice({ ...APPLE, subject: "Your receipt from Apple.", text: noCard }))?.card_tail).toBeNull();
  });

  it("names a trial reminder by the brand, not by words of 'free trial' or the plan's tier", () => {
    const event = readGenericEnglish(
      notice({
        sender: "no-reply@canva.com",
        senderName: "Canva",
        subject: "Your free trial ends in 3 days",
        text: "Your trial ends on July 4, 2025. Then your Canva Pro subscription will continue and we'll charge $14.99/month.",
      }),
    );
    expect(event).toMatchObject({
      kind: "renewal_notice",
      merchant: "Canva",
      amount_minor: 1499,
      renews_at: "2025-07-04",
    });
  });

  it("dates a signup to its own time, and a receipt to its Date line, never to the next billing date", () => {
    const signup = readGenericEnglish(
      notice({
        senderName: "Linear",
        subject: "Thanks for upgrading to Linear Standard",
        text: "Welcome to Linear Standard!\nPrice: $8.00/month\nYour next billing date is June 20, 2025.",
        sentAt: at("2025-05-20T09:00:00Z"),
      }),
    );
    expect(signup).toMatchObject({ kind: "signup", renews_at: "2025-06-20" });
    expect(day(signup?.occurred_at)).toBe("2025-05-20");
    const receipt = readGenericEnglish(
      notice({
        senderName: "Hulu",
        subject: "Your Hulu payment receipt",
        text: "Thanks for your payment.\nNext billing date: 12 June 2025\nDate: 12 May 2025\nAmount: $17.99\nPayment method: Visa ending in 0042",
      }),
    );
    expect(receipt).toMatchObject({ kind: "charge", amount_minor: 1799, renews_at: "2025-06-12", card_tail: "0042" });
    expect(day(receipt?.occurred_at)).toBe("2025-05-12");
  });

  it("takes a '[Service]' subject tag over the account name after 'for'", () => {
    const event = readGenericEnglish(
      notice({
        sender: "billing@gitlab.com",
        senderName: "GitLab",
        subject: "[GitLab] Payment receipt for jdoe-dev",
        text: "We received your payment. Thanks!\nDate: 2025-05-02\nTransaction ID: 9XK2LQ7TZ3\nAmount: $29.00 USD\nCharged to: Mastercard (5***********4410)",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", merchant: "GitLab", amount_minor: 2900, reference: "9XK2LQ7TZ3" });
  });
});

describe("Apple receipts whose total stands on the card line", () => {
  it("never reads the card's masked digits as the amount, whatever the currency sign", () => {
    for (const [total, minor, currency] of [
      ["¥650", 650, "JPY"],
      ["NT$160", 16000, "TWD"],
    ] as const) {
      const html = `<html><body><h1>Receipt</h1><p>March 2, 2026</p><p>Order ID: MZ3K8T2Q1P</p>
<table><tr><td><p>Sample Sketch</p><p>Sketch Pro (Monthly)</p></td><td><p>${total}</p></td></tr></table>
<p><span>Subtotal</span> <span>${total}</span></p><p><span>Tax</span> <span>${total.replace(/\d+/, "0")}</span></p>
<p><span>Mastercard •••• 6612</span> <span>${total}</span></p></body></html>`;
      const event = readApple(notice({ ...APPLE, subject: "Your receipt from Apple.", text: htmlToText(html) }));
      expect(event).toMatchObject({ amount_minor: minor, currency, card_tail: "6612" });
    }
  });
});

describe("Google Play receipts in Korean", () => {
  it("reads the app in parentheses and the card after 결제 수단", () => {
    const text = `Google Play\n\n주문해 주셔서 감사합니다.\n\n주문 번호: GPA.1111-2222-3333-44444\n주문 날짜: 2026. 3. 2. 오전 9:10:00 GMT+9\n\n항목\t가격\n별빛 노트 프로 (별빛 노트)\t₩5,500/월\n자동 갱신 정기 결제\n\n합계: ₩5,500/월 (부가세 포함)\n결제 수단: Mastercard-1357`;
    const event = readGooglePlay(notice({ ...PLAY, subject: "Google Play 주문 영수증", text }));
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 5500,
      currency: "KRW",
      merchant: "별빛 노트",
      card_tail: "1357",
      channel: "google_play",
    });
  });
});

describe("Google Play order dates with a bracketed zone", () => {
  it("reads the zone inside brackets after an afternoon time", () => {
    const text = `Google Play\n\n訂單編號：GPA.5555-6666-7777-88888\n訂單日期：2026年3月1日 下午11:30:00 [GMT+08:00]\n\n項目\t價格\n星光筆記 Pro (星光筆記)\tNT$90.00/月\n自動續訂的訂閱項目\n\n總計：NT$90.00\n付款方式：Visa-2468`;
    const event = readGooglePlay(notice({ ...PLAY, subject: "Google Play 訂單收據", text }));
    expect(event?.occurred_at).toBe("2026-03-01T15:30:00.000Z");
  });
});

describe("Google Play trial receipts in CJK", () => {
  it("dates the next charge at the trial's end, written after its length", () => {
    const text = `Google Play\n\n訂單編號：GPA.9999-8888-7777-66666\n訂單日期：2026年3月1日 上午10:00:00 [GMT+08:00]\n\n項目\t價格\n月光字典 (月光字典)\tNT$1,200.00/年\n自動續訂的訂閱項目\n\n免費試用期：14 天（至 2026年3月15日）\n\n總計：NT$0.00\n付款方式：Visa-1212`;
    const event = readGooglePlay(notice({ ...PLAY, subject: "Google Play 訂單收據", text }));
    expect(event).toMatchObject({ kind: "signup", amount_minor: 120000, renews_at: "2026-03-15" });
  });
});

describe("store receipts in Dutch and Brazilian Portuguese", () => {
  it("reads a Google Play nl-NL receipt: the app in parentheses, the card's tail, the renewal in Dutch month names", () => {
    const event = readGooglePlay(
      notice({
        ...PLAY,
        subject: "Je bestelbevestiging van Google Play voor 3 mrt 2025",
        receivedAt: at("2025-03-03T09:00:00Z"),
        text: "Bedankt.\nBestelnummer:\tGPA.3301-5520-7781-10293..2\nBesteldatum:\t3 mrt 2025 09:12:05 CET\nPlus (Wolkje: Weer & Radar)\nAutomatisch verlengend abonnement\t€ 2,49/maand\nTotaal:\t€ 2,49/maand\nBetaalmethode: Visa-7702\nJe abonnement wordt automatisch verlengd op 3 april 2025.",
      }),
    );
    expect(event).toMatchObject({
      kind: "charge",
      amount_minor: 249,
      merchant: "Wolkje: Weer & Radar",
      card_tail: "7702",
      renews_at: "2025-04-03",
    });
  });

  it("reads an Apple pt-BR receipt: ID do pedido, 'Renova em' and the stated day in the user's zone", () => {
    const event = readApple(
      notice({
        ...APPLE,
        subject: "Seu recibo da Apple",
        sentAt: at("2025-08-03T01:10:00Z"),
        receivedAt: at("2025-08-03T01:10:30Z"),
        timeZone: "UTC",
        text: "Recibo\nID do pedido: MQ7Z2R5TVB\tDocumento: 602211948830\nData: 2 de ago. de 2025\tID Apple: ana@example.com\nDuolingo\nSuper Duolingo (Anual)\nRenova em 2 de agosto de 2026\nR$ 179,90\nSubtotal\tR$ 179,90\nVisa •••• 1144\tR$ 179,90",
      }),
    );
    expect(event).toMatchObject({ kind: "charge", reference: "MQ7Z2R5TVB", renews_at: "2026-08-02" });
    expect(day(event?.occurred_at)).toBe("2025-08-02");
  });
});
