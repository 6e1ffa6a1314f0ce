import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ThreadPage } from '@tc/shared/contracts';
import { MemoryConversationStore, copyKey } from '../../offline/conversation-store';
import { pageProviders, settle, summary, translocoTesting } from '../testing';
import { ThreadsPage } from './threads.page';

const LIST = '/api/v1/cohorts/coh-1/threads';

function page(extra: Partial<ThreadPage> = {}): ThreadPage {
  return {
    items: [
      summary('t-1', { answered: true, replyCount: 3 }),
      summary('t-2', { lessonKey: null, lessonTitle: null }),
    ],
    nextCursor: null,
    canModerate: false,
    cohortName: 'Cohorte Nord',
    ...extra,
  };
}

describe("a cohort's questions page", () => {
  let fixture: ComponentFixture<ThreadsPage>;
  let http: HttpTestingController;
  let host: HTMLElement;
  let store: MemoryConversationStore;

  async function open(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [ThreadsPage, translocoTesting()],
      providers: pageProviders(store),
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ThreadsPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.detectChanges();
    await settle();
    host = fixture.nativeElement as HTMLElement;
  }

  async function render(): Promise<void> {
    await settle();
    fixture.detectChanges();
  }

  /** Types into a field the way a person does. */
  function type(selector: string, value: string): void {
    const el = host.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
    if (!el) throw new Error(`no ${selector}`);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  }

  beforeEach(() => {
    store = new MemoryConversationStore();
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('lists each thread with its answered badge, replies, lesson and link, and keeps the list', async () => {
    await open();
    http.expectOne((r) => r.url === LIST && r.params.get('limit') === '20').flush(page());
    await render();
    const items = [...host.querySelectorAll('li.tc-thread')];
    expect(items).toHaveLength(2);
    expect(items[0]?.classList).toContain('tc-answered');
    expect(items[0]?.querySelector('.tc-badge-answered')?.textContent?.trim()).toBe('Répondue');
    expect(items[0]?.textContent).toContain('3 réponse(s)');
    expect(items[0]?.textContent).toContain('Le compost');
    expect(items[0]?.querySelector('a.tc-thread-title')?.getAttribute('href')).toBe(
      '/cohorts/coh-1/threads/t-1',
    );
    expect(items[1]?.querySelector('.tc-badge-answered')).toBeNull();
    // The question's title is isolated: an Arabic title does not reorder the French line around it.
    expect(items[0]?.querySelector('a.tc-thread-title bdi')?.textContent).toBe('Question t-1');
    const kept = await store.read<ThreadPage>('u-1', copyKey('threads', 'coh-1', ''));
    expect(kept?.value.items.map((t) => t.id)).toEqual(['t-1', 't-2']);
    expect(host.querySelector('.tc-offline')).toBeNull();
  });

  it('offline, shows the list kept on the device and keeps a question asked until it can go', async () => {
    await store.keep('u-1', copyKey('threads', 'coh-1', ''), page({ items: [summary('t-1')] }));
    await open();
    http.expectOne((r) => r.url === LIST).error(new ProgressEvent('error'), { status: 0 });
    await render();
    expect(host.querySelector('.tc-offline')?.textContent).toContain('Copie du');
    expect(host.querySelectorAll('li.tc-thread')).toHaveLength(1);

    type('input[name=title]', 'Combien de compost ?');
    type('textarea[name=body]', 'Pour un hectare.');
    host.querySelector<HTMLButtonElement>('.tc-ask button[type=submit]')?.click();
    await settle();
    const post = http.expectOne((r) => r.url === LIST && r.method === 'POST');
    expect(post.request.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'Combien de compost ?',
      body: 'Pour un hectare.',
      lessonKey: null,
    });
    post.error(new ProgressEvent('error'), { status: 0 });
    await render();
    expect(host.querySelector('.tc-status')?.textContent?.trim()).toBe('En attente');
    expect(host.querySelector('.tc-status')?.getAttribute('aria-live')).toBe('polite');
    const waiting = host.querySelector('.tc-waiting li');
    expect(waiting?.textContent).toContain('Combien de compost ?');
    expect(waiting?.textContent).toContain('En attente d’envoi');
    expect(host.querySelector<HTMLInputElement>('input[name=title]')?.value).toBe('');
  });

  it('sends a question online and shows the list again with it', async () => {
    await open();
    http.expectOne((r) => r.url === LIST).flush(page({ items: [] }));
    await render();
    type('input[name=title]', 'Quand semer ?');
    type('textarea[name=body]', 'Avant la pluie ?');
    host.querySelector<HTMLButtonElement>('.tc-ask button[type=submit]')?.click();
    await settle();
    http
      .expectOne((r) => r.url === LIST && r.method === 'POST')
      .flush(summary('t-3', { title: 'Quand semer ?' }));
    await settle();
    http.expectOne((r) => r.url === LIST && r.method === 'GET').flush(page({ items: [summary('t-3')] }));
    await render();
    expect(host.querySelector('.tc-status')?.textContent?.trim()).toBe('Envoyée');
    expect(document.activeElement).toBe(host.querySelector('.tc-status'));
    expect(host.querySelectorAll('li.tc-thread')).toHaveLength(1);
  });
});
