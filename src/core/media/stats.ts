/**
 * Shares with honest uncertainty: a 95 % Wilson score interval, which stays inside 0–1 and behaves for
 * small n and for shares near 0 or 1 (where the normal approximation gives impossible bounds).
 */

export const Z95 = 1.959963984540054;

/** Below this many observations a share is marked as unreliable on screen and in exports. */
export const SMALL_N = 30;

export interface ShareWithInterval {
  k: number;
  n: number;
  /** k / n, null when n = 0 */
  share: number | null;
  low: number | null;
  high: number | null;
  small: boolean;
}

/**
 * Wilson score interval for k successes out of n.
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²)
 * @example wilson(26, 100) → share 0.26, low 0.1840, high 0.3537
 */
export function wilson(k: number, n: number, z = Z95): ShareWithInterval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n)
    throw new RangeError(`wilson(${k}, ${n})`);
  if (n === 0) return { k, n, share: null, low: null, high: null, small: true };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { k, n, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), small: n < SMALL_N };
}
