import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificate } from "../../src/emulators/graph/certificate.js";
import {
  type EmailChannel,
  notifyQuarantine,
  type QuarantineNotice,
  shouldNotify,
} from "../../src/observability/notifier.js";
import type { QuarantineState } from "../../src/reliability/quarantine.js";
import { quarantineState } from "../support/quarantine-state.js";
import { type SmtpTestServer, startSmtpTestServer } from "./smtp-test-server.js";

const quarantined = quarantineState();
const notice: QuarantineNotice = { job: "salesforce", quarantine: quarantined };

describe("when a quarantine is worth a notification", () => {
  const retried = { ...quarantined, seriesCount: 1, currentBegan: "2025-03-01T14:00:00.000Z" };
  const cases: [string, QuarantineState | null, QuarantineState | null, boolean][] = [
    ["a job enters quarantine", null, quarantined, true],
    ["a quarantine is re-evaluated with the same reason", quarantined, retried, false],
    [
      "the reason changes within a series",
      quarantined,
      { ...retried, reason: "EncounteredEscrowProportionThreshold" },
      true,
    ],
    [
      "the series ends with the job disabled",
      retried,
      { ...retried, disabled: true, nextAttempt: null },
      true,
    ],
    ["a new series begins", quarantined, { ...quarantined, seriesBegan: "2025-04-01T08:00:00.000Z" }, true],
    ["quarantine lifts", quarantined, null, false],
    ["the job stays healthy", null, null, false],
  ];
  it.each(cases)("%s", (_title, previous, next, expected) => {
    expect(shouldNotify(previous, next)).toBe(expected);
  });
});

describe("webhook notifications to a real local HTTP server", () => {
  let server: Server;
  let url: string;
  const seen: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
  let status = 204;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        seen.push({ headers: req.headers, body, path: req.url ?? "" });
        res.writeHead(status).end("nope");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("POSTs the quarantine as JSON with the caller's authorization header", async () => {
    status = 204;
    const results = await notifyQuarantine(
      [{ kind: "webhook", url: `${url}/hooks/abc`, headers: { Authorization: "Bearer hook-secret-1" } }],
      notice,
    );
    expect(results).toEqual([{ channel: "webhook", ok: true }]);
    const request = seen.at(-1)!;
    expect(request.path).toBe("/hooks/abc");
    expect(request.headers.authorization).toBe("Bearer hook-secret-1");
    expect(request.headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(request.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ event: "quarantine", job: "salesforce", quarantine: quarantined });
    expect(payload.text).toContain("EncounteredQuarantineException");
  });

  it("reports a non-2xx answer without the secret path or the authorization header", async () => {
    status = 500;
    const [result] = await notifyQuarantine(
      [
        {
          kind: "webhook",
          url: `${url}/hooks/T0/path-secret-2`,
          headers: { Authorization: "hook-secret-3" },
        },
      ],
      notice,
    );
    expect(result).toEqual({
      channel: "webhook",
      ok: false,
      error: `Expected a 2xx answer from the webhook at ${url}, got 500`,
    });
  });
});

describe("email notifications to a real local SMTP server", () => {
  const password = "smtp-pass-ábc";
  let smtp: SmtpTestServer;
  let caPem: string;
  const channel = (overrides: Partial<EmailChannel["smtp"]> = {}): EmailChannel => ({
    kind: "email",
    from: "entra-sync@contoso.test",
    to: ["ops@contoso.test", "oncall@contoso.test"],
    smtp: {
      host: "127.0.0.1",
      port: smtp.port,
      tls: "starttls",
      username: "mailer",
      password,
      caPem,
      timeoutMs: 5_000,
      ...overrides,
    },
  });

  beforeAll(async () => {
    const cert = await createCertificate();
    caPem = cert.certPem;
    smtp = await startSmtpTestServer({ certPem: cert.certPem, keyPem: cert.keyPem, password });
  });
  afterAll(() => smtp.close());

  it("upgrades with STARTTLS, authenticates with AUTH PLAIN and delivers to every recipient", async () => {
    const results = await notifyQuarantine([channel()], notice);
    expect(results).toEqual([{ channel: "email", ok: true }]);
    const mail = smtp.received.at(-1)!;
    expect(mail).toMatchObject({
      secure: true,
      auth: { username: "mailer", password },
      from: "entra-sync@contoso.test",
      to: ["ops@contoso.test", "oncall@contoso.test"],
    });
    const [head = "", body = ""] = mail.data.split("\r\n\r\n");
    expect(head).toContain(
      'Subject: entra-sync: job "salesforce" is quarantined (EncounteredQuarantineException)',
    );
    expect(head).toContain("To: <ops@contoso.test>, <oncall@contoso.test>");
    const text = Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8");
    expect(text).toContain("Error: Unauthorized: GET /Users answered 401: invalid token");
    expect(text).toContain("Next attempt: 2025-03-01T14:00:00.000Z");
  });

  it("fails on a rejected password with the server's reply and without the password", async () => {
    const [result] = await notifyQuarantine([channel({ password: "wrong-pass-4" })], notice);
    expect(result).toEqual({
      channel: "email",
      ok: false,
      error: "Expected SMTP 235 after AUTH PLAIN, got 535 5.7.8 authentication failed",
    });
  });

  it("refuses to send credentials over a plaintext connection", async () => {
    const before = smtp.commands.length;
    const [result] = await notifyQuarantine([channel({ tls: "none" })], notice);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('got "none"') });
    expect(smtp.commands.slice(before).some((c) => c.startsWith("AUTH"))).toBe(false);
  });

  it("sends without AUTH over plaintext to a relay that needs no credentials", async () => {
    const results = await notifyQuarantine([channel({ tls: "none", username: undefined })], notice);
    expect(results).toEqual([{ channel: "email", ok: true }]);
    expect(smtp.received.at(-1)).toMatchObject({ secure: false, auth: null });
  });

  it("gives up on a server that accepts the connection but never greets", async () => {
    const silent = createNetServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const [result] = await notifyQuarantine([channel({ port, timeoutMs: 200 })], notice);
    silent.close();
    expect(result).toEqual({
      channel: "email",
      ok: false,
      error: "Expected an SMTP reply within 200 ms, got none",
    });
  });

  it("refuses a server whose certificate it does not trust", async () => {
    const before = smtp.received.length;
    const [result] = await notifyQuarantine([channel({ caPem: undefined })], notice);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/certificate/i) });
    expect(smtp.received.length).toBe(before);
  });
});
