import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";

/** One message as the server received it. */
export interface ReceivedMail {
  readonly auth: { readonly username: string; readonly password: string } | null;
  readonly from: string;
  readonly to: readonly string[];
  /** The DATA payload, dot-stuffing undone. */
  readonly data: string;
  readonly secure: boolean;
}

export interface SmtpTestServer {
  readonly port: number;
  readonly received: readonly ReceivedMail[];
  /** Every command line received, in order (AUTH lines included, to check what went over the wire). */
  readonly commands: readonly string[];
  close(): Promise<void>;
}

/**
 * A minimal SMTP server (RFC 5321 subset: EHLO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) on
 * 127.0.0.1, so the client is tested against real sockets and a real TLS upgrade.
 */
export async function startSmtpTestServer(options: {
  readonly certPem: string;
  readonly keyPem: string;
  readonly password: string;
}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const secureContext = createSecureContext({ cert: options.certPem, key: options.keyPem });

  const server = createServer((raw) => {
    sockets.add(raw);
    raw.on("close", () => sockets.delete(raw));
    raw.on("error", () => undefined);
    let socket: Socket = raw;
    let secure = false;
    let buffer = "";
    let inData = false;
    let dataLines: string[] = [];
    let auth: ReceivedMail["auth"] = null;
    let from = "";
    let to: string[] = [];
    const send = (line: string) => socket.write(`${line}\r\n`);

    const handle = (line: string) => {
      if (inData) {
        if (line === ".") {
          inData = false;
          received.push({ auth, from, to, data: dataLines.join("\r\n"), secure });
          send("250 queued");
        } else dataLines.push(line.startsWith(".") ? line.slice(1) : line);
        return;
      }
      commands.push(line);
      const verb = line.split(" ")[0]?.toUpperCase() ?? "";
      if (verb === "EHLO") {
        send("250-smtp.test");
        if (!secure) send("250-STARTTLS");
        send("250 AUTH LOGIN PLAIN");
      } else if (verb === "STARTTLS") {
        send("220 go ahead");
        socket.removeListener("data", onData);
        const upgraded = new TLSSocket(raw, { isServer: true, secureContext });
        upgraded.on("error", () => undefined);
        upgraded.on("data", onData);
        socket = upgraded;
        secure = true;
      } else if (verb === "AUTH") {
        const [username = "", password = ""] = Buffer.from(line.split(" ")[2] ?? "", "base64")
          .toString("utf8")
          .split("\0")
          .slice(1);
        if (password === options.password) {
          auth = { username, password };
          send("235 accepted");
        } else send("535 5.7.8 authentication failed");
      } else if (verb === "MAIL") {
        from = /<(.*)>/.exec(line)?.[1] ?? "";
        to = [];
        send("250 ok");
      } else if (verb === "RCPT") {
        to.push(/<(.*)>/.exec(line)?.[1] ?? "");
        send("250 ok");
      } else if (verb === "DATA") {
        inData = true;
        dataLines = [];
        send("354 end with .");
      } else if (verb === "QUIT") {
        send("221 bye");
        socket.end();
      } else send("502 unknown command");
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const lines = buffer.split("\r\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) handle(line);
    };
    raw.on("data", onData);
    send("220 smtp.test ready");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
