import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, ApiError, qs, type IndicatorDetail, type IndicatorSummary, type Period, type User } from '../api.ts';
import { AreaMap, type Boundaries } from '../components/AreaMap.tsx';
import { Chart } from '../components/Chart.tsx';
import { formatValue, StatusTag, TrendChart, useSeries } from '../components/Indicators.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { isOffice, percent } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { FIRST_YEAR, THIS_YEAR, yearOptions } from './DashboardPage.tsx';
import { numberLocale } from '../format.ts';

interface Trends {
  from: number;
  to: number;
  indicators: { code: string; points: { year: number; value: number | null }[] }[];
}

const STATUS_COLOURS: Record<string, string> = {
  achieved: '#237804',
  on_track: '#0958d9',
  at_risk: '#ad6800',
  off_track: '#c62828',
  no_data: '#8c8c8c',
  no_target: '#8c8c8c',
};

const show = formatValue;

/** A tile's line of the last years, no axes: the shape of the trend at a glance. */
function Sparkline({
  points,
  isShare,
  colour,
}: {
  points: Trends['indicators'][number]['points'];
  isShare: boolean;
  colour: string;
}) {
  return (
    <Chart
      height={44}
      option={{
        animation: false,
        grid: { left: 2, right: 2, top: 4, bottom: 4 },
        xAxis: { type: 'category', show: false, data: points.map((p) => String(p.year)) },
        yAxis: { type: 'value', show: false, min: 0, ...(isShare ? { max: 1 } : {}) },
        series: [
          {
            type: 'line',
            data: points.map((p) => p.value),
            symbol: 'none',
            connectNulls: false,
            lineStyle: { color: colour, width: 2 },
            areaStyle: { color: colour, opacity: 0.08 },
          },
        ],
      }}
    />
  );
}

/**
 * The plan at a glance for leaders, one area at a time: every indicator as a tile (value, target, status,
 * trend), the trend of one with its targets and projection, the areas ranked, the units short of it, the
 * completeness of the last period due, and a map when boundaries were uploaded. Printable; charts as PNG.
 */
export function LeadersPage({ user }: { user: User }) {
  const { t, label } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const uploadBoundaries = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api.post<{ units: number }>('/api/boundaries', body);
      message.success(
        `${t('boundariesUploaded')} ${r.units.toLocaleString(numberLocale())} ${t('unit').toLowerCase()}`,
      );
      await qc.invalidateQueries({ queryKey: ['boundaries'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e), 10);
    }
  };
  const [year, setYear] = useState(THIS_YEAR);
  const [areaId, setAreaId] = useState<number | null>(null);
  const [code, setCode] = useState('G1');
  const summaries = useQuery({
    queryKey: ['leaders-summaries', year, areaId],
    queryFn: () => api.get<IndicatorSummary[]>(`/api/indicators?${qs({ year, areaId })}`),
  });
  const trends = useQuery({
    queryKey: ['leaders-trends', year, areaId],
    queryFn: () =>
      api.get<Trends>(`/api/indicators/trends?${qs({ from: Math.max(FIRST_YEAR, year - 4), to: year, areaId })}`),
  });
  const detail = useQuery({
    queryKey: ['leaders-detail', code, year, areaId],
    queryFn: () => api.get<IndicatorDetail>(`/api/indicators/${encodeURIComponent(code)}?${qs({ year, areaId })}`),
  });
  const series = useSeries(code, FIRST_YEAR, THIS_YEAR, { areaId: areaId ?? undefined });
  const periods = useQuery({
    queryKey: ['periods'],
    queryFn: () => api.get<{ periods: Period[]; lastDue: string | null }>('/api/reports/periods'),
  });
  const lastDue = periods.data?.lastDue ?? null;
  const completeness = useQuery({
    queryKey: ['leaders-completeness', lastDue, areaId],
    enabled: lastDue !== null,
    queryFn: () =>
      api.get<{
        period: Period;
        summary: {
          expected: number;
          complete: number;
          onTime: number;
          completeRate: number | null;
          onTimeRate: number | null;
        };
      }>(`/api/reports/completeness?${qs({ period: lastDue, areaId })}`),
  });
  const asOf = year >= THIS_YEAR ? undefined : `${year}-12-31`;
  const boundaries = useQuery({
    queryKey: ['boundaries', areaId, asOf],
    queryFn: () => api.get<Boundaries>(`/api/boundaries?${qs({ areaId, asOf })}`),
  });
  const current = summaries.data?.find((s) => s.code === code);
  const d = detail.data;
  // a share ranks areas by their share; a count or a sum by each area's own total (its group has no denominator)
  const isShare = d?.isShare ?? true;
  const areaValue = (a: { value: number | null; numerator: number }) => (isShare ? a.value : a.numerator);
  const ranked = [...(d?.byArea ?? [])].sort((a, b) => (areaValue(b) ?? -1) - (areaValue(a) ?? -1));
  const top = Math.max(1, ...ranked.map((a) => areaValue(a) ?? 0));
  const short = (d?.rows ?? []).filter((r) => r.passes === false);
  const points = new Map((trends.data?.indicators ?? []).map((i) => [i.code, i.points]));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="leaders">
      <Space wrap className="no-print">
        <Typography.Text>{t('year')}</Typography.Text>
        <Select aria-label={t('year')} value={year} onChange={setYear} style={{ width: 110 }} options={yearOptions} />
        <Typography.Text>{t('area')}</Typography.Text>
        <div style={{ width: 340, maxWidth: '100%' }}>
          <UnitSelect value={areaId} onChange={setAreaId} allowClear ariaLabel={t('area')} />
        </div>
        <Button onClick={() => window.print()}>{t('ldPrint')}</Button>
        {isOffice(user) && (
          <>
            <Button onClick={() => fileInput.current?.click()}>{t('boundaries')}</Button>
            <input
              ref={fileInput}
              type="file"
              aria-label={t('boundaries')}
              accept=".geojson,.json,application/geo+json,application/json"
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void uploadBoundaries(f);
              }}
            />
          </>
        )}
      </Space>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('leaders')} {year}
      </Typography.Title>
      <Row gutter={[12, 12]} data-testid="leader-tiles">
        {(summaries.data ?? []).map((s) => (
          <Col key={s.code} xs={24} sm={12} lg={8} xl={6}>
            <Card
              size="small"
              hoverable
              onClick={() => setCode(s.code)}
              style={{ borderTop: `4px solid ${STATUS_COLOURS[s.status] ?? '#8c8c8c'}`, height: '100%' }}
              className={s.code === code ? 'leader-tile leader-tile-chosen' : 'leader-tile'}
              data-testid={`tile-${s.code}`}
            >
              <Typography.Text type="secondary">{s.code}</Typography.Text>
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: label(s.titles) }} style={{ marginBottom: 4 }}>
                {label(s.titles)}
              </Typography.Paragraph>
              <Space align="baseline" wrap>
                <Typography.Text strong style={{ fontSize: 22 }}>
                  {show(s.value, s.isShare)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('target')}: {show(s.target, s.isShare)}
                </Typography.Text>
              </Space>
              <div>
                <StatusTag status={s.status} rule={s.statusRule} />
              </div>
              {points.get(s.code) && (
                <Sparkline
                  points={points.get(s.code)!}
                  isShare={s.isShare}
                  colour={STATUS_COLOURS[s.status] ?? '#8c8c8c'}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={`${code} — ${current ? label(current.titles) : ''}`}
        extra={
          <Select
            aria-label={t('indicator')}
            value={code}
            onChange={setCode}
            style={{ width: 180 }}
            className="no-print"
            options={(summaries.data ?? []).map((s) => ({ value: s.code, label: s.code }))}
          />
        }
      >
        <TrendChart series={series.data} isShare={current?.isShare ?? true} exportName={`xu-huong-${code}`} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('ldAreasRanked')} size="small">
            <Table
              rowKey="key"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={ranked}
              data-testid="areas-ranked"
              columns={[
                { title: '#', render: (_: unknown, __: unknown, i: number) => i + 1, width: 48 },
                { title: t('area'), dataIndex: 'name' },
                {
                  title: t('value'),
                  width: 200,
                  render: (_: unknown, a: (typeof ranked)[number]) => {
                    const v = areaValue(a);
                    if (v === null) return '—';
                    return (
                      <Space>
                        <span className="leader-bar" aria-hidden="true">
                          <span style={{ width: `${Math.round((isShare ? v : v / top) * 100)}%` }} />
                        </span>
                        {isShare ? percent(v) : v.toLocaleString(numberLocale())}
                      </Space>
                    );
                  },
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`${t('ldShort')} (${short.length})`} size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={short}
              data-testid="units-short"
              columns={[
                { title: t('unit'), dataIndex: 'name' },
                { title: t('area'), dataIndex: 'areaName', width: 160 },
                { title: t('ldTheirs'), dataIndex: 'count', width: 90 },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('ldCompleteness')} size="small">
        {completeness.data ? (
          <Space size="large" wrap data-testid="leader-completeness">
            <Statistic
              title={label(completeness.data.period)}
              value={`${completeness.data.summary.complete}/${completeness.data.summary.expected}`}
            />
            <Statistic title={t('ldComplete')} value={percent(completeness.data.summary.completeRate)} />
            <Statistic title={t('ldOnTime')} value={percent(completeness.data.summary.onTimeRate)} />
          </Space>
        ) : (
          '—'
        )}
      </Card>
      {boundaries.data && boundaries.data.features.length > 0 && d && (
        <Card title={`${t('ldMap')}: ${code}`} size="small" data-testid="leader-map">
          {boundaries.data.madeUp && <Alert type="info" showIcon title={t('ldMadeUp')} style={{ marginBottom: 8 }} />}
          <AreaMap
            boundaries={boundaries.data}
            values={new Map(d.byArea.map((a) => [a.key, areaValue(a)]))}
            isShare={isShare}
            title={code}
            fileName={`ban-do-${code}-${year}`}
            noValue={t('noData')}
          />
        </Card>
      )}
    </Space>
  );
}
