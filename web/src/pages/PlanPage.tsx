import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Collapse,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type Label, type User } from '../api.ts';
import { isOffice, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { keepEnterInField } from '../components/formProtection.ts';

interface PlanIndicator {
  code: string;
  title: Label;
  kind: string;
  source: string;
  targets: Record<string, number>;
  milestones: number[];
  tasks: string[];
}

interface PlanResponse {
  version: number;
  plan: {
    id: string;
    name: Label;
    basis?: string;
    period: { from: number; to: number };
    areaLevels: { from: string; level: string }[];
    taskGroups: { code: string; title: Label; responsible: string[] }[];
    goals: { code: string; title: Label; note?: Label; indicators: PlanIndicator[] }[];
  };
  rules: Record<string, Label>;
  versions: { version: number; note: string | null; createdAt: string; by: string | null }[];
}

const isShareKind = (kind: string) => kind !== 'count' && kind !== 'sum';

/** The plan as data: goals, indicators with their rules and targets, responsibilities and versions. */
export function PlanPage({ user }: { user: User }) {
  const { t, tf, label, lang } = useT();
  const { message } = App.useApp();
  const meta = useMeta();
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api.get<{ id: string }[]>('/api/plans') });
  const id = plans.data?.[0]?.id;
  const plan = useQuery({
    queryKey: ['plan', id],
    enabled: !!id,
    queryFn: () => api.get<PlanResponse>(`/api/plans/${id}`),
  });
  const [editing, setEditing] = useState<PlanIndicator | null>(null);
  const [task, setTask] = useState<{ code: string; responsible: string[] } | null>(null);
  const [form] = Form.useForm();
  const p = plan.data;
  const years = p
    ? Array.from({ length: p.plan.period.to - p.plan.period.from + 1 }, (_, i) => p.plan.period.from + i)
    : [];

  const openEdit = (ind: PlanIndicator) => {
    setEditing(ind);
    form.resetFields();
    const scale = isShareKind(ind.kind) ? 100 : 1;
    form.setFieldsValue({
      note: '',
      ...Object.fromEntries(
        years.map((y) => [`y${y}`, ind.targets[String(y)] === undefined ? null : ind.targets[String(y)]! * scale]),
      ),
    });
  };
  const save = async () => {
    if (!editing || !p) return;
    const v = form.getFieldsValue();
    const scale = isShareKind(editing.kind) ? 100 : 1;
    const targets = Object.fromEntries(
      years
        .filter((y) => v[`y${y}`] !== null && v[`y${y}`] !== undefined)
        .map((y) => [String(y), Number(v[`y${y}`]) / scale]),
    );
    try {
      await api.put(`/api/plans/${p.plan.id}`, {
        version: p.version,
        note: v.note,
        targets: { [editing.code]: targets },
      });
      message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const saveTask = async () => {
    if (!task || !p) return;
    try {
      await api.put(`/api/plans/${p.plan.id}`, {
        version: p.version,
        note: tf('assignmentNote', { code: task.code }),
        responsible: { [task.code]: task.responsible },
      });
      message.success(t('saved'));
      setTask(null);
      await qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (!p) return <Card loading={plan.isLoading || plans.isLoading} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${p.plan.name[lang]} — v${p.version}`} data-testid="plan-card">
        {p.plan.basis && <Typography.Paragraph type="secondary">{p.plan.basis}</Typography.Paragraph>}
        <Collapse
          defaultActiveKey={p.plan.goals.map((g) => g.code)}
          items={p.plan.goals.map((g) => ({
            key: g.code,
            label: (
              <b>
                {g.code}. {g.title[lang]}
              </b>
            ),
            children: (
              <>
                {g.note && <Typography.Paragraph type="secondary">{g.note[lang]}</Typography.Paragraph>}
                <Table
                  rowKey="code"
                  size="small"
                  pagination={false}
                  dataSource={g.indicators}
                  columns={[
                    { title: t('code'), dataIndex: 'code', width: 120 },
                    {
                      title: t('indicator'),
                      render: (_: unknown, i: PlanIndicator) => (
                        <>
                          <div>{i.title[lang]}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {p.rules[i.code]?.[lang]}
                          </Typography.Text>
                        </>
                      ),
                    },
                    {
                      title: t('target'),
                      render: (_: unknown, i: PlanIndicator) =>
                        Object.entries(i.targets).map(([y, v]) => (
                          <Tag key={y}>
                            {y}: {isShareKind(i.kind) ? `${Math.round(v * 1000) / 10}%` : v}
                          </Tag>
                        )),
                    },
                    { title: t('tasks'), dataIndex: 'tasks', width: 90, render: (ts: string[]) => ts.join(', ') },
                    ...(isOffice(user)
                      ? [
                          {
                            title: '',
                            width: 110,
                            render: (_: unknown, i: PlanIndicator) => (
                              <a onClick={() => openEdit(i)} data-testid={`edit-${i.code}`}>
                                {t('editTargets')}
                              </a>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </>
            ),
          }))}
        />
      </Card>
      <Card title={t('tasks')}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={p.plan.taskGroups}
          columns={[
            { title: t('code'), dataIndex: 'code', width: 60 },
            { title: t('name'), render: (_: unknown, g: PlanResponse['plan']['taskGroups'][number]) => g.title[lang] },
            {
              title: t('kind'),
              dataIndex: 'responsible',
              render: (ks: string[]) => ks.map((k) => <Tag key={k}>{label(meta.data?.lists.unitKinds[k], k)}</Tag>),
            },
            ...(isOffice(user)
              ? [
                  {
                    title: '',
                    width: 80,
                    render: (_: unknown, g: PlanResponse['plan']['taskGroups'][number]) => (
                      <a onClick={() => setTask({ code: g.code, responsible: g.responsible })}>{t('edit')}</a>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('versions')}>
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={p.versions}
          data-testid="plan-versions"
          columns={[
            { title: 'v', dataIndex: 'version', width: 50 },
            { title: t('when'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('DD/MM/YYYY HH:mm') },
            { title: t('who'), dataIndex: 'by', render: (v: string | null) => v ?? 'system' },
            { title: t('note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      <Modal
        open={task !== null}
        title={task ? `${t('tasks')} — ${task.code}` : ''}
        onCancel={() => setTask(null)}
        onOk={saveTask}
        okText={t('save')}
        cancelText={t('cancel')}
      >
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={task?.responsible ?? []}
          onChange={(v: string[]) => setTask((prev) => (prev ? { ...prev, responsible: v } : prev))}
          options={Object.entries(meta.data?.lists.unitKinds ?? {}).map(([k, l]) => ({ value: k, label: label(l) }))}
        />
      </Modal>
      <Modal
        open={editing !== null}
        title={editing ? `${t('editTargets')} — ${editing.code}` : ''}
        onCancel={() => setEditing(null)}
        onOk={save}
        okText={t('save')}
        cancelText={t('cancel')}
        okButtonProps={{ id: 'plan-save' }}
      >
        <Form onKeyDown={keepEnterInField} form={form} layout="inline">
          {years.map((y) => (
            <Form.Item htmlFor={`target-${y}`} key={y} name={`y${y}`} label={String(y)} style={{ marginBottom: 8 }}>
              <InputNumber
                min={0}
                max={editing && isShareKind(editing.kind) ? 100 : undefined}
                suffix={editing && isShareKind(editing.kind) ? '%' : undefined}
                style={{ width: 110 }}
                id={`target-${y}`}
              />
            </Form.Item>
          ))}
          <Form.Item htmlFor="plan-note" name="note" label={t('note')} style={{ width: '100%' }}>
            <Input id="plan-note" />
          </Form.Item>
        </Form>
        <Button type="link" onClick={() => form.setFieldsValue(Object.fromEntries(years.map((y) => [`y${y}`, null])))}>
          {t('delete')} {t('target').toLowerCase()}
        </Button>
      </Modal>
    </Space>
  );
}
