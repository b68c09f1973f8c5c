import { describe, expect, it } from 'vitest';
import { fromDatabaseError, isConnectionError } from './errors.ts';

describe('database errors mapped once', () => {
  it('turns a unique violation into DUPLICATE naming the field', () => {
    const e = fromDatabaseError({ code: '23505', detail: 'Key (unit_code, year)=(X, 2025) already exists.' });
    expect(e?.code).toBe('DUPLICATE');
    expect(e?.status).toBe(409);
    expect(Object.keys(e?.fields ?? {})).toEqual(['unitCode', 'year']);
  });

  it('turns data exceptions and a NUL protocol error into 400, not 503', () => {
    expect(
      fromDatabaseError({ code: '22003', message: 'value "3000000000" is out of range for type integer' })?.status,
    ).toBe(400);
    expect(fromDatabaseError({ code: '22021' })?.status).toBe(400);
    expect(fromDatabaseError({ code: '08P01' })?.status).toBe(400);
    expect(isConnectionError({ code: '08P01' })).toBe(false);
  });

  it('tells a lost or refused connection apart as 503', () => {
    expect(
      fromDatabaseError({ code: '57P01', message: 'terminating connection due to administrator command' })?.status,
    ).toBe(503);
    expect(fromDatabaseError({ code: 'ECONNREFUSED' })?.code).toBe('UNAVAILABLE');
    expect(fromDatabaseError(new Error('Connection terminated unexpectedly'))?.code).toBe('UNAVAILABLE');
    expect(fromDatabaseError({ code: '40001' })?.status).toBe(503);
    expect(
      fromDatabaseError({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' })?.status,
    ).toBe(503);
  });

  it('leaves programming errors alone (they are 500 and logged)', () => {
    expect(fromDatabaseError(new TypeError('x is undefined'))).toBeNull();
    expect(fromDatabaseError({ code: '42P01', message: 'relation "nope" does not exist' })).toBeNull();
  });
});
