import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { fold, useExercises, useMediaCodes, type MediaCodes } from '../media.ts';
import { keepEnterInField } from '../components/formProtection.ts';
import { useT, type Lang } from '../i18n.tsx';
import type { Label } from '../api.ts';

interface Person {
  sex: string;
  function: string | undefined;
  occupation: string;
  ageBand: string;
  victim: string;
  flags: string[];
}

const NEW_PERSON: Person = {
  sex: 'unknown',
  function: undefined,
  occupation: 'unknown',
  ageBand: 'unknown',
  victim: 'no',
  flags: [],
};
const REMEMBERED = 'bdg-coding-last';

/** What the form keeps from one story to the next (the coder's exercise, agency, medium and date). */
interface Kept {
  exerciseId?: number;
  unitId?: number;
  medium?: string;
  date?: string;
}
const readKept = (): Kept => {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED) ?? '{}') as Kept;
  } catch {
    return {};
  }
};

const options = (list: Record<string, Label>, lang: Lang) =>
  Object.entries(list).map(([value, l]) => ({ value, label: l[lang] }));
const search = {
  filterOption: (input: string, o?: { label?: unknown }) => fold(String(o?.label ?? '')).includes(fold(input)),
};

function PersonRow({
  i,
  p,
  codes,
  onChange,
  onRemove,
}: {
  i: number;
  p: Person;
  codes: MediaCodes;
  onChange: (p: Person) => void;
  onRemove: () => void;
}) {
  const { t, tf, lang } = useT();
  return (
    <Row gutter={8} align="middle" style={{ marginBottom: 8 }} data-testid={`person-${i + 1}`}>
      <Col xs={24} md={1}>
        <b>{i + 1}.</b>
      </Col>
      <Col xs={12} md={3}>
        <Select
          id={`person-${i + 1}-sex`}
          style={{ width: '100%' }}
          value={p.sex}
          options={options(codes.SEXES, lang)}
          aria-label={t('mPersonSex')}
          showSearch={search}
          onChange={(sex) => onChange({ ...p, sex })}
        />
      </Col>
      <Col xs={12} md={5}>
        <Select
          id={`person-${i + 1}-function`}
          style={{ width: '100%' }}
          placeholder={t('mPersonFunction')}
          aria-label={t('mPersonFunction')}
          value={p.function}
          options={options(codes.FUNCTIONS, lang)}
          showSearch={search}
          onChange={(f) => onChange({ ...p, function: f })}
        />
      </Col>
      <Col xs={12} md={5}>
        <Select
          id={`person-${i + 1}-occupation`}
          style={{ width: '100%' }}
          value={p.occupation}
          options={options(codes.OCCUPATIONS, lang)}
          aria-label={t('mDimOccupation')}
          showSearch={search}
          onChange={(occupation) => onChange({ ...p, occupation })}
        />
      </Col>
      <Col xs={12} md={3}>
        <Select
          style={{ width: '100%' }}
          value={p.ageBand}
          options={options(codes.AGE_BANDS, lang)}
          aria-label={t('mDimAgeBand')}
          onChange={(ageBand) => onChange({ ...p, ageBand })}
        />
      </Col>
      <Col xs={12} md={3}>
        <Select
          style={{ width: '100%' }}
          value={p.victim}
          options={options(codes.VICTIM, lang)}
          aria-label={t('mPersonVictim')}
          onChange={(victim) => onChange({ ...p, victim })}
        />
      </Col>
      <Col xs={24} md={3}>
        <Checkbox.Group
          value={p.flags}
          onChange={(flags) => onChange({ ...p, flags: flags as string[] })}
          options={codes.personFlags.map(([value, vi, en]) => ({ value, label: lang === 'en' ? en : vi }))}
        />
      </Col>
      <Col xs={24} md={1}>
        <Button size="small" danger onClick={onRemove} aria-label={tf('mRemovePerson', { n: i + 1 })}>
          ×
        </Button>
      </Col>
    </Row>
  );
}

/**
 * The coding form, built for speed: keyboard only (Tab between fields, type to choose, Alt+N adds a person,
 * Ctrl+Enter saves), people added inline, the exercise, agency, medium and date kept for the next story.
 */
export function CodingForm() {
  const { message } = App.useApp();
  const { t, tf, lang } = useT();
  const qc = useQueryClient();
  const codes = useMediaCodes();
  const exercises = useExercises();
  const kept = readKept();
  const [exerciseId, setExerciseId] = useState<number | undefined>(kept.exerciseId);
  const [unitId, setUnitId] = useState<number | undefined>(kept.unitId);
  const [medium, setMedium] = useState<string | undefined>(kept.medium);
  const [date, setDate] = useState<string | undefined>(kept.date);
  const [headline, setHeadline] = useState('');
  const [topic, setTopic] = useState<string | undefined>();
  const [scope, setScope] = useState('local');
  const [reporterSex, setReporterSex] = useState('unknown');
  const [flags, setFlags] = useState<string[]>([]);
  const [body, setBody] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const [checkOf, setCheckOf] = useState<number | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [last, setLast] = useState<{
    id: number;
    suggestion: { stereotype: boolean; spans: { text: string; message: string }[] };
  } | null>(null);
  const [hint, setHint] = useState<{ text: string; message: string }[] | null>(null);
  const headlineRef = useRef<{ focus: () => void } | null>(null);
  /** The screener reads the text (or the headline) as soon as the coder leaves the field: a suggestion only. */
  const screen = async () => {
    const text = body.trim() || headline.trim();
    if (!text) return setHint(null);
    const r = await api.post<{ findings: { text: string; message: string; category: string }[] }>('/api/screen', {
      text,
    });
    setHint(r.findings.filter((f) => f.category === 'stereotype' || f.category === 'discrimination'));
  };
  const addPerson = () => setPeople((p) => [...p, { ...NEW_PERSON }]);

  const save = async () => {
    const payload = {
      checkOf,
      exerciseId,
      unitId,
      medium,
      date,
      headline,
      topic,
      scope,
      reporterSex,
      body: body || undefined,
      ...Object.fromEntries(codes.data!.storyFlags.map(([f]) => [f, flags.includes(f)])),
      people: people.map((p) => ({
        sex: p.sex,
        function: p.function,
        occupation: p.occupation,
        ageBand: p.ageBand,
        victim: p.victim,
        ...Object.fromEntries(codes.data!.personFlags.map(([f]) => [f, p.flags.includes(f)])),
      })),
    };
    try {
      const r = await api.post<{ id: number; suggestion: NonNullable<typeof last>['suggestion'] }>(
        '/api/media/stories',
        payload,
      );
      localStorage.setItem(REMEMBERED, JSON.stringify({ exerciseId, unitId, medium, date }));
      setLast(r);
      setProblems({});
      setHeadline('');
      setTopic(undefined);
      setFlags([]);
      setBody('');
      setPeople([]);
      setHint(null);
      setCheckOf(null);
      setReporterSex('unknown');
      message.success(tf('mStorySaved', { n: r.id }));
      await qc.invalidateQueries({ queryKey: ['media-stories'] });
      await qc.invalidateQueries({ queryKey: ['media-analysis'] });
      headlineRef.current?.focus();
    } catch (e) {
      if (e instanceof ApiError && e.body.fields) setProblems(e.body.fields);
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'Enter') {
        e.preventDefault();
        void saveRef.current();
      }
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        setPeople((p) => [...p, { ...NEW_PERSON }]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!codes.data) return null;
  const c = codes.data;
  const topicOptions = Object.entries(c.TOPIC_GROUPS).map(([g, gl]) => ({
    label: gl[lang],
    options: Object.entries(c.TOPICS)
      .filter(([, topic]) => topic.group === g)
      .map(([value, topic]) => ({ value, label: topic[lang] })),
  }));
  const err = (f: string) => (problems[f] ? { validateStatus: 'error' as const, help: problems[f] } : {});
  return (
    <Card title={t('mCodingTitle')}>
      <Typography.Paragraph type="secondary">{t('mKeyboard')}</Typography.Paragraph>
      <Form onKeyDown={keepEnterInField} layout="vertical" onFinish={save}>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item htmlFor="coding-exercise" label={t('mExercise')} required {...err('exerciseId')}>
              <Select
                id="coding-exercise"
                value={exerciseId}
                onChange={setExerciseId}
                options={(exercises.data ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.name} (${dayjs(e.startDate).format('DD/MM/YYYY')})`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item htmlFor="coding-unit" label={t('mAgency')} required {...err('unitId')}>
              <UnitSelect
                id="coding-unit"
                kinds="media"
                value={unitId ?? null}
                onChange={(v) => setUnitId(v ?? undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="coding-medium" label={t('mMedium')} required {...err('medium')}>
              <Select
                id="coding-medium"
                value={medium}
                onChange={setMedium}
                options={options(c.MEDIUMS, lang)}
                showSearch={search}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="coding-date" label={t('mPublished')} required {...err('date')}>
              <DatePicker
                id="coding-date"
                format="DD/MM/YYYY"
                style={{ width: '100%' }}
                value={date ? dayjs(date) : null}
                onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item htmlFor="coding-headline" label={t('mHeadline')} required {...err('headline')}>
              <Input
                id="coding-headline"
                ref={(r) => {
                  headlineRef.current = r;
                }}
                value={headline}
                onChange={(e) => setHeadline(e.target.value)}
                onBlur={() => void screen()}
                autoFocus
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item htmlFor="coding-topic" label={t('mTopic')} required {...err('topic')}>
              <Select id="coding-topic" value={topic} onChange={setTopic} options={topicOptions} showSearch={search} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item htmlFor="coding-scope" label={t('mScope')}>
              <Select id="coding-scope" value={scope} onChange={setScope} options={options(c.SCOPES, lang)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item htmlFor="coding-reporter-sex" label={t('mReporter')}>
              <Select
                id="coding-reporter-sex"
                value={reporterSex}
                onChange={setReporterSex}
                options={options(c.SEXES, lang)}
                showSearch={search}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Checkbox.Group
              value={flags}
              onChange={(v) => setFlags(v as string[])}
              options={c.storyFlags.map(([value, vi, en]) => ({ value, label: lang === 'en' ? en : vi }))}
            />
          </Col>
          <Col xs={24} md={6} style={{ marginTop: 12 }}>
            <Form.Item htmlFor="coding-check-of" label={t('mCheckOf')} {...err('checkOf')} tooltip={t('mCheckOfHelp')}>
              <InputNumber
                id="coding-check-of"
                min={1}
                style={{ width: '100%' }}
                value={checkOf}
                onChange={setCheckOf}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={18} style={{ marginTop: 12 }}>
            <Form.Item htmlFor="coding-body" label={t('mStoryBody')}>
              <Input.TextArea
                id="coding-body"
                rows={2}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                onBlur={() => void screen()}
              />
            </Form.Item>
          </Col>
        </Row>
        {hint && hint.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="screener-hint"
            style={{ marginBottom: 12 }}
            title={tf('mScreenerHint', { quotes: hint.map((h) => `"${h.text}"`).join(', ') })}
            description={hint.map((h) => h.message).join(' · ')}
          />
        )}
        <Typography.Title level={5}>{tf('mPeopleInStory', { n: people.length })}</Typography.Title>
        {people.map((p, i) => (
          <PersonRow
            key={i}
            i={i}
            p={p}
            codes={c}
            onChange={(np) => setPeople((all) => all.map((x, j) => (j === i ? np : x)))}
            onRemove={() => setPeople((all) => all.filter((_, j) => j !== i))}
          />
        ))}
        {Object.keys(problems).some((k) => k.startsWith('people')) && (
          <Alert
            type="error"
            title={Object.entries(problems)
              .filter(([k]) => k.startsWith('people'))
              .map(([, v]) => v)
              .join(' · ')}
          />
        )}
        <Space wrap style={{ marginTop: 8 }}>
          <Button onClick={addPerson} data-testid="add-person">
            {t('mAddPerson')}
          </Button>
          <Button type="primary" htmlType="submit" data-testid="save-story">
            {t('mSaveStory')}
          </Button>
        </Space>
      </Form>
      {last && (
        <Alert
          style={{ marginTop: 12 }}
          type={last.suggestion.stereotype ? 'warning' : 'info'}
          data-testid="screener-suggestion"
          title={
            last.suggestion.stereotype ? tf('mSuggestStereotype', { n: last.id }) : tf('mSuggestNone', { n: last.id })
          }
          description={last.suggestion.spans.map((s) => `"${s.text}": ${s.message}`).join(' · ') || undefined}
        />
      )}
    </Card>
  );
}
