import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { VoiceComment } from '@tc/shared/contracts';
import { PracticeService } from '../data-access/practice.service';
import { privateFileUrl } from './private-file-url';

/**
 * A reviewer's voice comment in the feedback of a round: a player, nothing more. The recording is
 * private like the round: fetched with the session's token and played through an object URL, freed
 * when the player goes (or shows another comment).
 */
@Component({
  selector: 'tc-voice-comment',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="tc-voice-comment">
      <figcaption>{{ 'practice.review.voiceFrom' | transloco: { name: reviewerName() } }}</figcaption>
      @if (url(); as u) {
        <audio
          controls
          preload="metadata"
          [src]="u"
          [attr.aria-label]="'practice.review.voiceFrom' | transloco: { name: reviewerName() }"
        ></audio>
      } @else if (failed()) {
        <p class="tc-error">
          {{ 'practice.evidence.failed' | transloco }}
          <button type="button" class="tc-button-secondary" (click)="load()">
            {{ 'practice.retry' | transloco }}
          </button>
        </p>
      } @else {
        <p role="status" class="tc-loading">{{ 'practice.evidence.loading' | transloco }}</p>
      }
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .tc-voice-comment {
      margin: 0.5rem 0;
    }
    figcaption {
      font-weight: 600;
      margin-block-end: 0.25rem;
    }
    audio {
      inline-size: 100%;
    }
  `,
})
export class VoiceCommentComponent {
  private readonly api = inject(PracticeService);
  readonly comment = input.required<VoiceComment>();
  readonly reviewerName = input('');
  private readonly shown = privateFileUrl(
    () => this.comment().id,
    (id) => this.api.voiceComment(id),
  );
  protected readonly url = this.shown.url;
  protected readonly failed = this.shown.failed;

  protected load(): Promise<void> {
    return this.shown.load();
  }
}
