import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CertificateVerification, ProblemDetails } from '@tc/shared/contracts';
import {
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  problemOf,
  textIn,
} from '@tc/shared/ui';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { formatDate } from '../data-access/dates';
import { LearningService } from '../data-access/learning.service';
import { CredentialChecksComponent } from './credential-checks.component';

interface State {
  loading: boolean;
  certificate: CertificateVerification | null;
  unknown: boolean;
  problem: ProblemDetails | null;
}

/**
 * `/verify/:code`, public: whether a certificate is genuine, to whom and for what it was issued, and
 * its Open Badges 3.0 credential checked on the server as any third party would check it.
 */
@Component({
  selector: 'tc-verify-certificate-page',
  imports: [RouterLink, TranslocoPipe, LocalizedNamePipe, ProblemMessageComponent, CredentialChecksComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify-certificate.page.html',
  styleUrl: './verify-certificate.page.scss',
})
export class VerifyCertificatePage {
  private readonly api = inject(LearningService);
  protected readonly lang = inject(LanguageService).lang;
  /** Route parameter. */
  readonly code = input.required<string>();

  protected readonly state = toSignal(
    toObservable(this.code).pipe(
      switchMap((code) =>
        this.api.verify(code.trim()).pipe(
          map((certificate): State => ({ loading: false, certificate, unknown: false, problem: null })),
          catchError((e: unknown) => {
            const problem = problemOf(e);
            return of<State>(
              problem.status === 404 || problem.status === 400
                ? { loading: false, certificate: null, unknown: true, problem: null }
                : { loading: false, certificate: null, unknown: false, problem },
            );
          }),
          startWith<State>({ loading: true, certificate: null, unknown: false, problem: null }),
        ),
      ),
    ),
    { initialValue: { loading: true, certificate: null, unknown: false, problem: null } as State },
  );
  protected readonly courseTitle = computed(() => textIn(this.state().certificate?.courseTitle, this.lang()));
  protected readonly issuedOn = computed(() => formatDate(this.state().certificate?.issuedAt, this.lang()));
  protected readonly reissuedOn = computed(() =>
    formatDate(this.state().certificate?.reissuedAt, this.lang()),
  );
  protected readonly revokedOn = computed(() => formatDate(this.state().certificate?.revokedAt, this.lang()));
}
