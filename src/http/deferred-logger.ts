import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const write = (logger: Logger, level: Level, args: unknown[]): void =>
  (logger[level] as (...a: unknown[]) => void).apply(logger, args);

/**
 * A logger whose child is made only when it is first used. Fastify makes a child logger for every request (to
 * bind its id); pino's `child` serialises the bindings and copies the parent's state, and on /api/health that
 * was about six thousand of the ~100 thousand instructions per answer (issue 15, README), while most requests
 * write no line at all (request logging is off by default). Here a request's child is one small object; the pino
 * child is made, with the same bindings and options, on the first line the request writes or when its level is
 * read. Passed to Fastify as `loggerInstance` (deferredLogger below), so that Fastify's own factory calls `child`
 * as it does for pino; a custom `childLoggerFactory` would have Fastify check the child on every request.
 */
class DeferredChild implements FastifyBaseLogger {
  private made: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions | undefined,
  ) {}

  /** the pino logger, made on first use */
  get real(): Logger {
    if (this.made === undefined) {
      const options = this.options;
      // pino takes a slower path for any options object, even an empty one (Fastify passes one each time)
      this.made =
        options === undefined || Object.keys(options).length === 0
          ? this.parent.child(this.bindings)
          : this.parent.child(this.bindings, options);
    }
    return this.made;
  }

  get level(): string {
    return this.real.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return new DeferredChild(this.real, bindings, options);
  }

  fatal(...args: unknown[]): void {
    write(this.real, 'fatal', args);
  }

  error(...args: unknown[]): void {
    write(this.real, 'error', args);
  }

  warn(...args: unknown[]): void {
    write(this.real, 'warn', args);
  }

  info(...args: unknown[]): void {
    write(this.real, 'info', args);
  }

  debug(...args: unknown[]): void {
    write(this.real, 'debug', args);
  }

  trace(...args: unknown[]): void {
    write(this.real, 'trace', args);
  }

  silent(...args: unknown[]): void {
    write(this.real, 'silent', args);
  }
}

/**
 * `root` as Fastify's `loggerInstance`: Fastify asks it once for its own child (with its request and error
 * serialisers), then that child for one per request; each is deferred.
 */
export function deferredLogger(root: Logger): FastifyBaseLogger {
  return {
    get level() {
      return root.level;
    },
    set level(level: string) {
      root.level = level;
    },
    child: (bindings: Bindings, options?: ChildLoggerOptions) => new DeferredChild(root, bindings, options),
    fatal: root.fatal.bind(root),
    error: root.error.bind(root),
    warn: root.warn.bind(root),
    info: root.info.bind(root),
    debug: root.debug.bind(root),
    trace: root.trace.bind(root),
    silent: root.silent.bind(root),
  };
}
