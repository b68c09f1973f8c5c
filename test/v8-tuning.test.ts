// V8's settings for the server process (bin/v8-tuning.js): the default, a value from the environment, and a bad value,
// which stops `bdg` before anything starts, with a message naming the variable.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLYMORPHIC_MAPS, POLYMORPHIC_MAPS_VARIABLE, v8TuningFlags } from '../bin/v8-tuning.js';

const BDG = path.resolve(new URL('../bin/bdg.js', import.meta.url).pathname);

describe('V8 settings of the server process', () => {
  it('keeps up to 64 object shapes per property site unless the environment says otherwise', () => {
    expect(DEFAULT_POLYMORPHIC_MAPS).toBe(64);
    expect(v8TuningFlags({})).toEqual(['--max-valid-polymorphic-map-count=64']);
    expect(v8TuningFlags({ [POLYMORPHIC_MAPS_VARIABLE]: '' })).toEqual(['--max-valid-polymorphic-map-count=64']);
    // V8's own default, for an operator who wants it back
    expect(v8TuningFlags({ [POLYMORPHIC_MAPS_VARIABLE]: ' 4 ' })).toEqual(['--max-valid-polymorphic-map-count=4']);
  });

  it('refuses a value that is not a whole number from 1 to 1024, naming the variable', () => {
    for (const bad of ['abc', '0', '1025', '2.5', '-3', '16 maps', '0x40', '1e2'])
      expect(() => v8TuningFlags({ [POLYMORPHIC_MAPS_VARIABLE]: bad }), bad).toThrow(
        new RegExp(`^${POLYMORPHIC_MAPS_VARIABLE} phải là số nguyên từ 1 đến 1024`, 'u'),
      );
  });

  it('stops bdg with that message before any command runs', () => {
    const bad = spawnSync(process.execPath, [BDG], {
      env: { PATH: process.env.PATH ?? '', [POLYMORPHIC_MAPS_VARIABLE]: 'many' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${POLYMORPHIC_MAPS_VARIABLE} phải là số nguyên từ 1 đến 1024 (đang là "many")`);
    expect(bad.stdout).toBe('');
    // the same command with a good value prints its help
    const good = spawnSync(process.execPath, [BDG], {
      env: { PATH: process.env.PATH ?? '', [POLYMORPHIC_MAPS_VARIABLE]: '32' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('bdg serve');
  });
});
