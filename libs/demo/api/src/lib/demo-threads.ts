import type { ThreadsService } from '@tc/conversation/api';
import type { AuthPrincipal } from '@tc/shared/api';

/** Who speaks in the demo cohort's questions: the trainer, the demo coach and two peers. */
export interface DemoVoices {
  trainer: AuthPrincipal;
  coach: AuthPrincipal;
  hamza: AuthPrincipal;
  imane: AuthPrincipal;
}

/**
 * Two questions in the demo cohort, written as its people would: one about a lesson, asked and answered
 * in Arabic (the trainer marks the answer that settles it); one to the whole cohort, asked in French by
 * the demo coach, whom the trainer's reply then notifies.
 */
export async function seedDemoThreads(
  threads: ThreadsService,
  cohortId: string,
  { trainer, coach, hamza, imane }: DemoVoices,
): Promise<void> {
  const visits = await threads.create(hamza, cohortId, {
    lessonKey: 'm1-l3',
    title: 'كم مرة نزور التعاونية في الشهر الأول؟',
    body: 'أرافق تعاونية لزيت الزيتون بوجدة. هل تكفي زيارة واحدة في الأسبوع، أم أن المتابعة عن بعد عبر واتساب تكفي بين الزيارات؟',
  });
  const answer = await threads.reply(
    trainer,
    cohortId,
    visits.id,
    'في الشهر الأول، زيارة ميدانية كل أسبوع ضرورية لبناء الثقة وفهم طريقة عمل التعاونية.\n\n- بين الزيارات: رسالة قصيرة عبر واتساب لتتبع الخطوات المتفق عليها\n- دوّنوا بعد كل زيارة ما تم إنجازه والخطوة التالية',
  );
  await threads.reply(
    imane,
    cohortId,
    visits.id,
    'نفس التجربة مع جمعية بالناظور: الزيارة الأسبوعية ساعدتنا على إشراك النساء المنخرطات منذ البداية.',
  );
  await threads.answer(trainer, cohortId, visits.id, answer.id, true);

  const bank = await threads.create(coach, cohortId, {
    title: 'Faut-il un compte bancaire avant d’ouvrir une boutique en ligne ?',
    body: 'La coopérative de couscous que j’accompagne à Berkane vend au marché en espèces. Pour accepter le paiement mobile, doit-elle d’abord ouvrir un compte au nom de la coopérative ?',
  });
  await threads.reply(
    trainer,
    cohortId,
    bank.id,
    'Oui : un compte au nom de la coopérative, ouvert sur décision du conseil d’administration, garde les ventes séparées des comptes des membres. Nous verrons au module 3 les solutions de paiement mobile qui s’y rattachent.',
  );
}
