import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { JobConfig } from "../config/schema.js";
import { resolveSecret } from "../config/secret-ref.js";
import type { NotificationChannel } from "../observability/notifier.js";

/** A job's notification settings as channels, with their secrets resolved (from env or files). */
export function notificationChannels(
  job: JobConfig,
  env: NodeJS.ProcessEnv,
  baseDir: string,
): NotificationChannel[] {
  const { webhooks, email } = job.notifications;
  const channels: NotificationChannel[] = webhooks.map((w) => ({
    kind: "webhook",
    url: w.url,
    headers: w.authorization ? { authorization: resolveSecret(w.authorization, env, baseDir) } : undefined,
  }));
  if (email) {
    channels.push({
      kind: "email",
      from: email.from,
      to: email.to,
      smtp: {
        host: email.host,
        port: email.port,
        tls: email.tls,
        username: email.username,
        password: email.password ? resolveSecret(email.password, env, baseDir) : undefined,
        caPem: email.caFile ? readFileSync(resolve(baseDir, email.caFile), "utf8") : undefined,
      },
    });
  }
  return channels;
}
