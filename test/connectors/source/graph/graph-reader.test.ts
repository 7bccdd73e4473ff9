import type { Client } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { GraphReader } from "../../../../src/connectors/source/graph/graph-reader.js";
import { deltaPageSchema } from "../../../../src/connectors/source/graph/graph-schemas.js";
import { SourceReadError } from "../../../../src/domain/errors.js";

/** A stand-in for the SDK client (unit test of GraphReader alone): each api(url).get() answers the next body. */
function fakeClient(bodies: Record<string, unknown>): { client: Client; requested: string[] } {
  const requested: string[] = [];
  const client = {
    api: (url: string) => ({
      get: async () => {
        requested.push(url);
        return bodies[url];
      },
    }),
  } as unknown as Client;
  return { client, requested };
}

describe("GraphReader", () => {
  it("follows nextLinks unchanged and returns the final deltaLink", async () => {
    const { client, requested } = fakeClient({
      "/users/delta": {
        value: [{ id: "a" }],
        "@odata.nextLink": "https://graph.example/v1.0/users/delta?$skiptoken=1",
      },
      "https://graph.example/v1.0/users/delta?$skiptoken=1": {
        value: [],
        "@odata.deltaLink": "https://graph.example/v1.0/users/delta?$deltatoken=2",
      },
    });
    const reader = new GraphReader(client, (text) => text);
    const seen: string[] = [];
    const link = await reader.pages(reader.request("/users/delta"), deltaPageSchema, (page) =>
      seen.push(...page.map((o) => o.id)),
    );
    expect(link).toBe("https://graph.example/v1.0/users/delta?$deltatoken=2");
    expect(requested).toEqual(["/users/delta", "https://graph.example/v1.0/users/delta?$skiptoken=1"]);
    expect(seen).toEqual(["a"]);
  });

  it("turns a malformed page into a SourceReadError naming the request but not its token", async () => {
    const { client } = fakeClient({
      "/users/delta": {
        value: [{ id: "a" }],
        "@odata.nextLink": "https://graph.example/v1.0/users/delta?$skiptoken=SECRETISH",
      },
      "https://graph.example/v1.0/users/delta?$skiptoken=SECRETISH": { value: [{ displayName: "no id" }] },
    });
    const reader = new GraphReader(client, (text) => text);
    const error = await reader
      .pages(reader.request("/users/delta"), deltaPageSchema, () => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect((error as SourceReadError).message).toMatch(
      /^Expected a well-formed Graph response from GET \/users\/delta, got: value\.0\.id/,
    );
    expect((error as SourceReadError).message).not.toContain("SECRETISH");
  });
});
