import { NOTIFICATION_KINDS, type Locale } from '@tc/shared/contracts';
import { digestMail, linkOf, notificationMail, type Item } from './email-texts';

const BASE = 'https://academy.example.org/';
const reader = (locale: Locale) => ({ displayName: 'Salma', locale });

describe('the e-mail texts', () => {
  it.each(['fr', 'ar', 'en'] as const)('has a subject and a sentence for every kind in %s', (locale) => {
    const generic = notificationMail(
      reader(locale),
      { kind: 'no.such-kind', subject: { type: 'enrolment', id: 'e' }, params: {} },
      BASE,
    );
    for (const kind of NOTIFICATION_KINDS) {
      const mail = notificationMail(
        reader(locale),
        { kind, subject: { type: 'enrolment', id: 'e-1' }, params: { decision: 'pass' } },
        BASE,
      );
      expect({ kind, generic: mail.subject === generic.subject }).toEqual({ kind, generic: false });
      expect(mail.text).toContain('Salma');
    }
  });

  it('says a deadline in the reader’s words and digits', () => {
    const item: Item = {
      kind: 'deadline.soon',
      subject: { type: 'enrolment', id: 'e-1' },
      params: {
        moduleTitle: { fr: 'Module 2', ar: 'الوحدة 2' },
        courseTitle: { fr: 'Cours' },
        dueOn: '2026-12-15',
      },
    };
    expect(notificationMail(reader('fr'), item, BASE).text).toContain('15 décembre 2026');
    expect(notificationMail(reader('ar'), item, BASE).subject).toBe('الموعد النهائي 15 دجنبر 2026: الوحدة 2');
    // A title missing in the reader's language: another one rather than nothing.
    expect(notificationMail(reader('en'), item, BASE).text).toContain('“Module 2” of “Cours”');
  });

  it('links to the subject’s page, and to the notifications when there is none', () => {
    const at = (item: Omit<Item, 'params'> & Partial<Item>) => linkOf({ params: {}, ...item }, BASE);
    expect(at({ kind: 'certificate.issued', subject: { type: 'enrolment', id: 'e 1' } })).toBe(
      'https://academy.example.org/learn/e%201',
    );
    expect(
      at({ kind: 'task.waiting', subject: { type: 'submission', id: 's' }, params: { cohortId: 'c-1' } }),
    ).toBe('https://academy.example.org/cohorts/c-1/reviews');
    expect(at({ kind: 'announcement.posted', subject: { type: 'announcement', id: 'a' } })).toBe(
      'https://academy.example.org/notifications',
    );
  });

  it('writes Arabic right to left, and escapes what people wrote in the HTML', () => {
    const item: Item = {
      kind: 'question.answered',
      subject: { type: 'thread', id: 't-1' },
      params: { threadTitle: '<b>Prix</b> & "marges"', cohortId: 'c-1' },
    };
    const ar = notificationMail(reader('ar'), item, BASE);
    expect(ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar.html).not.toContain('<b>Prix</b>');
    expect(ar.html).toContain('&#60;b&#62;Prix');
    expect(ar.text).toContain('https://academy.example.org/cohorts/c-1/threads/t-1');
    const digest = digestMail(reader('en'), [item, item], BASE);
    expect(digest.subject).toBe('2 notifications today');
    expect(digest.html.match(/<li>/g)).toHaveLength(2);
  });
});
