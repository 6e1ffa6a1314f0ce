import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type Recording, VoiceRecorderComponent, recordingType } from './voice-recorder.component';

/** A MediaRecorder as far as the recorder uses it: chunks every timeslice, the last one on stop. */
class FakeMediaRecorder {
  static supported = new Set(['audio/webm;codecs=opus', 'audio/webm']);
  static last: FakeMediaRecorder | null = null;
  static isTypeSupported = (type: string) => FakeMediaRecorder.supported.has(type);
  state: 'inactive' | 'recording' = 'inactive';
  readonly mimeType: string;
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(
    readonly stream: unknown,
    readonly options: { mimeType?: string; audioBitsPerSecond?: number },
  ) {
    this.mimeType = options.mimeType ?? '';
    FakeMediaRecorder.last = this;
  }
  start(): void {
    this.state = 'recording';
    this.ondataavailable?.({ data: new Blob(['voice-1']) });
  }
  stop(): void {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['voice-2']) });
    this.onstop?.();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
}

describe('the shared voice recorder (the coach’s voice notes, the trainer’s voice comments)', () => {
  let fixture: ComponentFixture<VoiceRecorderComponent>;
  let recorded: Recording[];
  let stopped: number;
  let getUserMedia: jest.Mock;
  const host = () => fixture.nativeElement as HTMLElement;
  const button = () => host().querySelector('button') as HTMLButtonElement;

  function create(): void {
    fixture = TestBed.createComponent(VoiceRecorderComponent);
    fixture.componentInstance.recorded.subscribe((r) => recorded.push(r));
    fixture.detectChanges();
  }

  beforeEach(() => {
    recorded = [];
    stopped = 0;
    const track = { stop: () => void stopped++ };
    getUserMedia = jest.fn().mockResolvedValue({ getTracks: () => [track] });
    Object.assign(globalThis, { MediaRecorder: FakeMediaRecorder });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    TestBed.configureTestingModule({
      imports: [VoiceRecorderComponent, TranslocoTestingModule.forRoot({ langs: { fr: {} } })],
    });
  });

  afterEach(() => {
    delete (globalThis as { MediaRecorder?: unknown }).MediaRecorder;
    delete (navigator as { mediaDevices?: unknown }).mediaDevices;
  });

  it('records, shows the time running, and hands over one recording as WebM; the microphone is released', async () => {
    create();
    expect(button().textContent).toContain('practice.voice.record');
    button().click();
    await settle();
    fixture.detectChanges();
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true });
    expect(FakeMediaRecorder.last?.options).toEqual({
      mimeType: 'audio/webm;codecs=opus',
      audioBitsPerSecond: 32_000,
    });
    expect(host().querySelector('[role=status]')?.textContent).toContain('practice.voice.recording');
    expect(button().textContent).toContain('practice.voice.stop');

    button().click();
    fixture.detectChanges();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.type).toBe('audio/webm');
    expect(recorded[0]?.blob.type).toBe('audio/webm');
    // Both chunks, in order (jsdom's Blob has no text(): read it as a FileReader does).
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(recorded[0]?.blob as Blob);
    });
    expect(text).toBe('voice-1voice-2');
    expect(stopped).toBe(1);
    // Ready for another take.
    expect(button().textContent).toContain('practice.voice.record');
  });

  it('takes the start button’s text from its user (the review says “record a voice comment”)', () => {
    create();
    fixture.componentRef.setInput('recordLabel', 'practice.review.voiceRecord');
    fixture.detectChanges();
    expect(button().textContent).toContain('practice.review.voiceRecord');
  });

  it('a refused microphone says so and records nothing', async () => {
    getUserMedia.mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    create();
    button().click();
    await settle();
    fixture.detectChanges();
    expect(host().querySelector('[role=alert]')?.textContent).toContain('practice.voice.denied');
    expect(recorded).toEqual([]);
  });

  it('a browser without MediaRecorder: a notice, no button', () => {
    delete (globalThis as { MediaRecorder?: unknown }).MediaRecorder;
    create();
    expect(host().querySelector('button')).toBeNull();
    expect(host().textContent).toContain('practice.voice.unsupported');
  });

  it('picks WebM/Opus where the browser records it, else MP4 (Safari)', () => {
    expect(recordingType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(recordingType(() => false)).toBe('');
  });
});
