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
import { useT } from '../i18n.tsx';
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

const num = (x: number | null, digits = 1) =>
  x === null ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${num(x * 100)}%`);
const GROUPS = {
  sex: 'Giới tính',
  age_group: 'Nhóm tuổi',
  area: 'Thành thị, nông thôn',
  ethnicity: 'Dân tộc',
  target_group: 'Nhóm đối tượng',
};

function useWaves() {
  return useQuery({ queryKey: ['survey-waves'], queryFn: () => api.get<WaveItem[]>('/api/surveys/waves') });
}

/** An XLSForm and its scoring (YAML) as a new instrument version; every problem shown as the server names it. */
function CustomInstrument({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [scoring, setScoring] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    if (!file) return setError('Chọn tệp XLSForm (.xlsx)');
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
    <Modal open={open} title="Đăng ký bộ câu hỏi riêng" onCancel={onClose} onOk={save} okText="Đăng ký" width={720}>
      {error && <Alert type="error" title={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{error}</pre>} />}
      <Typography.Paragraph>
        XLSForm (trang survey, choices, settings; settings phải có form_id và version) và quy tắc tính điểm viết bằng
        YAML — xem docs/surveys.md và instruments/bdg-nhan-thuc/scoring.yaml.
      </Typography.Paragraph>
      <input type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <Input.TextArea
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
                Đăng ký bộ câu hỏi riêng
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
          { title: 'Mã', dataIndex: 'formId' },
          { title: 'Phiên bản', dataIndex: 'version' },
          { title: 'Tên', dataIndex: 'title' },
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
    <Modal open={open} title={t('newWave')} onCancel={onClose} onOk={() => form.submit()} okText="Lưu">
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Form
        onKeyDown={keepEnterInField}
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ year: dayjs().year() }}
      >
        <Form.Item name="name" label="Tên đợt" rules={[{ required: true, message: 'Nhập tên đợt' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="year" label="Năm" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="instrumentId"
          label={t('instruments')}
          rules={[{ required: true, message: 'Chọn bộ câu hỏi' }]}
        >
          <Select
            options={(instruments.data ?? []).map((i) => ({ value: i.id, label: `${i.title} (${i.version})` }))}
          />
        </Form.Item>
        <Form.Item name="days" label="Thời gian" rules={[{ required: true, message: 'Chọn ngày bắt đầu và kết thúc' }]}>
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
        <Typography.Text strong>
          Thiết kế mẫu (để trống nếu là mẫu ngẫu nhiên đơn giản hoặc biểu mẫu công khai)
        </Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          <Form.Item name="strata" label="Cột tầng">
            <Input placeholder="stratum" maxLength={100} />
          </Form.Item>
          <Form.Item name="cluster" label="Cột cụm">
            <Input placeholder="cluster" maxLength={100} />
          </Form.Item>
          <Form.Item name="weight" label="Cột trọng số">
            <Input placeholder="weight" maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item
          name="margins"
          label="Biên tổng thể để hiệu chỉnh (mỗi dòng: câu hỏi,lựa chọn,tổng số)"
          extra="Ví dụ: sex,female,612000 — dùng cùng biên cho mọi đợt để so sánh được"
        >
          <Input.TextArea rows={4} placeholder={'sex,female,612000\nsex,male,588000'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Waves({ user }: { user: User }) {
  const { t } = useT();
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
          { title: 'Đợt', dataIndex: 'name' },
          { title: 'Năm', dataIndex: 'year' },
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
            render: (n: number) => <span data-testid="wave-responses">{n.toLocaleString('vi-VN')}</span>,
          },
          {
            title: t('publicForm'),
            render: (_: unknown, w: WaveItem) =>
              w.publicToken ? (
                <Typography.Link href={publicLink(w.publicToken)} copyable={{ text: publicLink(w.publicToken) }}>
                  #/khao-sat/{w.publicToken}
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
                  ? `${w.invitations.answered.toLocaleString('vi-VN')} / ${w.invitations.invited.toLocaleString('vi-VN')}`
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
            <Typography.Text>
              Đã nhập {report.created}; bỏ qua {report.skipped} bản ghi đã có.
            </Typography.Text>
            <Typography.Text>
              Khớp: {report.report.matched.map((m) => `${m.column} → ${m.question}`).join(', ')}
            </Typography.Text>
            <Typography.Text>Cột của công cụ thu thập: {report.report.tool.join(', ') || '—'}</Typography.Text>
            <Typography.Text type={report.report.notMatched.length ? 'warning' : undefined}>
              Không khớp (không nhập): {report.report.notMatched.join(', ') || '—'}
            </Typography.Text>
            <Typography.Text type={report.report.missing.length ? 'warning' : undefined}>
              Câu hỏi không có cột: {report.report.missing.join(', ') || '—'}
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
    render: (_: unknown, r: { labels: Record<string, string> }) => Object.values(r.labels).join(', ') || 'Chung',
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
          options={[
            { value: 'overall', label: 'Điểm chung' },
            { value: 'knowledge', label: 'Hiểu biết pháp luật' },
            { value: 'norms', label: 'Quan niệm giới' },
          ]}
        />
        <Select
          aria-label={t('groupBy')}
          mode="multiple"
          style={{ minWidth: 200 }}
          maxCount={2}
          value={by}
          onChange={setBy}
          options={Object.entries(GROUPS).map(([value, label]) => ({ value, label }))}
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
          option={changeChart(change.data.rows, [
            options.find((o) => o.value === baseline)?.label ?? t('baselineWave'),
            options.find((o) => o.value === waveId)?.label ?? t('followupWave'),
          ])}
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
              title: 'p (Holm)',
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
                    {r.verdict && <Tag color={VERDICTS[r.verdict].color}>{VERDICTS[r.verdict].vi}</Tag>}
                    {r.nearCeiling && <Tag color="orange">Đầu kỳ đã gần mức trần</Tag>}
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        Trung bình có trọng số, sai số theo thiết kế mẫu (tầng, cụm), khoảng tin cậy 95%; thay đổi là tỷ số hai trung
        bình − 1 (phương pháp delta trên log). "Đạt" chỉ khi cận dưới của khoảng tin cậy đạt chỉ tiêu. Công thức:
        docs/surveys.md.
      </Typography.Paragraph>
    </Card>
  );
}

/** How many respondents a wave needs to show a change (the same formula as bdg survey sample-size). */
function SampleSize() {
  const [q, setQ] = useState({ mean: 55, sd: 15, change: 0.1, deff: 2 });
  const r = useQuery({
    queryKey: ['sample-size', q],
    queryFn: () => api.get<{ perWave: number; formula: string }>(`/api/surveys/sample-size?${qs(q)}`),
  });
  const field = (key: keyof typeof q, label: string, step: number) => (
    <Space direction="vertical" size={0}>
      <label htmlFor={`sample-${key}`}>
        <Typography.Text type="secondary">{label}</Typography.Text>
      </label>
      <InputNumber
        id={`sample-${key}`}
        value={q[key]}
        step={step}
        decimalSeparator=","
        onChange={(v) => v !== null && setQ({ ...q, [key]: v })}
      />
    </Space>
  );
  return (
    <Card title="Cỡ mẫu cần cho mỗi đợt" size="small">
      <Space wrap align="end">
        {field('mean', 'Điểm đầu kỳ', 1)}
        {field('sd', 'Độ lệch chuẩn', 1)}
        {field('change', 'Thay đổi cần phát hiện (0,1 = +10%)', 0.01)}
        {field('deff', 'Hiệu ứng thiết kế', 0.1)}
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="sample-size">
          {r.data ? `${r.data.perWave.toLocaleString('vi-VN')} người mỗi đợt` : '—'}
        </Typography.Title>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {r.data?.formula}; lực kiểm định 80%, mức ý nghĩa 5%, hai phía.
      </Typography.Paragraph>
    </Card>
  );
}

/** Every formula behind the figures of this page (docs/surveys.md says the same at length). */
function Formulas() {
  const items = [
    [
      'Điểm',
      'mỗi thang 0–100; câu hiểu biết: đúng 100, sai hoặc "không biết" 0; câu quan niệm: (v − ' +
        'min)/(max − min)·100, câu đảo chiều lấy max + min − v; chỉ tính khi trả lời ≥ 80% số câu ' +
        'của thang',
    ],
    ['Trung bình', 'ȳ = Σwᵢyᵢ / Σwᵢ trên người trả lời của nhóm, ước lượng trên toàn bộ thiết kế mẫu'],
    [
      'Sai số chuẩn',
      'tuyến tính hoá Taylor: zᵢ = wᵢ(yᵢ − ȳ)/Σw trong nhóm, 0 ngoài nhóm; ' +
        'Var = Σ_h n_h/(n_h − 1)·Σ_c (z_hc − z̄_h)² theo cụm c trong tầng h (chọn có hoàn lại)',
    ],
    ['KTC 95%', 'ȳ ± 1,959964·SE'],
    ['Hiệu ứng thiết kế', 'SE² / (s²/n), s² = n/(n − 1)·Σwᵢ(yᵢ − ȳ)²/Σwᵢ'],
    [
      'Hiệu chỉnh (raking)',
      'trọng số nhân lần lượt theo từng biên đến khi khớp tổng thể; sai số tính lại theo phép ' +
        'hiệu chỉnh (như gói survey của R)',
    ],
    [
      'Thay đổi',
      'b/a − 1; KTC theo phương pháp delta trên log: exp(log(b/a) ± z·√(SE_b²/b² + SE_a²/a²)) − ' +
        '1; khoảng Fieller bên cạnh',
    ],
    ['Kết luận', '"Đạt" chỉ khi cận dưới của KTC ≥ chỉ tiêu; "giảm" khi cả khoảng < 0; còn lại "chưa chứng minh được"'],
    ['Nhiều nhóm', 'p của giả thuyết "không đổi" = 2Φ(−|log(b/a)|/s), hiệu chỉnh Holm trên các nhóm cùng bảng'],
    [
      'Ô nhỏ',
      'nhóm dưới 30 người trả lời (ở một trong hai đợt): chỉ hiện n, không công bố số liệu; đầu ' +
        'kỳ > 85 điểm: cảnh báo mức trần',
    ],
  ];
  return (
    <Card title="Công thức" size="small">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={items.map(([label, children]) => ({ key: label, label, children }))}
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
