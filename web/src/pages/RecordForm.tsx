import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Col, Descriptions, Form, Row, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError, type Period, type RecordTypeInfo, type UnitRecord, type User } from '../api.ts';
import { useCreateUnlessDuplicate } from '../components/duplicates.tsx';
import { EvidenceUpload, type EvidenceRef } from '../components/EvidenceUpload.tsx';
import { useFormProtection } from '../components/formProtection.ts';
import { SaveButtons } from '../components/SaveButtons.tsx';
import { canEdit, inReview, RecordStatusTag, ReviewPanel, WorkflowActions } from '../components/Workflow.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useT } from '../i18n.tsx';
import { FieldInput } from '../records/FieldInput.tsx';
import { formPath, fromFormValues, toFormValues } from '../records/format.tsx';
import { useRecordTypes } from '../records/useRecordTypes.ts';
import { go } from '../router.ts';

interface WindowSummary {
  from: string;
  to: string;
  byType: { type: string; total: number; approved: number; participants: number }[];
}

/** What a unit recorded in a window, by type (a periodic report's figures, an Action Month's activities). */
function SummaryTable({ summary, testId }: { summary: WindowSummary; testId: string }) {
  const { t, label } = useT();
  const types = useRecordTypes();
  const name = (type: string) =>
    type === 'communication_session'
      ? t('communicationSessions')
      : label(
          types.data?.find((d) => d.type === type),
          type,
        );
  return (
    <Table
      size="small"
      rowKey="type"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={summary.byType}
      data-testid={testId}
      columns={[
        { title: t('recordType'), dataIndex: 'type', render: name },
        { title: t('total'), dataIndex: 'total', align: 'right' },
        { title: t('approvedCount'), dataIndex: 'approved', align: 'right' },
        { title: t('participantsTotal'), dataIndex: 'participants', align: 'right' },
      ]}
    />
  );
}

/**
 * A unit's figures of a window under a label (a report's figures, an Action Month's activities), after the
 * report's period when given.
 */
function SummaryBlock({
  label,
  summary,
  testId,
  period,
}: {
  label: string;
  summary: WindowSummary | undefined;
  testId: string;
  period?: string;
}) {
  const { t } = useT();
  const figures = summary ? <SummaryTable summary={summary} testId={testId} /> : '—';
  return (
    <Descriptions
      size="small"
      column={1}
      layout="vertical"
      className="summary-block"
      style={{ marginBottom: 16 }}
      items={[
        ...(period === undefined ? [] : [{ key: 'p', label: t('period'), children: period }]),
        { key: 's', label, children: figures },
      ]}
    />
  );
}

/**
 * Creates or edits a record of any type from its definition; the server's Vietnamese errors land on their
 * fields (items of a list included); a stale edit keeps the input and says so.
 */
export function RecordForm({
  def,
  user,
  recordId,
  unitId,
}: {
  def: RecordTypeInfo;
  user: User;
  recordId?: number | undefined;
  unitId?: number | undefined;
}) {
  const { t, label } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [evidence, setEvidence] = useState<EvidenceRef[]>([]);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [andSubmit, setAndSubmit] = useState(false);
  const protection = useFormProtection();
  const create = useCreateUnlessDuplicate();
  const fields = def.fields.filter((f) => !f.hidden);
  const existing = useQuery({
    queryKey: ['record', def.type, recordId],
    enabled: recordId !== undefined,
    queryFn: async () => {
      const r = await api.get<UnitRecord>(`/api/records/${def.type}/${recordId}`);
      form.setFieldsValue({ unitId: r.unitId, ...toFormValues(fields, { ...r.data, date: r.date, title: r.title }) });
      setEvidence(r.evidence);
      return r;
    },
  });
  const activities = useQuery({
    queryKey: ['am-activities', recordId],
    enabled: def.type === 'action_month_plan' && recordId !== undefined,
    queryFn: () => api.get<WindowSummary>(`/api/records/action_month_plan/${recordId}/activities`),
  });
  // a new periodic report starts on the period being reported now
  const periods = useQuery({
    queryKey: ['periods'],
    enabled: def.type === 'periodic_report' && recordId === undefined,
    queryFn: () => api.get<{ periods: Period[]; current: string | null }>('/api/reports/periods'),
  });
  useEffect(() => {
    if (periods.data?.current && !form.getFieldValue('period')) form.setFieldValue('period', periods.data.current);
  }, [periods.data, form]);
  const fixedUnit = user.role === 'reporter' || user.role === 'inspector' ? user.unitId : null;
  const date = Form.useWatch('date', form) as dayjs.Dayjs | undefined;
  const record = existing.data;
  // a new periodic report shows what it will be pre-filled with as soon as its unit and period are chosen
  const chosenPeriod = Form.useWatch('period', form) as string | undefined;
  const chosenUnit = Form.useWatch('unitId', form) as number | undefined;
  const prefill = useQuery({
    queryKey: ['prefill', chosenUnit, chosenPeriod],
    enabled: def.type === 'periodic_report' && recordId === undefined && !!chosenPeriod && !!chosenUnit,
    queryFn: () => api.get<WindowSummary>(`/api/reports/prefill?unitId=${chosenUnit}&period=${chosenPeriod}`),
  });
  const editable = !record || canEdit(user, record, def.type);

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    setConflict(false);
    const payload = { unitId: values.unitId, data: fromFormValues(fields, values), evidence, version: record?.version };
    try {
      const saved = recordId
        ? await api.put<UnitRecord>(`/api/records/${def.type}/${recordId}`, payload)
        : await create<UnitRecord>(`/api/records/${def.type}`, { ...payload, submit: andSubmit }, (id) =>
            go(`records/${def.type}/${id}`),
          );
      if (!saved) return;
      if (recordId && andSubmit)
        await api.post<UnitRecord>(`/api/records/${def.type}/${saved.id}/transition`, {
          action: 'submit',
          version: saved.version,
        });
      protection.saved();
      message.success(t('saved'));
      await qc.invalidateQueries();
      go(`records/${def.type}`);
    } catch (e) {
      if (e instanceof ApiError && e.body.code === 'CONFLICT') setConflict(true);
      else if (e instanceof ApiError && e.body.fields) {
        form.setFields(
          Object.entries(e.body.fields).map(([path, err]) => ({ name: formPath(path) as never, errors: [err] })),
        );
        message.error(e.message);
      } else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const summary = record?.data.summary as WindowSummary | undefined;
  return (
    <Card
      title={
        <Space>
          {`${recordId ? t('editRecord') : t('addRecord')}: ${label(def)}`}
          {record && <RecordStatusTag status={record.status} />}
        </Space>
      }
      loading={existing.isLoading}
      // the office's Approve / Return are in the review panel while the record awaits approval
      extra={record && !inReview(user, record) && <WorkflowActions session={record} kind={def.type} user={user} />}
    >
      {record && (
        <ReviewPanel
          record={record}
          kind={def.type}
          user={user}
          fieldLabel={(f) => label(fields.find((x) => x.name === f)) || undefined}
        />
      )}
      {conflict && <Alert type="warning" showIcon title={t('conflict')} style={{ marginBottom: 16 }} />}
      {record && def.type === 'periodic_report' && (
        <SummaryBlock period={record.title} label={t('summaryOfWindow')} summary={summary} testId="report-summary" />
      )}
      {prefill.data && !record && (
        <SummaryBlock label={t('prefillPreview')} summary={prefill.data} testId="report-prefill" />
      )}
      {activities.data && (
        <SummaryBlock label={t('activitiesInMonth')} summary={activities.data} testId="am-activities" />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        {...protection.formProps}
        data-testid="record-form"
        disabled={!editable}
        initialValues={{ unitId: unitId ?? fixedUnit ?? undefined, ...toFormValues(fields, {}) }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item htmlFor="rf-unitId" name="unitId" label={t('unit')} rules={[{ required: true }]}>
              <UnitSelect
                id="rf-unitId"
                disabled={fixedUnit !== null || !editable}
                asOf={date?.format?.('YYYY-MM-DD')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {fields.map((f) => (
            <Col key={f.name} xs={24} md={f.kind === 'group' || f.kind === 'longtext' || f.name === 'title' ? 24 : 8}>
              <FieldInput f={f} asOf={date?.format?.('YYYY-MM-DD')} />
            </Col>
          ))}
        </Row>
        <Form.Item label={t('evidence')}>
          <EvidenceUpload
            value={evidence}
            onChange={(v) => {
              protection.touch();
              setEvidence(v);
            }}
          />
        </Form.Item>
        {editable && <SaveButtons saving={saving} andSubmit={andSubmit} setAndSubmit={setAndSubmit} prefix="record" />}
      </Form>
    </Card>
  );
}
