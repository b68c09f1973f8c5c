import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, qs, type User } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { ImportButton } from '../components/ImportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { RecordStatusTag } from '../components/Workflow.tsx';
import { canWriteFor, isOffice } from '../hooks.ts';
import {
  LEVEL_COLORS,
  pct,
  useExercises,
  useMediaCodes,
  type Analysis,
  type Assessment,
  type IndicatorSet,
  type Wilson,
} from '../media.ts';
import { go } from '../router.ts';
import { CodingForm } from './CodingForm.tsx';
import { keepEnterInField } from '../components/formProtection.ts';

const THIS_YEAR = dayjs().year();

function Assessments({ user }: { user: User }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(THIS_YEAR);
  const [unitId, setUnitId] = useState<number | null>(user.role === 'reporter' ? user.unitId : null);
  const list = useQuery({
    queryKey: ['media-assessments', year],
    queryFn: () => api.get<Assessment[]>(`/api/media/assessments?year=${year}`),
  });
  const open = async () => {
    try {
      const a = await api.post<Assessment>('/api/media/assessments', { unitId, year });
      go(`media/assessments/${a.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card
      title="Tự đánh giá theo Bộ chỉ số về giới trong truyền thông"
      extra={
        <Space wrap>
          <InputNumber value={year} min={2021} max={2030} onChange={(v) => v && setYear(v)} aria-label="Năm" />
          {(isOffice(user) || user.role === 'reporter') && (
            <>
              <div style={{ minWidth: 240 }}>
                <UnitSelect
                  id="assessment-unit"
                  kinds="media"
                  value={unitId}
                  onChange={setUnitId}
                  ariaLabel="Cơ quan báo chí"
                />
              </div>
              <Button
                type="primary"
                disabled={unitId === null || !canWriteFor(user, unitId, 'media_assessment')}
                onClick={open}
                data-testid="open-assessment"
              >
                Mở bản tự đánh giá
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="assessments-table"
        scroll={{ x: true }}
        columns={[
          {
            title: 'Cơ quan',
            dataIndex: 'unitName',
            render: (v: string, a: Assessment) => <a onClick={() => go(`media/assessments/${a.id}`)}>{v}</a>,
          },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            render: (s: Assessment['status']) => <RecordStatusTag status={s} />,
          },
          {
            title: 'Mức áp dụng',
            render: (_: unknown, a: Assessment) => <Tag color={LEVEL_COLORS[a.level.code]}>{a.level.vi}</Tag>,
          },
          {
            title: 'Điểm A / B / chung',
            render: (_: unknown, a: Assessment) =>
              [...a.scores.categories.map((c) => c.score), a.scores.overall]
                .map((s) => (s === null ? '—' : String(s).replace('.', ',')))
                .join(' / '),
          },
          {
            title: 'Chưa đạt để lên mức tiếp',
            render: (_: unknown, a: Assessment) =>
              a.level.criteria[a.level.code === 'none' ? 'pilot' : 'official']
                .filter((c) => !c.met)
                .map((c) => c.text)
                .join('; ') || '—',
          },
        ]}
      />
    </Card>
  );
}

function Exercises({ user }: { user: User }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const exercises = useExercises();
  const [form] = Form.useForm();
  const create = async (v: { name: string; dates: [dayjs.Dayjs, dayjs.Dayjs]; media?: string[] }) => {
    try {
      await api.post('/api/media/exercises', {
        name: v.name,
        startDate: v.dates?.[0]?.format('YYYY-MM-DD'),
        endDate: v.dates?.[1]?.format('YYYY-MM-DD'),
        media: v.media ?? [],
      });
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['media-exercises'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      title="Đợt giám sát"
      extra={
        <Space wrap>
          <a href="/api/media/stories/template.xlsx">Tải mẫu Excel mã hoá</a>
          {exercises.data?.[0] && (isOffice(user) || user.role === 'reporter') && (
            <ImportButton url={`/api/media/stories/import?exerciseId=${exercises.data[0].id}`} />
          )}
        </Space>
      }
    >
      {isOffice(user) && (
        <Form onKeyDown={keepEnterInField} form={form} layout="inline" onFinish={create} style={{ marginBottom: 12 }}>
          <Form.Item htmlFor="exercise-name" name="name" rules={[{ required: true, message: 'Nhập tên đợt' }]}>
            <Input placeholder="Tên đợt giám sát" id="exercise-name" />
          </Form.Item>
          <Form.Item name="dates" rules={[{ required: true, message: 'Chọn ngày' }]}>
            <DatePicker.RangePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Button htmlType="submit">Tạo đợt</Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={exercises.data ?? []}
        columns={[
          { title: 'Đợt', dataIndex: 'name' },
          {
            title: 'Ngày',
            render: (_: unknown, e) =>
              `${dayjs(e.startDate).format('DD/MM/YYYY')} – ${dayjs(e.endDate).format('DD/MM/YYYY')}`,
          },
          { title: 'Tin bài', dataIndex: 'stories' },
          { title: 'Mã hoá lần hai', dataIndex: 'checks' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        Tệp nhập vào đợt mới nhất; mỗi dòng một người trong tin, các dòng cùng số thứ tự là một tin bài.
      </Typography.Paragraph>
    </Card>
  );
}

interface StoryItem {
  id: number;
  version: number;
  unitName: string;
  date: string;
  headline: string;
  topic: string;
  stereotype: boolean;
  challengesStereotypes: boolean;
  checkOf: number | null;
  coder: string | null;
  people: number;
}

/** The latest coded stories (with their numbers, for coding one again), deletable by who may write them. */
function Stories({ user }: { user: User }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const codes = useMediaCodes();
  const stories = useQuery({
    queryKey: ['media-stories'],
    queryFn: () => api.get<{ total: number; items: StoryItem[] }>('/api/media/stories?limit=100'),
  });
  const remove = async (s: StoryItem) => {
    try {
      await api.del(`/api/media/stories/${s.id}?version=${s.version}`);
      await qc.invalidateQueries({ queryKey: ['media-stories'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={`Tin bài đã mã hoá (${stories.data?.total ?? 0}; 100 gần nhất)`}>
      <Table
        size="small"
        rowKey="id"
        loading={stories.isLoading}
        dataSource={stories.data?.items ?? []}
        data-testid="stories-table"
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: 'Số', dataIndex: 'id', width: 70 },
          { title: 'Ngày', dataIndex: 'date', render: (d: string) => dayjs(d).format('DD/MM/YYYY'), width: 100 },
          { title: 'Cơ quan', dataIndex: 'unitName' },
          { title: 'Tiêu đề', dataIndex: 'headline' },
          { title: 'Chủ đề', dataIndex: 'topic', render: (t: string) => codes.data?.TOPICS[t]?.vi ?? t },
          { title: 'Người', dataIndex: 'people', width: 70 },
          {
            title: 'Định kiến / thách thức',
            render: (_: unknown, s: StoryItem) =>
              `${s.stereotype ? 'Có' : '—'} / ${s.challengesStereotypes ? 'Có' : '—'}`,
          },
          { title: 'Người mã hoá', dataIndex: 'coder', render: (c: string | null) => c ?? 'dòng lệnh' },
          { title: 'Mã hoá lần hai của', dataIndex: 'checkOf', render: (c: number | null) => c ?? '' },
          {
            title: '',
            render: (_: unknown, s: StoryItem) =>
              isOffice(user) || user.role === 'reporter' ? (
                <Popconfirm title="Xoá tin bài này?" onConfirm={() => remove(s)}>
                  <a>Xoá</a>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

const DIMENSIONS = [
  ['function', 'Vai trò trong tin'],
  ['occupation', 'Nghề nghiệp'],
  ['topic_group', 'Nhóm chủ đề'],
  ['medium', 'Loại hình'],
  ['agency', 'Cơ quan báo chí'],
  ['exercise', 'Đợt giám sát'],
  ['age_band', 'Độ tuổi'],
] as const;

const interval = (w: Wilson) => (w.low === null ? '—' : `${pct(w.low)} – ${pct(w.high)}`);

/** The variables of intercoder agreement, as the coding form names them. */
const VARIABLE_LABELS: Record<string, string> = {
  medium: 'Loại hình',
  topic: 'Chủ đề',
  scope: 'Phạm vi',
  reporter_sex: 'Giới tính phóng viên, người dẫn',
  about_women: 'Tập trung vào phụ nữ',
  highlights_inequality: 'Nêu bật bất bình đẳng giới',
  challenges_stereotypes: 'Thách thức định kiến giới',
  stereotype: 'Có định kiến, khuôn mẫu giới',
  refers_to_law: 'Nhắc tới luật, chính sách bình đẳng giới',
  people: 'Số người trong tin',
  'person.sex': 'Người trong tin: giới tính',
  'person.age_band': 'Người trong tin: độ tuổi',
  'person.occupation': 'Người trong tin: nghề',
  'person.function': 'Người trong tin: vai trò',
  'person.family_role': 'Người trong tin: nêu vai trò gia đình',
  'person.victim': 'Người trong tin: nạn nhân',
  'person.quoted': 'Người trong tin: trích dẫn trực tiếp',
};

function AnalysisTab() {
  const exercises = useExercises();
  // the year of the latest exercise by default (the current year may have no monitoring yet)
  const [chosenYear, setYear] = useState<number | null | undefined>(undefined);
  const latest = exercises.data?.[0]?.startDate;
  const year = chosenYear === undefined ? (latest ? Number(latest.slice(0, 4)) : THIS_YEAR) : chosenYear;
  const [exerciseId, setExerciseId] = useState<number | undefined>();
  const [by, setBy] = useState<string[]>(['function']);
  const params = qs({ year: year ?? undefined, exerciseId, by: by.join(',') });
  const a = useQuery({
    queryKey: ['media-analysis', params],
    enabled: exercises.isFetched,
    queryFn: () => api.get<Analysis>(`/api/media/analysis?${params}`),
  });
  const agreement = useQuery({
    queryKey: ['media-agreement', exerciseId],
    queryFn: () =>
      api.get<{
        stories: number;
        variables: {
          variable: string;
          units: number;
          coders: number;
          cohenKappa: number | null;
          krippendorffAlpha: number | null;
        }[];
      }>(`/api/media/agreement?${qs({ exerciseId })}`),
  });
  const d = a.data;
  const rows = d?.rows ?? [];
  const coef = (x: number | null) => (x === null ? 'không xác định' : x.toFixed(3).replace('.', ','));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title="Tỷ lệ nữ trong số người xuất hiện trong tin"
        extra={
          <Space wrap>
            <InputNumber value={year} min={2021} max={2030} onChange={setYear} placeholder="Mọi năm" aria-label="Năm" />
            <Select
              allowClear
              placeholder="Mọi đợt"
              style={{ minWidth: 200 }}
              value={exerciseId}
              onChange={setExerciseId}
              options={(exercises.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
            />
            <Select
              mode="multiple"
              maxCount={3}
              style={{ minWidth: 260 }}
              value={by}
              onChange={setBy}
              options={DIMENSIONS.map(([value, label]) => ({ value, label }))}
              data-testid="analysis-by"
            />
            <a href={`/api/media/analysis?${params}&format=xlsx`}>Tải XLSX</a>
          </Space>
        }
      >
        {d && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="analysis-overall"
            title={`Chung: nữ ${pct(d.overall.share)} (${d.overall.k}/${d.overall.n}; khoảng tin cậy 95% ${interval(d.overall)})${d.overall.unknown ? `; ${d.overall.unknown} người không rõ giới tính, tính riêng` : ''}. ${d.reference.label}.`}
            description={`Nữ phóng viên, người dẫn: ${pct(d.stories.womenReporters.share)} (n = ${d.stories.womenReporters.n}); tin bài thách thức định kiến: ${pct(d.stories.challenge.share)}; có định kiến: ${pct(d.stories.stereotype.share)} (n = ${d.stories.stories} tin bài).`}
          />
        )}
        {by.length === 1 && rows.length > 0 && (
          <Chart
            height={Math.max(200, rows.length * 28)}
            option={{
              grid: { left: 200, right: 40 },
              tooltip: {},
              xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
              yAxis: { type: 'category', data: rows.map((r) => r.keys.map((k) => k.label).join(' · ')) },
              series: [
                {
                  type: 'bar',
                  data: rows.map((r) => ({ value: r.share ?? 0, itemStyle: { opacity: r.small ? 0.45 : 1 } })),
                  markLine: {
                    symbol: 'none',
                    label: { formatter: 'GMMP 2025: 26%' },
                    data: [{ xAxis: d?.reference.share ?? 0.26 }],
                  },
                },
              ],
            }}
          />
        )}
        <Table<Analysis['rows'][number]>
          size="small"
          rowKey={(r) => r.keys.map((k) => k.code).join('|')}
          dataSource={rows}
          data-testid="analysis-table"
          scroll={{ x: true }}
          pagination={{ pageSize: 50 }}
          columns={[
            ...(d?.by ?? []).map((b, i) => ({
              title: b.label,
              render: (_: unknown, r: Analysis['rows'][number]) => r.keys[i]?.label,
            })),
            { title: 'Nữ', dataIndex: 'k' },
            { title: 'n (rõ giới tính)', dataIndex: 'n' },
            { title: 'Không rõ', dataIndex: 'unknown' },
            {
              title: 'Tỷ lệ nữ',
              render: (_: unknown, r: Wilson) => (
                <span>
                  {pct(r.share)} {r.small && <Tag color="orange">n &lt; 30</Tag>}
                </span>
              ),
            },
            { title: 'Khoảng tin cậy 95% (Wilson)', render: (_: unknown, r: Wilson) => interval(r) },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`Độ tin cậy giữa người mã hoá (${agreement.data?.stories ?? 0} tin bài được mã hoá hai lần)`}
      >
        <Table
          size="small"
          rowKey="variable"
          pagination={false}
          dataSource={agreement.data?.variables ?? []}
          columns={[
            { title: 'Biến', dataIndex: 'variable', render: (v: string) => VARIABLE_LABELS[v] ?? v },
            { title: 'Số đơn vị', dataIndex: 'units' },
            { title: 'Người mã hoá', dataIndex: 'coders' },
            { title: "Cohen's kappa", dataIndex: 'cohenKappa', render: coef },
            { title: "Krippendorff's alpha", dataIndex: 'krippendorffAlpha', render: coef },
          ]}
        />
      </Card>
    </Space>
  );
}

function SetTab({ user }: { user: User }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const set = useQuery({
    queryKey: ['media-set'],
    queryFn: () => api.get<{ version: number; set: IndicatorSet; yaml: string; formula: string }>('/api/media/set'),
  });
  const [yaml, setYaml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = set.data;
  const save = async () => {
    try {
      const r = await api.post<{ version: number; changed: boolean }>('/api/media/set', {
        yaml: yaml ?? s?.yaml,
        expectedVersion: s?.version,
        note: 'Sửa trên giao diện',
      });
      message.success(r.changed ? `Đã lưu phiên bản ${r.version}` : 'Không có thay đổi');
      setError(null);
      setYaml(null);
      await qc.invalidateQueries({ queryKey: ['media-set'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (!s) return null;
  return (
    <Card size="small" title={`${s.set.name.vi} — bản ${s.set.edition}, phiên bản ${s.version}`}>
      <Typography.Paragraph type="secondary">Nguồn: {s.set.sources.join('; ')}</Typography.Paragraph>
      <Typography.Paragraph>Cách chấm điểm: {s.formula}</Typography.Paragraph>
      <Typography.Paragraph>
        <b>Thí điểm:</b> {s.set.levels.pilot.vi}. <b>Chính thức:</b> {s.set.levels.official.vi}.
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={s.set.indicators}
        scroll={{ x: true }}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 70 },
          { title: 'Chỉ số', dataIndex: 'vi' },
          { title: 'Đo bằng', dataIndex: 'measure', width: 140 },
          { title: 'Kiểm chứng', dataIndex: 'verification' },
          { title: 'Minh chứng', dataIndex: 'evidenceRequired', render: (v: boolean) => (v ? 'Bắt buộc' : '') },
        ]}
      />
      {isOffice(user) && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>Sửa bộ chỉ số (YAML; lưu thành phiên bản mới)</Typography.Title>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8, whiteSpace: 'pre-wrap' }} />}
          <Input.TextArea
            rows={16}
            style={{ fontFamily: 'monospace' }}
            value={yaml ?? s.yaml}
            onChange={(e) => setYaml(e.target.value)}
            data-testid="set-yaml"
          />
          <Button type="primary" style={{ marginTop: 8 }} onClick={save} disabled={yaml === null}>
            Lưu phiên bản mới
          </Button>
        </div>
      )}
    </Card>
  );
}

/** Media agencies: self-assessment, content monitoring (coding, analysis, agreement), the indicator set. */
export function MediaPage({ user, tab }: { user: User; tab?: string | undefined }) {
  return (
    <Tabs
      activeKey={tab ?? 'assessments'}
      onChange={(k) => go(`media/${k}`)}
      items={[
        { key: 'assessments', label: 'Tự đánh giá', children: <Assessments user={user} /> },
        {
          key: 'coding',
          label: 'Mã hoá tin bài',
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Exercises user={user} />
              {(isOffice(user) || user.role === 'reporter') && <CodingForm />}
              <Stories user={user} />
            </Space>
          ),
        },
        { key: 'analysis', label: 'Phân tích nội dung', children: <AnalysisTab /> },
        { key: 'set', label: 'Bộ chỉ số', children: <SetTab user={user} /> },
      ]}
    />
  );
}
