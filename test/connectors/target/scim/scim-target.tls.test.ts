import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTarget } from "../../../../src/connectors/target/scim/scim-target.js";
import { ConnectorError } from "../../../../src/domain/errors.js";

let server: Server;
let url: string;
let certPem: string;

beforeAll(async () => {
  const pems = await generate([{ name: "commonName", value: "localhost" }], { keyType: "ec" });
  certPem = pems.cert;
  server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
    res.writeHead(200, { "content-type": "application/scim+json" });
    res.end(JSON.stringify({ totalResults: 0, Resources: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/scim`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("createScimTarget over TLS", () => {
  it("trusts a self-signed app when its certificate is given as caPem", async () => {
    const scim = createScimTarget({ baseUrl: url, token: "t", caPem: certPem });
    await expect(scim.testConnection("userName")).resolves.toBeUndefined();
    await scim.close();
  });

  it("keeps verification on otherwise and reports the untrusted certificate as a job failure without retrying", async () => {
    const attempts: number[] = [];
    const scim = createScimTarget({
      baseUrl: url,
      token: "t",
      onRequest: (info) => attempts.push(info.attempt),
    });
    const error = await scim.testConnection("userName").catch((e: unknown) => e);
    await scim.close();
    expect(error).toBeInstanceOf(ConnectorError);
    expect({ code: (error as ConnectorError).code, scope: (error as ConnectorError).scope }).toEqual({
      code: "WebExceptionProtocolError",
      scope: "job",
    });
    expect((error as ConnectorError).message).toMatch(/TLS failure/);
    expect(attempts).toEqual([1]);
  });
});
