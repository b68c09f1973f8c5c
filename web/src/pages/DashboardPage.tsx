import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs, type G1Result } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { percent, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';

const THIS_YEAR = new Date().getFullYear();
const FIRST_YEAR = 2021;

export function DashboardPage() {
  const { t, label, lang } = useT();
  const meta = useMeta();
  const [year, setYear] = useState(THIS_YEAR);
  const g1 = useQuery({ queryKey: ['g1', year], queryFn: () => api.get<G1Result>(`/api/indicators/G1?${qs({ year })}`) });
  const series = useQuery({
    queryKey: ['g1-series'],
    queryFn: () => api.get<{ year: number; value: number | null; target: number }[]>(`/api/indicators/G1/series?${qs({ from: FIRST_YEAR, to: THIS_YEAR })}`),
  });
  const r = g1.data;
  const kinds = meta.data?.lists.unitKinds ?? {};
  const short = (r?.rows ?? []).filter((x) => !x.passes);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('year')}</Typography.Text>
        <Select value={year} onChange={setYear} style={{ width: 110 }} data-testid="year-select"
          options={Array.from({ length: THIS_YEAR - FIRST_YEAR + 1 }, (_, i) => ({ value: THIS_YEAR - i, label: String(THIS_YEAR - i) }))} />
      </Space>
      <Card title={<span>G1 — {label(meta.data?.indicators.G1.title)}</span>} loading={g1.isLoading} data-testid="g1-card">
        {r && (
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Statistic title={`${t('year')} ${r.year}`} value={percent(r.value)} data-testid="g1-value" />
              <Typography.Paragraph>
                <span data-testid="g1-numerator">{r.numerator}</span>/<span data-testid="g1-denominator">{r.denominator}</span> {t('units_reaching')}
              </Typography.Paragraph>
              <Progress percent={r.value === null ? 0 : Math.round(r.value * 1000) / 10} status={r.value !== null && r.value >= r.target ? 'success' : 'active'} />
              <Typography.Paragraph type="secondary">{t('target')}: {percent(r.target)}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                <b>{t('rule')}:</b> {label(meta.data?.indicators.G1.rule)}
              </Typography.Paragraph>
            </Col>
            <Col xs={24} md={16}>
              <Typography.Text strong>{t('trend')}</Typography.Text>
              <Chart option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                xAxis: { type: 'category', data: (series.data ?? []).map((p) => String(p.year)) },
                yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                series: [
                  { name: 'G1', type: 'bar', data: (series.data ?? []).map((p) => (p.value === null ? null : Math.round(p.value * 1000) / 10)) },
                  { name: t('target'), type: 'line', data: (series.data ?? []).map((p) => p.target * 100), lineStyle: { type: 'dashed' }, symbol: 'none' },
                ],
                legend: {},
              }} />
            </Col>
          </Row>
        )}
      </Card>
      {r && (
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Card title={`${t('g1Short')} — ${short.length}`}>
              <Table rowKey="id" size="small" dataSource={short} pagination={{ pageSize: 10 }} data-testid="g1-short"
                columns={[
                  { title: t('name'), dataIndex: 'name', render: (v: string, row) => <a onClick={() => go(`units/${row.id}`)}>{v}</a> },
                  { title: t('kind'), dataIndex: 'kind', render: (k: string) => label(kinds[k], k) },
                  { title: t('area'), dataIndex: 'areaName' },
                  { title: t('count'), dataIndex: 'count', align: 'right', render: (n: number) => <Tag color={n === 0 ? 'red' : 'orange'}>{n}</Tag> },
                ]} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('byArea')}>
              <Table rowKey="key" size="small" dataSource={r.byArea} pagination={false}
                columns={[
                  { title: t('area'), dataIndex: 'name' },
                  { title: '', render: (_: unknown, g) => `${g.numerator}/${g.denominator}`, align: 'right' },
                  { title: '%', dataIndex: 'value', render: percent, align: 'right' },
                ]} />
            </Card>
            <Card title={t('byKind')} style={{ marginTop: 16 }}>
              <Table rowKey="key" size="small" dataSource={r.byKind} pagination={false}
                columns={[
                  { title: t('kind'), dataIndex: 'key', render: (k: string) => label(kinds[k], k) },
                  { title: '', render: (_: unknown, g) => `${g.numerator}/${g.denominator}`, align: 'right' },
                  { title: '%', dataIndex: 'value', render: percent, align: 'right' },
                ]} />
            </Card>
          </Col>
        </Row>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{lang === 'vi' ? 'Số liệu tính trực tiếp từ các hoạt động đơn vị đã ghi nhận.' : 'Figures are computed from the sessions units recorded.'}</Typography.Text>
    </Space>
  );
}
