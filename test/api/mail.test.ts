import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { drainOutbox } from '../../src/modules/notifications/mailer.ts';
import { notifyUnit } from '../../src/modules/notifications/service.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildUnit, TEST_PASSWORD } from '../helpers/factories.ts';

// A real SMTP server on this machine's loopback, started by the test.
const received: { to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('reject')) callback(new Error('550 no such mailbox'));
    else callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachEngine('the outbox sent through SMTP', (ctx) => {
  it('sends each mail once, keeps a refused one for a retry with its error', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const unit = await buildUnit(ctx(), { kind: 'commune' });
    const tag = Math.random().toString(36).slice(2, 8);
    await createUser(ctx(), SYSTEM_ACTOR, {
      username: `ok${tag}`,
      password: TEST_PASSWORD,
      role: 'reporter',
      unitId: unit.id,
      email: `ok.${tag}@example.vn`,
    });
    await createUser(ctx(), SYSTEM_ACTOR, {
      username: `rj${tag}`,
      password: TEST_PASSWORD,
      role: 'reporter',
      unitId: unit.id,
      email: `reject.${tag}@example.vn`,
    });
    await notifyUnit(ctx().db, unit.id, {
      kind: 'record_returned',
      key: `test:${tag}`,
      title: 'Hoạt động bị trả lại',
      body: 'Thiếu minh chứng',
      link: null,
    });
    const first = await drainOutbox(ctx(), transport);
    expect(first).toEqual({ sent: 1, failed: 1 });
    const mine = received.filter((m) => m.to.includes(`ok.${tag}@example.vn`));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/mu);
    expect(await drainOutbox(ctx(), transport)).toEqual({ sent: 0, failed: 0 });
    const rejected = await ctx()
      .db.selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', `reject.${tag}@example.vn`)
      .executeTakeFirstOrThrow();
    expect(rejected).toMatchObject({ sent_at: null, attempts: 1 });
    expect(rejected.last_error).toContain('550');
    // after its back-off the refused mail is tried again, and only it
    await ctx()
      .db.updateTable('mail_outbox')
      .set({ claimed_until: new Date(Date.now() - 1000) })
      .where('id', '=', rejected.id)
      .execute();
    expect(await drainOutbox(ctx(), transport)).toEqual({ sent: 0, failed: 1 });
    expect(received.filter((m) => m.to.includes(`ok.${tag}@example.vn`))).toHaveLength(1);
    transport.close();
  });
});
