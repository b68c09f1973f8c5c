import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { checkResponse, textIn } from '../../../src/core/surveys/answers.ts';
import { usesRegex } from '../../../src/core/surveys/regex.ts';
import type { Instrument, Question } from '../../../src/core/surveys/xlsform.ts';
import { answerOf, api, ApiError } from '../api.ts';
import { useLang, useT } from '../i18n-public.ts';
import './public-survey.css';

type Answers = Record<string, string | string[]>;
interface PublicForm {
  wave: { name: string; endDate: string };
  form: Instrument;
  /** present when the link is an invitation (one answer) */
  invitation?: { answered: boolean };
}
/** What the phone keeps of an unfinished answer sheet, so a reload or a lost connection loses nothing. */
interface Draft {
  instanceId: string;
  answers: Answers;
}

/** ${name} in a label, replaced by the answer given so far. */
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\$\{([A-Za-z_][\w.-]*)\}/gu, (_, n: string) => values[n] ?? '…');

const pad = (n: number) => String(n).padStart(2, '0');
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const dayMonthYear = (iso: string) => iso.split('-').reverse().join('/');

/** 32 random hex digits: crypto.randomUUID needs HTTPS, getRandomValues does not. */
const newInstanceId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const draftKey = (token: string) => `bdg-survey:${token}`;
function readDraft(token: string): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(draftKey(token)) ?? 'null') as Draft | null;
    if (saved && typeof saved.instanceId === 'string' && saved.answers) return saved;
  } catch {
    // private browsing or a damaged entry: start afresh
  }
  return { instanceId: newInstanceId(), answers: {} };
}
function saveDraft(token: string, draft: Draft | null) {
  try {
    if (draft) localStorage.setItem(draftKey(token), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(token));
  } catch {
    // storage full or refused: the form still works, only without keeping answers over a reload
  }
}

/** The browser's own control for a type, where it has one (a phone shows its date, time or number pad). */
const HTML_INPUT: Partial<Record<Question['type'], { type: string; inputMode?: 'numeric' | 'decimal' }>> = {
  integer: { type: 'text', inputMode: 'numeric' },
  decimal: { type: 'text', inputMode: 'decimal' },
  range: { type: 'number', inputMode: 'decimal' },
  date: { type: 'date' },
  time: { type: 'time' },
  datetime: { type: 'datetime-local' },
};

/**
 * The public web form of a survey wave (#/khao-sat/TOKEN): no sign-in, one question after another on a
 * phone's width, in Vietnamese or English. Which questions show, and what is wrong with an answer, come from
 * the same code the server runs again on submission (src/core/surveys/answers.ts), so the two never disagree.
 * Built for a slow connection: plain HTML controls and a small style sheet (it is its own entry, web/src/
 * survey-main.tsx, without the staff client's component library); answers kept on the phone until sent; a
 * repeat of a send that timed out is recognised by the server (the sheet's instance id), never stored twice.
 */
export function PublicSurveyPage({ token, questions }: { token: string; questions?: Promise<Response> }) {
  const { t } = useT();
  // the page's language switch is the app's: every text of the page follows it
  const { lang: language, setLang: setLanguage } = useLang();
  const [draft, setDraft] = useState<Draft>(() => readDraft(token));
  const [shown, setShown] = useState<Record<string, string>>({});
  const [loaded, setLoaded] = useState<PublicForm | 'missing' | 'offline' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // read once, whatever how often the effect below runs
  const prefetched = useMemo(() => questions?.then((res) => answerOf<PublicForm>(res)), [questions]);
  useEffect(() => {
    let live = true;
    // the first attempt uses the request the page's first script already made (boot.ts)
    (prefetched && attempt === 0 ? prefetched : api.get<PublicForm>(`/api/public/surveys/${token}`))
      .then(async (data) => {
        if (usesRegex(data.form)) await import('../../../src/core/surveys/re2.ts');
        return data;
      })
      .then(
        (data) => live && setLoaded(data),
        (e: unknown) => live && setLoaded(e instanceof ApiError ? 'missing' : 'offline'),
      );
    return () => {
      live = false;
    };
  }, [token, attempt, prefetched]);
  useEffect(() => saveDraft(token, sent ? null : draft), [token, draft, sent]);
  const form = loaded && typeof loaded === 'object' ? loaded.form : null;
  const checked = useMemo(
    () => (form ? checkResponse(form, draft.answers, { today: localToday(), language }) : null),
    [form, draft.answers, language],
  );

  const page = (body: ReactNode) => (
    <main className="ps" lang={language}>
      {body}
    </main>
  );
  if (loaded === null) return page(<p className="ps-wait">{t('surveyLoading')}</p>);
  if (loaded === 'missing')
    return page(
      <div className="ps-result">
        <h1>{t('surveyMissing')}</h1>
      </div>,
    );
  if (loaded === 'offline')
    return page(
      <div className="ps-result">
        <p>{t('surveyOffline')}</p>
        <button type="button" className="ps-send" onClick={() => setAttempt((n) => n + 1)}>
          {t('tryAgain')}
        </button>
      </div>,
    );
  if (sent)
    return page(
      <div className="ps-result" data-testid="survey-thanks">
        <h1>{t('thanks')}</h1>
      </div>,
    );
  if (loaded.invitation?.answered)
    return page(
      <div className="ps-result" data-testid="invitation-used">
        <h1>{t('invitationUsed')}</h1>
      </div>,
    );
  const f = loaded.form;
  const values = checked!.values;
  const text = (q: Question, field: 'label' | 'hint') => fill(textIn(q[field], language, f.defaultLanguage), values);
  const set = (name: string, value: string | string[]) => {
    setDraft((d) => ({ ...d, answers: { ...d.answers, [name]: value } }));
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
      await api.post(`/api/public/surveys/${token}/responses`, {
        answers: values,
        language,
        instanceId: draft.instanceId,
      });
      setSent(true);
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.body.fields) setShown(e.body.fields);
        setError(e.message);
      } else setError(t('surveyNotSent'));
    } finally {
      setBusy(false);
    }
  };
  const input = (q: Question) => {
    const v = draft.answers[q.name];
    if (q.type === 'select_one' || q.type === 'select_multiple') {
      const many = q.type === 'select_multiple';
      const ticked = many ? ((v as string[] | undefined) ?? []) : [];
      return (
        <div className="ps-choices" role={many ? 'group' : 'radiogroup'} aria-label={text(q, 'label')}>
          {(f.choices[q.list!] ?? []).map((c) => (
            <label key={c.name} className="ps-choice">
              <input
                type={many ? 'checkbox' : 'radio'}
                name={q.name}
                value={c.name}
                checked={many ? ticked.includes(c.name) : v === c.name}
                onChange={(e) =>
                  set(
                    q.name,
                    many ? (e.target.checked ? [...ticked, c.name] : ticked.filter((x) => x !== c.name)) : c.name,
                  )
                }
              />
              <span>{fill(textIn(c.label, language, f.defaultLanguage), values)}</span>
            </label>
          ))}
        </div>
      );
    }
    if (q.type === 'acknowledge')
      return (
        <label className="ps-choice">
          <input type="checkbox" checked={v === 'OK'} onChange={(e) => set(q.name, e.target.checked ? 'OK' : '')} />
          <span>OK</span>
        </label>
      );
    if (q.type === 'media') return <p className="ps-hint">{t('surveyNoFiles')}</p>;
    const html = HTML_INPUT[q.type];
    return (
      <>
        <input
          className="ps-input"
          type={html?.type ?? 'text'}
          inputMode={q.digitsOnly ? 'numeric' : html?.inputMode}
          {...(q.range ? { min: Math.min(q.range.start, q.range.end), max: Math.max(q.range.start, q.range.end) } : {})}
          {...(q.range ? { step: q.range.step } : {})}
          value={(v as string | undefined) ?? ''}
          onChange={(e) => set(q.name, e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          maxLength={['text', 'geotrace', 'geoshape'].includes(q.type) ? 2000 : 80}
          aria-label={text(q, 'label')}
          aria-invalid={shown[q.name] ? true : undefined}
        />
        {q.type === 'geopoint' && 'geolocation' in navigator && (
          <button type="button" className="ps-small" onClick={() => locate(q.name)}>
            {t('useMyLocation')}
          </button>
        )}
      </>
    );
  };
  // the phone's position, written as ODK writes a point: latitude longitude altitude accuracy
  const locate = (name: string) =>
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => set(name, [coords.latitude, coords.longitude, coords.altitude ?? 0, coords.accuracy].join(' ')),
      () => setShown((s) => ({ ...s, [name]: t('noPosition') })),
      { enableHighAccuracy: true, timeout: 30_000 },
    );
  return page(
    <>
      <header className="ps-head">
        <h1>{f.title}</h1>
        <div className="ps-langs" role="group" aria-label={t('languageGroup')}>
          {(
            [
              ['vi', 'langNameVi'],
              ['en', 'langNameEn'],
            ] as const
          ).map(([code, name]) => (
            <button key={code} type="button" aria-pressed={language === code} onClick={() => setLanguage(code)}>
              {t(name)}
            </button>
          ))}
        </div>
      </header>
      <p className="ps-muted">
        {loaded.wave.name} · {t('until')} {dayMonthYear(loaded.wave.endDate)} ·{' '}
        {loaded.invitation ? t('surveyInvited') : t('surveyAnonymous')}
      </p>
      <p className="ps-muted">{t('surveyKept')}</p>
      {f.questions
        .filter((q) => checked!.relevant.has(q.name) && !['calculate', 'metadata'].includes(q.type))
        .map((q) =>
          q.type === 'begin_group' ? (
            <h2 key={q.name}>{text(q, 'label')}</h2>
          ) : q.type === 'note' ? (
            <p key={q.name}>{text(q, 'label')}</p>
          ) : (
            <section key={q.name} className="ps-q" data-testid={`q-${q.name}`}>
              <div className="ps-label">
                {text(q, 'label')}
                {q.required && (
                  <abbr className="ps-req" title={t('requiredMark')}>
                    {' '}
                    *
                  </abbr>
                )}
              </div>
              {text(q, 'hint') && <div className="ps-hint">{text(q, 'hint')}</div>}
              {input(q)}
              {shown[q.name] && (
                <div className="ps-problem" role="alert" data-testid={`problem-${q.name}`}>
                  {shown[q.name]}
                </div>
              )}
            </section>
          ),
        )}
      {error && (
        <div className="ps-error" role="alert">
          {error}
        </div>
      )}
      <button type="button" className="ps-send" disabled={busy} onClick={submit} data-testid="submit-survey">
        {busy ? t('sending') : t('submitAnswers')}
      </button>
    </>,
  );
}
