/**
 * Test helper: parses text with saxes, a strict, conforming XML 1.0 parser (it rejects
 * characters XML does not allow, bad entities, unbalanced tags), the way a browser opening
 * an .svg file does. Tests only: saxes is a devDependency.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text directly inside it. */
  text: string;
  readonly children: XmlElement[];
}

/** The document's root element; throws with the parser's message when not well-formed. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.create(null) as Record<string, string>;
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = String(value);
    const element: XmlElement = { name: tag.name, attributes, text: '', children: [] };
    stack[stack.length - 1]?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (chunk) => {
    const top = stack[stack.length - 1];
    if (top) top.text += chunk;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (failure) throw failure;
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    out.push(e);
    e.children.forEach(visit);
  };
  visit(root);
  return out;
}
