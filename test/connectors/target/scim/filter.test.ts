import { describe, expect, it } from "vitest";
import { buildFilter, buildMatchQuery } from "../../../../src/connectors/target/scim/filter.js";
import { fixture } from "./wire-fixtures.js";

describe("buildFilter", () => {
  it("wraps plain values in double quotes as in the documented queries", () => {
    const documented = fixture("get-user-by-query-userName").pathAndQuery;
    expect(`/Users?filter=${buildFilter("userName", "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee")}`).toBe(
      documented,
    );
    expect(`/Users?filter=${buildFilter("userName", "non-existent user")}`).toBe(
      fixture("get-user-by-query-zero-results").pathAndQuery,
    );
  });

  it("escapes quotes and backslashes as a JSON string", () => {
    expect(buildFilter("userName", 'a"b\\c')).toBe('userName eq "a\\"b\\\\c"');
  });

  it("escapes control characters and keeps unicode as it is", () => {
    expect(buildFilter("displayName", "tab\there\u0001")).toBe('displayName eq "tab\\there\\u0001"');
    expect(buildFilter("displayName", "Zoë 😀 日本")).toBe('displayName eq "Zoë 😀 日本"');
  });

  it("round-trips any string through a JSON parse of the quoted part", () => {
    for (const value of ['"', "\\", '\\"', "a\nb", "\u2028", "é", "\ud800"]) {
      const quoted = buildFilter("x", value).slice("x eq ".length);
      expect(JSON.parse(quoted)).toBe(value);
    }
  });
});

describe("buildMatchQuery", () => {
  it("encodes spaces as + and quotes as %22 like captured Entra traffic", () => {
    expect(`/Users?${buildMatchQuery("user", "userName", "7d420df3-9995-4831-a406-ecf8166f5f6a")}`).toBe(
      fixture("observed-test-connection-encoded").pathAndQuery,
    );
    expect(`/Users?${buildMatchQuery("user", "externalId", "johnwong")}`).toBe(
      fixture("observed-match-by-externalId-encoded").pathAndQuery,
    );
  });

  it("puts excludedAttributes=members before the filter for groups", () => {
    const query = buildMatchQuery("group", "displayName", "displayName");
    expect(`/Groups?${decodeURIComponent(query.replace(/\+/g, " "))}`).toBe(
      fixture("get-group-by-displayName").pathAndQuery,
    );
    expect(query.startsWith("excludedAttributes=members&filter=")).toBe(true);
  });

  it("percent-encodes reserved characters so the value survives the query string", () => {
    const query = buildMatchQuery("user", "userName", 'a+b&c=d"#%');
    const filter = new URLSearchParams(query).get("filter");
    expect(filter).toBe('userName eq "a+b&c=d\\"#%"');
  });
});
