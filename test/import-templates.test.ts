import { describe, expect, it } from 'vitest';
import { recordType } from '../src/core/records/types.ts';
import { codingTemplate } from '../src/modules/media/coding-sheet.ts';
import { recordTemplate } from '../src/modules/records/spreadsheet.ts';
import { sessionTemplate } from '../src/modules/sessions/spreadsheet.ts';
import { defaultFormFile } from '../src/modules/surveys/instrument-files.ts';

// The API tests open these files; here: each is built once per process, so a second call gives the very same bytes
// (a fresh build would be a new Buffer even where its bytes happened to match).
describe('import templates are built once per process', () => {
  it('sessions, media coding, a record type and the survey default form', async () => {
    expect(await sessionTemplate()).toBe(await sessionTemplate());
    expect(await codingTemplate()).toBe(await codingTemplate());
    const def = recordType('inspection')!;
    expect(await recordTemplate(def)).toBe(await recordTemplate(def));
    expect(await recordTemplate(recordType('training_course')!)).not.toBe(await recordTemplate(def));
    expect((await defaultFormFile('default')).bytes).toBe((await defaultFormFile('default')).bytes);
  });
});
