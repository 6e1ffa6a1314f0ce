import {
  MAX_FILE_BYTES,
  credentialFromText,
  pngCredentialText,
  readCredentialFile,
  svgCredentialText,
} from './credential-file';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { name: 'Salma Ouazzani — سلمى' },
};
const json = JSON.stringify(credential);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A chunk as PNG writes it: length, type, data, CRC (zeros: the reader does not check it). */
function chunk(type: string, data: number[] | Uint8Array): number[] {
  const n = data.length;
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...ascii(type), ...data, 0, 0, 0, 0];
}

function iTxt(keyword: string, text: string, compressed = 0): number[] {
  return chunk('iTXt', [
    ...ascii(keyword),
    0,
    compressed,
    0,
    ...ascii('fr'),
    0,
    0,
    ...new TextEncoder().encode(text),
  ]);
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const IDAT = chunk('IDAT', [120, 156, 99, 0, 0, 0, 2, 0, 1]);
const IEND = chunk('IEND', []);
const png = (...chunks: number[][]) => new Uint8Array([...SIGNATURE, ...chunks.flat()]);

const svg = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" width="10" height="10">${inner}<circle r="4"/></svg>`;

describe('pngCredentialText', () => {
  it('reads the openbadgecredential iTXt chunk, UTF-8 included, among other chunks', () => {
    const bytes = png(IHDR, iTxt('Comment', 'not this one'), iTxt('openbadgecredential', json), IDAT, IEND);
    expect(pngCredentialText(bytes)).toEqual({ text: json });
  });

  it('returns the compressed bytes of a chunk whose compression flag is set', () => {
    const bytes = png(IHDR, iTxt('openbadgecredential', 'xyz', 1), IEND);
    const found = pngCredentialText(bytes);
    expect(found && 'deflated' in found ? [...found.deflated] : null).toEqual(ascii('xyz'));
  });

  it('finds nothing in a PNG without the chunk, or with it only after IEND', () => {
    expect(pngCredentialText(png(IHDR, IDAT, IEND))).toBeNull();
    expect(pngCredentialText(png(IHDR, IEND, iTxt('openbadgecredential', json)))).toBeNull();
  });

  it('finds nothing in bytes that are not a PNG', () => {
    expect(pngCredentialText(new TextEncoder().encode(json))).toBeNull();
    expect(pngCredentialText(new Uint8Array([0x89, 0x50]))).toBeNull();
  });

  it('stops at a truncated chunk instead of reading past the end', () => {
    const whole = png(IHDR, iTxt('openbadgecredential', json), IEND);
    expect(pngCredentialText(whole.subarray(0, 8 + IHDR.length + 30))).toBeNull();
  });

  it('ignores an iTXt chunk whose keyword only starts like the one sought', () => {
    expect(pngCredentialText(png(IHDR, iTxt('openbadgecredentialx', json), IEND))).toBeNull();
  });
});

describe('svgCredentialText', () => {
  it('reads the openbadges:credential element, CDATA or not', () => {
    expect(svgCredentialText(svg(`<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`))).toBe(
      json,
    );
    expect(svgCredentialText(svg(`<openbadges:credential>\n  {"a":1}\n</openbadges:credential>`))).toBe(
      '{"a":1}',
    );
  });

  it('goes by the namespace (https as OB 3.0 writes it, or http), not the prefix', () => {
    const other = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential>${json}</ob:credential></svg>`;
    expect(svgCredentialText(other)).toBe(json);
    const http = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://purl.imsglobal.org/ob/v3p0"><openbadges:credential>${json}</openbadges:credential></svg>`;
    expect(svgCredentialText(http)).toBe(json);
    const wrong = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://example.org/other"><openbadges:credential>${json}</openbadges:credential></svg>`;
    expect(svgCredentialText(wrong)).toBeNull();
  });

  it('reads a badge baked as the API bakes it: the namespace on <svg>, the JSON in CDATA after it', () => {
    const baked = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">\n<openbadges:credential><![CDATA[${json}]]></openbadges:credential>\n<circle cx="256" cy="256" r="248" fill="#0f5c4d"/>\n</svg>`;
    expect(svgCredentialText(baked)).toBe(json);
  });

  it('finds nothing in an SVG without the element, with it empty, or in broken XML', () => {
    expect(svgCredentialText(svg(''))).toBeNull();
    expect(svgCredentialText(svg('<openbadges:credential> </openbadges:credential>'))).toBeNull();
    expect(svgCredentialText('<svg><openbadges:credential>')).toBeNull();
  });
});

describe('credentialFromText', () => {
  it('accepts a JSON object', () => {
    expect(credentialFromText(json)).toEqual({ ok: true, credential });
  });

  it('refuses text that is not JSON, and JSON that is not an object', () => {
    expect(credentialFromText('{"a":')).toEqual({ ok: false, error: 'not-json' });
    expect(credentialFromText('[1,2]')).toEqual({ ok: false, error: 'not-an-object' });
    expect(credentialFromText('"eyJ.abc.def"')).toEqual({ ok: false, error: 'not-an-object' });
    expect(credentialFromText('null')).toEqual({ ok: false, error: 'not-an-object' });
  });
});

describe('readCredentialFile', () => {
  const file = (content: BlobPart, type = '') => new Blob([content], { type });

  it('reads a JSON file, a byte order mark and surrounding blanks included', async () => {
    await expect(readCredentialFile(file(`\uFEFF\n${json}\n`, 'application/ld+json'))).resolves.toEqual({
      ok: true,
      credential,
    });
  });

  it('reads a baked PNG whatever the type the browser gives it', async () => {
    const bytes = png(IHDR, iTxt('openbadgecredential', json), IDAT, IEND);
    await expect(readCredentialFile(file(bytes as BlobPart))).resolves.toEqual({ ok: true, credential });
  });

  it('reads a baked SVG', async () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${svg(`<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`)}`;
    await expect(readCredentialFile(file(text, 'image/svg+xml'))).resolves.toEqual({ ok: true, credential });
  });

  it('says "no credential" for an image without one, a text file, or a badge holding a non-JSON text', async () => {
    await expect(readCredentialFile(file(png(IHDR, IDAT, IEND) as BlobPart))).resolves.toEqual({
      ok: false,
      error: 'no-credential',
    });
    await expect(readCredentialFile(file(svg('')))).resolves.toEqual({ ok: false, error: 'no-credential' });
    await expect(readCredentialFile(file('Bonjour, ceci est une lettre.'))).resolves.toEqual({
      ok: false,
      error: 'no-credential',
    });
    const jwt = svg('<openbadges:credential>eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2ln</openbadges:credential>');
    await expect(readCredentialFile(file(jwt))).resolves.toEqual({ ok: false, error: 'no-credential' });
  });

  it('says "not an object" for a JSON file holding a list', async () => {
    await expect(readCredentialFile(file('[{"a":1}]'))).resolves.toEqual({
      ok: false,
      error: 'not-an-object',
    });
  });

  it('refuses a file too large to be a credential without reading it', async () => {
    const big = { size: MAX_FILE_BYTES + 1, arrayBuffer: jest.fn() } as unknown as Blob;
    await expect(readCredentialFile(big)).resolves.toEqual({ ok: false, error: 'too-large' });
    expect(big.arrayBuffer).not.toHaveBeenCalled();
  });

  it('says "unreadable" when the browser cannot read the file', async () => {
    const broken = {
      size: 10,
      arrayBuffer: () => Promise.reject(new Error('NotReadableError')),
    } as unknown as Blob;
    await expect(readCredentialFile(broken)).resolves.toEqual({ ok: false, error: 'unreadable' });
  });
});
