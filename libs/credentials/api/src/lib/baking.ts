import sharp from 'sharp';
import type { JsonObject } from './vc-libraries';

/** OB 3.0 §"Baked Badge": the SVG namespace of the `<openbadges:credential>` element. */
export const OB_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
/** OB 3.0 §"Baked Badge": the keyword of the PNG `iTXt` chunk. */
export const OB_PNG_KEYWORD = 'openbadgecredential';

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Up to `max` lines of about `width` characters, cut at spaces; an ellipsis when it does not fit. */
function lines(text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length > max) return [...out.slice(0, max - 1), `${(out[max - 1] ?? '').slice(0, width - 1)}…`];
  return out;
}

export interface BadgeText {
  /** The achievement (course title), in the credential's language. */
  title: string;
  /** Under it: the version, or what kind of badge. */
  subtitle: string;
  /** The issuer's name, at the foot. */
  issuer: string;
  rtl: boolean;
}

/**
 * The badge image: a medal with the course title and the platform's name, 512 × 512. Text in Noto Sans
 * (Arabic glyphs from Noto Sans Arabic), laid out right to left for Arabic.
 */
export function badgeSvg(text: BadgeText): string {
  const font = `'Noto Sans', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif`;
  const title = lines(text.title, 20, 3);
  const top = 236 - (title.length - 1) * 19;
  const direction = text.rtl ? ' direction="rtl" unicode-bidi="embed"' : '';
  const titleLines = title.map((l, i) => `<tspan x="256" y="${top + i * 38}">${xml(l)}</tspan>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">`,
    `<circle cx="256" cy="256" r="248" fill="#0f5c4d"/>`,
    `<circle cx="256" cy="256" r="222" fill="#ffffff"/>`,
    `<circle cx="256" cy="256" r="210" fill="none" stroke="#c8a23c" stroke-width="6"/>`,
    `<path d="M226 92 l30 -34 l30 34 l-30 18 z" fill="#c8a23c"/>`,
    `<text font-family="${font}" font-size="30" font-weight="700" fill="#0f5c4d" text-anchor="middle"${direction}>${titleLines}</text>`,
    `<text x="256" y="${top + title.length * 38 + 14}" font-family="${font}" font-size="22" fill="#3b4a47" text-anchor="middle"${direction}>${xml(text.subtitle)}</text>`,
    `<text x="256" y="420" font-family="${font}" font-size="22" font-weight="700" fill="#0f5c4d" text-anchor="middle"${direction}>${xml(text.issuer)}</text>`,
    `</svg>`,
  ].join('\n');
}

/** The badge as a PNG, drawn from its SVG (librsvg, through sharp). */
export async function renderPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 }).png().toBuffer();
}

/** The SVG with the credential baked in: the namespace on `<svg>`, the JSON in CDATA right after it. */
export function bakeSvg(svg: string, credential: JsonObject): string {
  const json = JSON.stringify(credential).replace(/]]>/g, ']]]]><![CDATA[>');
  return svg.replace(
    /<svg\b([^>]*)>/,
    (_all, attributes: string) =>
      `<svg${attributes} xmlns:openbadges="${OB_SVG_NAMESPACE}">\n<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`,
  );
}

/** The credential baked in an SVG (null: none). */
export function extractFromSvg(svg: string): JsonObject | null {
  const match = /<openbadges:credential(?:\s[^>]*)?>([\s\S]*?)<\/openbadges:credential>/.exec(svg);
  if (!match?.[1]) return null;
  const text = match[1].replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim();
  return JSON.parse(text) as JsonObject;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG computes it (ISO 3309), over the chunk's type and data. */
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Each chunk of a PNG: type, data, where it starts and ends. */
function* chunks(png: Buffer): Generator<{ type: string; data: Buffer; start: number; end: number }> {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Not a PNG.');
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    yield { type, data: png.subarray(at + 8, at + 8 + length), start: at, end };
    at = end;
  }
}

/**
 * The PNG with the credential baked in: one uncompressed `iTXt` chunk, keyword `openbadgecredential`,
 * no language tag, the credential's JSON as its text, placed right after `IHDR` (a chunk already there
 * with that keyword is replaced: the spec allows one).
 */
export function bakePng(png: Buffer, credential: JsonObject): Buffer {
  const data = Buffer.concat([
    Buffer.from(OB_PNG_KEYWORD, 'latin1'),
    Buffer.from([0, 0, 0]), // separator, compression flag 0, compression method 0
    Buffer.from([0]), // language tag '' and its separator
    Buffer.from([0]), // translated keyword '' and its separator
    Buffer.from(JSON.stringify(credential), 'utf8'),
  ]);
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const c of chunks(png)) {
    if (c.type === 'iTXt' && keywordOf(c.data) === OB_PNG_KEYWORD) continue;
    parts.push(png.subarray(c.start, c.end));
    if (c.type === 'IHDR') parts.push(chunk('iTXt', data));
  }
  return Buffer.concat(parts);
}

function keywordOf(data: Buffer): string {
  return data.toString('latin1', 0, Math.max(0, data.indexOf(0)));
}

/** The credential of the first `iTXt` chunk keyed `openbadgecredential` (null: none). */
export function extractFromPng(png: Buffer): JsonObject | null {
  for (const c of chunks(png)) {
    if (c.type !== 'iTXt' || keywordOf(c.data) !== OB_PNG_KEYWORD) continue;
    let at = c.data.indexOf(0) + 1;
    const compressed = c.data[at] === 1;
    at += 2;
    at = c.data.indexOf(0, at) + 1; // language tag
    at = c.data.indexOf(0, at) + 1; // translated keyword
    if (compressed) throw new Error('A compressed openbadgecredential chunk (the spec forbids it).');
    return JSON.parse(c.data.subarray(at).toString('utf8')) as JsonObject;
  }
  return null;
}
