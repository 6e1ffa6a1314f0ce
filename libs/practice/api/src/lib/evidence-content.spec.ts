import sharp from 'sharp';
import { carriesGpsPosition, pdfHasActiveContent, sniffMediaType } from './evidence-content';

const image = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } });

describe('what an evidence file is, from its bytes', () => {
  it('knows photos, voice notes and PDFs by their first bytes, whatever was declared', async () => {
    expect(sniffMediaType('photo', await image().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffMediaType('photo', await image().png().toBuffer())).toBe('image/png');
    expect(sniffMediaType('photo', await image().webp().toBuffer())).toBe('image/webp');
    expect(sniffMediaType('photo', Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffMediaType('audio', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0]))).toBe('audio/webm');
    expect(sniffMediaType('audio', Buffer.from('OggS\0\x02'))).toBe('audio/ogg');
    expect(sniffMediaType('audio', Buffer.from('\0\0\0\x20ftypM4A '))).toBe('audio/mp4');
    expect(sniffMediaType('audio', Buffer.from('ID3\x04\0'))).toBe('audio/mpeg');
    expect(sniffMediaType('audio', await image().jpeg().toBuffer())).toBeNull();
    expect(sniffMediaType('pdf', Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType('pdf', Buffer.from('<html>'))).toBeNull();
  });

  it('finds a GPS position in a JPEG’s EXIF, and none in a photo without one', async () => {
    const plain = await image().jpeg().toBuffer();
    const withCamera = await image()
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' } })
      .toBuffer();
    const located = await image()
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 40/1 0/1' } })
      .toBuffer();
    await expect(carriesGpsPosition(plain)).resolves.toBe(false);
    await expect(carriesGpsPosition(withCamera)).resolves.toBe(false);
    await expect(carriesGpsPosition(located)).resolves.toBe(true);
  });

  it('refuses a PDF that asks its reader to run something', () => {
    expect(
      pdfHasActiveContent(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj')),
    ).toBe(false);
    expect(
      pdfHasActiveContent(
        Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'),
      ),
    ).toBe(true);
    expect(pdfHasActiveContent(Buffer.from('%PDF-1.4\n<< /S /Launch /F (cmd.exe) >>'))).toBe(true);
  });
});
