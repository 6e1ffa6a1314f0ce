import { constants, inflateSync } from 'node:zlib';

/**
 * PDF names that make a reader do something beyond showing pages: run a script, act when the file is
 * opened or a page or field is touched, start a program, carry other files, play embedded media,
 * submit or import form data, or bring an XFA form (which has its own scripts).
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'OpenAction',
  'AA',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
]);

/** At most this many bytes come out of decompressing one file's object streams (a zip bomb stops here). */
export const PDF_DECODE_BUDGET = 64 * 1024 * 1024;

/** How far past an `obj` keyword found inside stream bytes the names are read. */
const OBJECT_WINDOW = 64 * 1024;

export type PdfCheck = { ok: true } | { ok: false; reason: string };

/** PDF's white-space characters (NUL too), for regular expressions. */
const WHITESPACE = '\\x00\\x09\\x0a\\x0c\\x0d\\x20';
const WS = `[${WHITESPACE}]`;
/** A name: `/` then regular characters; `#xx` is a character written in hex (`/J#61vaScript`). */
const NAME = new RegExp(`/([^${WHITESPACE}()<>\\[\\]{}/%]*)`, 'g');
const STREAM_KEYWORD = new RegExp(`>>${WS}*stream(?:\\r\\n|\\n|\\r)`, 'g');
// Bounded runs, and a number starts where no digit precedes it: a run of a million digits is read once,
// not once from each of its digits (the unbounded form backtracked quadratically).
const OBJECT_HEADER = new RegExp(`(?<![0-9])([0-9]{1,10})${WS}{1,32}([0-9]{1,5})${WS}{1,32}obj\\b`, 'g');
const ALL_WHITESPACE = new RegExp(WS, 'g');

function decodeName(raw: string): string {
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Where objects are, by `number generation`: the text from their value on. */
type ObjectIndex = Map<string, string>;

/**
 * Objects found inside streams' bytes, and /Filter or /DecodeParms entries before one stream, past
 * which a file is refused unread: each is read up to a window or to the stream, so their number
 * multiplies the work. Real files have none of the first and one or two of the others.
 */
const MAX_OBJECTS_IN_STREAMS = 500;
const MAX_FILTER_ENTRIES = 16;

function occurrences(text: string, word: string): number {
  let count = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) count++;
  return count;
}

/** How far an object's value is read to resolve it. */
const VALUE_WINDOW = 4096;

/**
 * Whether an /OpenAction's value (the text after the name) only shows a page: a destination
 * (`[page /Fit]`) or a /GoTo action to one, given directly or as a reference to an object holding one.
 * Anything else (a script, a program, a web address opened by itself) is active.
 */
function showsAPage(value: string, objects: ObjectIndex, depth = 0): boolean {
  const v = value.replace(new RegExp(`^${WS}+`), '');
  if (v.startsWith('[')) return true;
  if (v.startsWith('<<')) {
    // The action's own dictionary, nested ones included.
    let level = 0;
    let end = 0;
    for (const m of v.matchAll(/<<|>>/g)) {
      level += m[0] === '<<' ? 1 : -1;
      if (level === 0) {
        end = (m.index as number) + 2;
        break;
      }
    }
    const dict = plainNames(v.slice(0, end || v.length));
    return /\/S\s*\/GoTo(?![^\s/[\]<>()])/.test(dict) && !/\/Next\b/.test(dict);
  }
  const ref = v.match(new RegExp(`^(\\d+)${WS}+(\\d+)${WS}+R\\b`));
  const target = ref ? objects.get(`${ref[1]} ${ref[2]}`) : undefined;
  return !!target && depth < 4 && showsAPage(target, objects, depth + 1);
}

/** The first active name in `text` (latin1), or null. */
function activeNameIn(text: string, objects: ObjectIndex): string | null {
  for (const m of text.matchAll(NAME)) {
    const name = decodeName(m[1] as string);
    if (!ACTIVE_NAMES.has(name)) continue;
    const after = (m.index as number) + m[0].length;
    if (name === 'OpenAction' && showsAPage(text.slice(after, after + VALUE_WINDOW), objects)) continue;
    return name;
  }
  return null;
}

/** Every name of a dictionary's text written plainly, so that `/Fl#61teDecode` reads `/FlateDecode`. */
function plainNames(text: string): string {
  // No `#` anywhere: no name is written in hex, and the text is its own plain form.
  if (!text.includes('#')) return text;
  return text.replace(NAME, (_, raw: string) => `/${decodeName(raw)}`);
}

interface Stream {
  /**
   * Everything between the previous stream's data and this one's: its dictionary, whole, whatever
   * strings inside it pretend to be (an `obj` in a string cannot cut it short), and the objects before.
   */
  before: string;
  start: number;
  end: number;
}

/**
 * The streams of a file: each `stream` keyword right after a dictionary's `>>`, its data up to the
 * first `endstream` (never further: bytes after it are read as objects, so nothing hides behind a long
 * /Length).
 */
function streamsOf(text: string): Stream[] {
  const streams: Stream[] = [];
  const keyword = new RegExp(STREAM_KEYWORD.source, 'g');
  let from = 0;
  for (;;) {
    keyword.lastIndex = from;
    const m = keyword.exec(text);
    if (!m) break;
    const start = m.index + m[0].length;
    const endAt = text.indexOf('endstream', start);
    const end = endAt < 0 ? text.length : endAt;
    streams.push({ before: text.slice(from, start), start, end });
    from = end;
  }
  return streams;
}

/**
 * Whether a stream may be an object stream (objects packed together, which readers unpack): typed so,
 * or with the direct /N and /First integers one needs. An outline's `/First 12 0 R` is not one.
 */
function mayHoldObjects(before: string): boolean {
  const direct = (key: string) => new RegExp(`/${key}\\s+\\d+(?!\\d)(?!\\s+\\d+\\s+R)`).test(before);
  return /\/Type\s*\/ObjStm\b/.test(before) || (direct('N') && direct('First'));
}

type Params = Record<string, number>;

function paramsOf(dict: string): Params {
  const params: Params = {};
  for (const m of dict.matchAll(/\/(Predictor|Colors|BitsPerComponent|Columns)\s+(\d+)/g))
    params[m[1] as string] = Number(m[2]);
  return params;
}

const STREAM_FILTERS = new Set([
  'FlateDecode',
  'Fl',
  'ASCIIHexDecode',
  'AHx',
  'ASCII85Decode',
  'A85',
  'LZWDecode',
  'LZW',
  'RunLengthDecode',
  'RL',
  'CCITTFaxDecode',
  'CCF',
  'DCTDecode',
  'DCT',
  'JBIG2Decode',
  'JPXDecode',
  'Crypt',
]);

type Chain = { name: string; params: Params }[];

/**
 * The ways a stream's data may be encoded, from every /Filter (and /DecodeParms) in the text before
 * it, names made plain: its own dictionary's is among them, wherever strings in it try to shift what
 * looks like its start. Each is tried; the data as it is, too. 'unreadable' when one is a reference.
 */
function encodingsOf(before: string): Chain[] | 'unreadable' {
  if (
    occurrences(before, '/Filter') > MAX_FILTER_ENTRIES ||
    occurrences(before, '/DecodeParms') > MAX_FILTER_ENTRIES
  )
    return 'unreadable';
  const parms = [...before.matchAll(/\/DecodeParms\s*(<<[\s\S]*?>>|\[[\s\S]*?\]|\d+\s+\d+\s+R)/g)].map(
    (m) => m[1] as string,
  );
  if (parms.some((p) => /R$/.test(p))) return 'unreadable';
  const perFilter = (p: string | undefined) =>
    p?.startsWith('[') ? [...p.slice(1, -1).matchAll(/<<[\s\S]*?>>|null/g)].map((x) => x[0]) : [p ?? 'null'];
  const chains: Chain[] = [[]];
  for (const m of before.matchAll(/\/Filter\s*(\/[^\s/[\]<>()]+|\[[^\]]*\]|\d+\s+\d+\s+R)/g)) {
    const value = m[1] as string;
    if (/R$/.test(value)) return 'unreadable';
    const names = [...value.matchAll(/\/([^\s/[\]<>()]+)/g)].map((n) => n[1] as string);
    // A signature's or an encryption's /Filter names a handler, not an encoding.
    if (!names.length || !names.every((n) => STREAM_FILTERS.has(n))) continue;
    for (const p of [undefined, ...parms]) {
      const each = perFilter(p);
      chains.push(names.map((name, i) => ({ name, params: paramsOf(each[i] ?? 'null') })));
    }
  }
  return chains;
}

/** Undoes a Flate predictor (PNG 10–15, TIFF 2 on 8-bit samples); null when it cannot. */
function unpredict(data: Buffer, p: Params): Buffer | null {
  const predictor = p['Predictor'] ?? 1;
  if (predictor <= 1) return data;
  const colors = p['Colors'] ?? 1;
  const bits = p['BitsPerComponent'] ?? 8;
  const columns = p['Columns'] ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  if (!rowLength || rowLength > 1 << 24) return null;
  if (predictor === 2) {
    if (bits !== 8) return null;
    const out = Buffer.from(data);
    for (let row = 0; row < out.length; row += rowLength)
      for (let i = row + bpp; i < Math.min(row + rowLength, out.length); i++)
        out[i] = ((out[i] as number) + (out[i - bpp] as number)) & 0xff;
    return out;
  }
  if (predictor < 10) return null;
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)] as number;
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const x = data[src + i] as number;
      const left = i >= bpp ? (out[dst + i - bpp] as number) : 0;
      const up = r > 0 ? (out[dst - rowLength + i] as number) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst - rowLength + i - bpp] as number) : 0;
      let value: number;
      if (type === 0) value = x;
      else if (type === 1) value = x + left;
      else if (type === 2) value = x + up;
      else if (type === 3) value = x + ((left + up) >> 1);
      else if (type === 4) {
        const base = left + up - upLeft;
        const pa = Math.abs(base - left);
        const pb = Math.abs(base - up);
        const pc = Math.abs(base - upLeft);
        value = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else return null;
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

function asciiHex(data: Buffer): Buffer {
  const hex = data
    .toString('latin1')
    .replace(/>[\s\S]*$/, '')
    .replace(/[^0-9a-fA-F]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85(data: Buffer): Buffer | null {
  const text = data
    .toString('latin1')
    .replace(/^\s*<~/, '')
    .replace(/~>[\s\S]*$/, '')
    .replace(ALL_WHITESPACE, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    for (let i = 0; i < n - 1; i++) out.push((value >>> (24 - 8 * i)) & 0xff);
    group = [];
  };
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) return null;
    group.push(c);
    if (group.length === 5) flush(5);
  }
  if (group.length) flush(group.length);
  return Buffer.from(out);
}

const UNREADABLE: PdfCheck = {
  ok: false,
  reason: 'it has an object stream in an encoding that cannot be checked',
};
const TOO_LARGE: PdfCheck = { ok: false, reason: 'its compressed content is too large to check' };
const TOO_MANY_OBJECTS: PdfCheck = { ok: false, reason: 'its streams hold too many objects to check' };

/** A stream's data through one chain of filters, in at most `budget` bytes. */
function decode(data: Buffer, chain: Chain, budget: number): Buffer | 'unreadable' | 'too-large' {
  let bytes: Buffer | null = data;
  for (const { name, params } of chain) {
    if (name === 'FlateDecode' || name === 'Fl') {
      const options = { maxOutputLength: Math.max(1, budget) };
      try {
        bytes = inflateSync(bytes, options);
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
        // Data cut short (as readers accept) still gives what it holds up to the cut.
        try {
          bytes = inflateSync(bytes, { ...options, finishFlush: constants.Z_SYNC_FLUSH });
        } catch {
          return 'unreadable';
        }
      }
      bytes = unpredict(bytes, params);
    } else if (name === 'ASCIIHexDecode' || name === 'AHx') bytes = asciiHex(bytes);
    else if (name === 'ASCII85Decode' || name === 'A85') bytes = ascii85(bytes);
    else return 'unreadable';
    if (!bytes) return 'unreadable';
    if (bytes.length > budget) return 'too-large';
  }
  return bytes;
}

/**
 * Whether an uploaded PDF has active content (see ACTIVE_NAMES), read the way a PDF reader would find
 * it: names written with `#xx` escapes, objects packed into compressed object streams (FlateDecode,
 * with predictors, ASCIIHex and ASCII85; an object stream in any other encoding is refused as
 * unreadable), and objects an xref table could point at inside another stream's bytes. An encrypted
 * file is refused (its object streams cannot be read). The work is bounded: the file's size, and at
 * most PDF_DECODE_BUDGET bytes decompressed.
 */
export function checkPdf(pdf: Buffer): PdfCheck {
  const text = pdf.toString('latin1');
  const streams = streamsOf(text);

  // The file outside stream data: the objects, the trailers.
  let outside = '';
  let last = 0;
  for (const s of streams) {
    outside += text.slice(last, s.start);
    last = s.end;
  }
  outside += text.slice(last);
  if (/\/Encrypt\b/.test(plainNames(outside)))
    return { ok: false, reason: 'it is encrypted, so its content cannot be checked' };

  // Every text a reader may take objects from, and where each object is (to follow references).
  const texts = [outside];
  const objects: ObjectIndex = new Map();
  const index = (source: string) => {
    for (const m of source.matchAll(OBJECT_HEADER)) {
      const at = (m.index as number) + m[0].length;
      objects.set(`${m[1]} ${m[2]}`, source.slice(at, at + VALUE_WINDOW));
    }
  };
  index(outside);
  let budget = PDF_DECODE_BUDGET;
  let objectsInStreams = 0;
  for (const s of streams) {
    // Bytes of a stream that a cross-reference table points at as an object are read as one.
    const data = text.slice(s.start, s.end);
    // Where each `endobj` is, found once: an object runs to the first one after its header.
    const ends: number[] = [];
    for (let at = data.indexOf('endobj'); at !== -1; at = data.indexOf('endobj', at + 6)) ends.push(at);
    let next = 0;
    for (const m of data.matchAll(OBJECT_HEADER)) {
      if (++objectsInStreams > MAX_OBJECTS_IN_STREAMS) return TOO_MANY_OBJECTS;
      const from = m.index as number;
      while (next < ends.length && (ends[next] as number) < from) next++;
      const to = ends[next] ?? -1;
      const object = data.slice(from, to < 0 ? from + OBJECT_WINDOW : Math.min(to, from + OBJECT_WINDOW));
      texts.push(object);
      // Its own number (the headers after it inside the window are objects of this loop too).
      const at = from + m[0].length;
      objects.set(`${m[1]} ${m[2]}`, data.slice(at, at + VALUE_WINDOW));
    }

    // Object streams hold objects too, compressed: they are read decompressed. Other streams (pages'
    // drawing, fonts, images) hold no objects, and are not decompressed.
    const before = plainNames(s.before);
    if (!mayHoldObjects(before)) continue;
    const encodings = encodingsOf(before);
    if (encodings === 'unreadable') return UNREADABLE;
    const firsts = [...before.matchAll(/\/First\s+(\d+)/g)].map((m) => Number(m[1]));
    for (const chain of encodings) {
      const decoded = decode(pdf.subarray(s.start, s.end), chain, budget);
      if (decoded === 'too-large') return TOO_LARGE;
      if (decoded === 'unreadable') return UNREADABLE;
      budget -= decoded.length;
      const packed = decoded.toString('latin1');
      texts.push(packed);
      // The stream starts with pairs `number offset`; an object starts at /First + its offset.
      const header = packed
        .slice(0, Math.min(...firsts, packed.length))
        .trim()
        .split(new RegExp(`${WS}+`));
      for (let i = 0; i + 1 < header.length; i += 2)
        for (const first of firsts) {
          const at = first + Number(header[i + 1]);
          if (/^\d+$/.test(header[i] ?? '') && at < packed.length)
            objects.set(`${header[i]} 0`, packed.slice(at, at + VALUE_WINDOW));
        }
    }
  }

  for (const t of texts) {
    const name = activeNameIn(t, objects);
    if (name) return { ok: false, reason: `it contains /${name}` };
  }
  return { ok: true };
}
