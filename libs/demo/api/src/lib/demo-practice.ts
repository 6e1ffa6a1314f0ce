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
async function demoPhotos(): Promise<Buffer[]> {
  const grounds = ['#7a3b12', '#2f6b3a', '#1f4e79'];
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

/**
 * The demo coach's first round of the demo course's first practical task: three photos and a text,
 * handed in a few days ago, returned by the demo trainer for revision with feedback, so both sides of
 * practice (the coach's task, the trainer's queue) have something to show. Once only.
 */
export async function seedDemoPractice(
  services: { evidence: EvidenceService; submissions: SubmissionsService },
  people: { coach: AuthPrincipal; trainer: AuthPrincipal },
  enrolmentId: string,
  course: CourseContent,
): Promise<void> {
  const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'task');
  const task = (lesson as { task?: PracticalTask | null } | undefined)?.task;
  if (!lesson || !task) return;
  const dir = await mkdtemp(join(tmpdir(), 'tc-demo-evidence-'));
  try {
    const fileIds: string[] = [];
    for (const [i, bytes] of (await demoPhotos()).entries()) {
      const path = join(dir, `photo-${i}.jpg`);
      await writeFile(path, bytes);
      const file = await services.evidence.store(
        people.coach,
        { enrolmentId, lessonKey: lesson.key, kind: 'photo' },
        path,
      );
      fileIds.push(file.id);
    }
    const handedInAt = new Date(Date.now() - 3 * 86_400_000);
    const { submission } = await services.submissions.handIn(
      people.coach,
      enrolmentId,
      lesson.key,
      {
        id: randomUUID(),
        text: 'Coopérative Tafilalet (Oujda) : nous avons créé ensemble le catalogue WhatsApp Business avec trois fiches produit. La présidente sait maintenant ajouter une fiche seule.',
        fileIds,
      },
      handedInAt,
    );
    await services.submissions.review(
      people.trainer,
      submission.id,
      {
        decision: 'revise',
        scores: task.criteria.map((c) => ({
          criterionKey: c.key,
          levelKey: [...c.levels].sort((a, b) => a.points - b.points)[0]?.key ?? '',
        })),
        comment:
          'Bon début ! Les photos sont trop sombres et les prix n’indiquent pas l’unité (kg, litre). Reprenez deux fiches et renvoyez-les.',
      },
      new Date(handedInAt.getTime() + 86_400_000),
    );
    new Logger('DemoSeed').log(`The demo coach handed in "${lesson.key}"; the demo trainer returned it`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
