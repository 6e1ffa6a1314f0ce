import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { join } from 'node:path';
import type { Locale } from '@tc/shared/contracts';
import { drawLine } from './bidi-line';

export interface CertificateContent {
  code: string;
  holderName: string;
  courseTitle: string;
  courseVersion: number;
  issuedAt: Date;
  territoryName: string;
  verifyUrl: string;
  locale: Locale;
}

const WORDS: Record<
  Locale,
  {
    title: string;
    awarded: string;
    completed: string;
    version: string;
    on: string;
    territory: string;
    verify: string;
    issuer: string;
  }
> = {
  fr: {
    title: 'Certificat de réussite',
    awarded: 'décerné à',
    completed: 'pour avoir suivi avec succès le cours',
    version: 'version',
    on: 'le',
    territory: 'Territoire',
    verify: 'Vérifier ce certificat',
    issuer: 'Académie Africaine des Collectivités Territoriales (ALGA) – CGLU Afrique',
  },
  en: {
    title: 'Certificate of completion',
    awarded: 'awarded to',
    completed: 'for successfully completing the course',
    version: 'version',
    on: 'on',
    territory: 'Territory',
    verify: 'Verify this certificate',
    issuer: 'African Local Government Academy (ALGA) – UCLG Africa',
  },
  ar: {
    title: 'شهادة إتمام',
    awarded: 'تمنح إلى',
    completed: 'لإتمامه بنجاح الدورة التكوينية',
    version: 'الإصدار',
    on: 'بتاريخ',
    territory: 'المجال الترابي',
    verify: 'التحقق من هذه الشهادة',
    issuer: 'الأكاديمية الإفريقية للجماعات الترابية، منظمة المدن والحكومات المحلية المتحدة بإفريقيا',
  },
};

// libs/learning/api/src/lib/certificates → the workspace (or dist/apps/api) root, then the app's assets.
const FONTS_DIR = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  '..',
  'apps',
  'api',
  'src',
  'assets',
  'fonts',
);

/** Where the bundled Noto fonts are (overridable for a packaged build). */
export function fontsDir(): string {
  return process.env['TC_FONTS_DIR'] ?? FONTS_DIR;
}

/**
 * The certificate as an A4 landscape PDF in the coach's language: Arabic shaped (fontkit) and laid out
 * right to left, with a QR code of the public verification URL.
 */
export async function renderCertificate(c: CertificateContent): Promise<Buffer> {
  const words = WORDS[c.locale];
  const rtl = c.locale === 'ar';
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `${words.title} – ${c.code}`, Author: 'ALGA' },
  });
  const dir = fontsDir();
  doc.registerFont('latin', join(dir, 'NotoSans-Regular.ttf'));
  doc.registerFont('latin-bold', join(dir, 'NotoSans-Bold.ttf'));
  doc.registerFont('arabic', join(dir, 'NotoSansArabic-Regular.ttf'));
  doc.registerFont('arabic-bold', join(dir, 'NotoSansArabic-Bold.ttf'));
  const regular = { latin: 'latin', arabic: 'arabic' };
  const bold = { latin: 'latin-bold', arabic: 'arabic-bold' };
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .rect(24, 24, W - 48, H - 48)
    .lineWidth(3)
    .stroke('#005bbb');
  doc
    .rect(32, 32, W - 64, H - 64)
    .lineWidth(1)
    .stroke('#7aa7d9');
  doc.fillColor('#1a1c1e');
  const line = (text: string, y: number, size: number, fonts = regular) =>
    drawLine(doc, text, { x: 60, width: W - 120, y, size, fonts, rtl });

  const date = new Intl.DateTimeFormat(c.locale === 'ar' ? 'ar-MA' : c.locale, {
    dateStyle: 'long',
    timeZone: 'UTC',
    numberingSystem: 'latn',
  }).format(c.issuedAt);
  line(words.issuer, 70, 13);
  line(words.title, 120, 34, bold);
  line(words.awarded, 190, 15);
  line(c.holderName, 220, 28, bold);
  line(words.completed, 280, 15);
  line(c.courseTitle, 310, 20, bold);
  line(`${words.version} ${c.courseVersion}${rtl ? '' : ' ·'} ${words.on} ${date}`, 350, 14);
  line(rtl ? `${words.territory}: ${c.territoryName}` : `${words.territory} : ${c.territoryName}`, 380, 14);

  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const qrSize = 96;
  const qrX = rtl ? 60 : W - 60 - qrSize;
  doc.image(qr, qrX, H - 60 - qrSize, { width: qrSize, height: qrSize });
  const textX = rtl ? 60 + qrSize + 16 : 60;
  const textW = W - 120 - qrSize - 16;
  drawLine(doc, words.verify, { x: textX, width: textW, y: H - 130, size: 11, fonts: regular, rtl });
  drawLine(doc, c.verifyUrl, { x: textX, width: textW, y: H - 112, size: 10, fonts: regular, rtl: false });
  drawLine(doc, c.code, { x: textX, width: textW, y: H - 92, size: 16, fonts: bold, rtl: false });
  doc.end();
  return done;
}
