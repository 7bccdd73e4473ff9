import type { QuarantineState } from "../reliability/quarantine.js";
import { type SmtpSettings, sendMail } from "../reliability/smtp-client.js";

/** What a notification is about: one job's quarantine, as just evaluated. */
export interface QuarantineNotice {
  readonly job: string;
  readonly quarantine: QuarantineState;
}

/** A JSON POST. `headers` (e.g. an already resolved `Authorization`) are sent but never logged or quoted. */
export interface WebhookChannel {
  readonly kind: "webhook";
  /** May itself be a secret (chat webhooks carry a token in the path): errors only ever show its origin. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default 10,000. */
  readonly timeoutMs?: number;
}

export interface EmailChannel {
  readonly kind: "email";
  readonly smtp: SmtpSettings;
  readonly from: string;
  readonly to: readonly string[];
}

export type NotificationChannel = WebhookChannel | EmailChannel;

/** One channel's result; `error` is a message safe to log. */
export type NotificationResult =
  | { readonly channel: NotificationChannel["kind"]; readonly ok: true }
  | { readonly channel: NotificationChannel["kind"]; readonly ok: false; readonly error: string };

/**
 * Entra mails once when a job enters quarantine and again when the reason changes (engine-behavior.md
 * §4.2). We also notify when a series ends in the job being disabled, because from then on nothing runs
 * until someone acts, which is exactly what a notification is for. Re-evaluations that change nothing are
 * silent, so a job quarantined for weeks sends a handful of messages, not one per attempt.
 */
export function shouldNotify(previous: QuarantineState | null, next: QuarantineState | null): boolean {
  if (next === null) return false;
  if (previous === null || previous.seriesBegan !== next.seriesBegan) return true;
  return previous.reason !== next.reason || (next.disabled && !previous.disabled);
}

/** Subject and body shared by every channel. */
export function renderNotice(notice: QuarantineNotice): { subject: string; text: string } {
  const q = notice.quarantine;
  const subject = q.disabled
    ? `entra-sync: job "${notice.job}" was disabled after a quarantine that began ${q.seriesBegan}`
    : `entra-sync: job "${notice.job}" is quarantined (${q.reason})`;
  const text = [
    subject,
    "",
    `Reason: ${q.reason}`,
    ...(q.error ? [`Error: ${q.error.code}: ${q.error.message}`] : []),
    `Quarantined since: ${q.seriesBegan}`,
    q.disabled
      ? "The job no longer runs. Fix the cause, then run a sync to lift the quarantine."
      : `Next attempt: ${q.nextAttempt}`,
  ].join("\n");
  return { subject, text };
}

/**
 * POSTs `{ text, event, job, quarantine }`: `text` makes the payload readable by chat webhooks that
 * expect one; the rest is for machines. Throws when no 2xx answer comes.
 */
export async function sendWebhook(channel: WebhookChannel, notice: QuarantineNotice): Promise<void> {
  const { text } = renderNotice(notice);
  const origin = new URL(channel.url).origin;
  let response: Response;
  try {
    response = await fetch(channel.url, {
      method: "POST",
      headers: { ...channel.headers, "Content-Type": "application/json" },
      body: JSON.stringify({ text, event: "quarantine", job: notice.job, quarantine: notice.quarantine }),
      redirect: "manual",
      signal: AbortSignal.timeout(channel.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "a timeout" : "no answer";
    throw new Error(`Expected a 2xx answer from the webhook at ${origin}, got ${reason}`);
  }
  await response.body?.cancel();
  if (!response.ok)
    throw new Error(`Expected a 2xx answer from the webhook at ${origin}, got ${response.status}`);
}

export async function sendEmail(channel: EmailChannel, notice: QuarantineNotice): Promise<void> {
  const { subject, text } = renderNotice(notice);
  await sendMail(channel.smtp, { from: channel.from, to: channel.to, subject, text, date: new Date() });
}

/**
 * Sends one notice on every channel at once. Never throws: a broken mail server must not fail a
 * provisioning cycle, so each channel's failure comes back as a value for the caller to log.
 */
export async function notifyQuarantine(
  channels: readonly NotificationChannel[],
  notice: QuarantineNotice,
): Promise<NotificationResult[]> {
  return Promise.all(
    channels.map(async (channel): Promise<NotificationResult> => {
      try {
        await (channel.kind === "webhook" ? sendWebhook(channel, notice) : sendEmail(channel, notice));
        return { channel: channel.kind, ok: true };
      } catch (error) {
        return {
          channel: channel.kind,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}
