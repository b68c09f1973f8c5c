import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Grid, Select, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, qs, type Session, type User } from '../api.ts';
import { ImportButton } from '../components/ImportButton.tsx';
import { PhoneCards, pagesOf, RowActions } from '../components/PhoneCards.tsx';
import { canWriteFor, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go, useRoute } from '../router.ts';
import { HistoryModal, RecordStatusTag, WorkflowActions } from '../components/Workflow.tsx';
import { SessionForm } from './SessionForm.tsx';

const THIS_YEAR = new Date().getFullYear();

/** A page of sessions, for one unit or all, with edit and delete where the user may write. */
export function SessionTable({
  user,
  unitId,
  year,
}: {
  user: User;
  unitId?: number | undefined;
  year?: number | undefined;
}) {
  const { t, label } = useT();
  const { message } = App.useApp();
  const meta = useMeta();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['sessions', unitId, year, page],
    queryFn: () =>
      api.get<{ total: number; items: Session[] }>(
        `/api/sessions?${qs({ unitId, year, limit: 20, offset: (page - 1) * 20 })}`,
      ),
  });
  const peaks = Object.fromEntries((meta.data?.lists.peaks ?? []).map((p) => [p.code, p]));
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const remove = async (s: Session) => {
    try {
      await api.del(`/api/sessions/${s.id}?version=${s.version}`);
      await qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const phone = !Grid.useBreakpoint().md;
  const pagination = pagesOf(page, setPage, list.data?.total);
  const participants = (s: Session) =>
    s.participantsTotal === null
      ? '—'
      : `${s.participantsTotal} (${t('participantsFemale')} ${s.participantsFemale ?? '?'})`;
  const status = (s: Session) => (
    <a onClick={() => setHistoryOf(s.id)}>
      <RecordStatusTag status={s.status} />
    </a>
  );
  const actions = (s: Session) => (
    <RowActions
      editable={canWriteFor(user, s.unitId) && (s.status === 'draft' || s.status === 'returned')}
      onEdit={() => go(`sessions/${s.id}`)}
      onDelete={() => remove(s)}
    >
      <WorkflowActions session={s} user={user} />
    </RowActions>
  );
  // on a phone, one card per session: what it is, its state and what can be done, without scrolling sideways
  if (phone)
    return (
      <>
        <HistoryModal sessionId={historyOf} onClose={() => setHistoryOf(null)} />
        <PhoneCards
          testId="session-table"
          loading={list.isLoading}
          pagination={pagination}
          cards={list.data?.items.map((s) => ({
            key: s.id,
            title: s.title,
            status: status(s),
            details: [
              dayjs(s.date).format('DD/MM/YYYY'),
              unitId ? null : s.unitName,
              label(meta.data?.lists.forms[s.form], s.form),
              `${t('participantsTotal')}: ${participants(s)}`,
            ],
            evidence: s.evidence,
            actions: actions(s),
          }))}
        />
      </>
    );
  return (
    <>
      <HistoryModal sessionId={historyOf} onClose={() => setHistoryOf(null)} />
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="session-table"
        pagination={pagination}
        columns={[
          { title: t('date'), dataIndex: 'date', render: (d: string) => dayjs(d).format('DD/MM/YYYY'), width: 110 },
          ...(unitId
            ? []
            : [
                {
                  title: t('unit'),
                  dataIndex: 'unitName',
                  render: (v: string, s: Session) => <a onClick={() => go(`units/${s.unitId}`)}>{v}</a>,
                },
              ]),
          { title: t('title'), dataIndex: 'title' },
          { title: t('form'), dataIndex: 'form', render: (f: string) => label(meta.data?.lists.forms[f], f) },
          { title: t('participantsTotal'), render: (_: unknown, s: Session) => participants(s) },
          {
            title: t('peak'),
            dataIndex: 'peaks',
            render: (p: string[]) =>
              p.map((c) => (
                <Tooltip key={c} title={label(peaks[c], c)}>
                  <Tag color="magenta">{peaks[c]?.short ?? c}</Tag>
                </Tooltip>
              )),
          },
          {
            title: t('evidence'),
            dataIndex: 'evidence',
            render: (ev: Session['evidence']) =>
              ev.map((e) => (
                <div key={e.sha256}>
                  <a href={`/api/files/${e.sha256}`}>{e.name}</a>
                </div>
              )),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (_: Session['status'], s: Session) => status(s),
          },
          { title: '', width: 200, render: (_: unknown, s: Session) => actions(s) },
        ]}
      />
    </>
  );
}

export function SessionsPage({ user }: { user: User }) {
  const { t } = useT();
  const [, a, b] = useRoute();
  const [year, setYear] = useState<number | undefined>(THIS_YEAR);
  if (a === 'new') return <SessionForm user={user} unitId={b ? Number(b) : undefined} />;
  if (a && /^\d+$/u.test(a)) return <SessionForm user={user} sessionId={Number(a)} />;
  const writer = user.role !== 'viewer' && user.role !== 'inspector';
  // a reporter lists and exports their own unit's sessions
  const ownUnit = user.role === 'reporter' ? (user.unitId ?? undefined) : undefined;
  return (
    <Card
      title={t('sessions')}
      extra={
        <Space>
          <Select
            aria-label={t('year')}
            value={year ?? 0}
            style={{ width: 120 }}
            onChange={(v) => setYear(v === 0 ? undefined : v)}
            options={[
              { value: 0, label: t('all') },
              ...Array.from({ length: THIS_YEAR - 2020 }, (_, i) => ({
                value: THIS_YEAR - i,
                label: String(THIS_YEAR - i),
              })),
            ]}
          />
          <a href="/api/sessions/template.xlsx">{t('template')}</a>
          <a href={`/api/sessions/export.xlsx?${qs({ year, unitId: ownUnit })}`}>{t('exportXlsx')}</a>
          <a href={`/api/sessions/export.csv?${qs({ year, unitId: ownUnit })}`}>CSV</a>
          {writer && <ImportButton url="/api/sessions/import" />}
          {writer && (
            <Button
              type="primary"
              onClick={() => go(`sessions/new${user.unitId ? `/${user.unitId}` : ''}`)}
              data-testid="add-session"
            >
              {t('addSession')}
            </Button>
          )}
        </Space>
      }
    >
      <SessionTable user={user} year={year} unitId={ownUnit} />
    </Card>
  );
}
