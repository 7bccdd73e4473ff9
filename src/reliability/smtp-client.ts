import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { isIP, type Socket, connect as tcpConnect } from "node:net";
import { hostname } from "node:os";
import { rootCertificates, type TLSSocket, connect as tlsConnect } from "node:tls";

/**
 * How to reach a mail server. `tls`: "implicit" speaks TLS from the first byte (port 465), "starttls"
 * upgrades after EHLO and refuses a server that does not offer it (port 587), "none" is plaintext, for a
 * relay on the same host. Credentials are never sent without TLS.
 */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: "implicit" | "starttls" | "none";
  /** AUTH PLAIN user name; no AUTH when absent. */
  readonly username?: string;
  /** Already resolved by the caller. Never logged and never part of an error message. */
  readonly password?: string;
  /** Extra CA (PEM) to trust on top of the system roots. Verification stays on. */
  readonly caPem?: string;
  /** Most milliseconds to wait for any one reply. Default 30,000. */
  readonly timeoutMs?: number;
  /** Name sent with EHLO. Default the host name. */
  readonly clientName?: string;
}

/** A plain-text message. Addresses are bare (`ops@example.com`). */
export interface MailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly date: Date;
}

interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** Reads CRLF-terminated lines from one socket; detached before a STARTTLS upgrade takes the socket over. */
function lineReader(socket: Socket) {
  let buffer = "";
  const lines: string[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    const parts = buffer.split("\r\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
    wake?.();
  };
  const onError = (error: Error) => {
    failure = error;
    wake?.();
  };
  const onClose = () => {
    failure ??= new Error("Expected an SMTP reply, got a closed connection");
    wake?.();
  };
  socket.on("data", onData).on("error", onError).on("close", onClose);
  return {
    async line(): Promise<string> {
      while (lines.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      return lines.shift() ?? "";
    },
    detach() {
      socket.off("data", onData).off("error", onError).off("close", onClose);
    },
  };
}

const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;

function checkAddress(address: string): string {
  if (!ADDRESS.test(address))
    throw new Error(`Expected an e-mail address like ops@example.com, got "${address}"`);
  return address;
}

/** RFC 2047 encoded-word for a subject that is not plain ASCII; CR and LF never reach a header. */
function headerText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, "utf8").toString("base64")}?=`;
}

/** The DATA payload: headers, then the body as base64 so any text passes 7-bit servers unchanged. */
function renderMessage(message: MailMessage): string {
  const body = Buffer.from(message.text.replace(/\r?\n/g, "\r\n"), "utf8").toString("base64");
  const headers = [
    `From: <${message.from}>`,
    `To: ${message.to.map((a) => `<${a}>`).join(", ")}`,
    `Subject: ${headerText(message.subject)}`,
    `Date: ${message.date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${randomUUID()}@entra-sync>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
  ];
  // No line can begin with "." (headers start with a name, base64 has no dot), so no dot-stuffing is needed.
  return [...headers, "", ...(body.match(/.{1,76}/g) ?? [])].join("\r\n");
}

/**
 * Sends one message: EHLO, STARTTLS when asked, AUTH PLAIN when credentials are set, MAIL FROM, RCPT TO,
 * DATA, QUIT. A small client rather than a dependency: notifications need exactly this path and nothing
 * of the rest of SMTP. Throws "Expected X, got Y" errors that quote the server's reply, never the password.
 */
export async function sendMail(settings: SmtpSettings, message: MailMessage): Promise<void> {
  const from = checkAddress(message.from);
  const recipients = message.to.map(checkAddress);
  if (recipients.length === 0) throw new Error("Expected at least one recipient, got none");
  if (settings.username !== undefined && settings.tls === "none")
    throw new Error('Expected tls "implicit" or "starttls" to send SMTP credentials, got "none"');
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const tlsOptions = {
    ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
    ...(settings.caPem ? { ca: [...rootCertificates, settings.caPem] } : {}),
  };

  let socket: Socket | TLSSocket =
    settings.tls === "implicit"
      ? tlsConnect({ host: settings.host, port: settings.port, ...tlsOptions })
      : tcpConnect({ host: settings.host, port: settings.port });
  const arm = (s: Socket) =>
    s.setTimeout(timeoutMs, () =>
      s.destroy(new Error(`Expected an SMTP reply within ${timeoutMs} ms, got none`)),
    );
  arm(socket);
  try {
    await once(socket, settings.tls === "implicit" ? "secureConnect" : "connect");
    let reader = lineReader(socket);

    const reply = async (): Promise<Reply> => {
      const lines: string[] = [];
      for (;;) {
        const line = await reader.line();
        lines.push(line.slice(4));
        // "250-…" continues a multi-line reply; "250 …" (or a bare code) ends it.
        if (line.charAt(3) !== "-") return { code: Number.parseInt(line.slice(0, 3), 10), lines };
      }
    };
    /** Sends a command (shown as `label` in errors, so AUTH never shows its argument) and checks the reply. */
    const command = async (line: string | null, accept: readonly number[], label: string) => {
      if (line !== null) socket.write(`${line}\r\n`);
      const answer = await reply();
      if (!accept.includes(answer.code))
        throw new Error(
          `Expected SMTP ${accept.join(" or ")} after ${label}, got ${answer.code} ${answer.lines.join(" ")}`.trim(),
        );
      return answer;
    };
    const ehlo = async () => {
      const answer = await command(`EHLO ${settings.clientName ?? hostname()}`, [250], "EHLO");
      return answer.lines.slice(1).map((l) => l.toUpperCase());
    };

    await command(null, [220], "connecting");
    let extensions = await ehlo();
    if (settings.tls === "starttls") {
      if (!extensions.includes("STARTTLS"))
        throw new Error(`Expected the server to offer STARTTLS, got extensions: ${extensions.join(", ")}`);
      await command("STARTTLS", [220], "STARTTLS");
      reader.detach();
      const raw = socket;
      raw.setTimeout(0);
      socket = tlsConnect({ socket: raw, ...tlsOptions });
      arm(socket);
      await once(socket, "secureConnect");
      reader = lineReader(socket);
      extensions = await ehlo();
    }
    if (settings.username !== undefined) {
      const auth = extensions.find((e) => e.startsWith("AUTH"))?.split(/[\s=]+/) ?? [];
      if (!auth.includes("PLAIN"))
        throw new Error(`Expected the server to offer AUTH PLAIN, got ${auth.join(" ") || "no AUTH"}`);
      const credentials = Buffer.from(`\0${settings.username}\0${settings.password ?? ""}`, "utf8");
      await command(`AUTH PLAIN ${credentials.toString("base64")}`, [235], "AUTH PLAIN");
    }
    await command(`MAIL FROM:<${from}>`, [250], "MAIL FROM");
    for (const to of recipients) await command(`RCPT TO:<${to}>`, [250, 251], `RCPT TO:<${to}>`);
    await command("DATA", [354], "DATA");
    await command(`${renderMessage(message)}\r\n.`, [250], "the message");
    await command("QUIT", [221], "QUIT").catch(() => undefined);
  } finally {
    socket.destroy();
  }
}
