/**
 * A small, strict XML reader for bank statements: elements, attributes, text, comments, CDATA and
 * the five predefined entities plus character references. Anything else is refused rather than
 * guessed: a DOCTYPE or entity declaration (so no external entities and no entity expansion
 * bombs), processing instructions after the declaration, mismatched tags, unknown entities, more
 * than MAX_DEPTH levels. Namespace prefixes are dropped: `name` is the local name.
 */
export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

export class XmlError extends Error {
  override name = 'XmlError';
}

const MAX_DEPTH = 64;
const NAME = /^[A-Za-z_][\w.:-]*/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let position = 0;
  const text = source.replace(/^\uFEFF/, '');
  const fail = (message: string): never => {
    throw new XmlError(`${message} at character ${position}`);
  };
  const skipSpace = () => {
    while (position < text.length && /\s/.test(text[position] ?? '')) position++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', position)) {
        const end = text.indexOf('-->', position + 4);
        if (end < 0) fail('Unclosed comment');
        position = end + 3;
      } else return;
    }
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, entity: string) => {
      if (!whole.endsWith(';')) return fail(`Bare "&" in text`);
      if (entity in PREDEFINED) return PREDEFINED[entity] ?? '';
      const numeric = /^#(x[0-9A-Fa-f]{1,6}|\d{1,7})$/.exec(entity);
      if (!numeric) return fail(`Unknown entity &${entity};`);
      const body = numeric[1] ?? '';
      const code = body.startsWith('x') ? Number.parseInt(body.slice(1), 16) : Number.parseInt(body, 10);
      if (code > 0x10ffff || code === 0) return fail(`Invalid character reference &${entity};`);
      return String.fromCodePoint(code);
    });
  const readName = (): string => {
    const match = NAME.exec(text.slice(position, position + 200));
    if (!match) return fail('Expected a name');
    position += match[0].length;
    return match[0];
  };
  const localName = (name: string) => name.slice(name.indexOf(':') + 1);

  const readElement = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) fail('Too deeply nested');
    if (text[position] !== '<') fail('Expected "<"');
    position++;
    const qualified = readName();
    const element: XmlElement = { name: localName(qualified), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', position)) {
        position += 2;
        return element;
      }
      if (text[position] === '>') {
        position++;
        break;
      }
      const attribute = readName();
      skipSpace();
      if (text[position] !== '=') fail('Expected "=" after an attribute name');
      position++;
      skipSpace();
      const quote = text[position];
      if (quote !== '"' && quote !== "'") return fail('Expected a quoted attribute value');
      const end = text.indexOf(quote, position + 1);
      if (end < 0) fail('Unclosed attribute value');
      const raw = text.slice(position + 1, end);
      if (raw.includes('<')) fail('"<" in an attribute value');
      element.attributes[localName(attribute)] = decode(raw);
      position = end + 1;
    }
    const parts: string[] = [];
    for (;;) {
      if (position >= text.length) fail(`Unclosed element <${qualified}>`);
      if (text.startsWith('</', position)) {
        position += 2;
        const closing = readName();
        if (closing !== qualified) fail(`</${closing}> closes <${qualified}>`);
        skipSpace();
        if (text[position] !== '>') fail('Expected ">"');
        position++;
        element.text = parts.join('');
        return element;
      }
      if (text.startsWith('<!--', position)) {
        const end = text.indexOf('-->', position + 4);
        if (end < 0) fail('Unclosed comment');
        position = end + 3;
      } else if (text.startsWith('<![CDATA[', position)) {
        const end = text.indexOf(']]>', position + 9);
        if (end < 0) fail('Unclosed CDATA section');
        parts.push(text.slice(position + 9, end));
        position = end + 3;
      } else if (text.startsWith('<!', position) || text.startsWith('<?', position)) {
        fail('Declarations and processing instructions are not accepted inside a statement');
      } else if (text[position] === '<') {
        element.children.push(readElement(depth + 1));
      } else {
        const next = text.indexOf('<', position);
        const end = next < 0 ? text.length : next;
        parts.push(decode(text.slice(position, end)));
        position = end;
      }
    }
  };

  skipSpace();
  if (text.startsWith('<?xml', position)) {
    const end = text.indexOf('?>', position);
    if (end < 0) fail('Unclosed XML declaration');
    position = end + 2;
  }
  skipMisc();
  if (text.startsWith('<!', position) || text.startsWith('<?', position)) fail('A DOCTYPE, entity declaration or processing instruction is not accepted');
  const root = readElement(0);
  skipMisc();
  if (position < text.length) fail('Content after the root element');
  return root;
}

/** The first child with this local name, following a path: child(entry, 'BookgDt', 'Dt'). */
export function child(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = current?.children.find((candidate) => candidate.name === name);
  return current;
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((candidate) => candidate.name === name) ?? [];
}
