import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseContent, CourseFile } from '@tc/shared/contracts';

/**
 * The demo's files, next to this folder in the source tree and in the build alike (the api build copies
 * `src/assets` to the same place under dist/apps/api). Read when asked for, never at import: the app
 * imports this library whether it seeds the demo or not.
 */
const ASSETS = join(__dirname, '..', 'assets');

/**
 * Demo course built from the themes of the Oriental regional seminar on the digital sector
 * (Oujda, 22 December 2017: Oriental Regional Council, Territorial Coaching Program, UCLG Africa / ALGA).
 * The cooperatives in the examples are illustrative, not real organisations.
 *
 * A course file (`tc-course/1`), as `GET /courses/:id/export` writes and `POST /courses/import` reads.
 */
export const DEMO_COURSE_FILE = join(ASSETS, 'demo-course.json');

/**
 * The demo course's photo: a honey stall at a souk, orders taken on a phone (m1-l1, "Example").
 * Drawn for the demo as SVG and rendered once to a 1280×853 JPEG with sharp (mozjpeg, quality 72):
 * no licence to carry. Stored by the seed like any upload, under the SHA-256 of its bytes.
 */
export const DEMO_PHOTO_FILE = join(ASSETS, 'demo-photo.jpg');

export const DEMO_PHOTO_HASH = 'fd90f6dfbcc93aabac0e2d2cbe6e9750d300855a8168a3f29934952d9ace3030';

/** Where the course's lesson m1-l1 shows the photo from. */
export const DEMO_PHOTO_URL = `/api/v1/media/${DEMO_PHOTO_HASH}`;

/** The course file as it is on disk, parsed but not validated (the seed validates it as an import does). */
export function readDemoCourseFile(): unknown {
  return JSON.parse(readFileSync(DEMO_COURSE_FILE, 'utf8'));
}

export function readDemoPhoto(): Buffer {
  return readFileSync(DEMO_PHOTO_FILE);
}

let course: CourseContent | undefined;

/** The demo course's content (the file without its export header), read once: its slug, modules, lessons. */
export function demoCourse(): CourseContent {
  if (!course) {
    const {
      format: _format,
      exportedAt: _exportedAt,
      source: _source,
      ...content
    } = readDemoCourseFile() as CourseFile;
    course = content;
  }
  return course;
}
