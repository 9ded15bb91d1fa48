// Money is an integer of minor units plus an ISO 4217 code; the codes and their exponents are
// schema/vocabulary.ts's one table. This is how an amount is written out.
import { currencyExponent } from "../../schema/vocabulary";

/** The figure alone, to the currency's minor unit ("17.99" CNY, "2400" JPY), where the code is shown apart. */
export function formatAmount(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${sign}${whole}${fraction}`;
}

/** "25.00 CNY" style, for texts and logs; never used for arithmetic. */
export function formatMoney(amountMinor: number, currency: string): string {
  return `${formatAmount(amountMinor, currency)} ${currency}`;
}
