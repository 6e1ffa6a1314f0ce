import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { type EnvironmentProviders, type Provider, signal } from '@angular/core';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import type { ThreadDetail, ThreadPost, ThreadSummary } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { CONVERSATION_STORE, MemoryConversationStore } from '../offline/conversation-store';
import { OUTBOX_RANDOM } from '../offline/post-outbox.service';

/** For specs: the texts a spec looks for, in "French". */
export const TEXTS = {
  conversation: {
    threads: {
      answered: 'Répondue',
      replies: '{{ count }} réponse(s)',
      queued: 'En attente',
      sent: 'Envoyée',
      ask: 'Poser une question',
      questionTitle: 'Titre',
      questionBody: 'Texte',
      send: 'Envoyer',
    },
    thread: {
      answer: 'Réponse retenue',
      mark: 'Marquer',
      unmark: 'Démarquer',
      edit: 'Modifier',
      delete: 'Supprimer',
      report: 'Signaler',
      hide: 'Masquer',
      lock: 'Fermer',
      send: 'Répondre',
      replyLabel: 'Votre réponse',
      do: { hide: 'Masquer pour tous' },
      said: { marked: 'Réponse retenue !', replyQueued: 'Réponse en attente' },
    },
    offline: { copyOf: 'Copie du {{ when }}', waiting: 'En attente d’envoi' },
    lesson: { title: 'Questions sur cette leçon', none: 'Aucune' },
  },
};

export async function settle(): Promise<void> {
  for (let i = 0; i < 12; i++) await new Promise((r) => setTimeout(r));
}

/** The providers of a page spec: HTTP testing, the signed-in `u-1`, an in-memory store. */
export function pageProviders(store = new MemoryConversationStore()): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter([]),
    { provide: LanguageService, useValue: { lang: signal('fr') } },
    { provide: AuthService, useValue: { me: signal({ id: 'u-1' }) } },
    { provide: CONVERSATION_STORE, useValue: store },
    { provide: OUTBOX_RANDOM, useValue: () => 0 },
  ];
}

export const translocoTesting = () =>
  TranslocoTestingModule.forRoot({
    langs: { fr: TEXTS },
    translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
    preloadLangs: true,
  });

export function summary(id: string, extra: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id,
    cohortId: 'coh-1',
    lessonKey: 'l-1',
    lessonTitle: { fr: 'Le compost', ar: 'السماد' },
    title: `Question ${id}`,
    authorName: 'Awa',
    authorRole: 'coach',
    mine: false,
    createdAt: '2026-12-06T10:00:00.000Z',
    lastActivityAt: '2026-12-06T11:00:00.000Z',
    replyCount: 2,
    answered: false,
    locked: false,
    reportedPosts: null,
    ...extra,
  };
}

export function post(id: string, extra: Partial<ThreadPost> = {}): ThreadPost {
  return {
    id,
    threadId: 't-1',
    opening: false,
    state: 'visible',
    authorName: 'Awa',
    authorRole: 'coach',
    mine: false,
    bodyHtml: `<p>Texte ${id}</p>`,
    createdAt: '2026-12-06T10:00:00.000Z',
    editedAt: null,
    editableUntil: null,
    answer: false,
    reportedByMe: false,
    reports: null,
    hiddenReason: null,
    ...extra,
  };
}

export function detail(posts: ThreadPost[], extra: Partial<ThreadDetail> = {}): ThreadDetail {
  return {
    ...summary('t-1'),
    posts,
    answerPostId: posts.find((p) => p.answer)?.id ?? null,
    lockReason: null,
    canModerate: false,
    canReply: true,
    cohortName: 'Cohorte Nord',
    ...extra,
  };
}
