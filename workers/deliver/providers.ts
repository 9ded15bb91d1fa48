// The delivery contract: what the outbox hands a provider, and what it needs back to decide between
// sent, retry later, and give up. Provider clients (resend.ts, twilio.ts) implement it.

export interface OutgoingEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The same on every retry of the same delivery, so the provider sends it at most once. */
  idempotencyKey: string;
}

export interface OutgoingSms {
  to: string;
  body: string;
}

export type SendResult =
  | { outcome: "sent"; providerId: string }
  /** The provider surely did not send it (it said so): safe to try again later. */
  | { outcome: "retry"; error: string }
  /** It will never work as it is (bad number, rejected content, bad credentials): stop trying. */
  | { outcome: "reject"; error: string }
  /** Nobody knows whether it went out (timeout, connection lost after sending) and the provider offers no
   *  idempotency: retrying could send it twice. */
  | { outcome: "unknown"; error: string };

export interface EmailProvider {
  send(email: OutgoingEmail): Promise<SendResult>;
}

export interface SmsProvider {
  send(sms: OutgoingSms): Promise<SendResult>;
}
