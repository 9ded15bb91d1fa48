// Money is an integer of minor units plus an ISO 4217 code; this is the one table of exponents.
// A code not listed here is refused rather than guessed: a wrong exponent misreads every amount.
const EXPONENTS: Record<string, number> = {
  AED: 2,
  ARS: 2,
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  EGP: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MOP: 2,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RUB: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  USD: 2,
  VND: 0,
  ZAR: 2,
};

export const CURRENCIES = Object.keys(EXPONENTS);

export function isCurrency(code: string): boolean {
  return Object.hasOwn(EXPONENTS, code);
}

/** Decimal places of the currency's minor unit (JPY 0, CNY 2, BHD 3). */
export function currencyExponent(code: string): number {
  const exponent = EXPONENTS[code];
  if (exponent === undefined) throw new RangeError(`unknown currency ${code}`);
  return exponent;
}

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
