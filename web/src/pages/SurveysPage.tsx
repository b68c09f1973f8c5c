import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, qs, type UnitItem, type User } from '../api.ts';
import { textIn } from '../../../src/core/surveys/answers.ts';
import type { Instrument } from '../../../src/core/surveys/xlsform.ts';
import { Chart } from '../components/Chart.tsx';
import { ImportButton } from '../components/ImportButton.tsx';
import { isOffice } from '../hooks.ts';
import { useT, type StringKey } from '../i18n.tsx';
import {
  changeChart,
  publicLink,
  VERDICTS,
  type ChangeRow,
  type GroupEstimate,
  type ImportAnswer,
  type InstrumentItem,
  type WaveItem,
} from '../surveys.ts';
import { keepEnterInField } from '../components/formProtection.ts';
import { SurveyInvitations } from './SurveyInvitations.tsx';
import { numberLocale, decimalSign } from '../format.ts';

const num = (x: number | null, digits = 1) =>
  x === null ? '—' : x.toLocaleString(numberLocale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${num(x * 100)}%`);
/** The questions a table can be broken down by (the default instrument's), named in the catalogue. */
const GROUPS: StringKey[] = [
  'svGroup_sex',
  'svGroup_age_group',
  'svGroup_area',
  'svGroup_ethnicity',
  'svGroup_target_group',
];
const SCALES: StringKey[] = ['svScale_overall', 'svScale_knowledge', 'svScale_norms'];
/** the code after the key's prefix: 'svGroup_age_group' → 'age_group' */
const codeOf = (key: StringKey) => key.slice(key.indexOf('_') + 1);

function useWaves() {
  return useQuery({ queryKey: ['survey-waves'], queryFn: () => api.get<WaveItem[]>('/api/surveys/waves') });
}

/** An XLSForm and its scoring (YAML) as a new instrument version; every problem shown as the server names it. */
function CustomInstrument({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [scoring, setScoring] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    if (!file) return setError(t('svChooseXlsForm'));
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    try {
      await api.post('/api/surveys/instruments', { xlsform: btoa(binary), scoring });
      await qc.invalidateQueries({ queryKey: ['survey-instruments'] });
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('svCustomInstrument')}
      onCancel={onClose}
      onOk={save}
      okText={t('svRegister')}
      width={720}
    >
      {error && <Alert type="error" title={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{error}</pre>} />}
      <Typography.Paragraph>{t('svCustomHelp')}</Typography.Paragraph>
      <input
        type="file"
        accept=".xlsx"
        aria-label={t('svXlsFormFile')}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <Input.TextArea
        aria-label={t('svScoringYaml')}
        style={{ marginTop: 12, fontFamily: 'monospace' }}
        rows={12}
        value={scoring}
        onChange={(e) => setScoring(e.target.value)}
        placeholder={'instrument: my_form\nscales:\n  - code: knowledge\n    …'}
      />
    </Modal>
  );
}

function Instruments({ user }: { user: User }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [custom, setCustom] = useState(false);
  const list = useQuery({
    queryKey: ['survey-instruments'],
    queryFn: () => api.get<InstrumentItem[]>('/api/surveys/instruments'),
  });
  const register = async () => {
    try {
      await api.post('/api/surveys/instruments/default');
      await qc.invalidateQueries({ queryKey: ['survey-instruments'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card
      title={t('instruments')}
      size="small"
      extra={
        <Space wrap>
          <a href="/api/surveys/default-form.xlsx">{t('downloadXlsForm')}</a>
          {isOffice(user) && (
            <>
              <Button size="small" onClick={register} data-testid="register-default">
                {t('registerDefault')}
              </Button>
              <Button size="small" onClick={() => setCustom(true)}>
                {t('svCustomInstrument')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('svCode'), dataIndex: 'formId' },
          { title: t('svVersion'), dataIndex: 'version' },
          { title: t('svName'), dataIndex: 'title' },
          { title: t('waves'), dataIndex: 'waves', align: 'right' },
        ]}
      />
      <CustomInstrument open={custom} onClose={() => setCustom(false)} />
    </Card>
  );
}

function NewWave({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const instruments = useQuery({
    queryKey: ['survey-instruments'],
    queryFn: () => api.get<InstrumentItem[]>('/api/surveys/instruments'),
  });
  // the target groups are the chosen instrument's own list (its question target_group), in Vietnamese
  const instrumentId = Form.useWatch('instrumentId', form) as number | undefined;
  const instrument = useQuery({
    queryKey: ['survey-instrument', instrumentId],
    enabled: instrumentId !== undefined,
    queryFn: () => api.get<{ form: Instrument }>(`/api/surveys/instruments/${instrumentId}`),
  });
  const groupOptions = (() => {
    const f = instrument.data?.form;
    const list = f?.questions.find((q) => q.name === 'target_group')?.list;
    return (list && f ? (f.choices[list] ?? []) : []).map((c) => ({
      value: c.name,
      label: textIn(c.label, 'vi', f!.defaultLanguage),
    }));
  })();
  const [unitQuery, setUnitQuery] = useState('');
  const units = useQuery({
    queryKey: ['unit-select', unitQuery],
    enabled: open,
    queryFn: () => api.get<{ items: UnitItem[] }>(`/api/units?${qs({ q: unitQuery, limit: 30 })}`),
  });
  const save = async (v: {
    name: string;
    year: number;
    instrumentId: number;
    days: [Dayjs, Dayjs];
    strata?: string;
    cluster?: string;
    weight?: string;
    margins?: string;
    targetGroups?: string[];
    areas?: { value: number; label: string }[];
  }) => {
    setError(null);
    // margins: one "variable,value,total" a line, as in bdg survey --rake's MARGINS.csv
    const margins = (v.margins ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [variable, value, total] = l.split(',').map((x) => x.trim());
        return { variable: variable ?? '', value: value ?? '', total: Number(total) };
      });
    const design = {
      ...(v.strata ? { strata: v.strata } : {}),
      ...(v.cluster ? { cluster: v.cluster } : {}),
      ...(v.weight ? { weight: v.weight } : {}),
      ...(margins.length ? { margins } : {}),
    };
    try {
      await api.post('/api/surveys/waves', {
        name: v.name,
        year: v.year,
        instrumentId: v.instrumentId,
        startDate: v.days[0].format('YYYY-MM-DD'),
        endDate: v.days[1].format('YYYY-MM-DD'),
        design,
        targetGroups: v.targetGroups ?? [],
        areaUnitIds: (v.areas ?? []).map((a) => a.value),
      });
      await qc.invalidateQueries({ queryKey: ['survey-waves'] });
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal open={open} title={t('newWave')} onCancel={onClose} onOk={() => form.submit()} okText={t('svSave')}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Form
        onKeyDown={keepEnterInField}
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ year: dayjs().year() }}
      >
        <Form.Item name="name" label={t('svWaveName')} rules={[{ required: true, message: t('svWaveNameRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="year" label={t('svYear')} rules={[{ required: true, message: t('svYearRequired') }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="instrumentId"
          label={t('instruments')}
          rules={[{ required: true, message: t('svInstrumentRequired') }]}
        >
          <Select
            options={(instruments.data ?? []).map((i) => ({ value: i.id, label: `${i.title} (${i.version})` }))}
          />
        </Form.Item>
        <Form.Item name="days" label={t('svDays')} rules={[{ required: true, message: t('svDaysRequired') }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" />
        </Form.Item>
        {groupOptions.length > 0 && (
          <Form.Item htmlFor="wave-target-groups" name="targetGroups" label={t('waveGroups')}>
            <Select id="wave-target-groups" mode="multiple" options={groupOptions} />
          </Form.Item>
        )}
        <Form.Item htmlFor="wave-areas" name="areas" label={t('waveAreas')} extra={t('waveAreasHelp')}>
          <Select
            id="wave-areas"
            mode="multiple"
            labelInValue
            showSearch={{ filterOption: false, onSearch: setUnitQuery }}
            loading={units.isLoading}
            placeholder={t('search')}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('svDesign')}</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          <Form.Item name="strata" label={t('svStrata')}>
            <Input placeholder="stratum" maxLength={100} />
          </Form.Item>
          <Form.Item name="cluster" label={t('svCluster')}>
            <Input placeholder="cluster" maxLength={100} />
          </Form.Item>
          <Form.Item name="weight" label={t('svWeight')}>
            <Input placeholder="weight" maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item name="margins" label={t('svMargins')} extra={t('svMarginsHelp')}>
          <Input.TextArea rows={4} placeholder={'sex,female,612000\nsex,male,588000'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Waves({ user }: { user: User }) {
  const { t, tf } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const waves = useWaves();
  const [creating, setCreating] = useState(false);
  const [report, setReport] = useState<ImportAnswer | null>(null);
  const [inviting, setInviting] = useState<WaveItem | null>(null);
  const setPublic = async (w: WaveItem, open: boolean) => {
    try {
      await api.post(`/api/surveys/waves/${w.id}/public`, { open });
      await qc.invalidateQueries({ queryKey: ['survey-waves'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card
      title={t('waves')}
      size="small"
      extra={
        isOffice(user) && (
          <Button size="small" type="primary" onClick={() => setCreating(true)}>
            {t('newWave')}
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={waves.isLoading}
        dataSource={waves.data ?? []}
        scroll={{ x: true }}
        data-testid="survey-waves"
        columns={[
          { title: t('svWave'), dataIndex: 'name' },
          { title: t('svYear'), dataIndex: 'year' },
          {
            title: t('instruments'),
            render: (_: unknown, w: WaveItem) => `${w.instrument.formId} ${w.instrument.version}`,
          },
          {
            title: t('waveScope'),
            render: (_: unknown, w: WaveItem) => (
              <span data-testid="wave-scope">
                {w.targetGroups.length
                  ? t('scopeGroups').replace('{n}', String(w.targetGroups.length))
                  : t('scopeAllGroups')}{' '}
                ·{' '}
                {w.areaUnitIds.length
                  ? t('scopeAreas').replace('{n}', String(w.areaUnitIds.length))
                  : t('scopeProvince')}
              </span>
            ),
          },
          {
            title: t('responses'),
            dataIndex: 'responses',
            align: 'right',
            render: (n: number) => <span data-testid="wave-responses">{n.toLocaleString(numberLocale())}</span>,
          },
          {
            title: t('publicForm'),
            render: (_: unknown, w: WaveItem) =>
              w.publicToken ? (
                <Typography.Link href={publicLink(w.publicToken)} copyable={{ text: publicLink(w.publicToken) }}>
                  {`#/khao-sat/${w.publicToken}`}
                </Typography.Link>
              ) : (
                <Tag>{t('closed')}</Tag>
              ),
          },
          {
            title: t('invitations'),
            align: 'right',
            render: (_: unknown, w: WaveItem) => (
              <span data-testid="wave-invitations">
                {w.invitations.invited
                  ? `${w.invitations.answered.toLocaleString(numberLocale())} / ` +
                    `${w.invitations.invited.toLocaleString(numberLocale())}`
                  : '—'}
              </span>
            ),
          },
          ...(isOffice(user)
            ? [
                {
                  title: '',
                  render: (_: unknown, w: WaveItem) => (
                    <Space wrap>
                      <ImportButton
                        url={`/api/surveys/waves/${w.id}/import`}
                        onDone={(r) => setReport(r as ImportAnswer)}
                      />
                      <Button size="small" onClick={() => setPublic(w, !w.publicToken)}>
                        {w.publicToken ? t('closeForm') : t('openForm')}
                      </Button>
                      <Button size="small" onClick={() => setInviting(w)} data-testid="wave-invite">
                        {t('invitations')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <NewWave open={creating} onClose={() => setCreating(false)} />
      {inviting && <SurveyInvitations wave={inviting} onClose={() => setInviting(null)} />}
      <Modal open={report !== null} onCancel={() => setReport(null)} footer={null} title={t('columnsReport')}>
        {report && (
          <Space direction="vertical">
            <Typography.Text>{tf('svImported', { created: report.created, skipped: report.skipped })}</Typography.Text>
            <Typography.Text>
              {t('svMatched')}: {report.report.matched.map((m) => `${m.column} → ${m.question}`).join(', ')}
            </Typography.Text>
            <Typography.Text>
              {t('svToolColumns')}: {report.report.tool.join(', ') || '—'}
            </Typography.Text>
            <Typography.Text type={report.report.notMatched.length ? 'warning' : undefined}>
              {t('svNotMatched')}: {report.report.notMatched.join(', ') || '—'}
            </Typography.Text>
            <Typography.Text type={report.report.missing.length ? 'warning' : undefined}>
              {t('svMissingColumns')}: {report.report.missing.join(', ') || '—'}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </Card>
  );
}

function Results() {
  const { t } = useT();
  const waves = useWaves();
  const [waveId, setWaveId] = useState<number | null>(null);
  const [baseline, setBaseline] = useState<number | null>(null);
  const [scale, setScale] = useState('overall');
  const [by, setBy] = useState<string[]>(['sex']);
  const options = (waves.data ?? []).map((w) => ({ value: w.id, label: `${w.name} (${w.year})` }));
  const est = useQuery({
    queryKey: ['survey-estimates', waveId, scale, by],
    enabled: waveId !== null,
    queryFn: () =>
      api.get<{ rows: GroupEstimate[] }>(`/api/surveys/waves/${waveId}/estimates?${qs({ scale, by: by.join(',') })}`),
  });
  const change = useQuery({
    queryKey: ['survey-change', baseline, waveId, scale, by],
    enabled: waveId !== null && baseline !== null && baseline !== waveId,
    queryFn: () => {
      const q = qs({ baseline, followup: waveId, scale, by: by.join(','), target: 0.1, stretch: 0.15 });
      return api.get<{ rows: ChangeRow[] }>(`/api/surveys/change?${q}`);
    },
  });
  const groupTitle = {
    title: t('groupBy'),
    render: (_: unknown, r: { labels: Record<string, string> }) => Object.values(r.labels).join(', ') || t('svOverall'),
  };
  return (
    <Card title={t('results')} size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('followupWave')}
          style={{ minWidth: 220 }}
          placeholder={t('followupWave')}
          options={options}
          onChange={setWaveId}
        />
        <Select
          aria-label={t('baselineWave')}
          style={{ minWidth: 220 }}
          placeholder={t('baselineWave')}
          options={options}
          allowClear
          onChange={(v) => setBaseline(v ?? null)}
        />
        <Select
          aria-label={t('scale')}
          style={{ minWidth: 140 }}
          value={scale}
          onChange={setScale}
          options={SCALES.map((key) => ({ value: codeOf(key), label: t(key) }))}
        />
        <Select
          aria-label={t('groupBy')}
          mode="multiple"
          style={{ minWidth: 200 }}
          maxCount={2}
          value={by}
          onChange={setBy}
          options={GROUPS.map((key) => ({ value: codeOf(key), label: t(key) }))}
        />
      </Space>
      {est.error && <Alert type="error" title={(est.error as Error).message} />}
      {est.data && (
        <Table
          size="small"
          rowKey={(r) => JSON.stringify(r.group)}
          pagination={false}
          dataSource={est.data.rows}
          scroll={{ x: true }}
          columns={[
            groupTitle,
            { title: 'n', dataIndex: 'n', align: 'right' },
            {
              title: t('mean'),
              align: 'right',
              render: (_: unknown, r: GroupEstimate) =>
                r.mean === null ? <Tag>{t('notPublished')}</Tag> : num(r.mean),
            },
            {
              title: t('interval'),
              render: (_: unknown, r: GroupEstimate) => (r.mean === null ? '' : `${num(r.ciLow)} – ${num(r.ciHigh)}`),
            },
            { title: t('designEffect'), align: 'right', render: (_: unknown, r: GroupEstimate) => num(r.deff, 2) },
          ]}
        />
      )}
      {change.data && (
        <Chart
          option={changeChart(
            change.data.rows,
            [
              options.find((o) => o.value === baseline)?.label ?? t('baselineWave'),
              options.find((o) => o.value === waveId)?.label ?? t('followupWave'),
            ],
            { overall: t('svOverall'), score: t('svF_score') },
          )}
        />
      )}
      {change.data && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(r) => JSON.stringify(r.group)}
          pagination={false}
          dataSource={change.data.rows}
          scroll={{ x: true }}
          columns={[
            groupTitle,
            { title: 'n', render: (_: unknown, r: ChangeRow) => `${r.baseline.n} → ${r.followup.n}` },
            { title: t('change'), align: 'right', render: (_: unknown, r: ChangeRow) => pct(r.change) },
            {
              title: t('interval'),
              render: (_: unknown, r: ChangeRow) => (r.change === null ? '' : `${pct(r.ciLow)} – ${pct(r.ciHigh)}`),
            },
            {
              title: t('svPHolm'),
              align: 'right',
              render: (_: unknown, r: ChangeRow) => (r.pHolm === null ? '' : r.pHolm.toPrecision(2)),
            },
            {
              title: t('verdict'),
              render: (_: unknown, r: ChangeRow) =>
                r.suppressed ? (
                  <Tag>{t('notPublished')}</Tag>
                ) : (
                  <Space wrap>
                    {r.verdict && <Tag color={VERDICTS[r.verdict]}>{t(`svVerdict_${r.verdict}`)}</Tag>}
                    {r.nearCeiling && <Tag color="orange">{t('svNearCeiling')}</Tag>}
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('svMethod')}
      </Typography.Paragraph>
    </Card>
  );
}

/** How many respondents a wave needs to show a change (the same formula as bdg survey sample-size). */
function SampleSize() {
  const { t, tf } = useT();
  const [q, setQ] = useState({ mean: 55, sd: 15, change: 0.1, deff: 2 });
  const r = useQuery({
    queryKey: ['sample-size', q],
    queryFn: () => api.get<{ perWave: number; formula: string }>(`/api/surveys/sample-size?${qs(q)}`),
  });
  const field = (key: keyof typeof q, label: StringKey, step: number) => (
    <Space direction="vertical" size={0}>
      <label htmlFor={`sample-${key}`}>
        <Typography.Text type="secondary">{t(label)}</Typography.Text>
      </label>
      <InputNumber
        id={`sample-${key}`}
        value={q[key]}
        step={step}
        decimalSeparator={decimalSign()}
        onChange={(v) => v !== null && setQ({ ...q, [key]: v })}
      />
    </Space>
  );
  return (
    <Card title={t('svSampleSize')} size="small">
      <Space wrap align="end">
        {field('mean', 'svBaselineScore', 1)}
        {field('sd', 'svSd', 1)}
        {field('change', 'svChangeToDetect', 0.01)}
        {field('deff', 'svDeff', 0.1)}
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="sample-size">
          {r.data ? tf('svPerWave', { n: r.data.perWave.toLocaleString(numberLocale()) }) : '—'}
        </Typography.Title>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('svSampleFormula')}; {t('svPower')}
      </Typography.Paragraph>
    </Card>
  );
}

/** Every formula behind the figures of this page (docs/surveys.md says the same at length). */
function Formulas() {
  const { t } = useT();
  const items: [StringKey, StringKey][] = [
    ['svF_score', 'svF_scoreText'],
    ['svF_mean', 'svF_meanText'],
    ['svF_se', 'svF_seText'],
    ['svF_ci', 'svF_ciText'],
    ['svF_deff', 'svF_deffText'],
    ['svF_raking', 'svF_rakingText'],
    ['svF_change', 'svF_changeText'],
    ['svF_verdict', 'svF_verdictText'],
    ['svF_groups', 'svF_groupsText'],
    ['svF_small', 'svF_smallText'],
  ];
  return (
    <Card title={t('svFormulas')} size="small">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={items.map(([label, text]) => ({ key: label, label: t(label), children: t(text) }))}
      />
    </Card>
  );
}

export function SurveysPage({ user }: { user: User }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Instruments user={user} />
      <Waves user={user} />
      <Results />
      <SampleSize />
      <Formulas />
    </Space>
  );
}
