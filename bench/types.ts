export interface BenchResult {
  /** E1, E2, E4, U1, L1, L2, D1, ... (QUALITY.md) */
  id: string;
  title: string;
  /** Median of the runs. */
  value: number;
  unit: string;
  /** The QUALITY.md target and which side of it is good. */
  target: number;
  better: 'higher' | 'lower';
  runs: number[];
  notes?: string;
}
