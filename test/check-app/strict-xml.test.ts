import { describe, expect, it } from "vitest";
import { descendants, parseStrictXml } from "./strict-xml.js";

describe("parseStrictXml (the JUnit report's well-formedness check)", () => {
  it("reads elements, attributes and entities", () => {
    const root = parseStrictXml(
      '<?xml version="1.0"?>\n<a x="1 &amp; 2"><b>&lt;c&gt; &#65;&#x42;</b><b/></a>',
    );
    expect(root.attributes.x).toBe("1 & 2");
    expect(descendants(root, "b").map((b) => b.text)).toEqual(["<c> AB", ""]);
  });

  it.each([
    ["an unclosed element", "<a><b></a>"],
    ["a raw ampersand", "<a>x & y</a>"],
    ["a raw < in an attribute", '<a x="<"/>'],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["a duplicate attribute", '<a x="1" x="2"/>'],
    ["an unquoted attribute", "<a x=1/>"],
    ["two roots", "<a/><b/>"],
    ["a control character", "<a>\u0001</a>"],
  ])("rejects %s", (_label, xml) => {
    expect(() => parseStrictXml(xml)).toThrow(/Expected|Illegal/);
  });
});
