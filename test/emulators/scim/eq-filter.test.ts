import { describe, expect, it } from "vitest";
import { matchesEqFilter, parseEqFilter } from "../../../src/emulators/scim/eq-filter.js";

describe("parseEqFilter", () => {
  it("reads Entra's single eq filter, unescaping the JSON string", () => {
    expect(parseEqFilter('userName eq "a\\"b\\\\c"')).toEqual({ attribute: "userName", value: 'a"b\\c' });
    expect(parseEqFilter('emails[type eq "work"].value eq "a@b"')).toEqual({
      attribute: 'emails[type eq "work"].value',
      value: "a@b",
    });
  });

  it("leaves compound or unquoted filters to scimmy", () => {
    expect(parseEqFilter('userName eq "a" and active eq true')).toBeNull();
    expect(parseEqFilter("externalId eq jyoung")).toBeNull();
    expect(parseEqFilter('userName co "a"')).toBeNull();
  });
});

describe("matchesEqFilter", () => {
  const alice = {
    id: "1",
    userName: "alice@contoso.test",
    externalId: "Ext-1",
    active: true,
    emails: [{ type: "work", value: "A@x" }],
  };

  it("compares userName and other caseExact=false attributes case-insensitively", () => {
    expect(matchesEqFilter(alice, { attribute: "userName", value: "ALICE@contoso.test" })).toBe(true);
    expect(matchesEqFilter(alice, { attribute: 'emails[type eq "work"].value', value: "a@X" })).toBe(true);
  });

  it("compares id and externalId exactly, as RFC 7643 declares them caseExact", () => {
    expect(matchesEqFilter(alice, { attribute: "externalId", value: "Ext-1" })).toBe(true);
    expect(matchesEqFilter(alice, { attribute: "externalId", value: "ext-1" })).toBe(false);
  });

  it("matches booleans by their text and never matches an absent or unaddressable attribute", () => {
    expect(matchesEqFilter(alice, { attribute: "active", value: "True" })).toBe(true);
    expect(matchesEqFilter(alice, { attribute: "title", value: "x" })).toBe(false);
    expect(matchesEqFilter(alice, { attribute: "a.b.c", value: "x" })).toBe(false);
  });
});
