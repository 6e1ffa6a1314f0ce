export interface ObservatoryOptions {
  /** Counts from 1 to k − 1 are suppressed (`OBSERVATORY_K`, default 5). */
  k: number;
}

export const OBSERVATORY_OPTIONS = Symbol('OBSERVATORY_OPTIONS');
