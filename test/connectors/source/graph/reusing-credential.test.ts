import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { ReusingCredential } from "../../../../src/connectors/source/graph/reusing-credential.js";

const MINUTE = 60_000;
const SCOPE = "https://graph.microsoft.com/.default";

/** A credential that issues numbered tokens valid for an hour from `clock.now`, counting the calls. */
function issuingCredential(clock: { now: number }, options: { failFirst?: boolean } = {}) {
  const calls: (GetTokenOptions | undefined)[] = [];
  let issued = 0;
  const credential: TokenCredential = {
    async getToken(_scopes, getOptions) {
      calls.push(getOptions);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.failFirst && calls.length === 1) throw new Error("token endpoint down");
      issued++;
      return { token: `token-${issued}`, expiresOnTimestamp: clock.now + 60 * MINUTE } satisfies AccessToken;
    },
  };
  return { credential, calls };
}

describe("ReusingCredential: one token per validity period in front of MSAL", () => {
  it("hands out the same token until five minutes before it expires, then fetches a new one", async () => {
    const clock = { now: 1_000_000 };
    const { credential, calls } = issuingCredential(clock);
    const reusing = new ReusingCredential(credential, () => clock.now);

    expect((await reusing.getToken(SCOPE))?.token).toBe("token-1");
    clock.now += 54 * MINUTE;
    expect((await reusing.getToken(SCOPE))?.token).toBe("token-1");
    clock.now += 2 * MINUTE;
    expect((await reusing.getToken(SCOPE))?.token).toBe("token-2");
    expect(calls).toHaveLength(2);
  });

  it("renews at the credential's refreshAfterTimestamp when it gives one", async () => {
    const clock = { now: 0 };
    let issued = 0;
    const reusing = new ReusingCredential(
      {
        getToken: async () => ({
          token: `token-${++issued}`,
          expiresOnTimestamp: clock.now + 60 * MINUTE,
          refreshAfterTimestamp: clock.now + 30 * MINUTE,
        }),
      },
      () => clock.now,
    );
    await reusing.getToken(SCOPE);
    clock.now += 30 * MINUTE;
    expect((await reusing.getToken(SCOPE))?.token).toBe("token-2");
  });

  it("lets concurrent requests share one fetch", async () => {
    const clock = { now: 0 };
    const { credential, calls } = issuingCredential(clock);
    const reusing = new ReusingCredential(credential, () => clock.now);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => reusing.getToken(SCOPE)));
    expect(new Set(tokens.map((t) => t?.token))).toEqual(new Set(["token-1"]));
    expect(calls).toHaveLength(1);
  });

  it("does not keep a failed fetch: the next request asks the credential again", async () => {
    const clock = { now: 0 };
    const { credential, calls } = issuingCredential(clock, { failFirst: true });
    const reusing = new ReusingCredential(credential, () => clock.now);
    await expect(reusing.getToken(SCOPE)).rejects.toThrow("token endpoint down");
    expect((await reusing.getToken(SCOPE))?.token).toBe("token-1");
    expect(calls).toHaveLength(2);
  });

  it("passes a claims challenge straight to the credential, every time", async () => {
    const clock = { now: 0 };
    const { credential, calls } = issuingCredential(clock);
    const reusing = new ReusingCredential(credential, () => clock.now);
    await reusing.getToken(SCOPE);
    await reusing.getToken(SCOPE, { claims: "eyJhY2Nlc3NfdG9rZW4iOnt9fQ" });
    await reusing.getToken(SCOPE, { claims: "eyJhY2Nlc3NfdG9rZW4iOnt9fQ" });
    expect(calls.map((c) => c?.claims ?? null)).toEqual([
      null,
      "eyJhY2Nlc3NfdG9rZW4iOnt9fQ",
      "eyJhY2Nlc3NfdG9rZW4iOnt9fQ",
    ]);
  });
});
