import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Grid, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, qs, type RecordTypeInfo, type UnitRecord, type User } from '../api.ts';
import { ImportButton } from '../components/ImportButton.tsx';
import { PhoneCards, pagesOf, RowActions } from '../components/PhoneCards.tsx';
import { HistoryModal, RecordStatusTag, WorkflowActions } from '../components/Workflow.tsx';
import { canWriteFor } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { showValue } from '../records/format.tsx';
import { useRecordTypes } from '../records/useRecordTypes.ts';
import { go, useRoute } from '../router.ts';
import { RecordForm } from './RecordForm.tsx';

const THIS_YEAR = new Date().getFullYear();

/** A page of records of one type, with edit, delete and workflow steps where the user may take them. */
function RecordTable({
  def,
  user,
  unitId,
  year,
}: {
  def: RecordTypeInfo;
  user: User;
  unitId?: number | undefined;
  year?: number | undefined;
}) {
  const { t, label } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['records', def.type, unitId, year, page],
    queryFn: () =>
      api.get<{ total: number; items: UnitRecord[] }>(
        `/api/records/${def.type}?${qs({ unitId, year, limit: 20, offset: (page - 1) * 20 })}`,
      ),
  });
  const remove = async (r: UnitRecord) => {
    try {
      await api.del(`/api/records/${def.type}/${r.id}?version=${r.version}`);
      await qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const fields = new Map(def.fields.map((f) => [f.name, f]));
  const phone = !Grid.useBreakpoint().md;
  const pagination = pagesOf(page, setPage, list.data?.total);
  const status = (r: UnitRecord) => (
    <a onClick={() => setHistoryOf(r.id)}>
      <RecordStatusTag status={r.status} />
    </a>
  );
  const actions = (r: UnitRecord) => (
    <RowActions
      editable={canWriteFor(user, r.unitId, def.type) && (r.status === 'draft' || r.status === 'returned')}
      onEdit={() => go(`records/${def.type}/${r.id}`)}
      onDelete={() => remove(r)}
      editTestId={`edit-${r.id}`}
    >
      <WorkflowActions session={r} kind={def.type} user={user} />
    </RowActions>
  );
  const value = (r: UnitRecord, name: string) =>
    showValue(fields.get(name)!, r.data[name], r, label, [t('yes'), t('no')]);
  const history = <HistoryModal sessionId={historyOf} kind={def.type} onClose={() => setHistoryOf(null)} />;
  // on a phone, one card per record (its list fields in words) instead of a table scrolling sideways
  if (phone)
    return (
      <>
        {history}
        <PhoneCards
          testId="record-table"
          loading={list.isLoading}
          pagination={pagination}
          cards={list.data?.items.map((r) => ({
            key: r.id,
            title: <a onClick={() => go(`records/${def.type}/${r.id}`)}>{r.title}</a>,
            status: status(r),
            details: [
              dayjs(r.date).format('DD/MM/YYYY'),
              unitId ? null : r.unitName,
              ...def.listFields.map((name) => `${label(fields.get(name))}: ${value(r, name)}`),
            ],
            evidence: r.evidence,
            actions: actions(r),
          }))}
        />
      </>
    );
  return (
    <>
      {history}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="record-table"
        pagination={pagination}
        columns={[
          {
            title: label(fields.get('date')),
            dataIndex: 'date',
            render: (d: string) => dayjs(d).format('DD/MM/YYYY'),
            width: 110,
          },
          ...(unitId
            ? []
            : [
                {
                  title: t('unit'),
                  dataIndex: 'unitName',
                  render: (v: string, r: UnitRecord) => <a onClick={() => go(`units/${r.unitId}`)}>{v}</a>,
                },
              ]),
          {
            title: label(fields.get('title')),
            dataIndex: 'title',
            render: (v: string, r: UnitRecord) => <a onClick={() => go(`records/${def.type}/${r.id}`)}>{v}</a>,
          },
          ...def.listFields.map((name) => ({
            title: label(fields.get(name)),
            key: name,
            render: (_: unknown, r: UnitRecord) => value(r, name),
          })),
          {
            title: t('evidence'),
            dataIndex: 'evidence',
            render: (ev: UnitRecord['evidence']) =>
              ev.map((e) => (
                <div key={e.sha256}>
                  <a href={`/api/files/${e.sha256}`}>{e.name}</a>
                </div>
              )),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (_: UnitRecord['status'], r: UnitRecord) => status(r),
          },
          { title: '', width: 200, render: (_: unknown, r: UnitRecord) => actions(r) },
        ]}
      />
    </>
  );
}

/** Every kind of record the plan asks units for, one type at a time: list, template, import, export, form. */
export function RecordsPage({ user }: { user: User }) {
  const { t, label } = useT();
  const types = useRecordTypes();
  const [, typeParam, a, b] = useRoute();
  const [year, setYear] = useState<number | undefined>(undefined);
  const defs = types.data ?? [];
  const def = defs.find((d) => d.type === typeParam) ?? defs[0];
  if (!def) return <Card loading />;
  if (a === 'new')
    return <RecordForm key={`new-${def.type}`} def={def} user={user} unitId={b ? Number(b) : undefined} />;
  if (a && /^\d+$/u.test(a)) return <RecordForm key={a} def={def} user={user} recordId={Number(a)} />;
  const writer =
    user.role === 'admin' ||
    user.role === 'coordinator' ||
    user.role === 'reporter' ||
    (user.role === 'inspector' && def.type === 'inspection');
  const own = user.role === 'reporter' || user.role === 'inspector' ? (user.unitId ?? undefined) : undefined;
  const filter = qs({ year, unitId: own });
  return (
    <Card
      title={
        <Space>
          {t('recordType')}:
          <Select
            aria-label={t('recordType')}
            value={def.type}
            style={{ width: 380, maxWidth: '100%' }}
            onChange={(v) => go(`records/${v}`)}
            data-testid="record-type"
            options={defs.map((d) => ({ value: d.type, label: `${label(d)} (${d.task})` }))}
          />
        </Space>
      }
      extra={
        <Space>
          <Select
            aria-label={t('year')}
            value={year ?? 0}
            style={{ width: 110 }}
            onChange={(v) => setYear(v === 0 ? undefined : v)}
            options={[
              { value: 0, label: t('all') },
              ...Array.from({ length: THIS_YEAR - 2020 }, (_, i) => ({
                value: THIS_YEAR - i,
                label: String(THIS_YEAR - i),
              })),
            ]}
          />
          <a href={`/api/records/${def.type}/template.xlsx`}>{t('template')}</a>
          <a href={`/api/records/${def.type}/export.xlsx?${filter}`}>{t('exportXlsx')}</a>
          <a href={`/api/records/${def.type}/export.csv?${filter}`}>CSV</a>
          {writer && <ImportButton url={`/api/records/${def.type}/import`} />}
          {writer && (
            <Button
              type="primary"
              onClick={() => go(`records/${def.type}/new${user.unitId ? `/${user.unitId}` : ''}`)}
              data-testid="add-record"
            >
              {t('addRecord')}
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable def={def} user={user} year={year} unitId={own} />
    </Card>
  );
}
