#!/usr/bin/env node
// The `bdg` command. Runs the compiled server (bin/server-build.js: built on first use after any change of the
// sources, about a second) so that no start pays for a TypeScript loader; BDG_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead, as it does when the build cannot be written (a read-only install).
import { buildServer } from './server-build.js';

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
