import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { EvidenceFile } from '@tc/shared/contracts';
import { PracticeService } from '../data-access/practice.service';
import { privateFileUrl } from './private-file-url';

/**
 * One evidence file shown where it is read: a photo, a recording to play, a PDF to open in the
 * browser's viewer. The bytes are private: fetched with the session's token and shown
 * through an object URL, freed when the view goes.
 */
@Component({
  selector: 'tc-evidence-view',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (url(); as u) {
      @switch (file().kind) {
        @case ('photo') {
          <a [href]="u" target="_blank" rel="noopener">
            <img [src]="u" [alt]="label()" class="tc-photo" />
          </a>
        }
        @case ('audio') {
          <audio controls [src]="u" [attr.aria-label]="label()"></audio>
        }
        @default {
          <!-- A link, not a frame: browsers do not render a PDF inside a sandboxed frame. -->
          <a class="tc-button-secondary" [href]="u" target="_blank" rel="noopener">
            {{ 'practice.evidence.openPdf' | transloco }}
            <span class="tc-visually-hidden">({{ label() }})</span>
          </a>
        }
      }
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
  `,
  styleUrl: './evidence-view.component.scss',
})
export class EvidenceViewComponent {
  private readonly api = inject(PracticeService);
  readonly file = input.required<EvidenceFile>();
  /** What the file is, for a screen reader ("Photo 2"). */
  readonly label = input('');
  private readonly shown = privateFileUrl(
    () => this.file().id,
    (id) => this.api.evidence(id),
  );
  protected readonly url = this.shown.url;
  protected readonly failed = this.shown.failed;

  protected load(): Promise<void> {
    return this.shown.load();
  }
}
