import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CourseFileDto } from '@tc/catalog/api';
import { DOCUMENT_JSON_BOUNDS, jsonBoundsViolation, validateBody } from '@tc/shared/api';
import {
  demoCourse,
  DEMO_COURSE_FILE,
  DEMO_PHOTO_HASH,
  DEMO_PHOTO_URL,
  readDemoCourseFile,
  readDemoPhoto,
} from './assets';

/** Every localized text of a value (an object of strings keyed by locale), with where it is. */
function localizedTexts(value: unknown, path = ''): { path: string; text: Record<string, string> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedTexts(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  if (entries.length && entries.every(([k, v]) => ['fr', 'ar', 'en'].includes(k) && typeof v === 'string')) {
    return [{ path, text: value as Record<string, string> }];
  }
  return entries.flatMap(([k, v]) => localizedTexts(v, `${path}.${k}`));
}

/** What a translation must keep of a markdown text: headings, list items, table rows, links and images. */
function markdownShape(md: string) {
  const lines = md.split('\n');
  return {
    headings: lines.filter((l) => /^#+ /.test(l)).map((l) => l.indexOf(' ')),
    bullets: lines.filter((l) => /^\s*- /.test(l)).length,
    numbered: lines.filter((l) => /^\s*\d+\. /.test(l)).length,
    tableRows: lines.filter((l) => l.startsWith('|')).map((l) => l.split('|').length),
    targets: [...md.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]),
  };
}

describe('the demo files', () => {
  it('the course file is one POST /courses/import accepts: within its bounds, valid as its body', async () => {
    expect(jsonBoundsViolation(readFileSync(DEMO_COURSE_FILE, 'utf8'), DOCUMENT_JSON_BOUNDS)).toBeNull();
    const file = await validateBody(CourseFileDto, readDemoCourseFile());
    expect(file.format).toBe('tc-course/1');
    expect(file.slug).toBe('numerique-territoires-ess');
  });

  it('every text of the course is in French and in Arabic, so that an Arabic coach meets no French', () => {
    const course = demoCourse();
    expect(course.locales).toEqual(expect.arrayContaining(['fr', 'ar']));
    const texts = localizedTexts(course);
    expect(texts.length).toBeGreaterThan(100);
    const missing = texts
      .filter(({ text }) => !text['fr']?.trim() || !text['ar']?.trim())
      .map(({ path }) => path);
    expect(missing).toEqual([]);
  });

  it('each Arabic lesson keeps the markdown structure of the French one', () => {
    for (const lesson of demoCourse().modules.flatMap((m) => m.lessons)) {
      const { fr, ar } = lesson.body;
      expect({ lesson: lesson.key, ...markdownShape(ar ?? '') }).toEqual({
        lesson: lesson.key,
        ...markdownShape(fr ?? ''),
      });
    }
  });

  it('a short answer given in Arabic can be accepted', () => {
    const questions = demoCourse()
      .modules.flatMap((m) => m.lessons)
      .flatMap((l) => l.quiz?.questions ?? [])
      .filter((q) => q.type === 'short_answer');
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect({ q: q.prompt['fr'], arabic: q.acceptedAnswers.some((a) => /[\u0600-\u06FF]/.test(a)) }).toEqual(
        {
          q: q.prompt['fr'],
          arabic: true,
        },
      );
    }
  });

  it('demoCourse() is the file without its export header', () => {
    const { format, exportedAt, source, ...content } = readDemoCourseFile() as Record<string, unknown>;
    expect({ format, exportedAt: typeof exportedAt, source: typeof source }).toEqual({
      format: 'tc-course/1',
      exportedAt: 'string',
      source: 'object',
    });
    expect(demoCourse()).toEqual(content);
  });

  it('the photo is the JPEG stored under its hash, and lesson m1-l1 shows it', () => {
    const bytes = readDemoPhoto();
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(DEMO_PHOTO_HASH);
    const lesson = demoCourse().modules[0]?.lessons.find((l) => l.key === 'm1-l1');
    for (const body of Object.values(lesson?.body ?? {})) expect(body).toContain(`](${DEMO_PHOTO_URL})`);
  });
});
