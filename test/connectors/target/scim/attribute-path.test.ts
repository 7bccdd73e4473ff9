import { describe, expect, it } from "vitest";
import { parseAttributePath } from "../../../../src/connectors/target/scim/attribute-path.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("parseAttributePath", () => {
  it("parses simple, dotted, filtered and extension paths", () => {
    expect(parseAttributePath("userName")).toMatchObject({
      schema: null,
      attribute: "userName",
      filter: null,
      subAttribute: null,
    });
    expect(parseAttributePath("name.givenName")).toMatchObject({
      attribute: "name",
      subAttribute: "givenName",
    });
    expect(parseAttributePath('addresses[type eq "work"].locality')).toMatchObject({
      attribute: "addresses",
      filter: { attribute: "type", value: "work" },
      subAttribute: "locality",
    });
    expect(parseAttributePath('roles[primary eq "True"].value')).toMatchObject({
      filter: { attribute: "primary", value: "True" },
    });
    expect(parseAttributePath(`${ENTERPRISE}:employeeNumber`)).toMatchObject({
      schema: ENTERPRISE,
      attribute: "employeeNumber",
    });
    expect(parseAttributePath(`${ENTERPRISE}:manager.value`)).toMatchObject({
      attribute: "manager",
      subAttribute: "value",
    });
  });

  it("keeps the text as written so it can key FlatAttributes", () => {
    expect(parseAttributePath('emails[type eq "work"].value').text).toBe('emails[type eq "work"].value');
  });

  it("unescapes a JSON-escaped filter literal", () => {
    expect(parseAttributePath('emails[type eq "a\\"b"].value').filter?.value).toBe('a"b');
  });

  it("treats the core schema URN prefix as a core attribute", () => {
    expect(parseAttributePath("urn:ietf:params:scim:schemas:core:2.0:User:userName")).toMatchObject({
      schema: null,
      attribute: "userName",
    });
  });

  it("rejects paths the connector cannot address, naming the path", () => {
    expect(() => parseAttributePath('emails[type co "w"].value')).toThrow(
      /Expected a SCIM attribute path.*got "emails/,
    );
    expect(() => parseAttributePath("a.b.c")).toThrow(/got "a\.b\.c"/);
    expect(() => parseAttributePath("")).toThrow(/Expected a SCIM attribute path/);
  });
});
