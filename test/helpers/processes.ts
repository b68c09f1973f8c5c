import { spawn, type ChildProcess } from 'node:child_process';

/** Server processes for the fault and scale-out tests (test/helpers/server-main.ts, no web client). */
const SERVER = new URL('./server-main.ts', import.meta.url).pathname;
/** The product's own command: `bdg serve`, compiled (bin/server-build.js), with the web client — for benchmarks. */
const BIN = new URL('../../bin/bdg.js', import.meta.url).pathname;
export const PASSWORD = 'Mat-khau-su-co-2025';

/** The environment of a server process on `dataDir`, on loopback, without the demo; `extra` adds or overrides. */
export function serverEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    BDG_DATA_DIR: dataDir,
    BDG_DEMO: 'off',
    HOST: '127.0.0.1',
    PORT: '0',
    ...extra,
  };
}

/**
 * Starts a server process with `env`; resolves once it listens, with its address. `product`: run `bdg serve`
 * as `npm start` does (the compiled build and the web client) instead of the TypeScript sources.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { product = false } = {},
): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, product ? [BIN, 'serve'] : ['--import', 'tsx', SERVER], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await listeningAddress(child);
  return { child, address };
}

/**
 * The address a server process prints once it answers ("LISTENING <address>", or the product's own line), read
 * from its standard output and error where they are piped; rejects if it exits first or after `timeoutMs`.
 */
export function listeningAddress(child: ChildProcess, timeoutMs = 60_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), timeoutMs);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /(?:LISTENING|BĐG Monitor đang chạy tại) (\S+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${out}`));
    });
  });
}

export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

export async function login(address: string, username: string) {
  const res = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}
