import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { api, type IndicatorSummary, type Period, type User } from '../api.ts';
import { StatusTag } from '../components/Indicators.tsx';
import { isOffice } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';
import { numberLocale } from '../format.ts';

interface WorkItem {
  kind: string;
  kindLabel: string;
  id: number;
  date: string;
  title: string;
}
interface ReturnedItem extends WorkItem {
  reason: string | null;
  by: string | null;
  at: string | null;
}
interface CompletenessRow {
  id: number;
  name: string;
  expected: boolean;
  exemption: string | null;
  complete: boolean;
  onTime: boolean;
  daysLate: number | null;
}

const open = (w: WorkItem) => go(w.kind === 'communication_session' ? `sessions/${w.id}` : `records/${w.kind}/${w.id}`);
const day = (iso: string) => dayjs(iso).format('DD/MM/YYYY');

/** A record of the unit's work: its title (opens it), kind and date, and what follows. */
function WorkLine({ w, children }: { w: WorkItem; children?: ReactNode }) {
  return (
    <div>
      <a onClick={() => open(w)}>{w.title}</a>{' '}
      <Typography.Text type="secondary">
        ({w.kindLabel}, {day(w.date)})
      </Typography.Text>
      {children}
    </div>
  );
}

function usePeriods() {
  return useQuery({
    queryKey: ['periods'],
    queryFn: () =>
      api.get<{ periods: Period[]; current: string | null; lastDue: string | null }>('/api/reports/periods'),
  });
}

/** The periods a unit answers for now: the last whose deadline has passed, and the current one. */
function duePeriods(p: ReturnType<typeof usePeriods>['data']): Period[] {
  const keys = [...new Set([p?.lastDue, p?.current].filter((k): k is string => Boolean(k)))];
  return keys.map((k) => p!.periods.find((x) => x.key === k)).filter((x): x is Period => x !== undefined);
}

/** One period's report of the unit: sent, late, missing, exempted — and a way to write it when missing. */
function UnitReport({ period, unitId }: { period: Period; unitId: number }) {
  const { t, lang } = useT();
  const state = useQuery({
    queryKey: ['completeness', period.key],
    queryFn: () => api.get<{ rows: CompletenessRow[] }>(`/api/reports/completeness?period=${period.key}`),
  });
  const row = state.data?.rows.find((r) => r.id === unitId);
  const tag = () => {
    if (!row) return null;
    if (row.exemption) return <Tag color="blue">{t('exempted')}</Tag>;
    if (!row.expected) return <Tag>{t('notExpected')}</Tag>;
    if (row.onTime) return <Tag color="green">{t('onTime')}</Tag>;
    if (row.complete) return <Tag color="orange">{t('lateByDays').replace('{n}', String(row.daysLate ?? 0))}</Tag>;
    const left = dayjs(period.due).diff(dayjs().startOf('day'), 'day');
    // not sent: overdue in red, otherwise the days left
    return left < 0 ? <Tag color="red">{t('missing')}</Tag> : <Tag>{t('daysLeft').replace('{n}', String(left))}</Tag>;
  };
  return (
    <Space wrap data-testid={`home-report-${period.key}`}>
      <Typography.Text>
        {lang === 'vi' ? period.vi : period.en} — {t('due')} {day(period.due)}
      </Typography.Text>
      {tag()}
      {row && row.expected && !row.complete && !row.exemption && (
        <Button size="small" type="primary" onClick={() => go('records/periodic_report/new')}>
          {t('writeReport')}
        </Button>
      )}
    </Space>
  );
}

/** A unit's home: its reports due, what was returned and why, drafts not yet sent. */
function UnitHome({ user }: { user: User }) {
  const { t } = useT();
  const periods = usePeriods();
  const work = useQuery({
    queryKey: ['my-work'],
    queryFn: () => api.get<{ returned: ReturnedItem[]; drafts: { total: number; items: WorkItem[] } }>('/api/my-work'),
  });
  return (
    <Card title={t('homeUnit')} data-testid="home-unit">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>{t('homeReports')}</Typography.Title>
          <Space orientation="vertical">
            {duePeriods(periods.data).map((p) => (
              <UnitReport key={p.key} period={p} unitId={user.unitId!} />
            ))}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>
            {t('homeReturned')} ({work.data?.returned.length ?? 0})
          </Typography.Title>
          {work.data?.returned.length === 0 && <Typography.Text type="secondary">{t('homeNothing')}</Typography.Text>}
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="home-returned">
            {work.data?.returned.map((w) => (
              <WorkLine key={`${w.kind}-${w.id}`} w={w}>
                {w.reason && (
                  <div>
                    “{w.reason}”{w.by ? ` — ${w.by}` : ''}
                    {w.at ? `, ${day(w.at)}` : ''}
                  </div>
                )}
              </WorkLine>
            ))}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>
            {t('homeDrafts')} ({work.data?.drafts.total ?? 0})
          </Typography.Title>
          {work.data?.drafts.total === 0 && <Typography.Text type="secondary">{t('homeNothing')}</Typography.Text>}
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="home-drafts">
            {work.data?.drafts.items.map((w) => (
              <WorkLine key={`${w.kind}-${w.id}`} w={w} />
            ))}
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

/** The office's home: what awaits approval, units overdue with their report, goals at risk this year. */
function OfficeHome({ year }: { year: number }) {
  const { t } = useT();
  const periods = usePeriods();
  const inbox = useQuery({
    queryKey: ['inbox-total'],
    queryFn: () => api.get<{ total: number }>('/api/inbox?limit=1'),
  });
  const lastDue = periods.data?.periods.find((p) => p.key === periods.data?.lastDue);
  const overdue = useQuery({
    queryKey: ['completeness', lastDue?.key],
    enabled: lastDue !== undefined,
    queryFn: () => api.get<{ rows: CompletenessRow[] }>(`/api/reports/completeness?period=${lastDue!.key}`),
  });
  const missing = (overdue.data?.rows ?? []).filter((r) => r.expected && !r.exemption && !r.complete);
  const indicators = useQuery({
    queryKey: ['indicators', year, ''],
    queryFn: () => api.get<IndicatorSummary[]>(`/api/indicators?year=${year}`),
  });
  const atRisk = (indicators.data ?? []).filter((i) => i.status === 'at_risk' || i.status === 'off_track');
  return (
    <Card title={t('homeOffice')} data-testid="home-office">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={6}>
          <Typography.Title level={5}>{t('inbox')}</Typography.Title>
          <a onClick={() => go('inbox')} data-testid="home-inbox">
            {(inbox.data?.total ?? 0).toLocaleString(numberLocale())} {t('homeAwaiting')}
          </a>
        </Col>
        <Col xs={24} lg={9}>
          <Typography.Title level={5}>
            {t('homeOverdue')}
            {lastDue ? ` — ${lastDue.vi} (${t('due')} ${day(lastDue.due)})` : ''}: {missing.length}
          </Typography.Title>
          <Typography.Paragraph data-testid="home-overdue">
            {missing
              .slice(0, 10)
              .map((r) => r.name)
              .join('; ')}
            {missing.length > 10 ? '…' : ''} {missing.length > 0 && <a onClick={() => go('reports')}>→</a>}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={9}>
          <Typography.Title level={5}>
            {t('homeAtRisk')} ({year}): {atRisk.length}
          </Typography.Title>
          <Space orientation="vertical" data-testid="home-at-risk">
            {atRisk.map((i) => (
              <Space key={i.code} wrap>
                <a onClick={() => go(`indicators/${i.code}?year=${year}`)}>{i.code}</a>
                <StatusTag status={i.status} />
              </Space>
            ))}
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

/** The top of the home page, by role: a unit's own work, or the office's; nothing more for a viewer. */
export function HomeSummary({ user, year }: { user: User; year: number }) {
  if (isOffice(user)) return <OfficeHome year={year} />;
  if (user.unitId !== null && (user.role === 'reporter' || user.role === 'inspector')) return <UnitHome user={user} />;
  return null;
}
