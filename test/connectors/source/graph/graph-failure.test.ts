import { GraphError } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { classifyGraphFailure } from "../../../../src/connectors/source/graph/graph-failure.js";

const secret = "s3cret-value";
const redact = (text: string) => text.split(secret).join("***");

function graphError(status: number, code: string | null, body?: string): GraphError {
  const error = new GraphError(status, `failed with ${code}`);
  error.code = code;
  error.body = body ?? null;
  return error;
}

const classify = (error: unknown) => classifyGraphFailure(error, "GET /users/delta", redact);

describe("classifyGraphFailure", () => {
  it("treats 410 and 4xx syncStateNotFound / resyncRequired (also as inner code) as an expired delta link", () => {
    expect(classify(graphError(410, null)).kind).toBe("deltaExpired");
    expect(classify(graphError(400, "syncStateNotFound")).kind).toBe("deltaExpired");
    expect(
      classify(graphError(400, "BadRequest", '{"code":"BadRequest","innerError":{"code":"resyncRequired"}}'))
        .kind,
    ).toBe("deltaExpired");
  });

  it("makes 401 and 403 job failures and 429 and 5xx transient ones", () => {
    const scopeOf = (status: number) => {
      const failure = classify(graphError(status, "X"));
      return failure.kind === "error" ? failure.error.scope : failure.kind;
    };
    expect([401, 403, 400].map(scopeOf)).toEqual(["job", "job", "job"]);
    expect([429, 500, 503, 504].map(scopeOf)).toEqual(["transient", "transient", "transient", "transient"]);
    expect(scopeOf(404)).toBe("notFound");
  });

  it("makes rejected client credentials a job failure and a network failure transient", () => {
    const auth = new GraphError(-1, "", new Error("invalid_client"));
    auth.code = "AuthenticationRequiredError";
    auth.body = "AuthenticationRequiredError: invalid_client: AADSTS7000215: Invalid client secret provided.";
    const network = new GraphError(-1, "", new TypeError("fetch failed"));
    network.code = "TypeError";
    network.body = "TypeError: fetch failed";
    const authFailure = classify(auth);
    const networkFailure = classify(network);
    expect(authFailure.kind === "error" && authFailure.error.scope).toBe("job");
    expect(networkFailure.kind === "error" && networkFailure.error.scope).toBe("transient");
    expect(networkFailure.kind === "error" && networkFailure.error.message).toContain("network error");
  });

  it("names the request in the message and never repeats the secret", () => {
    const failure = classify(graphError(500, "generalException", `{"message":"echo ${secret}"}`));
    if (failure.kind !== "error") throw new Error(`Expected an error, got ${failure.kind}`);
    expect(failure.error.message).toMatch(/^Graph request GET \/users\/delta failed: 500 generalException/);
    expect(`${failure.error.message}${JSON.stringify(failure.error.details)}`).not.toContain(secret);
  });
});
