import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ThreadDetail } from '@tc/shared/contracts';
import { detail, pageProviders, post, settle, translocoTesting } from '../testing';
import { ThreadPage } from './thread.page';

const THREAD = '/api/v1/cohorts/coh-1/threads/t-1';
const soon = () => new Date(Date.now() + 10 * 60_000).toISOString();

describe('a thread page', () => {
  let fixture: ComponentFixture<ThreadPage>;
  let http: HttpTestingController;
  let host: HTMLElement;

  async function open(thread: ThreadDetail): Promise<void> {
    TestBed.configureTestingModule({
      imports: [ThreadPage, translocoTesting()],
      providers: pageProviders(),
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ThreadPage);
    fixture.componentRef.setInput('cohortId', 'coh-1');
    fixture.componentRef.setInput('threadId', 't-1');
    fixture.detectChanges();
    await settle();
    http.expectOne(THREAD).flush(thread);
    await render();
    host = fixture.nativeElement as HTMLElement;
  }

  async function render(): Promise<void> {
    await settle();
    fixture.detectChanges();
  }

  const buttons = (root: Element) => [...root.querySelectorAll('button')].map((b) => b.textContent?.trim());
  const postEl = (id: string) => host.querySelector(`#tc-post-${id}`) as HTMLElement;

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('shows a coach the posts in order, the answer highlighted, and only what they may do', async () => {
    await open(
      detail(
        [
          post('p-1', { opening: true, mine: true, body: 'Q', editableUntil: soon() }),
          post('p-2', { authorRole: 'trainer', authorName: 'Nadia', answer: true }),
          post('p-3', { mine: true, editableUntil: null }),
          post('p-4', { state: 'deleted', authorName: null, bodyHtml: null }),
        ],
        { answered: true },
      ),
    );
    const ids = [...host.querySelectorAll('.tc-post')].map((s) => s.id);
    expect(ids).toEqual(['tc-post-p-1', 'tc-post-p-2', 'tc-post-p-3', 'tc-post-p-4']);
    expect(postEl('p-2').classList).toContain('tc-answer');
    expect(postEl('p-2').textContent).toContain('Réponse retenue');
    expect(host.querySelector('a[href="#tc-post-p-2"]')).not.toBeNull();
    // Within its 15 minutes the author edits; after, only deletes; someone else's is reported.
    expect(buttons(postEl('p-1'))).toEqual(['Modifier', 'Supprimer']);
    expect(buttons(postEl('p-3'))).toEqual(['Supprimer']);
    expect(buttons(postEl('p-2'))).toEqual(['Signaler']);
    expect(buttons(postEl('p-4'))).toEqual([]);
    expect(host.textContent).not.toContain('Marquer');
    expect(host.querySelector('.tc-moderation')).toBeNull();
    // User text in its own direction.
    expect(postEl('p-2').querySelector('.tc-body')?.getAttribute('dir')).toBe('auto');
  });

  it('lets a trainer mark the answer, says so and keeps the focus on the post', async () => {
    await open(
      detail([post('p-1', { opening: true }), post('p-2', { authorRole: 'trainer', mine: true })], {
        canModerate: true,
      }),
    );
    expect(buttons(postEl('p-1'))).toEqual(['Signaler', 'Masquer']);
    expect(host.querySelector('.tc-moderation')).not.toBeNull();
    const mark = [...postEl('p-2').querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Marquer',
    );
    mark?.click();
    await settle();
    const put = http.expectOne(`${THREAD}/posts/p-2/answer`);
    expect(put.request.method).toBe('PUT');
    put.flush(null);
    await settle();
    http.expectOne(THREAD).flush(
      detail([post('p-1', { opening: true }), post('p-2', { answer: true, mine: true })], {
        canModerate: true,
        answered: true,
      }),
    );
    await render();
    await render();
    expect(host.querySelector('.tc-said')?.textContent?.trim()).toBe('Réponse retenue !');
    expect(postEl('p-2').classList).toContain('tc-answer');
    expect(document.activeElement).toBe(postEl('p-2'));
  });

  it('asks a trainer why before hiding a post', async () => {
    await open(detail([post('p-1', { opening: true })], { canModerate: true }));
    [...postEl('p-1').querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Masquer')?.click();
    await render();
    const reason = host.querySelector<HTMLInputElement>('#tc-edit-p-1');
    expect(document.activeElement).toBe(reason);
    // Without a reason nothing goes.
    [...postEl('p-1').querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Masquer pour tous')
      ?.click();
    await settle();
    http.expectNone(`${THREAD}/posts/p-1/hidden`);
    if (reason) {
      reason.value = 'Hors sujet';
      reason.dispatchEvent(new Event('input'));
    }
    [...postEl('p-1').querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Masquer pour tous')
      ?.click();
    await settle();
    const hide = http.expectOne(`${THREAD}/posts/p-1/hidden`);
    expect(hide.request.body).toEqual({ reason: 'Hors sujet' });
    hide.flush(null);
    await settle();
    http
      .expectOne(THREAD)
      .flush(detail([post('p-1', { opening: true, state: 'hidden', hiddenReason: 'Hors sujet' })]));
    await render();
  });

  it('keeps a reply written offline on the device and shows it waiting', async () => {
    await open(detail([post('p-1', { opening: true })]));
    const box = host.querySelector<HTMLTextAreaElement>('#tc-reply');
    if (box) {
      box.value = 'Moi aussi';
      box.dispatchEvent(new Event('input'));
    }
    host.querySelector<HTMLButtonElement>('.tc-reply button[type=submit]')?.click();
    await settle();
    http.expectOne(`${THREAD}/posts`).error(new ProgressEvent('error'), { status: 0 });
    await render();
    await render();
    const waiting = host.querySelector('.tc-post-waiting') as HTMLElement;
    expect(waiting.textContent).toContain('Moi aussi');
    expect(waiting.textContent).toContain('En attente d’envoi');
    expect(host.querySelector('.tc-said')?.textContent?.trim()).toBe('Réponse en attente');
    expect(document.activeElement).toBe(waiting);
    expect(box?.value).toBe('');
  });

  it('offers no reply box on a locked thread', async () => {
    await open(detail([post('p-1', { opening: true })], { locked: true, canReply: false }));
    expect(host.querySelector('.tc-reply')).toBeNull();
    expect(host.querySelector('.tc-notice')).not.toBeNull();
  });
});
