import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, type User } from '../api.ts';
import { EvidenceUpload, type EvidenceRef } from '../components/EvidenceUpload.tsx';
import { HistoryModal, RecordStatusTag, WorkflowActions } from '../components/Workflow.tsx';
import { canWriteFor } from '../hooks.ts';
import { LEVEL_COLORS, type Answer, type Assessment, type SetIndicator } from '../media.ts';
import { useT } from '../i18n.tsx';
import { fmtDecimal, decimalSign } from '../format.ts';

type Draft = Record<string, { value: Answer['value']; note: string; reason: string }>;

const draftOf = (a: Assessment): Draft =>
  Object.fromEntries(
    Object.entries(a.answers).map(([code, x]) => [
      code,
      { value: x.value, note: x.note ?? '', reason: x.reason ?? '' },
    ]),
  );

/** One indicator's answer: yes/partly/no, a percentage, a number, or a computed figure with its n. */
function AnswerInput({
  ind,
  answer,
  computed,
  value,
  onChange,
  disabled,
}: {
  ind: SetIndicator;
  answer: Answer | undefined;
  computed: { value: number | null; n: number; days: number } | undefined;
  value: Draft[string];
  onChange: (v: Draft[string]) => void;
  disabled: boolean;
}) {
  const { t, tf } = useT();
  const id = `answer-${ind.code.replace('.', '-')}`;
  if (ind.measure === 'yes_partly_no')
    return (
      <Radio.Group
        id={id}
        disabled={disabled}
        value={value.value}
        onChange={(e) => onChange({ ...value, value: e.target.value })}
        options={[
          { value: 'yes', label: t('mYes') },
          { value: 'partly', label: t('mPartly') },
          { value: 'no', label: t('mNo') },
        ]}
      />
    );
  const input = (
    <InputNumber
      id={id}
      disabled={disabled}
      min={0}
      max={ind.measure === 'number' ? undefined : 100}
      precision={ind.measure === 'number' ? 0 : 1}
      decimalSeparator={decimalSign()}
      suffix={ind.measure === 'number' ? undefined : '%'}
      value={typeof value.value === 'number' ? value.value : null}
      onChange={(v) => onChange({ ...value, value: v === null ? null : Number(v) })}
    />
  );
  if (ind.measure !== 'monitoring') return input;
  const changed = computed?.value !== null && computed?.value !== undefined && value.value !== computed.value;
  return (
    <Space orientation="vertical" size={2}>
      <Typography.Text type="secondary" data-testid={`computed-${ind.code}`}>
        {computed && computed.value !== null
          ? tf('mFromMonitoring', {
              value: fmtDecimal(computed.value),
              n: computed.n,
              days: computed.days,
            })
          : t('mNoCodedStories')}
      </Typography.Text>
      {input}
      {changed && (
        <Input
          id={`${id}-reason`}
          disabled={disabled}
          placeholder={t('mOverrideReason')}
          value={value.reason}
          onChange={(e) => onChange({ ...value, reason: e.target.value })}
          status={value.reason.trim() ? undefined : 'error'}
        />
      )}
      {answer?.from === 'manual' && answer.reason && (
        <Typography.Text type="warning">
          {t('mOverridden')}: {answer.reason}
        </Typography.Text>
      )}
    </Space>
  );
}

/** An agency's self-assessment of a year: answers by group, evidence, scores with the formula, the level and why. */
export function AssessmentPage({ id, user }: { id: number; user: User }) {
  const { message } = App.useApp();
  const { t, tf, label } = useT();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['assessment', id],
    queryFn: () => api.get<Assessment>(`/api/media/assessments/${id}`),
  });
  const [draft, setDraft] = useState<Draft>({});
  const [evidence, setEvidence] = useState<Record<string, EvidenceRef[]>>({});
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [history, setHistory] = useState(false);
  const a = q.data;
  useEffect(() => {
    if (!a) return;
    setDraft(draftOf(a));
    setNote(a.note ?? '');
    const byIndicator: Record<string, EvidenceRef[]> = {};
    for (const e of a.evidence) (byIndicator[e.indicator] ??= []).push({ sha256: e.sha256, name: e.name });
    setEvidence(byIndicator);
  }, [a]);
  if (!a || !a.set) return <Spin />;
  const set = a.set;
  const editable = (a.status === 'draft' || a.status === 'returned') && canWriteFor(user, a.unitId, 'media_assessment');
  const save = async () => {
    try {
      const answers = Object.fromEntries(
        Object.entries(draft).map(([code, d]) => [
          code,
          { value: d.value, note: d.note || null, reason: d.reason || null },
        ]),
      );
      await api.put(`/api/media/assessments/${id}`, {
        version: a.version,
        answers,
        note,
        evidence: Object.entries(evidence).flatMap(([indicator, files]) => files.map((f) => ({ indicator, ...f }))),
      });
      setProblems({});
      message.success(t('mSaved'));
      await qc.invalidateQueries({ queryKey: ['assessment', id] });
    } catch (e) {
      if (e instanceof ApiError && e.body.fields) setProblems(e.body.fields);
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const criteria = (level: 'pilot' | 'official') => (
    <List
      size="small"
      header={<b>{set.levels[level].vi}</b>}
      dataSource={a.level.criteria[level]}
      renderItem={(c) => (
        <List.Item data-testid={`criterion-${level}`}>
          <Tag color={c.met ? 'green' : 'red'}>{c.met ? t('mMet') : t('mNotMet')}</Tag> {c.text}
        </List.Item>
      )}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title={tf('mAssessmentTitle', { year: a.year, unit: a.unitName })}>
        {/* in the body, not the card's header: on a phone the header's extra pushed the title out */}
        <Space wrap style={{ marginBottom: 12 }}>
          <RecordStatusTag status={a.status} />
          <Tag color={LEVEL_COLORS[a.level.code]} data-testid="assessment-level">
            {tf('mLevelIs', { level: label(a.level) })}
          </Tag>
          <WorkflowActions session={a} kind="media_assessment" user={user} />
          <a onClick={() => setHistory(true)}>{t('mHistory')}</a>
        </Space>
        <HistoryModal sessionId={history ? id : null} kind="media_assessment" onClose={() => setHistory(false)} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('mSetUsed')}>
            {tf('mSetUsedValue', { name: label(set.name), edition: set.edition, version: a.setVersion })}
          </Descriptions.Item>
          <Descriptions.Item label={t('mMonitoringYear')}>
            {tf('mMonitoringValue', {
              stories: a.monitoring.stories,
              days: a.monitoring.days,
              exercises: a.monitoring.exercises,
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('mOverallScore')}>
            <b data-testid="overall-score">{a.scores.overall === null ? '—' : fmtDecimal(a.scores.overall)}</b>
            /100
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('mGroupScores')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={[
                ...a.scores.groups,
                ...a.scores.categories.map((c) => ({ ...c, code: tf('mCategory', { code: c.code }) })),
              ]}
              columns={[
                {
                  title: t('mGroup'),
                  dataIndex: 'code',
                  render: (c: string) => `${c} ${label(set.groups.find((g) => g.code === c))}`,
                },
                { title: t('mAnswered'), render: (_: unknown, g) => `${g.answered}/${g.total}` },
                {
                  title: t('mScore'),
                  dataIndex: 'score',
                  render: (s: number | null) => (s === null ? '—' : fmtDecimal(s)),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="score-formula">
              {t('mHowComputed')}: {a.scores.formula}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('mLevelsCriteria')} size="small">
            {criteria('pilot')}
            {criteria('official')}
          </Card>
        </Col>
      </Row>
      {Object.keys(problems).length > 0 && (
        <Alert type="error" showIcon title={t('mNotSaved')} description={Object.values(problems).join(' · ')} />
      )}
      {set.groups.map((g) => (
        <Card key={g.code} size="small" title={`${g.code}. ${label(g)}`}>
          {set.indicators
            .filter((i) => i.code.split('.')[0] === g.code)
            .map((ind) => {
              const d = draft[ind.code] ?? { value: null, note: '', reason: '' };
              const problem = problems[`answers.${ind.code}`] ?? problems[`answers.${ind.code}.reason`];
              return (
                <Row key={ind.code} gutter={[12, 8]} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Col xs={24} md={10}>
                    <b>{ind.code}</b> {label(ind)}
                    <br />
                    <Typography.Text type="secondary">
                      {t('mVerification')}: {ind.verification}
                    </Typography.Text>
                    {problem && (
                      <>
                        <br />
                        <Typography.Text type="danger">{problem}</Typography.Text>
                      </>
                    )}
                  </Col>
                  <Col xs={24} md={8}>
                    <AnswerInput
                      ind={ind}
                      answer={a.answers[ind.code]}
                      computed={ind.monitoring ? a.monitoring.figures[ind.monitoring] : undefined}
                      value={d}
                      disabled={!editable}
                      onChange={(v) => setDraft((prev) => ({ ...prev, [ind.code]: v }))}
                    />
                    <Input.TextArea
                      id={`note-${ind.code.replace('.', '-')}`}
                      style={{ marginTop: 6 }}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      placeholder={t('mNotePlaceholder')}
                      disabled={!editable}
                      value={d.note}
                      onChange={(e) => setDraft((prev) => ({ ...prev, [ind.code]: { ...d, note: e.target.value } }))}
                    />
                  </Col>
                  <Col xs={24} md={6}>
                    {editable ? (
                      <EvidenceUpload
                        value={evidence[ind.code] ?? []}
                        onChange={(next) =>
                          setEvidence((prev) => ({ ...prev, [ind.code]: next(prev[ind.code] ?? []) }))
                        }
                      />
                    ) : (
                      (evidence[ind.code] ?? []).map((f) => (
                        <div key={f.sha256}>
                          <a href={`/api/files/${f.sha256}`}>{f.name}</a>
                        </div>
                      ))
                    )}
                    {ind.evidenceRequired && <Tag color="orange">{t('mEvidenceNeeded')}</Tag>}
                  </Col>
                </Row>
              );
            })}
        </Card>
      ))}
      <Card size="small" title={t('mNote')}>
        <Input.TextArea rows={3} value={note} disabled={!editable} onChange={(e) => setNote(e.target.value)} />
      </Card>
      {editable && (
        <Button type="primary" onClick={save} data-testid="assessment-save">
          {t('mSaveAssessment')}
        </Button>
      )}
    </Space>
  );
}
