import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { PracticalTask } from '@tc/shared/contracts';
import { of } from 'rxjs';
import { CoursesService } from '../data-access/courses.service';
import { TaskBuilderComponent } from './task-builder.component';
import {
  addCriterion,
  clampPass,
  criterionIssues,
  maxPoints,
  newTask,
  setEvidenceBound,
  taskIssues,
} from './task-rules';

const DIGCOMP = [
  {
    code: '3',
    title: { fr: 'Création de contenu', ar: 'إنشاء المحتوى', en: 'Content creation' },
    competences: [{ code: '3.1', areaCode: '3', title: { fr: 'Développer', ar: 'تطوير', en: 'Developing' } }],
  },
];

describe('TaskBuilderComponent', () => {
  let fixture: ComponentFixture<TaskBuilderComponent>;
  let host: HTMLElement;
  let emitted: PracticalTask[];

  async function render(task: PracticalTask): Promise<void> {
    TestBed.configureTestingModule({
      imports: [
        TaskBuilderComponent,
        TranslocoTestingModule.forRoot({ langs: { fr: {} }, translocoConfig: { defaultLang: 'fr' } }),
      ],
      providers: [
        {
          provide: CoursesService,
          useValue: { competences: () => of(DIGCOMP), render: () => of({ html: '' }) },
        },
      ],
    });
    fixture = TestBed.createComponent(TaskBuilderComponent);
    const ref = fixture.componentRef;
    ref.setInput('task', task);
    ref.setInput('locales', ['fr', 'ar']);
    ref.setInput('defaultLocale', 'fr');
    emitted = [];
    fixture.componentInstance.task.subscribe((t) => emitted.push(t));
    host = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const button = (label: string) =>
    [...host.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      b.textContent?.trim().endsWith(label),
    );
  const last = () => emitted.at(-1) as PracticalTask;

  it('adds a criterion with three levels worth 0, 1 and 2, and the threshold follows the maximum', async () => {
    await render(newTask());
    expect(host.textContent).toContain('courses.task.noCriteria');
    button('courses.task.addCriterion')?.click();
    await fixture.whenStable();
    expect(last().criteria).toHaveLength(1);
    expect(last().criteria[0]!.levels.map((l) => l.points)).toEqual([0, 1, 2]);
    expect(last().passPoints).toBe(2);
    // One fieldset per criterion, a title and a description per level.
    expect(host.querySelectorAll('.tc-criterion')).toHaveLength(1);
    expect(host.querySelectorAll('.tc-level')).toHaveLength(3);
    expect(host.querySelector('[matTextSuffix], .mat-mdc-form-field-text-suffix')?.textContent).toContain(
      '/ 2',
    );
  });

  it('adds a level worth one more point than the best, up to six', async () => {
    await render(addCriterion(newTask()));
    for (let i = 0; i < 4; i++) {
      button('courses.task.addLevel')?.click();
      await fixture.whenStable();
    }
    expect(last().criteria[0]!.levels.map((l) => l.points)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(button('courses.task.addLevel')).toBeUndefined();
  });

  it('keeps the pass threshold within 1 and the rubric’s maximum', async () => {
    await render(addCriterion(addCriterion(newTask())));
    const input = host.querySelector<HTMLInputElement>('.tc-threshold input') as HTMLInputElement;
    expect(input.max).toBe('4');
    input.value = '9';
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(last().passPoints).toBe(4);
    input.value = '0';
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(last().passPoints).toBe(1);
  });

  it('says what would stop a publish, and names a criterion’s own problems beside it', async () => {
    await render(addCriterion(newTask()));
    expect(host.textContent).toContain('courses.task.issues.noInstructions');
    expect(host.textContent).toContain('courses.task.issues.noTitle');
    expect(host.textContent).toContain('courses.task.issues.levelTitle');
    expect(host.textContent).not.toContain('courses.task.issues.noCriterion');
  });

  it('shows a save problem under task. beside its criterion', async () => {
    await render(addCriterion(newTask()));
    const items = () => host.querySelectorAll('.tc-criterion ul.tc-error li');
    expect(items()).toHaveLength(2);
    fixture.componentRef.setInput('problem', {
      type: 'about:blank',
      title: 'Bad',
      status: 400,
      code: 'validation',
      errors: [
        {
          field: 'task.criteria[0].levels[1].points',
          message: 'points must not be less than 0',
          code: 'too-small',
        },
      ],
    });
    await fixture.whenStable();
    expect(items()).toHaveLength(3);
    expect(items()[2]?.textContent).toContain('problems.located');
  });

  it('asks for photos with a minimum and a maximum within the kind’s limit', async () => {
    await render({ ...newTask(), evidence: [{ kind: 'photo', min: 1, max: 3 }] });
    const [min, max] = [...host.querySelectorAll<HTMLInputElement>('.tc-count input')];
    expect(max?.max).toBe('10');
    (max as HTMLInputElement).value = '40';
    max?.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(last().evidence).toEqual([{ kind: 'photo', min: 1, max: 10 }]);
    (min as HTMLInputElement).value = '0';
    min?.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(last().evidence).toEqual([{ kind: 'photo', min: 0, max: 10 }]);
    expect(host.textContent).toContain('courses.task.issues.noEvidenceRequired');
  });
});

describe('task rules', () => {
  it('the maximum is each criterion’s best level, summed', () => {
    const t = addCriterion(addCriterion(newTask()));
    expect(maxPoints(t)).toBe(4);
    expect(clampPass(t, 7)).toBe(4);
    expect(clampPass(newTask(), 3)).toBe(0);
  });

  it('a threshold the trainer chose stays when a criterion is added', () => {
    const t = { ...addCriterion(addCriterion(newTask())), passPoints: 3 };
    expect(addCriterion(t).passPoints).toBe(3);
  });

  it('flags what publishing refuses', () => {
    const t = addCriterion(newTask());
    expect(taskIssues({ ...t, evidence: [{ kind: 'photo', min: 0, max: 2 }] }, 'fr')).toEqual([
      'noInstructions',
      'noEvidenceRequired',
    ]);
    expect(taskIssues({ ...t, instructions: { fr: 'x' }, passPoints: 5 }, 'fr')).toEqual(['passOutOfRange']);
    const c = t.criteria[0]!;
    const titled = {
      ...c,
      title: { fr: 'Photos' },
      levels: c.levels.map((l) => ({ ...l, title: { fr: l.key } })),
    };
    expect(criterionIssues(titled, 'fr')).toEqual([]);
    expect(
      criterionIssues({ ...titled, levels: [titled.levels[0]!, { ...titled.levels[1]!, points: 0 }] }, 'fr'),
    ).toEqual(['equalPoints']);
    expect(criterionIssues({ ...titled, levels: [titled.levels[0]!] }, 'fr')).toEqual(['tooFewLevels']);
  });

  it('a minimum above the maximum pulls the maximum up, within the kind’s limit', () => {
    const t = { ...newTask(), evidence: [{ kind: 'audio' as const, min: 1, max: 1 }] };
    expect(setEvidenceBound(t, 'audio', 'min', 2).evidence[0]).toEqual({ kind: 'audio', min: 2, max: 2 });
    expect(setEvidenceBound(t, 'audio', 'min', 8).evidence[0]).toEqual({ kind: 'audio', min: 3, max: 3 });
  });
});
