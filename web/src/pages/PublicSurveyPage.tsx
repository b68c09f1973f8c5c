import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Input, Radio, Result, Segmented, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { checkResponse } from '../../../src/core/surveys/answers.ts';
import { textIn, type Question } from '../../../src/core/surveys/xlsform.ts';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import type { Instrument } from '../surveys.ts';

type Answers = Record<string, string | string[]>;

/** ${name} in a label, replaced by the answer given so far. */
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\$\{([A-Za-z_][\w.-]*)\}/gu, (_, n: string) => values[n] ?? '…');

/**
 * The public web form of a survey wave (#/khao-sat/TOKEN): no sign-in, one question after another on a
 * phone's width, in Vietnamese or English. Which questions show, and what is wrong with an answer, come from
 * the same code the server runs again on submission (src/core/surveys/answers.ts), so the two never disagree.
 */
export function PublicSurveyPage({ token }: { token: string }) {
  const { lang } = useT();
  const t = useT().t;
  const [language, setLanguage] = useState<'vi' | 'en'>(lang);
  const [answers, setAnswers] = useState<Answers>({});
  const [shown, setShown] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useQuery({
    queryKey: ['public-survey', token],
    queryFn: () =>
      api.get<{ wave: { name: string; endDate: string }; form: Instrument }>(`/api/public/surveys/${token}`),
    retry: false,
  });
  const today = dayjs().format('YYYY-MM-DD');
  const checked = useMemo(
    () => (form.data ? checkResponse(form.data.form, answers, { today, language }) : null),
    [form.data, answers, today, language],
  );
  if (form.isLoading) return <Spin style={{ margin: 80 }} />;
  if (form.error || !form.data)
    return (
      <Result
        status="404"
        title="Biểu mẫu không tồn tại hoặc đã đóng"
        subTitle="The form does not exist or is closed"
      />
    );
  if (sent) return <Result status="success" title={t('thanks')} data-testid="survey-thanks" />;
  const f = form.data.form;
  const text = (q: Question, field: 'label' | 'hint') =>
    fill(textIn(q[field], language, f.defaultLanguage), checked!.values);
  const set = (name: string, value: string | string[]) => {
    setAnswers((a) => ({ ...a, [name]: value }));
    setShown((s) => {
      const { [name]: _gone, ...rest } = s;
      return rest;
    });
  };
  const submit = async () => {
    setError(null);
    if (Object.keys(checked!.problems).length) {
      setShown(checked!.problems);
      setError(t('fixAnswers'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/public/surveys/${token}/responses`, { answers: checked!.values, language });
      setSent(true);
    } catch (e) {
      if (e instanceof ApiError && e.body.fields) setShown(e.body.fields);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const input = (q: Question) => {
    const v = answers[q.name];
    if (q.type === 'select_one' || q.type === 'select_multiple') {
      const choices = (f.choices[q.list!] ?? []).map((c) => ({
        value: c.name,
        label: fill(textIn(c.label, language, f.defaultLanguage), checked!.values),
      }));
      return q.type === 'select_one' ? (
        <Radio.Group
          value={v}
          onChange={(e) => set(q.name, e.target.value as string)}
          style={{ display: 'grid', gap: 8 }}
        >
          {choices.map((c) => (
            <Radio key={c.value} value={c.value} style={{ padding: '6px 0' }}>
              {c.label}
            </Radio>
          ))}
        </Radio.Group>
      ) : (
        <Checkbox.Group
          value={(v as string[]) ?? []}
          onChange={(x) => set(q.name, x as string[])}
          style={{ display: 'grid', gap: 8 }}
        >
          {choices.map((c) => (
            <Checkbox key={c.value} value={c.value} style={{ padding: '6px 0' }}>
              {c.label}
            </Checkbox>
          ))}
        </Checkbox.Group>
      );
    }
    const inputMode = q.type === 'integer' ? 'numeric' : q.type === 'decimal' ? 'decimal' : undefined;
    return (
      <Input
        size="large"
        type={q.type === 'date' ? 'date' : 'text'}
        inputMode={inputMode}
        value={(v as string) ?? ''}
        onChange={(e) => set(q.name, e.target.value)}
        maxLength={q.type === 'text' ? 2000 : 40}
        aria-label={text(q, 'label')}
      />
    );
  };
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {f.title}
        </Typography.Title>
        <Segmented
          value={language}
          onChange={(v) => setLanguage(v as 'vi' | 'en')}
          options={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary">
        {form.data.wave.name} · đến {dayjs(form.data.wave.endDate).format('DD/MM/YYYY')} · không cần đăng nhập, không
        ghi tên
      </Typography.Paragraph>
      {f.questions
        .filter((q) => checked!.relevant.has(q.name) && !['calculate', 'metadata'].includes(q.type))
        .map((q) =>
          q.type === 'begin_group' ? (
            <Typography.Title key={q.name} level={5} style={{ marginTop: 20 }}>
              {text(q, 'label')}
            </Typography.Title>
          ) : q.type === 'note' ? (
            <Typography.Paragraph key={q.name}>{text(q, 'label')}</Typography.Paragraph>
          ) : (
            <Card key={q.name} size="small" style={{ marginBottom: 10 }} data-testid={`q-${q.name}`}>
              <Typography.Text strong>
                {text(q, 'label')}
                {q.required && <span style={{ color: '#cf1322' }}> *</span>}
              </Typography.Text>
              {text(q, 'hint') && <div style={{ color: '#888', fontSize: 13 }}>{text(q, 'hint')}</div>}
              <div style={{ marginTop: 8 }}>{input(q)}</div>
              {shown[q.name] && (
                <Typography.Text type="danger" data-testid={`problem-${q.name}`}>
                  {shown[q.name]}
                </Typography.Text>
              )}
            </Card>
          ),
        )}
      {error && <Alert type="error" title={error} style={{ margin: '12px 0' }} />}
      <Button type="primary" size="large" block loading={busy} onClick={submit} data-testid="submit-survey">
        {t('submitAnswers')}
      </Button>
    </div>
  );
}
