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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@tc/identity/web';
import {
  VISIT_MODES,
  type AppliedLesson,
  type CompetenceArea,
  type LearnerCourse,
  type MyEnrolment,
  type SaveVisitRequest,
  type VisitMode,
} from '@tc/shared/contracts';
import { LanguageService, textIn, today } from '@tc/shared/ui';
import { FieldworkApiService } from '../../data-access/fieldwork-api.service';
import { FieldLogService } from '../../offline/field-log.service';
import { FieldOutboxService } from '../../offline/field-outbox.service';
import { copyKey } from '../../offline/field-store';
import { withWaitingLog } from '../../offline/field-writes';
import { injectKeptCopies } from '../../offline/kept-copies';

/**
 * A visit (new, or `visitId` edited): its day, length, on site or remote, the DigComp competences
 * worked on (chips, by area), the lessons of the coach's own courses applied, notes and next steps.
 * The reference lists are kept on the device, so the form works offline once they have been read.
 */
@Component({
  selector: 'tc-field-visit-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    RouterLink,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './visit-form.page.html',
  styleUrl: '../field.scss',
})
export class VisitFormPage {
  private readonly api = inject(FieldworkApiService);
  private readonly logs = inject(FieldLogService);
  private readonly outbox = inject(FieldOutboxService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly kept = injectKeptCopies();
  protected readonly lang = inject(LanguageService).lang;

  readonly id = input.required<string>();
  /** `new`, or the visit edited. */
  readonly visitId = input<string>('new');
  readonly fix = input<string | undefined>(undefined);

  protected readonly modes = VISIT_MODES;
  protected readonly maxDay = today();
  protected readonly areas = signal<CompetenceArea[]>([]);
  protected readonly enrolments = signal<MyEnrolment[]>([]);
  protected readonly course = signal<LearnerCourse | null>(null);
  protected readonly competences = signal<readonly string[]>([]);
  protected readonly lessons = signal<readonly AppliedLesson[]>([]);
  protected readonly listsOffline = signal(false);
  protected readonly editing = computed(() => this.visitId() !== 'new');
  private recordId: string = crypto.randomUUID();

  protected readonly form = new FormGroup({
    visitedOn: new FormControl(today(), { nonNullable: true, validators: Validators.required }),
    minutes: new FormControl<number | null>(60, [
      Validators.required,
      Validators.min(1),
      Validators.max(1440),
    ]),
    mode: new FormControl<VisitMode>('on-site', { nonNullable: true }),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(4000) }),
    nextSteps: new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) }),
  });
  protected readonly enrolment = new FormControl<string | null>(null);

  constructor() {
    void this.loadLists();
    this.enrolment.valueChanges.subscribe((e) => void this.loadCourse(e));
    effect(() => {
      const id = this.id();
      const visitId = this.visitId();
      const fix = this.fix();
      untracked(() => void this.loadExisting(id, visitId, fix));
    });
  }

  protected title(t: Record<string, string> | Partial<Record<string, string>>): string {
    return t[this.lang()] || t['fr'] || '';
  }

  protected courseTitle(e: MyEnrolment): string {
    return textIn(e.courseTitle, this.lang());
  }

  protected toggleCompetence(code: string, on: boolean): void {
    this.competences.update((list) => (on ? [...new Set([...list, code])] : list.filter((c) => c !== code)));
  }

  protected hasLesson(key: string): boolean {
    const c = this.course();
    return !!c && this.lessons().some((l) => l.courseId === c.course.courseId && l.lessonKey === key);
  }

  protected toggleLesson(key: string, title: string, on: boolean): void {
    const c = this.course();
    if (!c) return;
    const courseId = c.course.courseId;
    this.lessons.update((list) =>
      on
        ? [
            ...list.filter((l) => !(l.courseId === courseId && l.lessonKey === key)),
            { courseId, lessonKey: key, title },
          ]
        : list.filter((l) => !(l.courseId === courseId && l.lessonKey === key)),
    );
  }

  protected removeLesson(l: AppliedLesson): void {
    this.lessons.update((list) => list.filter((x) => x !== l));
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    const body: SaveVisitRequest = {
      id: this.recordId,
      visitedOn: v.visitedOn,
      minutes: Number(v.minutes),
      mode: v.mode,
      competences: [...this.competences()],
      lessons: [...this.lessons()],
      notes: v.notes.trim(),
      nextSteps: v.nextSteps.trim(),
    };
    await this.outbox.write(this.id(), { kind: 'save-visit', body }, this.fix());
    await this.router.navigate(['/field/organisations', this.id()]);
  }

  private async loadLists(): Promise<void> {
    try {
      this.areas.set((await this.kept(copyKey('competences'), this.api.competences())).value);
    } catch {
      this.listsOffline.set(true);
    }
    if (!this.auth.roles().includes('coach')) return;
    try {
      const list = (await this.kept(copyKey('enrolments'), this.api.enrolments())).value;
      this.enrolments.set(list.filter((e) => e.status === 'active'));
    } catch {
      this.listsOffline.set(true);
    }
  }

  private async loadCourse(enrolmentId: string | null): Promise<void> {
    if (!enrolmentId) return this.course.set(null);
    try {
      this.course.set(
        (await this.kept(copyKey('enrolment', enrolmentId), this.api.enrolment(enrolmentId))).value,
      );
    } catch {
      this.course.set(null);
      this.listsOffline.set(true);
    }
  }

  private async loadExisting(id: string, visitId: string, fix: string | undefined): Promise<void> {
    const pending = this.outbox.waiting().find((w) => w.writeId === fix);
    let visit: SaveVisitRequest | null = pending?.write.kind === 'save-visit' ? pending.write.body : null;
    if (!visit && visitId !== 'new') {
      const loaded = await this.logs.log(id).catch(() => null);
      const log = withWaitingLog(loaded?.value ?? null, this.outbox.waitingFor(id));
      visit = log?.visits.find((v) => v.id === visitId) ?? null;
    }
    if (!visit) return;
    this.recordId = visit.id;
    this.form.patchValue({
      visitedOn: visit.visitedOn,
      minutes: visit.minutes,
      mode: visit.mode,
      notes: visit.notes ?? '',
      nextSteps: visit.nextSteps ?? '',
    });
    this.competences.set(visit.competences);
    this.lessons.set(visit.lessons);
  }
}
