import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Grid,
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
import { pagesOf, PhoneCards } from '../components/PhoneCards.tsx';
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
import { useT, type StringKey } from '../i18n.tsx';
import { fmtDecimal, fmtNumber } from '../format.ts';

const THIS_YEAR = dayjs().year();

function Assessments({ user }: { user: User }) {
  const { message } = App.useApp();
  const { t, label } = useT();
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
      title={t('mAssessmentsTitle')}
      extra={
        <Space wrap>
          <InputNumber value={year} min={2021} max={2030} onChange={(v) => v && setYear(v)} aria-label={t('mYear')} />
          {(isOffice(user) || user.role === 'reporter') && (
            <>
              <div style={{ minWidth: 240 }}>
                <UnitSelect
                  id="assessment-unit"
                  kinds="media"
                  value={unitId}
                  onChange={setUnitId}
                  ariaLabel={t('mAgency')}
                />
              </div>
              <Button
                type="primary"
                disabled={unitId === null || !canWriteFor(user, unitId, 'media_assessment')}
                onClick={open}
                data-testid="open-assessment"
              >
                {t('mOpenAssessment')}
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
            title: t('mBody'),
            dataIndex: 'unitName',
            render: (v: string, a: Assessment) => <a onClick={() => go(`media/assessments/${a.id}`)}>{v}</a>,
          },
          {
            title: t('mStatus'),
            dataIndex: 'status',
            render: (s: Assessment['status']) => <RecordStatusTag status={s} />,
          },
          {
            title: t('mLevel'),
            render: (_: unknown, a: Assessment) => <Tag color={LEVEL_COLORS[a.level.code]}>{label(a.level)}</Tag>,
          },
          {
            title: t('mScoresAB'),
            render: (_: unknown, a: Assessment) =>
              [...a.scores.categories.map((c) => c.score), a.scores.overall]
                .map((s) => (s === null ? '—' : fmtDecimal(s)))
                .join(' / '),
          },
          {
            title: t('mMissingForNext'),
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
  const { t } = useT();
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
      title={t('mExercises')}
      extra={
        <Space wrap>
          <a href="/api/media/stories/template.xlsx">{t('mTemplate')}</a>
          {exercises.data?.[0] && (isOffice(user) || user.role === 'reporter') && (
            <ImportButton url={`/api/media/stories/import?exerciseId=${exercises.data[0].id}`} />
          )}
        </Space>
      }
    >
      {isOffice(user) && (
        <Form onKeyDown={keepEnterInField} form={form} layout="inline" onFinish={create} style={{ marginBottom: 12 }}>
          <Form.Item
            htmlFor="exercise-name"
            name="name"
            rules={[{ required: true, message: t('mExerciseNameRequired') }]}
          >
            <Input placeholder={t('mExerciseName')} id="exercise-name" />
          </Form.Item>
          <Form.Item name="dates" rules={[{ required: true, message: t('mDatesRequired') }]}>
            <DatePicker.RangePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Button htmlType="submit">{t('mCreateExercise')}</Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={exercises.data ?? []}
        columns={[
          { title: t('mExerciseCol'), dataIndex: 'name' },
          {
            title: t('mDates'),
            render: (_: unknown, e) =>
              `${dayjs(e.startDate).format('DD/MM/YYYY')} – ${dayjs(e.endDate).format('DD/MM/YYYY')}`,
          },
          { title: t('mStories'), dataIndex: 'stories' },
          { title: t('mChecks'), dataIndex: 'checks' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('mImportHelp')}
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
  const { t, tf, label } = useT();
  const phone = !Grid.useBreakpoint().md;
  const [page, setPage] = useState(1);
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
  const deletable = isOffice(user) || user.role === 'reporter';
  const deleteLink = (s: StoryItem) =>
    deletable ? (
      <Popconfirm title={t('mDeleteStory')} onConfirm={() => remove(s)}>
        <a>{t('mDelete')}</a>
      </Popconfirm>
    ) : null;
  const items = stories.data?.items ?? [];
  // on a phone, a card per story (a nine-column table wraps a word per line there)
  if (phone)
    return (
      <Card size="small" title={tf('mCodedStories', { n: stories.data?.total ?? 0 })}>
        <PhoneCards
          testId="stories-table"
          loading={stories.isLoading}
          pagination={pagesOf(page, setPage, items.length)}
          cards={items.slice((page - 1) * 20, page * 20).map((s) => ({
            key: s.id,
            title: `${s.id}. ${s.headline}`,
            status: s.stereotype ? <Tag color="orange">{t('mVar_stereotype')}</Tag> : null,
            details: [
              dayjs(s.date).format('DD/MM/YYYY'),
              s.unitName,
              label(codes.data?.TOPICS[s.topic], s.topic),
              `${t('mPeople')}: ${s.people}`,
              s.checkOf === null ? null : `${t('mCheckOfCol')} ${s.checkOf}`,
            ],
            evidence: [],
            actions: deleteLink(s),
          }))}
        />
      </Card>
    );
  return (
    <Card size="small" title={tf('mCodedStories', { n: stories.data?.total ?? 0 })}>
      <Table
        size="small"
        rowKey="id"
        loading={stories.isLoading}
        dataSource={stories.data?.items ?? []}
        data-testid="stories-table"
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('mNumber'), dataIndex: 'id', width: 70 },
          { title: t('mDate'), dataIndex: 'date', render: (d: string) => dayjs(d).format('DD/MM/YYYY'), width: 100 },
          { title: t('mBody'), dataIndex: 'unitName' },
          { title: t('mHeadline'), dataIndex: 'headline' },
          { title: t('mTopic'), dataIndex: 'topic', render: (c: string) => label(codes.data?.TOPICS[c], c) },
          { title: t('mPeople'), dataIndex: 'people', width: 70 },
          {
            title: t('mStereotypeChallenge'),
            render: (_: unknown, s: StoryItem) =>
              `${s.stereotype ? t('mYes') : '—'} / ${s.challengesStereotypes ? t('mYes') : '—'}`,
          },
          { title: t('mCoder'), dataIndex: 'coder', render: (c: string | null) => c ?? t('mByCommandLine') },
          { title: t('mCheckOfCol'), dataIndex: 'checkOf', render: (c: number | null) => c ?? '' },
          { title: '', render: (_: unknown, s: StoryItem) => deleteLink(s) },
        ]}
      />
    </Card>
  );
}

const DIMENSIONS: [string, StringKey][] = [
  ['function', 'mDimFunction'],
  ['occupation', 'mDimOccupation'],
  ['topic_group', 'mDimTopicGroup'],
  ['medium', 'mDimMedium'],
  ['agency', 'mDimAgency'],
  ['exercise', 'mDimExercise'],
  ['age_band', 'mDimAgeBand'],
];

const interval = (w: Wilson) => (w.low === null ? '—' : `${pct(w.low)} – ${pct(w.high)}`);

function AnalysisTab() {
  const exercises = useExercises();
  const { t, tf, tOr, lang } = useT();
  const keyName = (k: { label: string; en: string }) => (lang === 'en' ? k.en : k.label);
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
  const coef = (x: number | null) => (x === null ? t('mUndefined') : fmtNumber(x, 3));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('mWomenShareTitle')}
        extra={
          <Space wrap>
            <InputNumber
              value={year}
              min={2021}
              max={2030}
              onChange={setYear}
              placeholder={t('mAllYears')}
              aria-label={t('mYear')}
            />
            <Select
              allowClear
              placeholder={t('mAllExercises')}
              aria-label={t('mExercise')}
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
              options={DIMENSIONS.map(([value, key]) => ({ value, label: t(key) }))}
              aria-label={t('mBreakdown')}
              data-testid="analysis-by"
            />
            <a href={`/api/media/analysis?${params}&format=xlsx`}>{t('mDownloadXlsx')}</a>
          </Space>
        }
      >
        {d && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="analysis-overall"
            title={
              tf('mOverall', {
                share: pct(d.overall.share),
                k: d.overall.k,
                n: d.overall.n,
                ci: interval(d.overall),
              }) +
              (d.overall.unknown ? `; ${tf('mUnknownSex', { n: d.overall.unknown })}` : '') +
              `. ${lang === 'en' ? d.reference.en : d.reference.label}.`
            }
            description={tf('mStoriesLine', {
              reporters: pct(d.stories.womenReporters.share),
              rn: d.stories.womenReporters.n,
              challenge: pct(d.stories.challenge.share),
              stereotype: pct(d.stories.stereotype.share),
              stories: d.stories.stories,
            })}
          />
        )}
        {by.length === 1 && rows.length > 0 && (
          <Chart
            // a row per group, each readable: room for every name, none skipped
            height={80 + rows.length * 32}
            option={{
              grid: { left: 200, right: 40, top: 20, bottom: 40 },
              tooltip: {},
              xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
              yAxis: {
                type: 'category',
                data: rows.map((r) => r.keys.map(keyName).join(' · ')),
                axisLabel: { interval: 0 },
                // the table's order, top to bottom
                inverse: true,
              },
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
              title: tOr(DIMENSIONS.find(([code]) => code === b.dimension)?.[1] ?? '', b.label),
              render: (_: unknown, r: Analysis['rows'][number]) => (r.keys[i] ? keyName(r.keys[i]) : ''),
            })),
            { title: t('mWomen'), dataIndex: 'k' },
            { title: t('mKnownSex'), dataIndex: 'n' },
            { title: t('mUnknown'), dataIndex: 'unknown' },
            {
              title: t('mWomenShare'),
              render: (_: unknown, r: Wilson) => (
                <span>
                  {pct(r.share)} {r.small && <Tag color="orange">{'n < 30'}</Tag>}
                </span>
              ),
            },
            { title: t('mWilson'), render: (_: unknown, r: Wilson) => interval(r) },
          ]}
        />
      </Card>
      <Card size="small" title={tf('mAgreementTitle', { n: agreement.data?.stories ?? 0 })}>
        <Table
          size="small"
          rowKey="variable"
          pagination={false}
          dataSource={agreement.data?.variables ?? []}
          columns={[
            { title: t('mVariable'), dataIndex: 'variable', render: (v: string) => tOr(`mVar_${v}`, v) },
            { title: t('mUnits'), dataIndex: 'units' },
            { title: t('mCoders'), dataIndex: 'coders' },
            { title: t('mKappa'), dataIndex: 'cohenKappa', render: coef },
            { title: t('mAlpha'), dataIndex: 'krippendorffAlpha', render: coef },
          ]}
        />
      </Card>
    </Space>
  );
}

function SetTab({ user }: { user: User }) {
  const { message } = App.useApp();
  const { t, tf, tOr, label } = useT();
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
        note: t('mEditedInUi'),
      });
      message.success(r.changed ? tf('mSavedVersion', { n: r.version }) : t('mNoChange'));
      setError(null);
      setYaml(null);
      await qc.invalidateQueries({ queryKey: ['media-set'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (!s) return null;
  return (
    <Card size="small" title={tf('mSetTitle', { name: label(s.set.name), edition: s.set.edition, version: s.version })}>
      <Typography.Paragraph type="secondary">
        {t('mSources')}: {s.set.sources.join('; ')}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('mScoring')}: {s.formula}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <b>{t('mPilot')}:</b> {s.set.levels.pilot.vi}. <b>{t('mOfficial')}:</b> {s.set.levels.official.vi}.
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={s.set.indicators}
        scroll={{ x: true }}
        columns={[
          { title: t('mCode'), dataIndex: 'code', width: 70 },
          { title: t('mIndicator'), render: (_: unknown, i: IndicatorSet['indicators'][number]) => label(i) },
          {
            title: t('mMeasure'),
            dataIndex: 'measure',
            width: 140,
            render: (m: string) => tOr(`mMeasure_${m}`, m),
          },
          { title: t('mVerification'), dataIndex: 'verification' },
          {
            title: t('mEvidence'),
            dataIndex: 'evidenceRequired',
            render: (v: boolean) => (v ? t('mRequired') : ''),
          },
        ]}
      />
      {isOffice(user) && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('mEditSet')}</Typography.Title>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8, whiteSpace: 'pre-wrap' }} />}
          <Input.TextArea
            rows={16}
            style={{ fontFamily: 'monospace' }}
            value={yaml ?? s.yaml}
            onChange={(e) => setYaml(e.target.value)}
            data-testid="set-yaml"
          />
          <Button type="primary" style={{ marginTop: 8 }} onClick={save} disabled={yaml === null}>
            {t('mSaveVersion')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** Media agencies: self-assessment, content monitoring (coding, analysis, agreement), the indicator set. */
export function MediaPage({ user, tab }: { user: User; tab?: string | undefined }) {
  const { t } = useT();
  return (
    <Tabs
      activeKey={tab ?? 'assessments'}
      onChange={(k) => go(`media/${k}`)}
      items={[
        { key: 'assessments', label: t('mTabAssessments'), children: <Assessments user={user} /> },
        {
          key: 'coding',
          label: t('mTabCoding'),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Exercises user={user} />
              {(isOffice(user) || user.role === 'reporter') && <CodingForm />}
              <Stories user={user} />
            </Space>
          ),
        },
        { key: 'analysis', label: t('mTabAnalysis'), children: <AnalysisTab /> },
        { key: 'set', label: t('mTabSet'), children: <SetTab user={user} /> },
      ]}
    />
  );
}
