import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type CourseDraft,
  type LocaleCompleteness,
  type MissingText,
  type PlaceCompleteness,
} from '@tc/shared/contracts';
import { LanguageService, textIn } from '@tc/shared/ui';

/** One incomplete place as listed: where (in words, a link), how much, what is missing. */
interface Row {
  key: string;
  where: { key: string; params: Record<string, unknown> };
  title: string;
  link: unknown[] | null;
  fragment?: string;
  done: number;
  total: number;
  missing: { key: string; params: Record<string, unknown> }[];
}

/**
 * How complete each offered language of the draft is, counted against its default language: a bar and
 * a count per language, and for an incomplete one the lessons, quizzes and modules that lack texts,
 * each named with what it lacks (title, text, caption, a question, an option, a feedback…).
 */
@Component({
  selector: 'tc-locale-completeness',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="tc-languages">
      @for (c of languages(); track c.report.locale) {
        @let name = 'languages.names.' + c.report.locale | transloco;
        <li>
          <p class="tc-count">
            <strong>{{ name }}</strong>
            <span>{{
              'courses.publish.languages.count'
                | transloco: { done: n(c.report.done), total: n(c.report.total), percent: n(c.percent) }
            }}</span>
          </p>
          <progress
            [max]="c.report.total || 1"
            [value]="c.report.total ? c.report.done : 1"
            [attr.aria-label]="'courses.publish.languages.bar' | transloco: { language: name }"
          ></progress>
          @if (c.rows.length) {
            <details>
              <summary>
                {{
                  'courses.publish.languages.missingIn'
                    | transloco: { language: name, count: n(c.rows.length) }
                }}
              </summary>
              <ul class="tc-places">
                @for (r of c.rows; track r.key) {
                  <li>
                    @if (r.link) {
                      <a [routerLink]="r.link" [fragment]="r.fragment">{{
                        r.where.key | transloco: r.where.params
                      }}</a>
                    } @else {
                      <span>{{ r.where.key | transloco: r.where.params }}</span>
                    }
                    @if (r.title) {
                      <bdi class="tc-title">{{ r.title }}</bdi>
                    }
                    <span class="tc-ratio">{{
                      'courses.publish.languages.ratio' | transloco: { done: n(r.done), total: n(r.total) }
                    }}</span>
                    <span class="tc-missing">
                      @for (m of r.missing; track $index; let last = $last) {
                        {{ m.key | transloco: m.params }}{{ last ? '' : ' · ' }}
                      }
                    </span>
                  </li>
                }
              </ul>
            </details>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .tc-languages,
    .tc-places {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .tc-languages {
      display: grid;
      gap: 0.75rem;
    }
    .tc-count {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      margin: 0;
    }
    progress {
      inline-size: 100%;
      block-size: 0.5rem;
      accent-color: var(--mat-sys-primary);
    }
    summary {
      cursor: pointer;
      min-block-size: 2rem;
      padding-block: 0.25rem;
    }
    .tc-places {
      display: grid;
      gap: 0.5rem;
      padding-inline-start: 1rem;
    }
    .tc-places li {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      overflow-wrap: anywhere;
    }
    .tc-places a {
      color: inherit;
      font-weight: 500;
    }
    .tc-ratio,
    .tc-missing {
      font-size: 0.875rem;
    }
    .tc-missing {
      flex-basis: 100%;
      opacity: 0.85;
    }
  `,
})
export class LocaleCompletenessComponent {
  private readonly lang = inject(LanguageService).lang;
  readonly draft = input.required<CourseDraft>();
  readonly report = input.required<readonly LocaleCompleteness[]>();

  protected readonly languages = computed(() =>
    this.report().map((report) => ({
      report,
      percent: report.total ? Math.floor((report.done * 100) / report.total) : 100,
      rows: report.places.filter((p) => p.done < p.total).map((p) => this.row(p)),
    })),
  );

  protected n(value: number): string {
    const lang = this.lang();
    return new Intl.NumberFormat(lang === 'ar' ? 'ar-MA' : lang).format(value);
  }

  private row(p: PlaceCompleteness): Row {
    const d = this.draft();
    const base = { done: p.done, total: p.total, missing: p.missing.map((m) => this.part(m)) };
    const key = `${p.moduleIndex ?? ''}-${p.lessonIndex ?? ''}`;
    const module = p.moduleIndex === null ? undefined : d.modules[p.moduleIndex];
    const lesson = module && p.lessonIndex !== null ? module.lessons[p.lessonIndex] : undefined;
    const title = (t: Parameters<typeof textIn>[0]) => textIn(t, this.lang(), d.defaultLocale);
    if (module && lesson && p.moduleIndex !== null && p.lessonIndex !== null) {
      return {
        ...base,
        key,
        where: {
          key:
            lesson.kind === 'quiz'
              ? 'courses.publish.languages.atQuiz'
              : lesson.kind === 'task'
                ? 'courses.publish.languages.atTask'
                : 'courses.publish.atLesson',
          params: { module: this.n(p.moduleIndex + 1), lesson: this.n(p.lessonIndex + 1) },
        },
        title: title(lesson.title),
        link: ['/courses', d.id, 'lessons', lesson.id],
      };
    }
    if (module && p.moduleIndex !== null) {
      return {
        ...base,
        key,
        where: { key: 'courses.publish.atModule', params: { module: this.n(p.moduleIndex + 1) } },
        title: title(module.title),
        link: ['/courses', d.id],
        fragment: `module-${module.id}`,
      };
    }
    return { ...base, key, where: { key: 'courses.publish.atCourse', params: {} }, title: '', link: null };
  }

  /** A missing text in words: "question 2, option 1", "criterion 1, level 3". */
  private part(m: MissingText): { key: string; params: Record<string, unknown> } {
    return {
      key: `courses.publish.languages.parts.${m.part}`,
      params: {
        question: m.question === undefined ? '' : this.n(m.question + 1),
        option: m.option === undefined ? '' : this.n(m.option + 1),
        criterion: m.criterion === undefined ? '' : this.n(m.criterion + 1),
        level: m.level === undefined ? '' : this.n(m.level + 1),
      },
    };
  }
}
