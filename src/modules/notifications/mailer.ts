import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { startJob } from '../jobs.ts';
import type { Ctx } from '../context.ts';

export const MAX_ATTEMPTS = 5;

/** An SMTP transport from BDG_SMTP_URL, or null when none is configured (mail then stays in the outbox). */
export function smtpTransport(ctx: Ctx): Transporter | null {
  return ctx.config.smtpUrl ? nodemailer.createTransport(ctx.config.smtpUrl) : null;
}

/**
 * Sends what waits in the outbox. Rows are claimed first (a lease, committed) so that several
 * processes never take the same mail, then sent one by one and marked sent; a failure records the
 * error and retries later, up to MAX_ATTEMPTS. A process that dies mid-send leaves its claimed rows to
 * be retried when the lease ends: delivery is at least once, never silently dropped.
 */
export async function drainOutbox(
  ctx: Ctx,
  transport: Transporter,
  batch = 20,
): Promise<{ sent: number; failed: number }> {
  const claimed = await sql<{ id: number; to_address: string; subject: string; body: string }>`
    update mail_outbox set claimed_until = now() + interval '2 minutes', attempts = attempts + 1
     where id in (
       select id from mail_outbox
        where sent_at is null and attempts < ${MAX_ATTEMPTS} and (claimed_until is null or claimed_until < now())
        order by id limit ${batch} for update skip locked)
    returning id, to_address, subject, body`.execute(ctx.db);
  let sent = 0;
  let failed = 0;
  for (const m of claimed.rows) {
    try {
      await transport.sendMail({ from: ctx.config.mailFrom, to: m.to_address, subject: m.subject, text: m.body });
      await ctx.db
        .updateTable('mail_outbox')
        .set({ sent_at: new Date(), last_error: null, claimed_until: null })
        .where('id', '=', Number(m.id))
        .execute();
      sent += 1;
    } catch (e) {
      // try again after a minute (the claim's lease is shortened to that)
      await sql`update mail_outbox set last_error = ${String((e as Error).message).slice(0, 500)}, claimed_until
        = now() + interval '1 minute' where id = ${Number(m.id)}`.execute(ctx.db);
      failed += 1;
    }
  }
  return { sent, failed };
}

/** Drains the outbox every `everyMs` while the server runs; returns a stop function. */
export function startMailer(
  ctx: Ctx,
  transport: Transporter,
  everyMs = 10_000,
  log: (msg: string) => void = () => {},
): () => void {
  return startJob(
    'mail',
    everyMs,
    async () => {
      const r = await drainOutbox(ctx, transport);
      return r.sent + r.failed > 0 ? `${r.sent} sent, ${r.failed} failed` : null;
    },
    log,
  );
}
