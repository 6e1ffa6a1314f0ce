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
import type { MyCertificate, MyCredentialLinks, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf, saveBlob } from '@tc/shared/ui';
import { formatDate } from '../data-access/dates';
import { LearningService } from '../data-access/learning.service';

type CredentialKind = 'json' | 'png' | 'svg';

/**
 * The coach's certificate once the course is completed: its code, the PDF, the public check; and the
 * same certificate as a signed Open Badges 3.0 credential (JSON, badge images with it baked in, a
 * LinkedIn link) for a certificate issued with one.
 */
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
          <button type="button" class="tc-button" (click)="download(c)" [disabled]="downloading() !== null">
            {{
              (downloading() === 'pdf' ? 'learning.certificate.downloading' : 'learning.certificate.download')
                | transloco
            }}
          </button>
          <a class="tc-button-secondary" [routerLink]="['/verify', c.code]">{{
            'learning.certificate.verify' | transloco
          }}</a>
        </div>
        @if (c.credential; as links) {
          <div class="tc-portable" role="group" aria-labelledby="tc-portable-h">
            <h3 id="tc-portable-h">{{ 'learning.certificate.portable.title' | transloco }}</h3>
            <p>{{ 'learning.certificate.portable.explain' | transloco }}</p>
            <div class="tc-files">
              @for (f of files; track f.kind) {
                <button
                  type="button"
                  class="tc-button-secondary"
                  (click)="downloadCredential(c.code, links, f.kind)"
                  [disabled]="downloading() !== null"
                >
                  {{ (downloading() === f.kind ? 'learning.certificate.downloading' : f.label) | transloco }}
                </button>
              }
              <a class="tc-button-secondary" [href]="links.linkedInUrl" target="_blank" rel="noopener">
                {{ 'learning.certificate.portable.linkedIn' | transloco }}
                <span class="tc-visually-hidden">{{
                  'learning.certificate.portable.newTab' | transloco
                }}</span>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" class="tc-external">
                  <path
                    d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                  />
                </svg>
              </a>
            </div>
          </div>
        }
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
  /** The file being fetched, if any (one at a time). */
  protected readonly downloading = signal<'pdf' | CredentialKind | null>(null);
  protected readonly files: readonly { kind: CredentialKind; label: string }[] = [
    { kind: 'json', label: 'learning.certificate.portable.json' },
    { kind: 'png', label: 'learning.certificate.portable.png' },
    { kind: 'svg', label: 'learning.certificate.portable.svg' },
  ];
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
    this.downloading.set('pdf');
    this.problem.set(null);
    const lang = this.lang();
    this.api.certificatePdf(c.pdfUrl, lang).subscribe({
      next: (blob) => {
        this.downloading.set(null);
        saveBlob(this.document, `certificate-${c.code}-${lang}.pdf`, blob, 1_000);
      },
      error: (e: unknown) => {
        this.downloading.set(null);
        this.problem.set(problemOf(e));
      },
    });
  }

  /** The credential as signed (`.json`) or a badge image with it baked in, saved under the code's name. */
  protected downloadCredential(code: string, links: MyCredentialLinks, kind: CredentialKind): void {
    this.downloading.set(kind);
    this.problem.set(null);
    const url = { json: links.jsonUrl, png: links.pngUrl, svg: links.svgUrl }[kind];
    this.api.credentialFile(url).subscribe({
      next: (blob) => {
        this.downloading.set(null);
        saveBlob(this.document, `${kind === 'json' ? 'credential' : 'badge'}-${code}.${kind}`, blob, 1_000);
      },
      error: (e: unknown) => {
        this.downloading.set(null);
        this.problem.set(problemOf(e));
      },
    });
  }
}
