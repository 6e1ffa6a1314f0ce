import { deflateSync } from 'node:zlib';
import { checkPdf } from './pdf-active-content';

/** One object stream holding a catalog that runs a script on opening, in a PDF of that stream alone. */
function packedScript(dict: string, encode: (data: Buffer) => Buffer): Buffer {
  const objects = '<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>';
  const data = encode(Buffer.from(`2 0 ${objects}`));
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 ${dict} /Length ${data.length} >>\nstream\n`,
    ),
    data,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF\n'),
  ]);
}

function ascii85(data: Buffer): Buffer {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const chunk = Buffer.concat([data.subarray(i, i + 4), Buffer.alloc(4)]).subarray(0, 4);
    let value = chunk.readUInt32BE(0);
    const digits: string[] = [];
    for (let d = 0; d < 5; d++) {
      digits.unshift(String.fromCharCode(33 + (value % 85)));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, Math.min(4, data.length - i) + 1).join('');
  }
  return Buffer.from(`${out}~>`);
}

describe('checkPdf: active content wherever a reader would find it', () => {
  it('reads an object stream through a chain of filters (ASCII85 then Flate)', () => {
    const pdf = packedScript('/Filter [/ASCII85Decode /FlateDecode]', (d) => ascii85(deflateSync(d)));
    expect(checkPdf(pdf)).toEqual({ ok: false, reason: 'it contains /OpenAction' });
  });

  it('is not misled by strings in the dictionary that look like an object start or another filter', () => {
    const pdf = packedScript('/Filter /FlateDecode /Note (3 0 obj << /Filter /ASCIIHexDecode >>)', (d) =>
      deflateSync(d),
    );
    expect(checkPdf(pdf)).toEqual({ ok: false, reason: 'it contains /OpenAction' });
  });

  it('lets through a PDF that opens on a page through a /GoTo action', () => {
    const pdf = Buffer.from(
      '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction 2 0 R >>\nendobj\n2 0 obj\n<< /S /GoTo /D [3 0 R /Fit] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );
    expect(checkPdf(pdf)).toEqual({ ok: true });
  });

  // Shapes whose checking grew with the square of the file (a regular expression backtracking over a
  // run of digits; a search for `endobj` from each of thousands of headers; a scan to the stream from
  // each of thousands of /Filter entries). Each 2 MB file must be answered at all: quadratic work on
  // it does not finish within the test's time.
  const MB2 = 2 * 1024 * 1024;
  const UNREADABLE = { ok: false, reason: 'it has an object stream in an encoding that cannot be checked' };
  it.each([
    ['a run of two million digits', `%PDF-1.7\n${'0'.repeat(MB2)}`, { ok: true }],
    [
      'hundreds of thousands of object headers inside a stream, no endobj',
      `%PDF-1.7\n1 0 obj\n<< /Length 1 >>\nstream\n${'1 0 obj '.repeat(MB2 / 8)}\nendstream\nendobj\n`,
      { ok: false, reason: 'its streams hold too many objects to check' },
    ],
    [
      'a hundred thousand unclosed /DecodeParms before an object stream',
      `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm ${'/DecodeParms <<'.repeat(MB2 / 16)} >>\nstream\nx\nendstream\nendobj\n`,
      UNREADABLE,
    ],
    [
      'a hundred thousand unclosed /Filter arrays before an object stream',
      `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm ${'/Filter ['.repeat(MB2 / 10)} >>\nstream\nx\nendstream\nendobj\n`,
      UNREADABLE,
    ],
  ])('answers at once for %s', (_, text, expected) => {
    expect(checkPdf(Buffer.from(text, 'latin1'))).toEqual(expected);
  });
});
