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

describe('the demo files', () => {
  it('the course file is one POST /courses/import accepts: within its bounds, valid as its body', async () => {
    expect(jsonBoundsViolation(readFileSync(DEMO_COURSE_FILE, 'utf8'), DOCUMENT_JSON_BOUNDS)).toBeNull();
    const file = await validateBody(CourseFileDto, readDemoCourseFile());
    expect(file.format).toBe('tc-course/1');
    expect(file.slug).toBe('numerique-territoires-ess');
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
