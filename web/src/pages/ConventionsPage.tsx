import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type User } from '../api.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { isOffice } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go, useRoute } from '../router.ts';
import { FindingItem, type ScreenFinding } from './ScreenPage.tsx';
import { keepEnterInField, useFormProtection } from '../components/formProtection.ts';
import { decimalSign } from '../format.ts';

/** Codes of a convention (their names are the catalogue's cvKind_…, cvStatus_…, cvFinding_…). */
const KINDS = ['huong_uoc', 'quy_uoc'] as const;
const STATUSES = ['draft', 'in_force', 'under_amendment', 'replaced'] as const;
const FINDING_COLORS = { open: 'gold', confirmed: 'red', dismissed: 'default', resolved: 'green' } as const;

interface Summary {
  id: number;
  villageUnitId: number;
  villageName: string;
  communeUnitId: number;
  communeName: string;
  title: string;
  kind: (typeof KINDS)[number];
  adoptedOn: string | null;
  householdsAgreePct: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  status: (typeof STATUSES)[number];
  version: number;
  openFindings: number;
  confirmedFindings: number;
  free: boolean;
}
interface Finding extends ScreenFinding {
  id: number;
  status: keyof typeof FINDING_COLORS;
  note: string | null;
  reviewer: string | null;
  manual: boolean;
}
interface Detail extends Summary {
  texts: {
    id: number;
    versionNo: number;
    text: string;
    effectiveDate: string | null;
    decisionNumber: string | null;
    note: string | null;
  }[];
  findings: Finding[];
}

const errorsTo = (form: ReturnType<typeof Form.useForm>[0], e: unknown, message: (m: string) => void) => {
  if (e instanceof ApiError && e.body.fields)
    form.setFields(Object.entries(e.body.fields).map(([name, err]) => ({ name, errors: [err] })));
  message(e instanceof Error ? e.message : String(e));
};

function FreeBadge({ c }: { c: Summary }) {
  const { t } = useT();
  return c.free ? (
    <Badge status="success" text={<span data-testid="cv-free">{t('freeOfDiscrimination')}</span>} />
  ) : (
    <Badge
      status="error"
      text={<span data-testid="cv-free">{c.status === 'in_force' ? t('notFree') : t(`cvStatus_${c.status}`)}</span>}
    />
  );
}

/**
 * Registers a convention: its village, adoption, the commune's decision, status and full text (pasted or from a
 * .docx/.txt).
 */
function ConventionForm() {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const protection = useFormProtection();
  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    const d = (x: unknown) => (x ? (x as Dayjs).format('YYYY-MM-DD') : null);
    try {
      const c = await api.post<Detail>('/api/conventions', {
        ...v,
        adoptedOn: d(v.adoptedOn),
        decisionDate: d(v.decisionDate),
      });
      protection.saved();
      await qc.invalidateQueries({ queryKey: ['conventions'] });
      go(`conventions/${c.id}`);
    } catch (e) {
      errorsTo(form, e, message.error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('addConvention')}>
      <Form
        {...protection.formProps}
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ kind: 'huong_uoc', status: 'in_force' }}
        data-testid="convention-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item htmlFor="cv-village" name="villageUnitId" label={t('village')} rules={[{ required: true }]}>
              <UnitSelect id="cv-village" kinds="village" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item htmlFor="cv-title" name="title" label={t('title')} rules={[{ required: true }]}>
              <Input id="cv-title" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="cv-kind" name="kind" label={t('kind')}>
              <Select id="cv-kind" options={KINDS.map((value) => ({ value, label: t(`cvKind_${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="cv-status" name="status" label={t('status')}>
              <Select id="cv-status" options={STATUSES.map((value) => ({ value, label: t(`cvStatus_${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="cv-adopted" name="adoptedOn" label={t('adoptedOn')}>
              <DatePicker id="cv-adopted" format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="cv-pct" name="householdsAgreePct" label={t('householdsAgreePct')}>
              <InputNumber id="cv-pct" min={0} max={100} style={{ width: '100%' }} decimalSeparator={decimalSign()} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="cv-decision" name="decisionNumber" label={t('decisionNumber')}>
              <Input id="cv-decision" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item htmlFor="cv-decision-date" name="decisionDate" label={t('decisionDate')}>
              <DatePicker id="cv-decision-date" format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Upload
          accept=".docx,.txt"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            const fd = new FormData();
            fd.append('file', file as File);
            try {
              const r = await api.post<{ text: string }>('/api/text-of-file', fd);
              form.setFieldValue('text', r.text);
              protection.touch();
              onSuccess?.(r);
            } catch (e) {
              message.error(e instanceof Error ? e.message : String(e));
              onError?.(e as Error);
            }
          }}
        >
          <Button data-testid="cv-upload">{t('uploadText')}</Button>
        </Upload>
        <Form.Item
          htmlFor="cv-text"
          name="text"
          label={t('fullText')}
          rules={[{ required: true }]}
          style={{ marginTop: 12 }}
        >
          <Input.TextArea id="cv-text" rows={12} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="cv-save">
            {t('save')}
          </Button>
          <Button onClick={() => go('conventions')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** One convention: its entry, the findings to review, missed clauses, amendments, versions and their differences. */
function ConventionDetail({ id, user }: { id: number; user: User }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: ['convention', id], queryFn: () => api.get<Detail>(`/api/conventions/${id}`) });
  const [reviewing, setReviewing] = useState<{ f: Finding; decision: 'confirm' | 'dismiss' } | null>(null);
  const [note, setNote] = useState('');
  const [diff, setDiff] = useState<{ value: string; added: boolean; removed: boolean }[] | null>(null);
  const [amendForm] = Form.useForm();
  const [missedForm] = Form.useForm();
  const c = detail.data;
  if (!c) return <Card loading />;
  const manage = isOffice(user) || (user.role === 'reporter' && user.unitId === c.communeUnitId);
  const refresh = async (next: Detail) => {
    qc.setQueryData(['convention', id], next);
    await qc.invalidateQueries({ queryKey: ['conventions'] });
  };
  const review = async () => {
    try {
      await refresh(
        await api.post<Detail>(`/api/conventions/${id}/findings/${reviewing!.f.id}/review`, {
          decision: reviewing!.decision,
          note,
        }),
      );
      setReviewing(null);
      setNote('');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const amend = async (v: Record<string, unknown>) => {
    try {
      await refresh(
        await api.post<Detail>(`/api/conventions/${id}/amendments`, {
          ...v,
          effectiveDate: v.effectiveDate ? (v.effectiveDate as Dayjs).format('YYYY-MM-DD') : null,
        }),
      );
      message.success(t('saved'));
    } catch (e) {
      errorsTo(amendForm, e, message.error);
    }
  };
  const missed = async (v: Record<string, unknown>) => {
    try {
      await refresh(await api.post<Detail>(`/api/conventions/${id}/findings`, v));
      missedForm.resetFields();
    } catch (e) {
      errorsTo(missedForm, e, message.error);
    }
  };
  const current = c.texts.at(-1)!;
  return (
    <Card
      title={
        <Space>
          {c.title}
          <Tag>{t(`cvStatus_${c.status}`)}</Tag>
        </Space>
      }
      extra={<FreeBadge c={c} />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'v', label: t('village'), children: `${c.villageName} — ${c.communeName}` },
          { key: 'k', label: t('kind'), children: t(`cvKind_${c.kind}`) },
          { key: 'a', label: t('adoptedOn'), children: c.adoptedOn ? dayjs(c.adoptedOn).format('DD/MM/YYYY') : '—' },
          { key: 'p', label: t('householdsAgreePct'), children: c.householdsAgreePct ?? '—' },
          {
            key: 'd',
            label: t('decisionNumber'),
            children: `${c.decisionNumber ?? '—'}${
              c.decisionDate ? ` ` + `(${dayjs(c.decisionDate).format('DD/MM/YYYY')})` : ''
            }`,
          },
          { key: 'o', label: t('openFindings'), children: c.openFindings },
        ]}
      />
      <List
        header={<b>{t('findings')}</b>}
        dataSource={c.findings}
        data-testid="cv-findings"
        renderItem={(f) => (
          <FindingItem
            f={f}
            extra={
              <Space direction="vertical" size={2}>
                <Tag color={FINDING_COLORS[f.status]} data-testid={`finding-status-${f.id}`}>
                  {t(`cvFinding_${f.status}`)}
                </Tag>
                {f.note && (
                  <Typography.Text type="secondary">
                    “{f.note}” — {f.reviewer}
                  </Typography.Text>
                )}
                {manage && (f.status === 'open' || f.status === 'confirmed' || f.status === 'dismissed') && (
                  <Space>
                    {f.status !== 'confirmed' && (
                      <a data-testid={`confirm-${f.id}`} onClick={() => setReviewing({ f, decision: 'confirm' })}>
                        {t('confirm')}
                      </a>
                    )}
                    {f.status !== 'dismissed' && (
                      <a data-testid={`dismiss-${f.id}`} onClick={() => setReviewing({ f, decision: 'dismiss' })}>
                        {t('dismiss')}
                      </a>
                    )}
                  </Space>
                )}
              </Space>
            }
          />
        )}
      />
      <Modal
        open={reviewing !== null}
        title={reviewing?.decision === 'confirm' ? t('confirm') : t('dismiss')}
        onCancel={() => setReviewing(null)}
        onOk={review}
        okButtonProps={{ disabled: note.trim().length < 3, id: 'review-ok' }}
      >
        <Input.TextArea
          id="review-note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('noteRequired')}
        />
      </Modal>
      {manage && c.status !== 'replaced' && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'amend',
              label: t('amend'),
              children: (
                <Form
                  onKeyDown={keepEnterInField}
                  form={amendForm}
                  layout="vertical"
                  onFinish={amend}
                  initialValues={{ text: current.text }}
                  data-testid="amend-form"
                >
                  <Form.Item htmlFor="amend-text" name="text" label={t('fullText')} rules={[{ required: true }]}>
                    <Input.TextArea id="amend-text" rows={12} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item
                      htmlFor="amend-date"
                      name="effectiveDate"
                      label={t('effectiveDate')}
                      rules={[{ required: true }]}
                    >
                      <DatePicker id="amend-date" format="DD/MM/YYYY" />
                    </Form.Item>
                    <Form.Item
                      htmlFor="amend-decision"
                      name="decisionNumber"
                      label={t('decisionNumber')}
                      rules={[{ required: true }]}
                    >
                      <Input id="amend-decision" />
                    </Form.Item>
                    <Form.Item htmlFor="amend-note" name="note" label={t('note')}>
                      <Input id="amend-note" />
                    </Form.Item>
                  </Space>
                  <Button type="primary" htmlType="submit" data-testid="amend-save">
                    {t('amend')}
                  </Button>
                </Form>
              ),
            },
            {
              key: 'missed',
              label: t('markMissed'),
              children: (
                <Form
                  onKeyDown={keepEnterInField}
                  form={missedForm}
                  layout="vertical"
                  onFinish={missed}
                  initialValues={{ category: 'discrimination' }}
                >
                  <Space wrap>
                    <Form.Item name="location" label={t('location')} rules={[{ required: true }]}>
                      <Input />
                    </Form.Item>
                    <Form.Item name="category" label={t('kind')}>
                      <Select
                        style={{ width: 200 }}
                        options={[
                          { value: 'discrimination', label: t('discrimination') },
                          { value: 'stereotype', label: t('stereotype') },
                        ]}
                      />
                    </Form.Item>
                  </Space>
                  <Form.Item name="excerpt" label={t('excerpt')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="note" label={t('noteRequired')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                  <Button htmlType="submit">{t('markMissed')}</Button>
                </Form>
              ),
            },
          ]}
        />
      )}
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="id"
        pagination={false}
        title={() => <b>{t('textVersions')}</b>}
        dataSource={c.texts}
        columns={[
          { title: '#', dataIndex: 'versionNo', width: 50 },
          {
            title: t('effectiveDate'),
            dataIndex: 'effectiveDate',
            render: (d: string | null) => (d ? dayjs(d).format('DD/MM/YYYY') : '—'),
          },
          { title: t('decisionNumber'), dataIndex: 'decisionNumber' },
          { title: t('note'), dataIndex: 'note' },
          {
            title: '',
            render: (_: unknown, v: Detail['texts'][number]) =>
              v.versionNo > 1 ? (
                <a
                  onClick={async () =>
                    setDiff(
                      (
                        await api.get<{ parts: { value: string; added: boolean; removed: boolean }[] }>(
                          `/api/conventions/${id}/compare?from=${v.versionNo - 1}&to=${v.versionNo}`,
                        )
                      ).parts,
                    )
                  }
                >
                  {t('compare')}
                </a>
              ) : null,
          },
        ]}
      />
      {diff && (
        <Alert
          type="info"
          style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}
          closable
          onClose={() => setDiff(null)}
          title={
            <div data-testid="cv-diff">
              {diff
                .filter((p) => p.added || p.removed)
                .map((p, i) => (
                  <div
                    key={i}
                    style={{
                      color: p.added ? '#237804' : '#a8071a',
                      textDecoration: p.removed ? 'line-through' : 'none',
                    }}
                  >
                    {p.added ? '+ ' : '− '}
                    {p.value}
                  </div>
                ))}
            </div>
          }
        />
      )}
    </Card>
  );
}

/** The register of conventions, by commune, with whether each is free of discrimination (G6). */
export function ConventionsPage({ user }: { user: User }) {
  const { t } = useT();
  const [, a] = useRoute();
  const communeId = user.role === 'reporter' ? (user.unitId ?? undefined) : undefined;
  const list = useQuery({
    queryKey: ['conventions', communeId],
    queryFn: () => api.get<Summary[]>(`/api/conventions${communeId ? `?communeId=${communeId}` : ''}`),
  });
  const alarms = useQuery({
    queryKey: ['false-alarms'],
    enabled: isOffice(user),
    queryFn: () =>
      api.get<{ rule: string; confirmed: number; dismissed: number; open: number }[]>('/api/conventions/false-alarms'),
  });
  if (a === 'new') return <ConventionForm />;
  if (a && /^\d+$/u.test(a)) return <ConventionDetail key={a} id={Number(a)} user={user} />;
  const writer = isOffice(user) || user.role === 'reporter';
  return (
    <Card
      title={t('conventions')}
      extra={
        writer && (
          <Button type="primary" onClick={() => go('conventions/new')} data-testid="add-convention">
            {t('addConvention')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="convention-table"
        columns={[
          {
            title: t('title'),
            dataIndex: 'title',
            render: (v: string, c: Summary) => <a onClick={() => go(`conventions/${c.id}`)}>{v}</a>,
          },
          { title: t('village'), dataIndex: 'villageName' },
          { title: t('commune'), dataIndex: 'communeName' },
          { title: t('status'), dataIndex: 'status', render: (s: Summary['status']) => t(`cvStatus_${s}`) },
          { title: t('openFindings'), dataIndex: 'openFindings', align: 'right' },
          { title: 'G6', key: 'free', render: (_: unknown, c: Summary) => <FreeBadge c={c} /> },
        ]}
      />
      {isOffice(user) && (alarms.data?.length ?? 0) > 0 && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="rule"
          pagination={false}
          title={() => (
            <Space wrap>
              <b>{t('falseAlarms')}</b>
              <a href="/api/conventions/screener-feedback.yaml" data-testid="screener-feedback">
                {t('screenerFeedback')}
              </a>
            </Space>
          )}
          dataSource={alarms.data}
          columns={[
            { title: t('screenerRule'), dataIndex: 'rule' },
            { title: t('dismiss'), dataIndex: 'dismissed', align: 'right' },
            { title: t('confirm'), dataIndex: 'confirmed', align: 'right' },
            { title: t('openFindings'), dataIndex: 'open', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}
