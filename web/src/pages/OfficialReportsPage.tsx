import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError, type Status, type User } from '../api.ts';
import { formatValue, StatusTag } from '../components/Indicators.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useFormProtection } from '../components/formProtection.ts';
import { isOffice } from '../hooks.ts';
import { useT, type StringKey } from '../i18n.tsx';
import { go } from '../router.ts';

type Kind = 'half_year' | 'yearly' | 'review';
const KINDS: Kind[] = ['yearly', 'half_year', 'review'];
const KIND_KEYS: Record<Kind, StringKey> = { half_year: 'orHalfYear', yearly: 'orYearly', review: 'orReview' };

interface ListItem {
  id: number;
  kind: Kind;
  year: number;
  area: { id: number; code: string | null; name: string | null } | null;
  version: number;
  previousId: number | null;
  status: 'draft' | 'final';
  title: string;
  docxSha256: string | null;
  createdAt: string;
  finalisedAt: string | null;
}

interface Issuer {
  parent: string;
  body: string;
  symbol: string;
  place: string;
  signerTitle: string;
  signerName: string;
  recipients: string[];
}

interface Narrative {
  summary: string;
  highlights: string;
  difficulties: string;
  directions: string;
}

interface Line {
  code: string;
  title: string;
  isShare: boolean;
  value: number | null;
  target: number | null;
  status: Status;
  rule: string;
  reason: string | null;
}

interface Report extends Omit<ListItem, 'area' | 'title' | 'docxSha256'> {
  issuer: Issuer;
  narrative: Narrative;
  figuresSha256: string;
  changeNote: string;
  changes: { figures: { code: string; title: string; before: string; after: string }[]; sections: string[] } | null;
  docxSha256: string | null;
  annexSha256: string | null;
  finalisedBy: string | null;
  content: {
    title: string;
    from: string;
    to: string;
    area: { name: string } | null;
    provisional: boolean;
    empty: boolean;
    goals: { code: string; title: string; indicators: Line[] }[];
    tasks: { code: string; title: string; lines: { label: string; approved: number; participants: number }[] }[];
  };
}

const NARRATIVE: { key: keyof Narrative; label: StringKey }[] = [
  { key: 'summary', label: 'orSummary' },
  { key: 'highlights', label: 'orHighlights' },
  { key: 'difficulties', label: 'orShortcomings' },
  { key: 'directions', label: 'orDirections' },
];

const fmt = formatValue;
const vnDate = (iso: string) => dayjs(iso).format('DD/MM/YYYY');

function useCapabilities() {
  return useQuery({
    queryKey: ['official-report-capabilities'],
    queryFn: () => api.get<{ pdf: boolean; hint: string | null }>('/api/official-reports/capabilities'),
    staleTime: 5 * 60_000,
  });
}

function Downloads({ id }: { id: number }) {
  const { t } = useT();
  const caps = useCapabilities();
  const base = `/api/official-reports/${id}/report`;
  return (
    <Space wrap>
      <Button href={`${base}.docx`} data-testid="download-docx">
        {t('orDocx')}
      </Button>
      <Button href={`${base}.xlsx`}>{t('orAnnex')}</Button>
      <Button href={`${base}.pdf`} disabled={caps.data?.pdf === false} title={caps.data?.hint ?? undefined}>
        PDF
      </Button>
    </Space>
  );
}

const StateTag = ({ status }: { status: 'draft' | 'final' }) => {
  const { t } = useT();
  return status === 'final' ? <Tag color="green">{t('orFinal')}</Tag> : <Tag color="gold">{t('orDraft')}</Tag>;
};

/** The plan's reports: a list and a form to start one (#/official-reports), or one report (#/official-reports/:id). */
export function OfficialReportsPage({ user, id }: { user: User; id?: number | undefined }) {
  return id ? <ReportView id={id} user={user} /> : <ReportList user={user} />;
}

function ReportList({ user }: { user: User }) {
  const { t } = useT();
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: ['official-reports'],
    queryFn: () => api.get<ListItem[]>('/api/official-reports'),
  });
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ kind: Kind; year: number; areaId?: number | null }>();
  const create = async (v: { kind: Kind; year: number; areaId?: number | null }) => {
    setBusy(true);
    try {
      const r = await api.post<{ id: number }>('/api/official-reports', {
        kind: v.kind,
        year: v.year,
        ...(v.areaId ? { areaId: v.areaId } : {}),
      });
      go(`official-reports/${r.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('official-reports')}
      </Typography.Title>
      {isOffice(user) && (
        <Card title={t('orNew')} size="small">
          <Form
            form={form}
            layout="inline"
            onFinish={create}
            initialValues={{ kind: 'yearly', year: new Date().getFullYear() - 1 }}
          >
            <Form.Item name="kind" label={t('orKind')} htmlFor="or-kind" rules={[{ required: true }]}>
              <Select
                id="or-kind"
                style={{ width: 220 }}
                options={KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
              />
            </Form.Item>
            <Form.Item name="year" label={t('year')} htmlFor="or-year" rules={[{ required: true }]}>
              <InputNumber id="or-year" min={2000} max={2100} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="areaId" label={t('orArea')} htmlFor="or-area">
              <UnitSelect id="or-area" allowClear ariaLabel={t('orArea')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="or-create">
                {t('orCreate')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('orNewHelp')}
          </Typography.Paragraph>
        </Card>
      )}
      <Table<ListItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        onRow={(r) => ({ onClick: () => go(`official-reports/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('orTitle'),
            render: (_: unknown, r) => (
              <a href={`#/official-reports/${r.id}`} onClick={(e) => e.stopPropagation()}>
                {r.title}
              </a>
            ),
          },
          { title: t('orArea'), render: (_: unknown, r) => r.area?.name ?? t('orWholeProvince'), width: 180 },
          { title: t('orVersion'), dataIndex: 'version', width: 90 },
          { title: t('status'), render: (_: unknown, r) => <StateTag status={r.status} />, width: 130 },
          {
            title: t('orFinalisedAt'),
            render: (_: unknown, r) => (r.finalisedAt ? vnDate(r.finalisedAt) : '—'),
            width: 120,
          },
        ]}
      />
    </Space>
  );
}

function ReportView({ id, user }: { id: number; user: User }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const report = useQuery({
    queryKey: ['official-report', id],
    queryFn: () => api.get<Report>(`/api/official-reports/${id}`),
  });
  const caps = useCapabilities();
  const [form] = Form.useForm<{
    narrative: Narrative;
    issuer: Issuer & { recipientsText: string };
    changeNote: string;
  }>();
  const protection = useFormProtection();
  const [busy, setBusy] = useState<string | null>(null);
  const r = report.data;
  const editable = r?.status === 'draft' && isOffice(user);
  useEffect(() => {
    if (r)
      form.setFieldsValue({
        narrative: r.narrative,
        issuer: { ...r.issuer, recipientsText: r.issuer.recipients.join('\n') },
        changeNote: r.changeNote,
      });
  }, [r, form]);
  if (report.isLoading) return <Card loading />;
  if (report.error || !r)
    return (
      <Alert type="error" showIcon title={report.error instanceof ApiError ? report.error.message : t('orLoadError')} />
    );

  const act = async (name: string, work: () => Promise<Report | { id: number } | { ok: true }>, done: StringKey) => {
    setBusy(name);
    try {
      const answer = await work();
      message.success(t(done));
      await qc.invalidateQueries({ queryKey: ['official-reports'] });
      if ('id' in answer && answer.id !== id) go(`official-reports/${answer.id}`);
      else await qc.invalidateQueries({ queryKey: ['official-report', id] });
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    const ok = await act(
      'save',
      () =>
        api.put<Report>(`/api/official-reports/${id}`, {
          narrative: v.narrative,
          issuer: {
            parent: v.issuer.parent ?? '',
            body: v.issuer.body ?? '',
            symbol: v.issuer.symbol ?? '',
            place: v.issuer.place ?? '',
            signerTitle: v.issuer.signerTitle ?? '',
            signerName: v.issuer.signerName ?? '',
            recipients: (v.issuer.recipientsText ?? '')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          },
          ...(r.version > 1 ? { changeNote: v.changeNote ?? '' } : {}),
        }),
      'saved',
    );
    if (ok) protection.saved();
  };
  const finalise = () =>
    modal.confirm({
      title: t('orFinaliseTitle'),
      content: t('orFinaliseText'),
      okText: t('orFinalise'),
      cancelText: t('cancel'),
      onOk: () => act('finalise', () => api.post<Report>(`/api/official-reports/${id}/finalise`), 'orFinalised'),
    });
  const correct = () => {
    let note = '';
    modal.confirm({
      title: t('orCorrect'),
      content: (
        <Input.TextArea
          aria-label={t('orChangeNote')}
          placeholder={t('orChangeNote')}
          rows={3}
          onChange={(e) => {
            note = e.target.value;
          }}
          data-testid="or-change-note"
        />
      ),
      okText: t('orCorrect'),
      cancelText: t('cancel'),
      onOk: () =>
        act(
          'correct',
          () => api.post<Report>(`/api/official-reports/${id}/correct`, { changeNote: note }),
          'orCorrectionStarted',
        ),
    });
  };
  const remove = () =>
    modal.confirm({
      title: t('orDeleteTitle'),
      okText: t('delete'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        if (await act('delete', () => api.del<{ ok: true }>(`/api/official-reports/${id}`), 'orDeleted'))
          go('official-reports');
      },
    });
  const lines = r.content.goals.flatMap((g) => g.indicators);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="official-report">
      <a href="#/official-reports">← {t('official-reports')}</a>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {r.content.title}
        {r.content.area ? ` — ${r.content.area.name}` : ''}
      </Typography.Title>
      <Space wrap>
        <StateTag status={r.status} />
        <Tag>
          {t('orVersion')} {r.version}
        </Tag>
        {r.content.provisional && <Tag color="orange">{t('provisionalTag')}</Tag>}
        <Downloads id={id} />
      </Space>
      {caps.data?.hint && <Alert type="info" showIcon title={caps.data.hint} />}
      {r.content.empty && <Alert type="warning" showIcon title={t('orEmpty')} />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('orWindow')}>
          {vnDate(r.content.from)} – {vnDate(r.content.to)}
        </Descriptions.Item>
        <Descriptions.Item label={t('orFiguresSha')}>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="figures-sha">
            {r.figuresSha256}
          </Typography.Text>
        </Descriptions.Item>
        {r.finalisedAt && (
          <Descriptions.Item label={t('orFinalisedAt')}>
            {vnDate(r.finalisedAt)} {r.finalisedBy ? `(${r.finalisedBy})` : ''}
          </Descriptions.Item>
        )}
        {r.docxSha256 && (
          <Descriptions.Item label={t('orDocxSha')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {r.docxSha256}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {r.previousId && (
          <Descriptions.Item label={t('orCorrects')}>
            <a href={`#/official-reports/${r.previousId}`}>
              {t('orVersion')} {r.version - 1}
            </a>{' '}
            — {r.changeNote}
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.changes && r.changes.figures.length > 0 && (
        <Card size="small" title={t('orChanges')}>
          {r.changes.figures.map((f) => (
            <div key={f.code}>
              {f.code}. {f.title}: {f.before} → {f.after}
            </div>
          ))}
        </Card>
      )}
      {isOffice(user) && (
        <Space wrap>
          {editable && (
            <>
              <Button
                loading={busy === 'refresh'}
                onClick={() =>
                  act('refresh', () => api.post<Report>(`/api/official-reports/${id}/refresh`), 'orRefreshed')
                }
              >
                {t('orRefresh')}
              </Button>
              <Button type="primary" loading={busy === 'finalise'} onClick={finalise} data-testid="or-finalise">
                {t('orFinalise')}
              </Button>
              <Button danger onClick={remove}>
                {t('orDelete')}
              </Button>
            </>
          )}
          {r.status === 'final' && (
            <Button onClick={correct} loading={busy === 'correct'} data-testid="or-correct">
              {t('orCorrect')}
            </Button>
          )}
        </Space>
      )}
      <Card size="small" title={t('orGoals')}>
        <Table<Line>
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={lines}
          columns={[
            { title: t('code'), dataIndex: 'code', width: 120 },
            { title: t('indicator'), dataIndex: 'title' },
            { title: t('target'), render: (_: unknown, l) => fmt(l.target, l.isShare), width: 100, align: 'right' },
            { title: t('value'), render: (_: unknown, l) => fmt(l.value, l.isShare), width: 100, align: 'right' },
            {
              title: t('status'),
              render: (_: unknown, l) => <StatusTag status={l.status} rule={{ vi: l.rule, en: l.rule }} />,
              width: 160,
            },
          ]}
        />
      </Card>
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        {...protection.formProps}
        onFinish={save}
        data-testid="or-form"
      >
        <Card size="small" title={t('orNarrative')}>
          {NARRATIVE.map((n) => (
            <Form.Item key={n.key} name={['narrative', n.key]} label={t(n.label)} htmlFor={`or-${n.key}`}>
              <Input.TextArea id={`or-${n.key}`} autoSize={{ minRows: 3, maxRows: 16 }} maxLength={20_000} />
            </Form.Item>
          ))}
          {r.version > 1 && (
            <Form.Item name="changeNote" label={t('orChangeNote')} htmlFor="or-change">
              <Input.TextArea id="or-change" autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
          )}
        </Card>
        <Card size="small" title={t('orIssuer')} style={{ marginTop: 16 }}>
          <Space wrap align="start">
            {(
              [
                ['parent', 'orParent', 260],
                ['body', 'orBody', 260],
                ['symbol', 'orSymbol', 140],
                ['place', 'orPlace', 180],
                ['signerName', 'orSignerName', 240],
              ] as const
            ).map(([name, label, width]) => (
              <Form.Item key={name} name={['issuer', name]} label={t(label)} htmlFor={`or-${name}`}>
                <Input id={`or-${name}`} style={{ width }} />
              </Form.Item>
            ))}
            <Form.Item name={['issuer', 'signerTitle']} label={t('orSignerTitle')} htmlFor="or-signerTitle">
              <Input.TextArea id="or-signerTitle" autoSize={{ minRows: 2 }} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name={['issuer', 'recipientsText']} label={t('orRecipients')} htmlFor="or-recipients">
              <Input.TextArea id="or-recipients" autoSize={{ minRows: 3 }} style={{ width: 300 }} />
            </Form.Item>
          </Space>
        </Card>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy === 'save'} style={{ marginTop: 16 }}>
            {t('save')}
          </Button>
        )}
      </Form>
    </Space>
  );
}
