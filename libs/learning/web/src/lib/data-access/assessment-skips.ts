import type { AssessmentPhase } from '@tc/shared/contracts';

const key = (enrolmentId: string, phase: AssessmentPhase) =>
  `tc.selfAssessment.skipped.${enrolmentId}.${phase}`;

/** Whether the coach chose to skip this self-assessment on this device. */
export function wasSkipped(
  storage: Storage | null | undefined,
  enrolmentId: string,
  phase: AssessmentPhase,
): boolean {
  try {
    return storage?.getItem(key(enrolmentId, phase)) === '1';
  } catch {
    return false;
  }
}

export function rememberSkip(
  storage: Storage | null | undefined,
  enrolmentId: string,
  phase: AssessmentPhase,
): void {
  try {
    storage?.setItem(key(enrolmentId, phase), '1');
  } catch {
    // Storage disabled: the offer comes back next time, which is harmless.
  }
}
