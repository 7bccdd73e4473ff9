import { randomUUID } from "node:crypto";
import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { resourcePath, sendQuery } from "../entra-requests.js";
import type { ProbeResponse } from "../probe-client.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Check 3: answers Entra's client can read at all. */
export const transportCheck: CheckDefinition = {
  id: 3,
  name: "JSON bodies, SCIM content type, no redirects, TLS",
  protects:
    "Entra follows no redirect, verifies the certificate (TLS 1.2, public CA) and reads only JSON: an HTML page or a 3xx is logged as SystemForCrossDomainIdentityManagementServiceIncompatible.",
  severity: "fail",
  perDialect: false,
  readOnly: true,
  async run({ client, profile, baseUrl }) {
    const answers: ProbeResponse[] = [
      await sendQuery(client, "user", profile.userMatching[0] ?? "userName", randomUUID()),
      await client.send("GET", resourcePath("user", randomUUID())),
    ];
    for (const answer of answers) {
      if (answer.status >= 300 && answer.status < 400)
        return fail(`Expected no redirect, got ${answer.status}`, answer.exchange);
      const mediaType = (answer.contentType ?? "").split(";")[0]!.trim().toLowerCase();
      if (!/^application\/([\w.-]+\+)?json$/.test(mediaType) || answer.json === undefined)
        return fail(
          `Expected a JSON body, got content type ${mediaType || "(none)"}${answer.json === undefined ? " and no parseable JSON" : ""}`,
          answer.exchange,
        );
    }
    const plainJson = answers.find(
      (a) => !(a.contentType ?? "").toLowerCase().includes("application/scim+json"),
    );
    if (plainJson)
      return warn(
        `Expected content type application/scim+json (RFC 7644 §3.1), got ${plainJson.contentType}`,
        plainJson.exchange,
      );
    const url = new URL(baseUrl);
    if (url.protocol === "http:" && !LOOPBACK.has(url.hostname))
      return warn("Expected https: Entra only connects over TLS 1.2 with a publicly trusted certificate");
    return pass(url.protocol === "https:" ? "JSON over verified TLS" : "JSON (plain http on loopback)");
  },
};
