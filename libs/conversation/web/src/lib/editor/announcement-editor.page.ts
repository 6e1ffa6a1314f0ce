import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MarkdownEditorComponent } from '@tc/catalog/web/markdown';
import type { Announcement, FieldError, Locale, LocalizedText, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, ProblemTextPipe, problemOf } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { AnnouncementsService } from '../data-access/announcements.service';
import { fromLocalInput, toLocalInput } from '../data-access/shown-text';

/**
 * Writes or edits one announcement: a title and a markdown body (with the server's preview) for each
 * language of the cohort's course, at least one; pinned or not (when posting); now or at a later time.
 */
@Component({
  selector: 'tc-announcement-editor-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MarkdownEditorComponent,
    ProblemMessageComponent,
    ProblemTextPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './announcement-editor.page.html',
  styleUrl: './announcement-editor.page.scss',
})
export class AnnouncementEditorPage {
  private readonly api = inject(AnnouncementsService);
  private readonly router = inject(Router);
  protected readonly lang = inject(LanguageService).lang;
  readonly cohortId = input.required<string>();
  /** Absent when writing a new one. */
  readonly id = input<string | undefined>(undefined);

  protected readonly locales = signal<Locale[]>([]);
  protected readonly cohortName = signal('');
  protected readonly title = signal<LocalizedText>({});
  protected readonly body = signal<LocalizedText>({});
  protected readonly pinned = signal(false);
  protected readonly publishAt = signal('');
  /** Already seen by coaches: its time cannot move any more. */
  protected readonly published = signal(false);
  protected readonly saving = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly editing = computed(() => !!this.id());
  protected readonly minPublishAt = toLocalInput(new Date().toISOString());

  constructor() {
    effect(() => {
      const cohortId = this.cohortId();
      const id = this.id();
      untracked(() => void this.load(cohortId, id));
    });
  }

  protected setTitle(locale: Locale, value: string): void {
    this.title.update((t) => ({ ...t, [locale]: value }));
  }

  protected setBody(locale: Locale, value: string): void {
    this.body.update((b) => ({ ...b, [locale]: value }));
  }

  /** The server's error for one field (`title.ar`), if any. */
  protected fieldError(field: string): FieldError | null {
    return this.problem()?.errors?.find((e) => e.field === field) ?? null;
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    const cohortId = this.cohortId();
    const id = this.id();
    try {
      const publishAt = this.published() ? undefined : fromLocalInput(this.publishAt());
      if (id)
        await firstValueFrom(
          this.api.update(cohortId, id, { title: this.title(), body: this.body(), publishAt }),
        );
      else
        await firstValueFrom(
          this.api.create(cohortId, {
            title: this.title(),
            body: this.body(),
            pinned: this.pinned(),
            publishAt,
          }),
        );
      await this.router.navigate(['/cohorts', cohortId, 'announcements']);
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    } finally {
      this.saving.set(false);
    }
  }

  private async load(cohortId: string, id: string | undefined): Promise<void> {
    try {
      const [page, announcement] = await Promise.all([
        firstValueFrom(this.api.page(cohortId, { limit: 1 })),
        id ? firstValueFrom(this.api.get(cohortId, id)) : Promise.resolve<Announcement | null>(null),
      ]);
      this.locales.set(page.locales as Locale[]);
      this.cohortName.set(page.cohortName);
      if (announcement) {
        this.title.set(announcement.title);
        this.body.set(announcement.body ?? {});
        this.pinned.set(announcement.pinned);
        this.published.set(!announcement.scheduled);
        this.publishAt.set(announcement.scheduled ? toLocalInput(announcement.publishAt) : '');
      }
    } catch (error: unknown) {
      this.problem.set(problemOf(error));
    }
  }
}
