import { Injectable, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import {
  isLocale,
  type CodedProblem,
  type FieldError,
  type Locale,
  type ProblemDetails,
  type ProblemParams,
} from '@tc/shared/contracts';
import { intlLocale } from '../language/intl-locale';

/** A problem's code and parameters, with the English words the server gave (the fallback). */
export type CodedText = Partial<CodedProblem> & { message?: string };

/** Parameters whose words are translated: a language code, a lesson kind, a territory level. */
const PARAM_WORDS: Readonly<Record<string, string>> = {
  locale: 'languages.names.',
  kind: 'courses.kinds.',
  level: 'territories.level.',
  parentLevel: 'territories.level.',
};

/** The same, for one code whose parameters are named otherwise. */
const CODE_PARAM_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'status-change': { from: 'cohorts.status.', to: 'cohorts.status.' },
};

/** One step of a field's path: `lessons[1]` is the name `lessons` and the index 1. */
interface Step {
  name: string;
  indexes: number[];
}

/** `modules[0].lessons[1].body.fr` as its steps; a top-level array index (`[2].email`) has no name. */
function steps(path: string): Step[] {
  return path
    .split('.')
    .filter(Boolean)
    .map((part) => {
      const name = part.replace(/\[\d+\]/g, '');
      const indexes = [...part.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      return { name, indexes };
    });
}

/** First-strong isolates: an e-mail or a code keeps its own direction inside Arabic text, and the reverse. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * What the API's problems say, in the page's language: each problem and field error carries a code
 * (`problems.codes.<code>`, a text in fr, ar and en for every code the API emits, a spec checks) and
 * its parameters; a field is named by its label (`modules[0].lessons[1].body.fr` reads "Module 1 ›
 * Leçon 2 › Texte (français)"), never by its path. The server's English words are the fallback for a
 * code the page has no text for.
 */
@Injectable({ providedIn: 'root' })
export class ProblemTexts {
  private readonly transloco = inject(TranslocoService);

  /** A field error (or a publish or CSV row problem) in the page's language. */
  message(problem: CodedText): string {
    const key = `problems.codes.${problem.code}`;
    if (!problem.code || !this.has(key)) return problem.message ?? '';
    const params = this.params(problem.code, problem.params);
    const message = this.t(key, params);
    // The cell or value at fault (a CSV line's address), when the text does not say it itself.
    return params['value'] !== undefined && !this.raw(key).includes('value')
      ? this.t('problems.withValue', { value: params['value'], message })
      : message;
  }

  /**
   * What a problem says as a whole: the network, the server, or its code's text. A problem the page
   * made itself (`about:blank`) with a detail says that detail, already in the page's language.
   */
  summary(problem: ProblemDetails): string {
    if (problem.status === 0) return this.t('common.errors.network');
    if (problem.type === 'about:blank' && problem.detail) return problem.detail;
    const key = `problems.codes.${problem.code}`;
    if (problem.code && this.has(key)) return this.t(key, this.params(problem.code, problem.params));
    if (problem.status >= 500) return this.t('common.errors.server');
    return problem.detail || problem.title;
  }

  /** The text of the server's error for one form field, if it named that field. */
  field(problem: ProblemDetails | null, field: string): string | null {
    const error = problem?.errors?.find((e) => e.field === field);
    return error ? this.message(error) : null;
  }

  /** A field error with the label of its field: "Texte (français) : …". */
  located(error: CodedText & { field: string }): string {
    const message = this.message(error);
    return error.field ? this.t('problems.located', { field: this.label(error.field), message }) : message;
  }

  /**
   * A field's label from its path, step by step: a list item by its number (`problems.fields.items.*`,
   * "Leçon 2"), a property by its name (`problems.fields.names.*`), a language step on the step before
   * it ("Texte (français)"), joined by `›`. A step without a label shows as it is.
   */
  label(path: string): string {
    if (path === 'body') return this.t('problems.fields.request');
    const row = /^line\s+(\d+)\s*:\s*(\w+)$/.exec(path);
    if (row) {
      const column = `cohorts.import.columns.${row[2]}`;
      return [
        this.t('problems.fields.line', { n: Number(row[1]) }),
        this.has(column) ? this.t(column) : isolate(row[2] as string),
      ].join(' › ');
    }
    const labels: string[] = [];
    for (const { name, indexes } of steps(path)) {
      if (isLocale(name) && labels.length && !indexes.length) {
        labels.push(
          this.t('problems.fields.inLanguage', {
            field: labels.pop(),
            language: this.t(`languages.names.${name}`),
          }),
        );
        continue;
      }
      if (!indexes.length) {
        labels.push(this.nameOf(name));
        continue;
      }
      for (const index of indexes) {
        const item = `problems.fields.items.${name}`;
        labels.push(
          this.has(item)
            ? this.t(item, { n: index + 1 })
            : `${name ? this.nameOf(name) : ''} ${index + 1}`.trim(),
        );
      }
    }
    return labels.join(' › ');
  }

  private nameOf(name: string): string {
    const key = `problems.fields.names.${name}`;
    return this.has(key) ? this.t(key) : isolate(name);
  }

  /** Parameters as the text shows them: words translated, numbers and lists in the page's conventions. */
  private params(code: string, params: ProblemParams | undefined): Record<string, string> {
    const lang = this.lang();
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(params ?? {})) {
      const words = CODE_PARAM_WORDS[code]?.[name] ?? PARAM_WORDS[name];
      const one = (v: string | number) =>
        typeof v === 'number'
          ? new Intl.NumberFormat(intlLocale(lang)).format(v)
          : words && this.has(`${words}${v}`)
            ? this.t(`${words}${v}`)
            : isolate(v);
      out[name] = Array.isArray(value)
        ? new Intl.ListFormat(intlLocale(lang), { type: 'disjunction' }).format(value.map(one))
        : one(value as string | number);
    }
    return out;
  }

  private lang(): Locale {
    const lang = this.transloco.getActiveLang();
    return isLocale(lang) ? lang : 'fr';
  }

  private has(key: string): boolean {
    return typeof this.raw(key) === 'string';
  }

  private raw(key: string): string {
    return this.transloco.getTranslation(this.lang())[key] as string;
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return this.transloco.translate(key, params);
  }
}

/** Field errors that no form field of `fields` shows beside its input (listed above the form). */
export function otherErrors(problem: ProblemDetails | null, fields: readonly string[]): FieldError[] {
  return (problem?.errors ?? []).filter((e) => !fields.includes(e.field));
}
