#!/usr/bin/env node
// The `bdg` command. Runs the compiled server (bin/server-build.js: built on first use after any change of the
// sources, about a second) so that no start pays for a TypeScript loader; BDG_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead, as it does when the build cannot be written (a read-only install).
// V8's settings for a long-running server (bin/v8-tuning.js) are set first, before any of its code is loaded; the
// shape of Node's next-tick records is kept alive before anything else runs (bin/tick-shape.js).
import './tick-shape.js';
import v8 from 'node:v8';
import { buildServer } from './server-build.js';
import { v8TuningFlags } from './v8-tuning.js';

try {
  for (const flag of v8TuningFlags(process.env)) v8.setFlagsFromString(flag);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

let entry = null;
if (!process.env.BDG_FROM_SOURCE) {
  try {
    entry = await buildServer();
  } catch (e) {
    console.error(`Không biên dịch được máy chủ (${e.message.split('\n')[0]}): chạy từ mã nguồn TypeScript.`);
  }
}
if (entry) await import(entry);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
