import path from 'node:path';
import { z } from 'zod';
import './core/zod-vi.ts';
import { fromRoot } from './project-root.ts';

/**
 * Configuration, read once from the environment at start. A bad value stops the process with the
 * list of every problem; no other file reads process.env.
 */
const boolText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//u, 'phải bắt đầu bằng postgres:// hoặc postgresql://')
    .optional(),
  BDG_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BDG_DEMO: z.enum(['auto', 'off']).default('auto'),
  BDG_COOKIE_SECURE: boolText.default(false),
  BDG_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  BDG_SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  BDG_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  BDG_LOGIN_MAX_PER_MINUTE: z.coerce.number().int().positive().default(10),
  BDG_PUBLIC_FORM_MAX_PER_MINUTE: z.coerce.number().int().positive().default(20),
  BDG_PUBLIC_READ_MAX_PER_MINUTE: z.coerce.number().int().positive().default(300),
  BDG_DHIS2_MAPPING: z.string().min(1).optional(),
  BDG_SOFFICE: z.string().min(1).optional(),
  BDG_LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(5),
  BDG_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  BDG_TRUST_PROXY: boolText.default(false),
  BDG_REQUEST_LOG: boolText.default(false),
  BDG_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//u, 'phải bắt đầu bằng smtp:// hoặc smtps://')
    .optional(),
  BDG_MAIL_FROM: z.string().min(3).default('BĐG Monitor <no-reply@localhost>'),
  BDG_REMIND_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(3),
  BDG_REMINDER_INTERVAL_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(60),
  BDG_METRICS_TOKEN: z.string().min(16, 'cần ít nhất 16 ký tự').optional(),
  BDG_DB_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(0).max(86_400).default(120),
  BDG_DB_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BDG_LOG_FILE: z.string().min(1).optional(),
  BDG_LOG_MAX_MB: z.coerce.number().positive().max(10_240).default(50),
  BDG_LOG_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  demo: 'auto' | 'off';
  cookieSecure: boolean;
  sessionHours: number;
  /** how long a read may trust a session looked up before (0: every request asks the database) */
  sessionCacheMs: number;
  maxUploadBytes: number;
  loginMaxPerMinute: number;
  /** answers to a public survey form accepted per minute from one address */
  publicFormMaxPerMinute: number;
  /** reads of open data (published figures) per minute from one address */
  publicReadMaxPerMinute: number;
  /** the file naming the plan's figures in a DHIS2 instance */
  dhis2Mapping: string;
  /** LibreOffice for PDFs: a path, "off", or undefined (soffice or libreoffice on the PATH) */
  soffice: string | undefined;
  lockoutAttempts: number;
  lockoutMinutes: number;
  trustProxy: boolean;
  /** one log line per answered request (method, route, status, duration, request id) */
  requestLog: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  remindDaysBefore: number;
  reminderIntervalMs: number;
  dbWaitMs: number;
  dbQueryTimeoutMs: number;
  metricsToken: string | undefined;
  logLevel: string;
  /** log lines go to this file (rotated) instead of standard output */
  logFile: string | undefined;
  /** a log file is rotated when it reaches this size, and every day at midnight (server time) */
  logMaxBytes: number;
  /** rotated log files kept (gzip-compressed); older ones are deleted */
  logKeep: number;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.BDG_DATA_DIR),
    host: c.HOST,
    port: c.PORT,
    demo: c.BDG_DEMO,
    cookieSecure: c.BDG_COOKIE_SECURE,
    sessionHours: c.BDG_SESSION_HOURS,
    sessionCacheMs: Math.round(c.BDG_SESSION_CACHE_SECONDS * 1000),
    maxUploadBytes: Math.round(c.BDG_MAX_UPLOAD_MB * 1024 * 1024),
    loginMaxPerMinute: c.BDG_LOGIN_MAX_PER_MINUTE,
    publicFormMaxPerMinute: c.BDG_PUBLIC_FORM_MAX_PER_MINUTE,
    publicReadMaxPerMinute: c.BDG_PUBLIC_READ_MAX_PER_MINUTE,
    soffice: c.BDG_SOFFICE,
    dhis2Mapping: c.BDG_DHIS2_MAPPING ? path.resolve(c.BDG_DHIS2_MAPPING) : fromRoot('dhis2', 'mapping.yaml'),
    lockoutAttempts: c.BDG_LOCKOUT_ATTEMPTS,
    lockoutMinutes: c.BDG_LOCKOUT_MINUTES,
    trustProxy: c.BDG_TRUST_PROXY,
    requestLog: c.BDG_REQUEST_LOG,
    smtpUrl: c.BDG_SMTP_URL,
    mailFrom: c.BDG_MAIL_FROM,
    remindDaysBefore: c.BDG_REMIND_DAYS_BEFORE,
    reminderIntervalMs: Math.round(c.BDG_REMINDER_INTERVAL_MINUTES * 60_000),
    dbWaitMs: Math.round(c.BDG_DB_WAIT_SECONDS * 1000),
    dbQueryTimeoutMs: Math.round(c.BDG_DB_QUERY_TIMEOUT_SECONDS * 1000),
    metricsToken: c.BDG_METRICS_TOKEN,
    logLevel: c.LOG_LEVEL,
    logFile: c.BDG_LOG_FILE ? path.resolve(c.BDG_LOG_FILE) : undefined,
    logMaxBytes: Math.round(c.BDG_LOG_MAX_MB * 1024 * 1024),
    logKeep: c.BDG_LOG_KEEP,
  };
}

/** Every variable the product reads, for the README test that keeps the documentation honest. */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape);

/**
 * The environment of a production build of the web client: this process's, with NODE_ENV=production
 * (under the test runner it is "test", and Vite would bundle React's development builds).
 */
export function webBuildEnvironment(): Record<string, string | undefined> {
  return { ...process.env, NODE_ENV: 'production' };
}
