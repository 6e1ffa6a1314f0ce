import { Logger } from '@nestjs/common';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { AuthPrincipal } from '@tc/shared/api';
import type { CourseContent, PracticalTask } from '@tc/shared/contracts';
import { EvidenceService, SubmissionsService } from '@tc/practice/api';

/** Three "photos" of a product card, drawn here (no camera, no EXIF): a label on a coloured ground. */
async function demoPhotos(grounds = ['#7a3b12', '#2f6b3a', '#1f4e79']): Promise<Buffer[]> {
  return Promise.all(
    grounds.map((ground, i) =>
      sharp(
        Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
             <rect width="480" height="360" fill="${ground}"/>
             <rect x="60" y="60" width="360" height="240" rx="16" fill="#fdf6e3"/>
             <text x="240" y="190" font-size="36" font-family="sans-serif" text-anchor="middle" fill="#333">Produit ${i + 1}</text>
           </svg>`,
        ),
      )
        .jpeg({ quality: 70 })
        .toBuffer(),
    ),
  );
}

interface PracticeServices {
  evidence: EvidenceService;
  submissions: SubmissionsService;
}

/** The demo course's first practical task (none in a version frozen before tasks). */
function demoTask(course: CourseContent): { key: string; task: PracticalTask } | null {
  const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'task');
  const task = (lesson as { task?: PracticalTask | null } | undefined)?.task;
  return lesson && task ? { key: lesson.key, task } : null;
}

/** Each criterion scored at its lowest level (a revision) or its highest (a pass). */
function scores(task: PracticalTask, best: boolean) {
  return task.criteria.map((c) => ({
    criterionKey: c.key,
    levelKey: [...c.levels].sort((a, b) => (best ? b.points - a.points : a.points - b.points))[0]?.key ?? '',
  }));
}

/** Uploads three drawn photos as `coach` and hands them in with `text` at `handedInAt`; the round's id. */
async function handInPhotos(
  services: PracticeServices,
  coach: AuthPrincipal,
  enrolmentId: string,
  lessonKey: string,
  round: { text: string; handedInAt: Date; grounds?: string[] },
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tc-demo-evidence-'));
  try {
    const fileIds: string[] = [];
    for (const [i, bytes] of (await demoPhotos(round.grounds)).entries()) {
      const path = join(dir, `photo-${i}.jpg`);
      await writeFile(path, bytes);
      const file = await services.evidence.store(coach, { enrolmentId, lessonKey, kind: 'photo' }, path);
      fileIds.push(file.id);
    }
    const { submission } = await services.submissions.handIn(
      coach,
      enrolmentId,
      lessonKey,
      { id: randomUUID(), text: round.text, fileIds },
      round.handedInAt,
    );
    return submission.id;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The demo coach's first round of the demo course's first practical task: three photos and a text,
 * handed in a few days ago, returned by the demo trainer for revision with feedback, so both sides of
 * practice (the coach's task, the trainer's queue) have something to show. Once only.
 */
export async function seedDemoPractice(
  services: PracticeServices,
  people: { coach: AuthPrincipal; trainer: AuthPrincipal },
  enrolmentId: string,
  course: CourseContent,
): Promise<void> {
  const found = demoTask(course);
  if (!found) return;
  const handedInAt = new Date(Date.now() - 3 * 86_400_000);
  const id = await handInPhotos(services, people.coach, enrolmentId, found.key, {
    text: 'Coopérative Tafilalet (Oujda) : nous avons créé ensemble le catalogue WhatsApp Business avec trois fiches produit. La présidente sait maintenant ajouter une fiche seule.',
    handedInAt,
  });
  await services.submissions.review(
    people.trainer,
    id,
    {
      decision: 'revise',
      scores: scores(found.task, false),
      comment:
        'Bon début ! Les photos sont trop sombres et les prix n’indiquent pas l’unité (kg, litre). Reprenez deux fiches et renvoyez-les.',
    },
    new Date(handedInAt.getTime() + 86_400_000),
  );
  new Logger('DemoSeed').log(`The demo coach handed in "${found.key}"; the demo trainer returned it`);
}

/** A round of another coach of the demo cohort: waiting for its review, or already passed. */
export interface DemoPeerRound {
  coach: AuthPrincipal;
  enrolmentId: string;
  text: string;
  /** Whole days since it was handed in. */
  daysAgo: number;
  /** Passed by the trainer a day after it was handed in; else it waits. */
  passed: boolean;
  grounds: string[];
}

/**
 * The other demo coaches' rounds of the same task, so the trainer's queue has hand-ins waiting (the
 * oldest first) and the roster shows every state: waiting, passed, beside the demo coach's returned one.
 */
export async function seedDemoQueue(
  services: PracticeServices,
  trainer: AuthPrincipal,
  rounds: DemoPeerRound[],
  course: CourseContent,
): Promise<void> {
  const found = demoTask(course);
  if (!found) return;
  for (const round of rounds) {
    const handedInAt = new Date(Date.now() - round.daysAgo * 86_400_000);
    const id = await handInPhotos(services, round.coach, round.enrolmentId, found.key, {
      text: round.text,
      handedInAt,
      grounds: round.grounds,
    });
    if (round.passed)
      await services.submissions.review(
        trainer,
        id,
        {
          decision: 'pass',
          scores: scores(found.task, true),
          comment: 'Très bien : des photos nettes, les prix au kilo et l’origine sur chaque fiche. Validé.',
        },
        new Date(handedInAt.getTime() + 86_400_000),
      );
  }
  const waiting = rounds.filter((r) => !r.passed).length;
  new Logger('DemoSeed').log(
    `${rounds.length} more demo coaches handed in "${found.key}": ${waiting} wait for the trainer`,
  );
}
