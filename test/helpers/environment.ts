import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * What this machine offers the tests. PostgreSQL when TEST_DATABASE_URL is set (CI sets it);
 * Chromium when BDG_CHROMIUM points at it or it is on the PATH.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export function chromiumPath(): string | undefined {
  const fromEnv = process.env.BDG_CHROMIUM;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

export const SHARED_DATA = new URL('../../../shared/data/admin-units/', import.meta.url).pathname;
export const sharedDataAvailable = (): boolean => fs.existsSync(`${SHARED_DATA}vn-2025-03.csv`);

/** pg_auto_failover's pg_autoctl is installed, and the tests run as root (to start PostgreSQL as postgres). */
export function failoverDrillAvailable(): boolean {
  try {
    return Boolean(execFileSync('which', ['pg_autoctl'], { encoding: 'utf8' }).trim()) && process.getuid?.() === 0;
  } catch {
    return false;
  }
}

/** LibreOffice (DOCX → PDF) and poppler's pdftotext (to read the PDF back) are on the PATH. */
export function sofficeAvailable(): boolean {
  try {
    execFileSync('which', ['soffice', 'pdftotext'], { encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}

/** The groups of tests this machine cannot run, in words. */
export function skippedGroups(): string[] {
  const skipped: string[] = [];
  if (!TEST_DATABASE_URL)
    skipped.push('database tests on PostgreSQL (set TEST_DATABASE_URL=postgres://…; they ran on PGlite only)');
  if (!chromiumPath()) skipped.push('browser tests (no Chromium found; install it or set BDG_CHROMIUM)');
  if (!failoverDrillAvailable())
    skipped.push('the failover drill (pg_autoctl of pg_auto_failover not installed, or not run as root)');
  if (!sofficeAvailable()) skipped.push('PDF of official reports (install libreoffice-writer-nogui and poppler-utils)');
  if (!sharedDataAvailable()) skipped.push('imports of the real administrative-unit lists (../shared/data not found)');
  return skipped;
}
