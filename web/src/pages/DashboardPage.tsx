import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs, type IndicatorDetail, type User } from '../api.ts';
import {
  IndicatorTable,
  StatusTag,
  TrendChart,
  useSeries,
  ViewControls,
  viewQuery,
  type ViewParams,
} from '../components/Indicators.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { percent, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';
import { HomeSummary } from './HomeSummary.tsx';

export const THIS_YEAR = new Date().getFullYear();
export const FIRST_YEAR = 2021;
export const yearOptions = Array.from({ length: THIS_YEAR - FIRST_YEAR + 1 }, (_, i) => ({
  value: THIS_YEAR - i,
  label: String(THIS_YEAR - i),
}));

export function DashboardPage({ user }: { user: User }) {
  const { t, label, lang } = useT();
  const meta = useMeta();
  const [year, setYear] = useState(THIS_YEAR);
  const [areaId, setAreaId] = useState<number | null>(null);
  const [viewOpts, setViewOpts] = useState<ViewParams>({});
  const area = areaId ?? undefined;
  const view = { ...viewOpts, areaId: area };
  const g1 = useQuery({
    queryKey: ['g1', year, view],
    queryFn: () => api.get<IndicatorDetail>(`/api/indicators/G1?${qs({ year })}&${viewQuery(view)}`),
  });
  const series = useSeries('G1', FIRST_YEAR, THIS_YEAR, view);
  const r = g1.data;
  const kinds = meta.data?.lists.unitKinds ?? {};
  const short = (r?.rows ?? []).filter((x) => x.passes === false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <HomeSummary user={user} year={year} />
      <Space wrap>
        <Typography.Text>{t('year')}</Typography.Text>
        <Select
          aria-label={t('year')}
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          data-testid="year-select"
          options={yearOptions}
        />
        <Typography.Text>{t('area')}</Typography.Text>
        <div style={{ width: 360, maxWidth: '100%' }}>
          <UnitSelect
            value={areaId}
            onChange={setAreaId}
            kinds="province,district,commune"
            allowClear
            ariaLabel={t('area')}
          />
        </div>
        <ViewControls view={viewOpts} onChange={setViewOpts} />
      </Space>
      <Card title={t('indicators')}>
        <IndicatorTable year={year} view={view} />
      </Card>
      <Card
        title={<span>G1 — {r?.titles[lang] ?? ''}</span>}
        loading={g1.isLoading}
        data-testid="g1-card"
        extra={<a onClick={() => go(`indicators/G1?year=${year}&${viewQuery(view)}`)}>{t('behind')} →</a>}
      >
        {r && (
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Statistic title={`${t('year')} ${r.year}`} value={percent(r.value)} data-testid="g1-value" />
              <Typography.Paragraph>
                <span data-testid="g1-numerator">{r.numerator ?? 0}</span>/
                <span data-testid="g1-denominator">{r.denominator ?? 0}</span> {t('units_reaching')}
              </Typography.Paragraph>
              <Progress
                aria-label={`G1: ${percent(r.value)}`}
                percent={r.value === null ? 0 : Math.round(r.value * 1000) / 10}
                status={r.status === 'achieved' ? 'success' : 'active'}
                format={() => percent(r.value)}
              />
              <Typography.Paragraph>
                {t('target')}: {percent(r.target)} <StatusTag status={r.status} rule={r.statusRule} />
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                <b>{t('rule')}:</b> {r.rule[lang]}
              </Typography.Paragraph>
            </Col>
            <Col xs={24} md={16}>
              <Typography.Text strong>{t('trend')}</Typography.Text>
              <TrendChart series={series.data} isShare />
            </Col>
          </Row>
        )}
      </Card>
      {r && (
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Card title={`${t('g1Short')} — ${short.length}`}>
              <Table
                rowKey="id"
                size="small"
                dataSource={short}
                pagination={{ pageSize: 10 }}
                data-testid="g1-short"
                columns={[
                  {
                    title: t('name'),
                    dataIndex: 'name',
                    render: (v: string, row) => <a onClick={() => go(`units/${row.id}`)}>{v}</a>,
                  },
                  { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(kinds[k], k) },
                  { title: t('area'), dataIndex: 'areaName' },
                  {
                    title: t('count'),
                    dataIndex: 'count',
                    align: 'right',
                    render: (n: number) => <Tag color={n === 0 ? 'red' : 'orange'}>{n}</Tag>,
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('byArea')}>
              <Table
                rowKey="key"
                size="small"
                dataSource={r.byArea}
                pagination={false}
                columns={[
                  { title: t('area'), dataIndex: 'name' },
                  { title: '', render: (_: unknown, g) => `${g.numerator}/${g.denominator}`, align: 'right' },
                  { title: '%', dataIndex: 'value', render: percent, align: 'right' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('figuresFromRecords')}
      </Typography.Text>
    </Space>
  );
}
