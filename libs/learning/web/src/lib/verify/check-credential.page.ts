import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CredentialVerification, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import type { Subscription } from 'rxjs';
import { LearningService } from '../data-access/learning.service';
import { type CredentialFileError, credentialFromText, readCredentialFile } from './credential-file';
import { CredentialChecksComponent } from './credential-checks.component';

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  /** The file or text holds no credential we can send: said in words, nothing sent. */
  | { kind: 'unusable'; error: CredentialFileError }
  /** The server could not be reached or refused the request. */
  | { kind: 'problem'; problem: ProblemDetails }
  | { kind: 'done'; verification: CredentialVerification; source: string | null };

/**
 * `/verify`, public: checks an Open Badges 3.0 credential someone was given, as a file (the JSON, or
 * the badge image, PNG or SVG, with the credential baked in) or as pasted JSON. The credential is read
 * out of the file in the browser and sent to `POST /api/v1/credentials/verify`; the answer lists each
 * check and what the credential says. Also leads to a certificate's own page by its code.
 */
@Component({
  selector: 'tc-check-credential-page',
  imports: [FormsModule, TranslocoPipe, ProblemMessageComponent, CredentialChecksComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-credential.page.html',
  styleUrl: './check-credential.page.scss',
})
export class CheckCredentialPage {
  private readonly api = inject(LearningService);
  private readonly router = inject(Router);
  private readonly resultHeading = viewChild<ElementRef<HTMLElement>>('resultHeading');
  private sending: Subscription | null = null;

  protected readonly state = signal<State>({ kind: 'idle' });
  protected readonly pasted = signal('');
  protected readonly code = signal('');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.sending?.unsubscribe());
  }

  protected choose(input: HTMLInputElement): void {
    const file = input.files?.[0];
    if (file) void this.readFile(file, input);
  }

  private async readFile(file: File, input: HTMLInputElement): Promise<void> {
    this.sending?.unsubscribe();
    this.state.set({ kind: 'busy' });
    const read = await readCredentialFile(file);
    // The visitor may choose the same file again after fixing nothing: let the change fire again.
    input.value = '';
    if (!read.ok) this.state.set({ kind: 'unusable', error: read.error });
    else this.send(read.credential, file.name);
  }

  protected checkPasted(): void {
    const text = this.pasted().trim();
    if (!text) return;
    const read = credentialFromText(text);
    if (!read.ok) this.state.set({ kind: 'unusable', error: read.error });
    else this.send(read.credential, null);
  }

  protected openCode(): void {
    const code = this.code().trim().toUpperCase();
    if (code) void this.router.navigate(['/verify', code]);
  }

  private send(credential: Record<string, unknown>, source: string | null): void {
    this.sending?.unsubscribe();
    this.state.set({ kind: 'busy' });
    this.sending = this.api.verifyCredential(credential).subscribe({
      next: (verification) => {
        this.state.set({ kind: 'done', verification, source });
        // The result replaces the form's flow: take the reader (and a screen reader) to it.
        setTimeout(() => this.resultHeading()?.nativeElement.focus());
      },
      error: (e: unknown) => this.state.set({ kind: 'problem', problem: problemOf(e) }),
    });
  }
}
