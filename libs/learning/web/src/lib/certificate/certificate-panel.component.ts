import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyCertificate, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf, saveBlob } from '@tc/shared/ui';
import { formatDate } from '../data-access/dates';
import { LearningService } from '../data-access/learning.service';

/** The coach's certificate once the course is completed: its code, the PDF, the public check. */
@Component({
  selector: 'tc-certificate-panel',
  imports: [RouterLink, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (certificate(); as c) {
      <section class="tc-certificate" aria-labelledby="tc-cert-title">
        <h2 id="tc-cert-title">{{ 'learning.certificate.title' | transloco }}</h2>
        @if (c.status === 'revoked') {
          <p class="tc-notice">{{ 'learning.certificate.revoked' | transloco }}</p>
        }
        <p>
          {{ 'learning.certificate.issuedOn' | transloco: { date: issuedOn() } }}<br />
          {{ 'learning.certificate.code' | transloco }} <code dir="ltr">{{ c.code }}</code>
        </p>
        <div class="tc-actions">
          <button type="button" class="tc-button" (click)="download(c)" [disabled]="downloading()">
            {{
              (downloading() ? 'learning.certificate.downloading' : 'learning.certificate.download')
                | transloco
            }}
          </button>
          <a class="tc-button-secondary" [routerLink]="['/verify', c.code]">{{
            'learning.certificate.verify' | transloco
          }}</a>
        </div>
        <tc-problem-message [problem]="problem()" />
      </section>
    } @else if (missing()) {
      <p class="tc-notice">{{ 'learning.certificate.notYet' | transloco }}</p>
    }
  `,
  styleUrl: './certificate-panel.component.scss',
})
export class CertificatePanelComponent {
  private readonly api = inject(LearningService);
  private readonly document = inject(DOCUMENT);
  private readonly lang = inject(LanguageService).lang;
  readonly enrolmentId = input.required<string>();

  protected readonly certificate = signal<MyCertificate | null>(null);
  protected readonly missing = signal(false);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly issuedOn = computed(() => formatDate(this.certificate()?.issuedAt, this.lang()));

  constructor() {
    effect(() => {
      this.api.certificate(this.enrolmentId()).subscribe({
        next: (c) => this.certificate.set(c),
        error: () => this.missing.set(true),
      });
    });
  }

  protected download(c: MyCertificate): void {
    this.downloading.set(true);
    this.problem.set(null);
    const lang = this.lang();
    this.api.certificatePdf(c.pdfUrl, lang).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        saveBlob(this.document, `certificate-${c.code}-${lang}.pdf`, blob, 1_000);
      },
      error: (e: unknown) => {
        this.downloading.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }
}
