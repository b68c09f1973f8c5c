import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs, type IndicatorDetail, type IndicatorView } from '../api.ts';
import { formatValue, ProvisionalTag, StatusTag, TrendChart, useSeries, viewQuery } from '../components/Indicators.tsx';
import { percent, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';
import { FIRST_YEAR, THIS_YEAR, yearOptions } from './DashboardPage.tsx';
import { numberLocale } from '../format.ts';

/** One indicator: its value and status with the rules, its trend, and the units or areas behind it. */
export function IndicatorPage({ param }: { param: string }) {
  const { t, label, lang } = useT();
  const meta = useMeta();
  const [code, query = ''] = decodeURIComponent(param).split('?');
  const params = new URLSearchParams(query);
  const [year, setYear] = useState(Number(params.get('year') ?? THIS_YEAR));
  const view = {
    areaId: params.get('areaId') ? Number(params.get('areaId')) : undefined,
    restate: params.get('restate') ?? undefined,
    kind: params.get('kind') ?? undefined,
    includePending: params.get('includePending') ?? undefined,
  };
  const detail = useQuery({
    queryKey: ['indicator', code, year, view],
    queryFn: () =>
      api.get<IndicatorDetail & { view: IndicatorView }>(
        `/api/indicators/${encodeURIComponent(code!)}?${qs({ year })}&${viewQuery(view)}`,
      ),
  });
  const d = detail.data;
  const series = useSeries(code!, FIRST_YEAR, Math.max(THIS_YEAR, year), view);
  const kinds = meta.data?.lists.unitKinds ?? {};
  const figure = d?.kind === 'sum' ? t('value') : t('count');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <a onClick={() => go('dashboard')}>← {t('dashboard')}</a>
        <Typography.Text>{t('year')}</Typography.Text>
        <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 110 }} />
      </Space>
      <Card
        loading={detail.isLoading}
        title={d ? `${d.code} — ${d.titles[lang]}` : code}
        extra={
          d && (
            <Button
              href={`/api/indicators/${encodeURIComponent(d.code)}/export.xlsx?${qs({ year })}&${viewQuery(view)}`}
              data-testid="export-xlsx"
            >
              {t('exportXlsx')}
            </Button>
          )
        }
      >
        {d && (
          <Row gutter={24}>
            <Col xs={24} md={9}>
              <Statistic
                title={`${t('year')} ${d.year}`}
                value={formatValue(d.value, d.isShare)}
                data-testid="indicator-value"
              />
              {d.denominator !== null && d.value !== null && (
                <Typography.Paragraph>
                  {d.numerator}/{d.denominator}
                </Typography.Paragraph>
              )}
              {d.reason && <Typography.Paragraph type="secondary">{d.reason[lang]}</Typography.Paragraph>}
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    label: t('target'),
                    children:
                      d.target !== null
                        ? formatValue(d.target, d.isShare)
                        : d.milestone
                          ? `${formatValue(d.milestone.target, d.isShare)} (${d.milestone.year})`
                          : '—',
                  },
                  {
                    label: t('status'),
                    children: (
                      <>
                        <StatusTag status={d.status} />{' '}
                        <Typography.Text type="secondary">{d.statusRule[lang]}</Typography.Text>
                      </>
                    ),
                  },
                  ...(d.projection !== null && d.milestone
                    ? [
                        {
                          label: t('projection'),
                          children: `${formatValue(d.projection, d.isShare)} (${d.milestone.year})`,
                        },
                      ]
                    : []),
                  { label: t('rule'), children: d.rule[lang] },
                  {
                    label: t('structureView'),
                    children: (
                      <>
                        {d.view.includePending && <ProvisionalTag />}
                        {d.view.words[lang]}
                      </>
                    ),
                  },
                  {
                    label: t('planVersion'),
                    children: `${d.planId} v${d.planVersion}${d.yearOpen ? ` — ${t('provisional')}` : ''}`,
                  },
                ]}
              />
            </Col>
            <Col xs={24} md={15}>
              <Typography.Text strong>{t('trend')}</Typography.Text>
              <TrendChart series={series.data} isShare={d.isShare} />
            </Col>
          </Row>
        )}
      </Card>
      {d && d.rows.length > 0 && (
        <Row gutter={24}>
          <Col xs={24} lg={15}>
            <Card title={`${t('behind')} — ${d.rows.length}`}>
              <Table
                rowKey="id"
                size="small"
                dataSource={d.rows}
                pagination={{ pageSize: 15 }}
                data-testid="drill-down"
                columns={[
                  {
                    title: t('name'),
                    dataIndex: 'name',
                    render: (v: string, row) => <a onClick={() => go(`units/${row.id}`)}>{v}</a>,
                  },
                  { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(kinds[k], k) },
                  { title: t('area'), dataIndex: 'areaName' },
                  ...(d.kind === 'level_share'
                    ? [{ title: t('level'), dataIndex: 'note' }]
                    : [{ title: figure, dataIndex: 'count', align: 'right' as const }]),
                  ...(d.kind === 'record_share' ? [{ title: '/', dataIndex: 'total', align: 'right' as const }] : []),
                  ...(d.rows.some((r) => r.passes !== null)
                    ? [
                        {
                          title: t('status'),
                          dataIndex: 'passes',
                          render: (p: boolean) => <Tag color={p ? 'green' : 'red'}>{p ? '✓' : '✗'}</Tag>,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card title={t('byArea')}>
              <Table
                rowKey="key"
                size="small"
                dataSource={d.byArea}
                pagination={{ pageSize: 15 }}
                columns={[
                  { title: t('area'), dataIndex: 'name' },
                  {
                    title: '',
                    align: 'right',
                    render: (_: unknown, g) =>
                      d.isShare ? `${g.numerator}/${g.denominator}` : g.numerator.toLocaleString(numberLocale()),
                  },
                  ...(d.isShare ? [{ title: '%', dataIndex: 'value', align: 'right' as const, render: percent }] : []),
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
