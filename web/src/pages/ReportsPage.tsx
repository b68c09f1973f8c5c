import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type Period, type User } from '../api.ts';
import { RecordStatusTag } from '../components/Workflow.tsx';
import { isOffice, percent, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';
import { numberLocale } from '../format.ts';

interface Row {
  id: number;
  code: string;
  name: string;
  kind: string;
  expected: boolean;
  exemption: string | null;
  report: { id: number; status: 'draft' | 'submitted' | 'approved' | 'returned'; firstSentAt: string | null } | null;
  complete: boolean;
  onTime: boolean;
  daysLate: number | null;
  records: { approved: number; pending: number };
}

interface Rate {
  expected: number;
  complete: number;
  onTime: number;
  completeRate: number | null;
  onTimeRate: number | null;
}

interface Completeness {
  period: Period;
  rule: { vi: string; en: string };
  summary: Rate;
  byKind: (Rate & { kind: string })[];
  rows: Row[];
}

const periodFromHash = (): string | undefined =>
  new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('period') ?? undefined;

/**
 * Completeness and timeliness of a period's reports: the province summary, by kind, and a table by unit with colours.
 */
export function ReportsPage({ user }: { user: User }) {
  const { t, label } = useT();
  const { message } = App.useApp();
  const meta = useMeta();
  const qc = useQueryClient();
  const periods = useQuery({
    queryKey: ['periods'],
    queryFn: () =>
      api.get<{ periods: Period[]; current: string | null; lastDue: string | null }>('/api/reports/periods'),
  });
  const [chosen, setChosen] = useState<string | undefined>(periodFromHash);
  // the latest period whose due day has passed: the one whose completeness can be judged
  const period = chosen ?? periods.data?.lastDue ?? undefined;
  const table = useQuery({
    queryKey: ['completeness', period],
    enabled: period !== undefined,
    queryFn: () => api.get<Completeness>(`/api/reports/completeness?period=${period}`),
  });
  const [exempting, setExempting] = useState<Row | null>(null);
  const [reason, setReason] = useState('');
  const office = isOffice(user);
  const c = table.data;
  const mine = c?.rows.find((r) => r.id === user.unitId);
  const exempt = async () => {
    try {
      await api.post('/api/reports/exemptions', { unitId: exempting!.id, period, reason });
      setExempting(null);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['completeness'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const unexempt = async (r: Row) => {
    await api
      .del(`/api/reports/exemptions?unitId=${r.id}&period=${period}`)
      .catch((e: Error) => message.error(e.message));
    await qc.invalidateQueries({ queryKey: ['completeness'] });
  };
  const state = (r: Row) => {
    if (r.exemption) return <Tag color="blue">{t('exempted')}</Tag>;
    if (!r.expected) return <Tag>{t('notExpected')}</Tag>;
    if (r.onTime) return <Tag color="green">{t('onTime')}</Tag>;
    if (r.complete)
      return (
        <Tag color="orange">
          {r.daysLate ? t('lateByDays').replace('{n}', r.daysLate.toLocaleString(numberLocale())) : t('late')}
        </Tag>
      );
    return <Tag color="red">{t('missing')}</Tag>;
  };
  return (
    <Card
      title={t('reports')}
      extra={
        <Space>
          {t('period')}:
          <Select
            aria-label={t('period')}
            value={period}
            style={{ width: 300, maxWidth: '100%' }}
            onChange={setChosen}
            data-testid="period-select"
            options={(periods.data?.periods ?? []).map((p) => ({ value: p.key, label: `${label(p)} (${p.key})` }))}
          />
          {user.unitId &&
            (user.role === 'reporter' || office) &&
            (mine?.report ? (
              <Button onClick={() => go(`records/periodic_report/${mine.report!.id}`)}>{t('openReport')}</Button>
            ) : (
              <Button
                type="primary"
                onClick={() => go(`records/periodic_report/new/${user.unitId}`)}
                data-testid="write-report"
              >
                {t('writeReport')}
              </Button>
            ))}
        </Space>
      }
    >
      {c && (
        <>
          <Space size="large" wrap style={{ marginBottom: 12 }}>
            <Statistic
              title={t('window')}
              value={`${dayjs(c.period.from).format('DD/MM/YYYY')} – ${dayjs(c.period.to).format('DD/MM/YYYY')}`}
            />
            <Statistic title={t('due')} value={dayjs(c.period.due).format('DD/MM/YYYY')} />
            <Statistic title={t('expected')} value={c.summary.expected} />
            <Statistic
              title={t('completeRate')}
              value={`${percent(c.summary.completeRate)} (${c.summary.complete})`}
              data-testid="complete-rate"
            />
            <Statistic title={t('onTimeRate')} value={`${percent(c.summary.onTimeRate)} (${c.summary.onTime})`} />
          </Space>
          <Alert type="info" showIcon title={label(c.rule)} style={{ marginBottom: 12 }} data-testid="on-time-rule" />
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            style={{ marginBottom: 16 }}
            dataSource={c.byKind}
            columns={[
              { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(meta.data?.lists.unitKinds[k], k) },
              { title: t('expected'), dataIndex: 'expected', align: 'right' },
              { title: t('complete'), dataIndex: 'complete', align: 'right' },
              { title: t('completeRate'), dataIndex: 'completeRate', align: 'right', render: percent },
              { title: t('onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: percent },
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            loading={table.isFetching}
            dataSource={c.rows}
            data-testid="completeness-table"
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('code'), dataIndex: 'code', width: 100 },
              {
                title: t('unit'),
                dataIndex: 'name',
                sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
                render: (v: string, r: Row) => <a onClick={() => go(`units/${r.id}`)}>{v}</a>,
              },
              { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(meta.data?.lists.unitKinds[k], k) },
              {
                title: t('status'),
                key: 'state',
                render: (_: unknown, r: Row) => <span data-testid={`state-${r.code}`}>{state(r)}</span>,
              },
              {
                title: t('reportStatus'),
                key: 'report',
                render: (_: unknown, r: Row) =>
                  r.report ? (
                    <a onClick={() => go(`records/periodic_report/${r.report!.id}`)}>
                      <RecordStatusTag status={r.report.status} />
                    </a>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('recordsInWindow'),
                key: 'records',
                align: 'right',
                render: (_: unknown, r: Row) => (
                  <span data-testid={`records-${r.code}`}>{`${r.records.approved} / ${r.records.pending}`}</span>
                ),
              },
              {
                title: '',
                key: 'exempt',
                render: (_: unknown, r: Row) =>
                  office ? (
                    r.exemption ? (
                      <Space>
                        <Typography.Text type="secondary">{r.exemption}</Typography.Text>
                        <a onClick={() => unexempt(r)}>{t('unexempt')}</a>
                      </Space>
                    ) : r.expected && !r.complete ? (
                      <a onClick={() => setExempting(r)}>{t('exempt')}</a>
                    ) : null
                  ) : (
                    r.exemption
                  ),
              },
            ]}
          />
        </>
      )}
      <Modal
        open={exempting !== null}
        title={`${t('exempt')}: ${exempting?.name ?? ''}`}
        onCancel={() => setExempting(null)}
        onOk={exempt}
        okButtonProps={{ disabled: reason.trim().length < 3 }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('reasonRequired')}
        />
      </Modal>
    </Card>
  );
}
