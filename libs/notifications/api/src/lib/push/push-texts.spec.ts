import { NOTIFICATION_KINDS } from '@tc/shared/contracts';
import { pushLanguage, pushPayload, pushText, pushUrl, type PushSource } from './push-texts';

const source = (kind: string, extra: Partial<PushSource> = {}): PushSource => ({
  kind,
  subject: { type: 'enrolment', id: 'enr-1' },
  params: {
    courseTitle: { fr: 'Budget communal', ar: 'الميزانية الجماعية', en: 'Municipal budget' },
    lessonTitle: { fr: 'La vitrine', ar: 'الواجهة' },
    announcementTitle: { fr: 'Réunion lundi' },
    moduleTitle: { en: 'Getting started' },
    dueOn: '2026-12-15',
    threadTitle: 'Où trouver le modèle ?',
    message: ' Courage ! ',
    cohortId: 'c-1',
    decision: 'pass',
  },
  ...extra,
});

describe('push texts', () => {
  it.each(['fr', 'ar', 'en'] as const)(
    'writes every kind of the platform in %s, with its words filled in',
    (lang) => {
      for (const kind of NOTIFICATION_KINDS) {
        const text = pushText(source(kind), lang);
        expect(text.title.trim()).not.toBe('');
        expect(text.body.trim()).not.toBe('');
        expect(text.body).not.toMatch(/\{\{|undefined|null/);
        expect(text.title).not.toBe('Coaching territorial'); // not the generic text
      }
    },
  );

  it('falls back to another language’s title, then to a generic text for an unknown kind', () => {
    expect(pushText(source('task.reviewed'), 'en').body).toBe('Your work “La vitrine” has passed.');
    expect(
      pushText(source('task.reviewed', { params: { decision: 'revise', lessonTitle: { fr: 'X' } } }), 'fr'),
    ).toEqual({
      title: 'Travail à reprendre',
      body: 'Votre travail « X » est à reprendre : lisez le retour du formateur.',
    });
    expect(pushText(source('some.new.kind'), 'ar')).toEqual({
      title: 'Coaching territorial',
      body: 'لديك إشعار جديد.',
    });
    expect(pushText(source('announcement.posted', { params: {} }), 'en').body).toBe(
      'You have a new notification.',
    );
    expect(pushText(source('coach.nudged', { params: {} }), 'en').body).toBe(
      'Your trainer reminds you to keep going with your course.',
    );
    expect(pushText(source('deadline.soon'), 'fr').body).toBe(
      'Échéance le 15 décembre 2026 : terminez le module Getting started du cours Budget communal.',
    );
  });

  it('links each subject to its page, /notifications when it has none', () => {
    expect(pushUrl(source('certificate.issued'))).toBe('/learn/enr-1');
    expect(pushUrl(source('announcement.posted', { subject: { type: 'announcement', id: 'a-1' } }))).toBe(
      '/cohorts/c-1/announcements',
    );
    expect(pushUrl(source('question.answered', { subject: { type: 'thread', id: 't-1' } }))).toBe(
      '/cohorts/c-1/threads/t-1',
    );
    expect(pushUrl(source('task.waiting', { subject: { type: 'submission', id: 's-1' } }))).toBe(
      '/cohorts/c-1/reviews',
    );
    expect(
      pushUrl(
        source('task.reviewed', {
          subject: { type: 'submission', id: 's-1' },
          params: { enrolmentId: 'enr-3', lessonKey: 'm3 task' },
        }),
      ),
    ).toBe('/learn/enr-3/lessons/m3%20task');
    expect(pushUrl(source('task.reviewed', { subject: { type: 'submission', id: 's-1' }, params: {} }))).toBe(
      '/notifications',
    );
  });

  it('makes the payload Angular’s service worker shows, right to left in Arabic', () => {
    expect(JSON.parse(pushPayload(source('certificate.issued'), 'ar'))).toEqual({
      notification: {
        title: 'تم إصدار الشهادة',
        body: 'تم إصدار شهادتك لدورة الميزانية الجماعية.',
        icon: '/icons/icon-192.png',
        lang: 'ar',
        dir: 'rtl',
        data: { onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: '/learn/enr-1' } } },
      },
    });
    expect(pushLanguage('en')).toBe('en');
    expect(pushLanguage('de')).toBe('fr');
    expect(pushLanguage(null)).toBe('fr');
  });
});
