import { describe, expect, it } from 'vitest';
import { duplicateError, likelyDuplicate } from './duplicates.ts';

describe('likelyDuplicate', () => {
  const stored = [
    { id: 1, title: 'Tập huấn Luật Bình đẳng giới', status: 'draft' },
    { id: 2, title: 'Phát thanh về bạo lực gia đình', status: 'approved', form: 'loudspeaker' },
  ];
  it('sees the same title on the same day whatever the case, tones and spacing', () => {
    expect(likelyDuplicate({ title: 'tap huan  luat binh dang gioi' }, stored)?.id).toBe(1);
    expect(likelyDuplicate({ title: 'Tập huấn Luật Bình đẳng giới ' }, stored)?.id).toBe(1);
  });
  it('does not see a different title or, for sessions, a different form', () => {
    expect(likelyDuplicate({ title: 'Tập huấn Luật Bình đẳng giới (lớp 2)' }, stored)).toBeNull();
    expect(likelyDuplicate({ title: 'Phát thanh về bạo lực gia đình', form: 'article' }, stored)).toBeNull();
    expect(likelyDuplicate({ title: 'Phát thanh về bạo lực gia đình', form: 'loudspeaker' }, stored)?.id).toBe(2);
  });
  it('does not call two untitled records duplicates', () => {
    expect(likelyDuplicate({ title: ' ' }, [{ id: 3, title: '', status: 'draft' }])).toBeNull();
  });
  it('refuses with the stored record named, in Vietnamese, on the title field', () => {
    const e = duplicateError(stored[0]!, '2026-03-12', 'Tên lớp');
    expect(e.code).toBe('LIKELY_DUPLICATE');
    expect(e.status).toBe(409);
    expect(e.duplicateOf).toBe(1);
    expect(e.fields?.title).toBe(
      'Tên lớp: trùng với bản ghi số 1 "Tập huấn Luật Bình đẳng giới" của đơn vị cùng ngày 12/03/2026 (Nháp)',
    );
  });
});
