// Build-time stand-in for `standardwebhooks`, wired by [alias] in wrangler.toml. The resend SDK imports it only for
// `resend.webhooks.verify()` (Resend calling us back), which this Worker never uses; dropping it and its sha256 and
// base64 code saves ~5 KiB gzip. deployable-bundle.mjs fails if anything but resend imports it.
export class Webhook {
  constructor() {
    throw new Error("standardwebhooks is not bundled: this Worker does not verify Resend's webhooks");
  }
}
