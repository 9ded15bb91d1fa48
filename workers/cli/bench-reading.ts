// Bundled by bench.mjs for Node: the same pure reading code the Worker runs, timed per fixture.
import PostalMime from "postal-mime";
import { extractEvent } from "../read";
import { readEmail } from "../read/mime";
import { smsFromFields, smsNotice } from "../read/sms";

export { extractEvent, PostalMime, readEmail, smsFromFields, smsNotice };
