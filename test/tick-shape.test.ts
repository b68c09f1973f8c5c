// The record bin/tick-shape.js keeps has the hidden class of Node's next-tick records, before and after a full garbage
// collection taken while no tick is queued (the moment that used to free those classes in `bdg serve`). Checked in a
// child process with V8's test functions (%HaveSameMap), which only a flag of the command line allows. What can fail
// here is the match: a Node whose records have other keys, another order or another class makes the record useless,
// and `keys` or `sameBefore` say so. The fault itself is not reproduced: a small process did not free the classes on
// demand when tried, so the check after the collection holds whenever the record matches.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TICK_SHAPE = new URL('../bin/tick-shape.js', import.meta.url).href;

const CHILD = `
import { createHook } from 'node:async_hooks';
import { tickShape } from '${TICK_SHAPE}';

// the next tick record that process.nextTick builds, caught by an async hook as it is queued
function nextTickRecord() {
  let record = null;
  const hook = createHook({ init(_id, type, _trigger, resource) { if (type === 'TickObject') record = resource; } });
  hook.enable();
  process.nextTick(() => {});
  hook.disable();
  return record;
}

const before = nextTickRecord();
const sameBefore = %HaveSameMap(tickShape, before);
setTimeout(() => {
  globalThis.gc();
  globalThis.gc();
  const after = nextTickRecord();
  console.log(JSON.stringify({
    kept: tickShape !== null,
    keys: Reflect.ownKeys(tickShape).map(String),
    sameBefore,
    sameAfter: %HaveSameMap(tickShape, after),
  }));
}, 20);
`;

describe("the shape of Node's next-tick records, kept alive", () => {
  it('is the hidden class process.nextTick uses, and still is after a full collection', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-tick-shape-'));
    try {
      const file = path.join(dir, 'child.mjs');
      fs.writeFileSync(file, CHILD);
      const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', file], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        kept: true,
        keys: ['callback', 'args', 'Symbol(async_id_symbol)', 'Symbol(trigger_async_id_symbol)'],
        sameBefore: true,
        sameAfter: true,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
