/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own character data, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
// XML 1.0 §2.2: the characters a document may contain at all.
const ILLEGAL_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * A strict well-formedness check of the XML subset JUnit reports use (declaration, elements, attributes,
 * character data, the five predefined and numeric entities; no DTD, comments, CDATA or processing
 * instructions beyond the declaration). Throws on the first violation with its offset; returns the root.
 * Our own, so the check-app tests need no XML parser dependency.
 */
export function parseStrictXml(text: string): XmlElement {
  const illegal = ILLEGAL_CHAR.exec(text);
  if (illegal)
    throw new Error(`Illegal character U+${illegal[0].codePointAt(0)?.toString(16)} at ${illegal.index}`);
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`Expected ${what} at offset ${at}, got ${JSON.stringify(text.slice(at, at + 20))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(text[at] ?? "")) at++;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);|&/g, (_match, entity: string | undefined) => {
      if (entity === undefined) return fail("an entity after &");
      if (entity in ENTITIES) return ENTITIES[entity]!;
      const code = /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1] ?? /^#(\d+)$/.exec(entity)?.[1];
      if (code === undefined) return fail(`a known entity, not &${entity};`);
      return String.fromCodePoint(Number.parseInt(code, entity.startsWith("#x") ? 16 : 10));
    });
  const name = (): string => {
    const found = NAME.exec(text.slice(at))?.[0] ?? fail("a name");
    at += found.length;
    return found;
  };

  if (text.startsWith("<?xml")) {
    const end = text.indexOf("?>");
    if (end < 0) fail("the end of the XML declaration");
    at = end + 2;
  }
  skipSpace();
  const element = (): XmlElement => {
    if (text[at] !== "<") fail("<");
    at++;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: "" };
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (text.startsWith("/>", at)) {
        at += 2;
        return { ...node, attributes };
      }
      if (text[at] === ">") break;
      const key = name();
      if (key in attributes) fail(`no second attribute ${key}`);
      skipSpace();
      if (text[at] !== "=") fail("=");
      at++;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") fail("a quoted attribute value");
      const end = text.indexOf(quote!, at + 1);
      if (end < 0) fail("the closing quote");
      const raw = text.slice(at + 1, end);
      if (raw.includes("<")) fail("no < inside an attribute value");
      attributes[key] = decode(raw);
      at = end + 1;
    }
    at++;
    const result: XmlElement = { ...node, attributes };
    for (;;) {
      const next = text.indexOf("<", at);
      if (next < 0) fail(`</${result.name}>`);
      const raw = text.slice(at, next);
      if (raw.includes("]]>")) fail("no ]]> in character data");
      result.text += decode(raw);
      at = next;
      if (text.startsWith("</", at)) {
        at += 2;
        if (name() !== result.name) fail(`</${result.name}>`);
        skipSpace();
        if (text[at] !== ">") fail(">");
        at++;
        return result;
      }
      if (text.startsWith("<!", at) || text.startsWith("<?", at))
        fail("an element (no comments, CDATA or PIs)");
      result.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (at !== text.length) fail("the end of the document after the root element");
  return root;
}

/** Every descendant element with this name, depth first. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...descendants(child, name),
  ]);
}
