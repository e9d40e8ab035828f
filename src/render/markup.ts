/**
 * What the renderers write into markup (SVG attributes and text, in the page and in files).
 * Topic and member names are arbitrary strings: they may hold NUL and other control
 * characters, lone surrogates, `<`, `&`, `]]>`, quotes. None of that may break a file.
 *
 * Internal keys (`partitionKey`, `TokenLayout.key`) join their parts with NUL, which XML 1.0
 * cannot hold at all, not even as a character reference; they stay as they are inside Maps.
 * What goes into markup is `markupKey`, printable and still telling any two tokens apart; `xmlEscape` makes any text safe inside an
 * element or a quoted attribute.
 */

/** Characters kept as they are in a markup key part; everything else is escaped. */
const KEY_SAFE = /[A-Za-z0-9._~-]/;

/** One part of a markup key: characters outside `[A-Za-z0-9._~-]` as `%` + 4 hex digits. */
function keyPart(part: string | number): string {
  const text = String(part);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    out += KEY_SAFE.test(c) ? c : `%${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/**
 * A printable, unambiguous key for markup, made from its parts (a topic, a partition, an
 * owner): the parts joined with `/`, each one's characters outside `[A-Za-z0-9._~-]` written
 * as `%` and the four hex digits of their UTF-16 code unit. (`orders`, 2) → `orders/2`;
 * (`a/b`, 1, `C 1`) → `a%002fb/1/C%00201`. The separator is always escaped inside a part and
 * every escape has the same width, so any two different part lists give different keys
 * (`parseMarkupKey` gives the parts back), whatever the names hold: NUL, lone surrogates, `/`.
 */
export function markupKey(...parts: readonly (string | number)[]): string {
  return parts.map(keyPart).join('/');
}

/** The parts a `markupKey` was made of, as strings. */
export function parseMarkupKey(text: string): string[] {
  return text
    .split('/')
    .map((part) =>
      part.replace(/%([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
}

/**
 * The markup key of a token: `topic/partition`, plus `/owner` for the extra copies of a
 * partition given to several members (whose internal `key` differs from its `partitionKey`).
 */
export function tokenMarkupKey(token: {
  readonly key: string;
  readonly partitionKey: string;
  readonly topic: string;
  readonly partition: number;
  readonly owner: string;
}): string {
  return token.key === token.partitionKey
    ? markupKey(token.topic, token.partition)
    : markupKey(token.topic, token.partition, token.owner);
}

/**
 * Characters XML 1.0 does not allow anywhere (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
 * and UTF-16 code units that are not part of a pair (lone surrogates).
 */
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every character XML cannot carry replaced by U+FFFD, the replacement character. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe for SVG element content and quoted attribute values: markup characters as
 * entities (so `]]>`, `<script>` and quotes stay text), characters XML cannot carry as U+FFFD.
 */
export function xmlEscape(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
