import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type Session, type User } from '../api.ts';
import { useCreateUnlessDuplicate } from '../components/duplicates.tsx';
import { EvidenceUpload, type EvidenceRef } from '../components/EvidenceUpload.tsx';
import { useFormProtection } from '../components/formProtection.ts';
import { SaveButtons } from '../components/SaveButtons.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { canEdit, inReview, RecordStatusTag, ReviewPanel, WorkflowActions } from '../components/Workflow.tsx';
import { useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';

interface FormValues {
  unitId: number;
  date: Dayjs;
  title: string;
  form: string;
  topics: string[];
  targetGroups: string[];
  participantsTotal: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
  placeUnitId: number | null;
  notes: string;
}

/** Creates or edits a session; server errors land on their fields; a stale edit keeps the input. */
export function SessionForm({
  user,
  sessionId,
  unitId,
}: {
  user: User;
  sessionId?: number | undefined;
  unitId?: number | undefined;
}) {
  const { t, label } = useT();
  const { message } = App.useApp();
  const meta = useMeta();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [evidence, setEvidence] = useState<EvidenceRef[]>([]);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const protection = useFormProtection();
  const create = useCreateUnlessDuplicate();
  const existing = useQuery({
    queryKey: ['session', sessionId],
    enabled: sessionId !== undefined,
    queryFn: async () => {
      const s = await api.get<Session>(`/api/sessions/${sessionId}`);
      form.setFieldsValue({ ...s, date: dayjs(s.date), notes: s.notes ?? '' });
      setEvidence(s.evidence);
      return s;
    },
  });
  const lists = meta.data?.lists;
  const options = (l: Record<string, { vi: string; en: string }> | undefined) =>
    Object.entries(l ?? {}).map(([value, v]) => ({ value, label: label(v) }));
  const fixedUnit = user.role === 'reporter' ? user.unitId : null;
  const date = Form.useWatch('date', form);
  const session = existing.data;
  const editable = !session || canEdit(user, session, 'communication_session');

  const [andSubmit, setAndSubmit] = useState(false);
  const submit = async (v: FormValues) => {
    setSaving(true);
    setConflict(false);
    const payload = { ...v, date: v.date.format('YYYY-MM-DD'), evidence, version: existing.data?.version };
    try {
      let saved = sessionId
        ? await api.put<Session>(`/api/sessions/${sessionId}`, payload)
        : await create<Session>('/api/sessions', { ...payload, submit: andSubmit }, (id) => go(`sessions/${id}`));
      if (!saved) return;
      if (sessionId && andSubmit)
        saved = await api.post<Session>(`/api/sessions/${saved.id}/transition`, {
          action: 'submit',
          version: saved.version,
        });
      protection.saved();
      message.success(t('saved'));
      await qc.invalidateQueries();
      go(`units/${saved.unitId}`);
    } catch (e) {
      if (e instanceof ApiError && e.body.code === 'CONFLICT') setConflict(true);
      else if (e instanceof ApiError && e.body.fields) {
        form.setFields(
          Object.entries(e.body.fields).map(([name, err]) => ({ name: name as keyof FormValues, errors: [err] })),
        );
        message.error(e.message);
      } else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          {sessionId ? t('editSession') : t('addSession')}
          {session && <RecordStatusTag status={session.status} />}
        </Space>
      }
      loading={existing.isLoading}
      // the office's Approve / Return are in the review panel while the session awaits approval
      extra={session && !inReview(user, session) && <WorkflowActions session={session} user={user} />}
    >
      {session && <ReviewPanel record={session} kind="communication_session" user={user} />}
      {conflict && <Alert type="warning" showIcon title={t('conflict')} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        {...protection.formProps}
        data-testid="session-form"
        disabled={!editable}
        initialValues={{
          unitId: unitId ?? fixedUnit ?? undefined,
          date: dayjs(),
          topics: ['gender_equality_law'],
          targetGroups: [],
          notes: '',
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item htmlFor="session-unit" name="unitId" label={t('unit')} rules={[{ required: true }]}>
              <UnitSelect
                id="session-unit"
                disabled={fixedUnit !== null || !editable}
                asOf={date?.format('YYYY-MM-DD')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item htmlFor="session-date" name="date" label={t('date')} rules={[{ required: true }]}>
              <DatePicker
                format="DD/MM/YYYY"
                style={{ width: '100%' }}
                id="session-date"
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item htmlFor="session-form-kind" name="form" label={t('form')} rules={[{ required: true }]}>
              <Select options={options(lists?.forms)} id="session-form-kind" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item htmlFor="session-title" name="title" label={t('title')} rules={[{ required: true, min: 3 }]}>
          <Input id="session-title" maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="topics" label={t('topics')} rules={[{ required: true }]}>
              <Select mode="multiple" options={options(lists?.topics)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="targetGroups" label={t('targetGroups')}>
              <Select mode="multiple" options={options(lists?.targetGroups)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={8}>
            <Form.Item htmlFor="session-total" name="participantsTotal" label={t('participantsTotal')}>
              <InputNumber style={{ width: '100%' }} id="session-total" />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item htmlFor="session-female" name="participantsFemale" label={t('participantsFemale')}>
              <InputNumber style={{ width: '100%' }} id="session-female" />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item htmlFor="session-male" name="participantsMale" label={t('participantsMale')}>
              <InputNumber style={{ width: '100%' }} id="session-male" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="placeUnitId" label={t('place')}>
          <UnitSelect kinds="commune" asOf={date?.format('YYYY-MM-DD')} allowClear />
        </Form.Item>
        <Form.Item name="notes" label={t('notes')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('evidence')}>
          <EvidenceUpload
            value={evidence}
            onChange={(v) => {
              protection.touch();
              setEvidence(v);
            }}
          />
        </Form.Item>
        {editable && <SaveButtons saving={saving} andSubmit={andSubmit} setAndSubmit={setAndSubmit} prefix="session" />}
      </Form>
    </Card>
  );
}
