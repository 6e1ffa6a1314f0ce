import type { EvidenceKind, EvidenceRule } from '@tc/shared/contracts';

/** The longest text a hand-in takes (the server refuses more). */
export const TEXT_MAX = 10_000;
/** A PDF is at most 10 MB. */
export const PDF_MAX_BYTES = 10 * 1024 * 1024;
/** A recording stops by itself after 3 minutes. */
export const AUDIO_MAX_MS = 3 * 60 * 1000;

/** How many pieces of each kind a draft holds. */
export type EvidenceCounts = Record<EvidenceKind, number>;

export interface RuleGap {
  kind: EvidenceKind;
  have: number;
  min: number;
  max: number;
}

/** The rules a draft does not meet yet (too few, or too many): empty when it may be handed in. */
export function ruleGaps(rules: readonly EvidenceRule[], counts: EvidenceCounts): RuleGap[] {
  const gaps: RuleGap[] = [];
  for (const rule of rules) {
    const have = counts[rule.kind];
    if (have < rule.min || have > rule.max) gaps.push({ ...rule, have });
  }
  // A kind the task does not take at all.
  for (const kind of Object.keys(counts) as EvidenceKind[]) {
    if (counts[kind] > 0 && !rules.some((r) => r.kind === kind)) {
      gaps.push({ kind, have: counts[kind], min: 0, max: 0 });
    }
  }
  return gaps;
}

/** Room left for one more of `kind` under its rule. */
export function roomFor(rules: readonly EvidenceRule[], counts: EvidenceCounts, kind: EvidenceKind): number {
  const rule = rules.find((r) => r.kind === kind);
  return rule ? Math.max(0, rule.max - counts[kind]) : 0;
}
