import { describe, expect, it } from "vitest";
import { parseTenantUrl } from "../../../../src/connectors/target/scim/tenant-url.js";

describe("parseTenantUrl", () => {
  it("defaults to the legacy dialect and strips a trailing slash", () => {
    expect(parseTenantUrl("https://api.contoso.com/scim/")).toEqual({
      baseUrl: "https://api.contoso.com/scim",
      dialect: "entra-legacy",
    });
  });

  it("selects the flag dialect from the bare query key and drops it from the base URL", () => {
    expect(parseTenantUrl("https://app.example/scim/v2?aadOptscim062020")).toEqual({
      baseUrl: "https://app.example/scim/v2",
      dialect: "aadOptscim062020",
    });
  });

  it("accepts the documented rollback key as the legacy dialect", () => {
    expect(parseTenantUrl("http://127.0.0.1:8080/scim?AzureAdScimPatch2017").dialect).toBe("entra-legacy");
  });

  it("rejects unknown query keys, conflicting flags, credentials and other schemes", () => {
    expect(() => parseTenantUrl("https://a.example/scim?foo=1")).toThrow(/got foo/);
    expect(() => parseTenantUrl("https://a.example/scim?aadOptscim062020&AzureAdScimPatch2017")).toThrow(
      /got both/,
    );
    expect(() => parseTenantUrl("https://user:secret@a.example/scim")).toThrow(/without user:password/);
    expect(() => parseTenantUrl("https://user:secret@a.example/scim")).not.toThrow(/secret/);
    expect(() => parseTenantUrl("ftp://a.example/scim")).toThrow(/got protocol ftp:/);
    expect(() => parseTenantUrl("not a url")).toThrow(/Expected an absolute http\(s\) tenant URL/);
  });
});
