import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AUDIO_MAX_MS } from '../data-access/evidence-rules';
import { formatDuration } from '../hand-in/format';

/** A recording as the recorder hands it over. */
export interface Recording {
  blob: Blob;
  type: string;
  durationMs: number;
}

/** WebM with Opus where the browser records it (Chrome, Firefox, Android), else MP4 (Safari). */
export function recordingType(isSupported: (type: string) => boolean): string {
  return ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'].find((t) => isSupported(t)) ?? '';
}

/**
 * Records a voice with the browser's MediaRecorder (the coach's voice notes in a hand-in, the trainer's
 * voice comment in a review): one button to start, one to stop, the time running (and stopping by
 * itself at 3 minutes). The recording is handed over to be listened to, kept, or removed and recorded
 * again; the microphone is released as soon as it stops.
 */
@Component({
  selector: 'tc-voice-recorder',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!supported) {
      <p class="tc-notice">{{ 'practice.voice.unsupported' | transloco }}</p>
    } @else if (recording()) {
      <div class="tc-recording" role="status">
        <span class="tc-dot" aria-hidden="true"></span>
        {{ 'practice.voice.recording' | transloco: { time: elapsedText(), max: maxText } }}
      </div>
      <button type="button" class="tc-button tc-big" (click)="stop()">
        {{ 'practice.voice.stop' | transloco }}
      </button>
    } @else {
      <button type="button" class="tc-button-secondary tc-big" [disabled]="disabled()" (click)="start()">
        {{ recordLabel() | transloco }}
      </button>
    }
    @if (failed()) {
      <p class="tc-error" role="alert">{{ 'practice.voice.denied' | transloco }}</p>
    }
  `,
  styleUrl: './voice-recorder.component.scss',
})
export class VoiceRecorderComponent {
  readonly disabled = input(false);
  /** The start button's text (a translation key). */
  readonly recordLabel = input('practice.voice.record');
  readonly recorded = output<Recording>();

  protected readonly supported =
    typeof MediaRecorder !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.mediaDevices;
  protected readonly recording = signal(false);
  protected readonly failed = signal(false);
  protected readonly elapsed = signal(0);
  protected readonly elapsedText = computed(() => formatDuration(this.elapsed()));
  protected readonly maxText = formatDuration(AUDIO_MAX_MS);
  private recorder: MediaRecorder | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.recorder?.state === 'recording' && this.recorder.stop());
  }

  protected async start(): Promise<void> {
    this.failed.set(false);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      this.failed.set(true);
      return;
    }
    const type = recordingType((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 32_000 } : {});
    const chunks: Blob[] = [];
    const startedAt = Date.now();
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      if (this.ticker) clearInterval(this.ticker);
      this.recording.set(false);
      const mediaType = (recorder.mimeType || type || 'audio/webm').split(';')[0];
      this.recorded.emit({
        blob: new Blob(chunks, { type: mediaType }),
        type: mediaType,
        durationMs: Math.min(Date.now() - startedAt, AUDIO_MAX_MS),
      });
    };
    this.recorder = recorder;
    recorder.start(1000);
    this.elapsed.set(0);
    this.recording.set(true);
    this.ticker = setInterval(() => {
      this.elapsed.set(Date.now() - startedAt);
      if (Date.now() - startedAt >= AUDIO_MAX_MS) this.stop();
    }, 250);
  }

  protected stop(): void {
    if (this.recorder?.state === 'recording') this.recorder.stop();
  }
}
