import { useQuery } from '@tanstack/react-query';
import { Checkbox, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { STATUS_LABELS } from '../../../src/core/status.ts';
import { api, qs, type IndicatorSummary, type IndicatorView, type Series, type Status } from '../api.ts';
import { percent, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';
import { Chart } from './Chart.tsx';
import { numberLocale } from '../format.ts';

const COLOURS: Record<Status, string> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  off_track: 'red',
  no_data: 'default',
  no_target: 'default',
};
const STATUS = Object.fromEntries(
  Object.entries(STATUS_LABELS).map(([k, v]) => [k, { ...v, color: COLOURS[k as Status] }]),
) as Record<Status, { color: string; vi: string; en: string }>;

export function StatusTag({ status, rule }: { status: Status; rule?: { vi: string; en: string } }) {
  const { lang } = useT();
  const tag = (
    <Tag color={STATUS[status].color} data-testid={`status-${status}`}>
      {STATUS[status][lang]}
    </Tag>
  );
  return rule ? <Tooltip title={rule[lang]}>{tag}</Tooltip> : tag;
}

/** Figures that count records not yet approved: marked wherever they are shown. */
export function ProvisionalTag() {
  const { t } = useT();
  return (
    <Tag color="orange" data-testid="provisional-tag">
      {t('provisionalTag')}
    </Tag>
  );
}

export const formatValue = (v: number | null, isShare: boolean): string =>
  v === null ? '—' : isShare ? percent(v) : v.toLocaleString(numberLocale());

/** How figures are read: on the structure of each year, or restated on today's; which kinds of unit. */
export interface ViewParams {
  areaId?: number | undefined;
  restate?: string | undefined;
  kind?: string | undefined;
  /** 'true': records awaiting approval count too (provisional figures); by default approved records only */
  includePending?: string | undefined;
}

export const viewQuery = (v: ViewParams): string =>
  qs({ areaId: v.areaId, restate: v.restate, kind: v.kind, includePending: v.includePending });

/** Every indicator of the plan for a year and area, with its status; a row opens the indicator. */
export function IndicatorTable({ year, view }: { year: number; view: ViewParams }) {
  const { t, lang } = useT();
  const list = useQuery({
    queryKey: ['indicators', year, view],
    queryFn: () =>
      api.get<(IndicatorSummary & { view: IndicatorView })[]>(`/api/indicators?${qs({ year })}&${viewQuery(view)}`),
  });
  const first = list.data?.[0];
  return (
    <Table
      rowKey="code"
      size="small"
      loading={list.isLoading}
      dataSource={list.data ?? []}
      pagination={false}
      data-testid="indicator-table"
      onRow={(r) => ({
        onClick: () => go(`indicators/${r.code}?year=${year}&${viewQuery(view)}`),
        style: { cursor: 'pointer' },
      })}
      footer={() =>
        first && (
          <Typography.Text type="secondary" data-testid="view-words">
            {first.view.includePending && <ProvisionalTag />}
            {first.view.words[lang]} {t('planVersion')}: {first.planId} v{first.planVersion}
            {first.yearOpen ? ` — ${t('provisional')}` : ''}
          </Typography.Text>
        )
      }
      columns={[
        { title: t('code'), dataIndex: 'code', width: 110 },
        { title: t('indicator'), render: (_: unknown, r: IndicatorSummary) => r.titles[lang] },
        {
          title: t('value'),
          align: 'right',
          render: (_: unknown, r: IndicatorSummary) => (
            <Tooltip title={r.reason?.[lang]}>
              <span>
                {formatValue(r.value, r.isShare)}
                {r.denominator !== null && r.value !== null ? (
                  <Typography.Text type="secondary">
                    {' '}
                    ({r.numerator}/{r.denominator})
                  </Typography.Text>
                ) : null}
              </span>
            </Tooltip>
          ),
        },
        {
          title: t('target'),
          align: 'right',
          render: (_: unknown, r: IndicatorSummary) =>
            formatValue(r.target ?? r.milestone?.target ?? null, r.isShare) +
            (r.target === null && r.milestone ? ` (${r.milestone.year})` : ''),
        },
        {
          title: t('status'),
          render: (_: unknown, r: IndicatorSummary) => <StatusTag status={r.status} rule={r.statusRule} />,
        },
      ]}
    />
  );
}

/** Values over the years, the plan's targets, and the projection to the next milestone. */
export function TrendChart({
  series,
  isShare,
  exportName,
}: {
  series: Series | undefined;
  isShare: boolean;
  exportName?: string | undefined;
}) {
  const { t } = useT();
  const points = series?.points ?? [];
  const scale = (v: number | null) => (v === null ? null : isShare ? Math.round(v * 1000) / 10 : v);
  const last = [...points].reverse().find((p) => p.projection !== null && p.milestone);
  const years = points.map((p) => p.year);
  if (last?.milestone && !years.includes(last.milestone.year))
    for (let y = years[years.length - 1]! + 1; y <= last.milestone.year; y++) years.push(y);
  const targetAt = (y: number) => scale(series?.targets[String(y)] ?? null);
  return (
    <Chart
      exportName={exportName}
      option={{
        tooltip: { trigger: 'axis' },
        legend: {},
        xAxis: { type: 'category', data: years.map(String) },
        yAxis: { type: 'value', min: 0, ...(isShare ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
        series: [
          {
            name: t('value'),
            type: 'bar',
            data: years.map((y) => scale(points.find((p) => p.year === y)?.value ?? null)),
          },
          {
            name: t('target'),
            type: 'line',
            data: years.map(targetAt),
            lineStyle: { type: 'dashed' },
            connectNulls: true,
          },
          ...(last?.milestone
            ? [
                {
                  name: t('projection'),
                  type: 'line',
                  lineStyle: { type: 'dotted' },
                  symbol: 'triangle',
                  connectNulls: true,
                  data: years.map((y) =>
                    y === last.year
                      ? scale(points.find((p) => p.year === y)!.value)
                      : y === last.milestone!.year
                        ? scale(last.projection)
                        : null,
                  ),
                },
              ]
            : []),
        ],
      }}
    />
  );
}

export function useSeries(code: string, from: number, to: number, view: ViewParams = {}) {
  return useQuery({
    queryKey: ['series', code, from, to, view],
    queryFn: () =>
      api.get<Series>(`/api/indicators/${encodeURIComponent(code)}/series?${qs({ from, to })}&${viewQuery(view)}`),
  });
}

/** The view switch (structure of each year / restated on today's) and the kinds of unit. */
export function ViewControls({ view, onChange }: { view: ViewParams; onChange: (v: ViewParams) => void }) {
  const { t, label } = useT();
  const meta = useMeta();
  return (
    <>
      <Segmented
        value={view.restate ? 'today' : 'period'}
        onChange={(v) => onChange({ ...view, restate: v === 'today' ? 'today' : undefined })}
        data-testid="view-switch"
        options={[
          { value: 'period', label: t('viewPeriod') },
          { value: 'today', label: t('viewToday') },
        ]}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('kind')}
        placeholder={t('kind')}
        style={{ minWidth: 220 }}
        value={view.kind ? view.kind.split(',') : []}
        onChange={(v: string[]) => onChange({ ...view, kind: v.length ? v.join(',') : undefined })}
        options={Object.entries(meta.data?.lists.unitKinds ?? {})
          .filter(([k]) => k !== 'province' && k !== 'village')
          .map(([k, l]) => ({ value: k, label: label(l) }))}
      />
      <Checkbox
        checked={view.includePending === 'true'}
        onChange={(e) => onChange({ ...view, includePending: e.target.checked ? 'true' : undefined })}
        data-testid="include-pending"
      >
        {t('includePending')}
      </Checkbox>
    </>
  );
}
