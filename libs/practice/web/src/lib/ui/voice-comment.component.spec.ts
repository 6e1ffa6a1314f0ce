import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { VoiceCommentComponent } from './voice-comment.component';

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

describe('the voice comment in a round’s feedback: a private recording played from an object URL', () => {
  let fixture: ComponentFixture<VoiceCommentComponent>;
  let http: HttpTestingController;
  let created: Blob[];
  let revoked: string[];
  const host = () => fixture.nativeElement as HTMLElement;

  async function render(): Promise<void> {
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  }

  beforeEach(() => {
    created = [];
    revoked = [];
    // jsdom has no object URLs: these stand in, numbered in order.
    URL.createObjectURL = (blob: Blob) => `blob:test/${created.push(blob)}`;
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    TestBed.configureTestingModule({
      imports: [VoiceCommentComponent, TranslocoTestingModule.forRoot({ langs: { fr: {} } })],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(VoiceCommentComponent);
    fixture.componentRef.setInput('comment', { id: 'vc-1', mediaType: 'audio/webm', bytes: 4 });
    fixture.componentRef.setInput('reviewerName', 'Samira');
  });

  afterEach(() => http.verify());

  it('fetches the recording with the session (not a public address) and plays it; frees it when it goes', async () => {
    await render();
    expect(host().querySelector('[role=status]')?.textContent).toContain('practice.evidence.loading');
    const req = http.expectOne('/api/v1/practice/voice-comments/vc-1');
    expect(req.request.responseType).toBe('blob');
    const bytes = new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])], { type: 'audio/webm' });
    req.flush(bytes);
    await render();
    const audio = host().querySelector('audio') as HTMLAudioElement;
    expect(audio.getAttribute('src')).toBe('blob:test/1');
    expect(audio.controls).toBe(true);
    expect(created).toEqual([bytes]);
    expect(host().querySelector('figcaption')?.textContent).toContain('practice.review.voiceFrom');

    fixture.destroy();
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('another comment: the first URL is freed and the other recording fetched', async () => {
    await render();
    http.expectOne('/api/v1/practice/voice-comments/vc-1').flush(new Blob(['a']));
    await render();
    fixture.componentRef.setInput('comment', { id: 'vc-2', mediaType: 'audio/ogg', bytes: 1 });
    await render();
    expect(revoked).toEqual(['blob:test/1']);
    http.expectOne('/api/v1/practice/voice-comments/vc-2').flush(new Blob(['b']));
    await render();
    expect(host().querySelector('audio')?.getAttribute('src')).toBe('blob:test/2');
  });

  it('a failed fetch says so and tries again on demand', async () => {
    await render();
    http
      .expectOne('/api/v1/practice/voice-comments/vc-1')
      .flush(null, { status: 404, statusText: 'Not Found' });
    await render();
    expect(host().querySelector('audio')).toBeNull();
    expect(host().querySelector('.tc-error')?.textContent).toContain('practice.evidence.failed');
    (host().querySelector('.tc-error button') as HTMLButtonElement).click();
    await render();
    http.expectOne('/api/v1/practice/voice-comments/vc-1').flush(new Blob(['a']));
    await render();
    expect(host().querySelector('audio')?.getAttribute('src')).toBe('blob:test/1');
  });
});
