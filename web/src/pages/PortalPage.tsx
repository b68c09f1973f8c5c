import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { translateNow, useLang, useT } from '../i18n-public.ts';
import './portal.css';
import { numberLocale } from '../format.ts';

/**
 * The public portal (#/cong-khai…): progress from final reports, the library of public materials, open
 * surveys, and a form to report false information or a discriminatory clause. Its own light entry: plain
 * HTML controls, no component library, no sign-in; requests go without cookies (a staff member's session is
 * neither needed nor sent).
 */

interface Figure {
  goal: string;
  code: string;
  title: string;
  year: number;
  unit: 'percent' | 'number';
  value: number | null;
  target: number | null;
  status: string;
  statusLabel: string;
}
interface OpenReport {
  id: number;
  title: string;
  year: number;
  version: number;
  finalisedAt: string;
  area: { name: string } | null;
  indicators: Figure[];
  links: { json: string; csv: string; dhis2: string };
}
interface Home {
  demo: boolean;
  province: string | null;
  latest: OpenReport | null;
  reports: { id: number; title: string; kindLabel: string; year: number; area: { name: string } | null }[];
  surveys: { name: string; endDate: string; link: string }[];
}
interface Label {
  code: string;
  vi: string;
  en: string;
}
interface Materials {
  total: number;
  page: number;
  pageSize: number;
  items: {
    id: number;
    date: string;
    title: string;
    unit: string;
    kind: string | null;
    channel: string;
    summary: string;
    topics: string[];
    targetGroups: string[];
    files: { name: string; size: number; url: string }[];
  }[];
  lists: { topics: Label[]; groups: Label[]; kinds: Label[] };
}
interface ApiFailure {
  message: string;
  fields?: Record<string, string>;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { credentials: 'omit', ...init });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw (data?.error ?? { message: translateNow('httpError', { status: res.status }) }) as ApiFailure;
  return data as T;
}

const vnDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const show = (v: number | null, unit: Figure['unit']) =>
  v === null ? '—' : `${v.toLocaleString(numberLocale())}${unit === 'percent' ? '%' : ''}`;

type View = 'progress' | 'library' | 'report';
const viewOf = (hash: string): View =>
  /^#\/cong-khai\/tai-lieu/u.test(hash) ? 'library' : /^#\/cong-khai\/phan-anh/u.test(hash) ? 'report' : 'progress';
const HASH: Record<View, string> = {
  progress: '#/cong-khai',
  library: '#/cong-khai/tai-lieu',
  report: '#/cong-khai/phan-anh',
};

export function PortalPage() {
  const { t } = useT();
  const { lang, setLang } = useLang();
  const [view, setView] = useState<View>(viewOf(window.location.hash));
  const [home, setHome] = useState<Home | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const follow = () => {
      setView(viewOf(window.location.hash));
      document.getElementById('portal-main')?.focus();
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    getJson<Home>('/api/portal/home').then(setHome, (e: ApiFailure) => setFailed(e.message));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const nav: [View, string][] = [
    ['progress', t('ptProgress')],
    ['library', t('ptLibrary')],
    ['report', t('ptReport')],
  ];
  return (
    <div className="pt">
      {home?.demo && (
        <p className="pt-demo" role="note" data-testid="portal-demo">
          {t('ptDemo')}
        </p>
      )}
      <header className="pt-head">
        <div>
          <p className="pt-province">{home?.province ?? ''}</p>
          <h1>{t('ptTitle')}</h1>
        </div>
        <button type="button" className="pt-lang" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t('language')}
        </button>
        <nav aria-label={t('ptTitle')} className="pt-nav">
          {nav.map(([v, label]) => (
            <a key={v} href={HASH[v]} aria-current={view === v ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main id="portal-main" tabIndex={-1}>
        {failed && <p className="pt-error">{failed}</p>}
        {view === 'progress' && <Progress home={home} />}
        {view === 'library' && <Library />}
        {view === 'report' && <ReportForm />}
      </main>
      <footer className="pt-foot">
        <p>{t('ptFooter')}</p>
        <a href="#/">{t('ptStaff')}</a>
      </footer>
    </div>
  );
}

function FigureTable({ report }: { report: OpenReport }) {
  const { t } = useT();
  const rows = report.indicators.filter((f) => f.year === report.year);
  return (
    // a table wider than a phone scrolls in its own box, which a keyboard can reach
    <div className="pt-scroll" tabIndex={0} role="region" aria-label={report.title}>
      <table className="pt-table" data-testid="portal-figures">
        <caption>
          {report.title}
          {report.area ? ` — ${report.area.name}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('ptIndicator')}</th>
            <th scope="col">{t('ptTarget')}</th>
            <th scope="col">{t('ptValue')}</th>
            <th scope="col">{t('ptStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.code}>
              <th scope="row">
                <span className="pt-code">{f.code}</span> {f.title}
              </th>
              <td className="pt-num">{show(f.target, f.unit)}</td>
              <td className="pt-num">{show(f.value, f.unit)}</td>
              <td>
                <span className={`pt-status pt-status-${f.status}`}>{f.statusLabel}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Progress({ home }: { home: Home | null }) {
  const { t } = useT();
  const [chosen, setChosen] = useState<OpenReport | null>(null);
  if (!home) return <p>{t('ptLoading')}</p>;
  const report = chosen ?? home.latest;
  return (
    <>
      <h2>{t('ptProgress')}</h2>
      {!report ? (
        <p>{t('ptNoReport')}</p>
      ) : (
        <>
          <p>
            {t('ptFrom')} {t('ptVersion')} {report.version}, {t('ptFinalised')} {vnDate(report.finalisedAt)}:
          </p>
          <FigureTable report={report} />
          <p className="pt-links">
            {t('ptOpenData')} <a href={report.links.csv}>CSV</a> · <a href={report.links.json}>JSON</a> ·{' '}
            <a href={report.links.dhis2}>DHIS2</a>
          </p>
        </>
      )}
      {home.reports.length > 1 && (
        <>
          <h2>{t('ptOtherReports')}</h2>
          <ul className="pt-list">
            {home.reports.map((r) => (
              <li key={r.id}>
                {r.kindLabel} {r.year}
                {r.area ? ` — ${r.area.name}` : ''}{' '}
                <button
                  type="button"
                  className="pt-link"
                  onClick={() => void getJson<OpenReport>(`/api/open/reports/${r.id}`).then(setChosen)}
                  aria-label={`${t('ptShow')}: ${r.title}`}
                >
                  {t('ptShow')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('ptSurveys')}</h2>
      {home.surveys.length === 0 ? (
        <p>{t('ptNoSurvey')}</p>
      ) : (
        <ul className="pt-list" data-testid="portal-surveys">
          {home.surveys.map((s) => (
            <li key={s.link}>
              <a href={s.link}>{s.name}</a> ({t('ptUntil')} {vnDate(s.endDate)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Select({
  id,
  label,
  value,
  list,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  list: Label[];
  onChange: (v: string) => void;
}) {
  const { t, lang } = useT();
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('ptAll')}</option>
        {list.map((l) => (
          <option key={l.code} value={l.code}>
            {l[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}

function Library() {
  const { t, lang } = useT();
  const [filters, setFilters] = useState({ q: '', topic: '', group: '', kind: '' });
  const [page, setPage] = useState(1);
  const [asked, setAsked] = useState({ ...filters, page: 1 });
  const [data, setData] = useState<Materials | null>(null);
  useEffect(() => {
    const qs = new URLSearchParams(
      Object.entries(asked)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, String(v)]),
    );
    // an earlier search that answers late must not overwrite a later one
    let current = true;
    getJson<Materials>(`/api/portal/materials?${qs}`).then(
      (d) => current && setData(d),
      () => current && setData(null),
    );
    return () => {
      current = false;
    };
  }, [asked]);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setAsked({ ...filters, page: 1 });
  };
  const goTo = (p: number) => {
    setPage(p);
    setAsked({ ...asked, page: p });
  };
  const label = (list: Label[] | undefined, code: string | null) => list?.find((l) => l.code === code)?.[lang] ?? '';
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <h2>{t('ptLibrary')}</h2>
      <form className="pt-filters" onSubmit={search} role="search">
        <label htmlFor="pt-q">
          {t('ptSearch')}
          <input
            id="pt-q"
            type="search"
            value={filters.q}
            onChange={(e) => setFilters({ ...filters, q: e.target.value })}
          />
        </label>
        <Select
          id="pt-topic"
          label={t('ptTopic')}
          value={filters.topic}
          list={data?.lists.topics ?? []}
          onChange={(v) => setFilters({ ...filters, topic: v })}
        />
        <Select
          id="pt-group"
          label={t('ptGroup')}
          value={filters.group}
          list={data?.lists.groups ?? []}
          onChange={(v) => setFilters({ ...filters, group: v })}
        />
        <Select
          id="pt-kind"
          label={t('ptKind')}
          value={filters.kind}
          list={data?.lists.kinds ?? []}
          onChange={(v) => setFilters({ ...filters, kind: v })}
        />
        <button type="submit">{t('ptSearchButton')}</button>
      </form>
      {!data ? (
        <p>{t('ptLoading')}</p>
      ) : (
        <>
          <p aria-live="polite" data-testid="portal-found">
            {data.total.toLocaleString(numberLocale())} {t('ptFound')}
          </p>
          <ul className="pt-cards">
            {data.items.map((m) => (
              <li key={m.id} className="pt-card">
                <h3>{m.title}</h3>
                <p className="pt-meta">
                  {vnDate(m.date)} · {m.unit} · {label(data.lists.kinds, m.kind)}
                  {m.channel ? ` · ${m.channel}` : ''}
                </p>
                {m.summary && <p>{m.summary}</p>}
                <p className="pt-tags">
                  {[
                    ...m.topics.map((c) => label(data.lists.topics, c)),
                    ...m.targetGroups.map((c) => label(data.lists.groups, c)),
                  ]
                    .filter(Boolean)
                    .map((x) => (
                      <span key={x}>{x}</span>
                    ))}
                </p>
                {m.files.length === 0 ? (
                  <p className="pt-meta">{t('ptNoFile')}</p>
                ) : (
                  <ul className="pt-files">
                    {m.files.map((f) => (
                      <li key={f.url}>
                        <a href={f.url}>{f.name}</a> (
                        {Math.max(1, Math.round(f.size / 1024)).toLocaleString(numberLocale())} KB)
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav className="pt-pages" aria-label={t('ptPage')}>
              <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                {t('ptPrev')}
              </button>
              <span>
                {t('ptPage')} {page}/{pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => goTo(page + 1)}>
                {t('ptNext')}
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="pt-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="pt-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function ReportForm() {
  const { t } = useT();
  const empty = { kind: 'false_information', text: '', place: '', link: '', name: '', contact: '', website: '' };
  const [v, setV] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const r = await getJson<{ id: number }>('/api/portal/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(v),
      });
      setDone(r.id);
      setErrors({});
      setV(empty);
    } catch (err) {
      const f = err as ApiFailure;
      setErrors(f.fields ?? {});
      setMessage(f.message);
    } finally {
      setBusy(false);
    }
  };
  const input = (name: 'place' | 'link' | 'name' | 'contact', label: string, type = 'text') => (
    <Field id={`pr-${name}`} label={label} error={errors[name]}>
      <input
        id={`pr-${name}`}
        type={type}
        value={v[name]}
        onChange={(e) => setV({ ...v, [name]: e.target.value })}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `pr-${name}-error` : undefined}
      />
    </Field>
  );
  return (
    <>
      <h2>{t('ptReport')}</h2>
      <p>{t('ptReportIntro')}</p>
      {done !== null && (
        <p className="pt-ok" role="status" data-testid="portal-sent">
          {t('ptSent')} {done}. {t('ptSentNext')}
        </p>
      )}
      <form onSubmit={send} noValidate className="pt-form">
        <fieldset>
          <legend>{t('ptReportKind')}</legend>
          {(
            [
              ['false_information', t('ptKindFalse')],
              ['convention_clause', t('ptKindClause')],
            ] as const
          ).map(([code, label]) => (
            <label key={code} className="pt-radio">
              <input
                type="radio"
                name="kind"
                value={code}
                checked={v.kind === code}
                onChange={() => setV({ ...v, kind: code })}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <Field id="pr-text" label={t('ptText')} error={errors.text}>
          <textarea
            id="pr-text"
            rows={6}
            required
            maxLength={5000}
            value={v.text}
            onChange={(e) => setV({ ...v, text: e.target.value })}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={errors.text ? 'pr-text-error' : undefined}
          />
        </Field>
        {input('place', t('ptPlace'))}
        {input('link', t('ptLink'), 'url')}
        {input('name', t('ptName'))}
        {input('contact', t('ptContact'))}
        {/* a field people do not see: robots fill it in, and their report is refused */}
        <div className="pt-hp" aria-hidden="true">
          <label htmlFor="pr-website">Website</label>
          <input
            id="pr-website"
            tabIndex={-1}
            autoComplete="off"
            value={v.website}
            onChange={(e) => setV({ ...v, website: e.target.value })}
          />
        </div>
        {message && (
          <p className="pt-error" role="alert">
            {t('ptError')}: {message}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="portal-send">
          {t('ptSend')}
        </button>
      </form>
    </>
  );
}
