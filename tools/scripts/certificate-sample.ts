/**
 * Renders sample certificates (fr, ar, en) to tmp/ so a person can look at them:
 *   npm run certificate:sample   (then e.g. `pdftoppm -png tmp/certificate-ar.pdf tmp/certificate-ar`)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderCertificate } from '../../libs/learning/api/src/lib/certificates/certificate-pdf';

async function main(): Promise<void> {
  mkdirSync('tmp', { recursive: true });
  const samples = [
    {
      locale: 'fr' as const,
      title: "Le numérique au service des territoires et de l'économie sociale et solidaire",
      territory: "L'Oriental",
    },
    {
      locale: 'ar' as const,
      title: 'الرقمنة في خدمة المجالات الترابية والاقتصاد الاجتماعي والتضامني',
      territory: 'الشرق',
    },
    {
      locale: 'en' as const,
      title: 'Digital technology for territories and the social and solidarity economy',
      territory: 'Oriental',
    },
  ];
  for (const s of samples) {
    const pdf = await renderCertificate({
      code: 'K7M3QX9PTA2B',
      holderName: 'Salma Ouazzani',
      courseTitle: s.title,
      courseVersion: 1,
      issuedAt: new Date('2027-03-14T10:00:00Z'),
      territoryName: s.territory,
      verifyUrl: 'http://localhost:3000/verify/K7M3QX9PTA2B',
      locale: s.locale,
    });
    writeFileSync(`tmp/certificate-${s.locale}.pdf`, pdf);
    console.log(`tmp/certificate-${s.locale}.pdf (${pdf.length} bytes)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
