import { Pipe, PipeTransform, inject } from '@angular/core';
import type { ProblemDetails } from '@tc/shared/contracts';
import { type CodedText, ProblemTexts } from './problem-texts';

/**
 * A field error, publish or CSV row problem in the page's language: `{{ p | tcProblemText }}`; with a
 * field path, named by that field's label first: `{{ p | tcProblemText: p.rest }}` ("Texte (français)
 * : …"). Impure, as Transloco's own pipe is, so that a language switch shows at once.
 */
@Pipe({ name: 'tcProblemText', pure: false })
export class ProblemTextPipe implements PipeTransform {
  private readonly texts = inject(ProblemTexts);

  transform(problem: CodedText | null | undefined, field?: string | null): string {
    if (!problem) return '';
    return field ? this.texts.located({ ...problem, field }) : this.texts.message(problem);
  }
}

/** What a whole problem says, in the page's language: `{{ problem | tcProblemSummary }}`. */
@Pipe({ name: 'tcProblemSummary', pure: false })
export class ProblemSummaryPipe implements PipeTransform {
  private readonly texts = inject(ProblemTexts);

  transform(problem: ProblemDetails | null | undefined): string {
    return problem ? this.texts.summary(problem) : '';
  }
}

/** A field's label from its path: `{{ 'modules[0].lessons[1].body.fr' | tcFieldLabel }}`. */
@Pipe({ name: 'tcFieldLabel', pure: false })
export class FieldLabelPipe implements PipeTransform {
  private readonly texts = inject(ProblemTexts);

  transform(path: string | null | undefined): string {
    return path ? this.texts.label(path) : '';
  }
}
