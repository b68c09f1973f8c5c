import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useT } from '../i18n.tsx';
import { keepEnterInField } from '../components/formProtection.ts';
import { numberLocale } from '../format.ts';

interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: number | null;
  unitCode: string | null;
  email: string | null;
  active: boolean;
  version: number;
  lockedUntil: string | null;
}

const ROLES = ['admin', 'coordinator', 'reporter', 'inspector', 'viewer'];

/** Admins create users, change roles and units, reset passwords, lock accounts. */
export function UsersPage() {
  const { t, tOr } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.get<AdminUser[]>('/api/users') });
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);
  const open = (u: AdminUser | 'new') => {
    setEditing(u);
    form.resetFields();
    if (u !== 'new') form.setFieldsValue({ ...u, password: '' });
    else form.setFieldsValue({ role: 'reporter', active: true });
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await api.post('/api/users', { ...v, unitId: v.unitId ?? null });
      else if (editing)
        await api.put(`/api/users/${editing.id}`, {
          ...v,
          version: editing.version,
          unitId: v.unitId ?? null,
          password: v.password || undefined,
        });
      message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      if (e instanceof ApiError && e.body.fields)
        form.setFields(Object.entries(e.body.fields).map(([name, err]) => ({ name, errors: [err] })));
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const unlock = async (u: AdminUser) => {
    try {
      await api.post(`/api/users/${u.id}/unlock`, {});
      message.success(t('unlocked'));
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Card title={t('users')}>
        {/* in the body, not the header: on a phone two buttons in the header squeeze the title out */}
        <Space wrap style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => open('new')}>
            {t('addUser')}
          </Button>
          <Button href="/api/admin/backup" download>
            {t('backup')}
          </Button>
        </Space>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={users.isLoading}
          dataSource={users.data ?? []}
          pagination={false}
          columns={[
            { title: t('username'), dataIndex: 'username' },
            { title: t('displayName'), dataIndex: 'displayName' },
            { title: t('role'), dataIndex: 'role', render: (r: string) => tOr(`role_${r}`, r) },
            { title: t('unit'), dataIndex: 'unitCode' },
            { title: t('email'), dataIndex: 'email' },
            {
              title: t('active'),
              render: (_: unknown, u: AdminUser) =>
                !u.active ? (
                  <Tag>—</Tag>
                ) : u.lockedUntil ? (
                  <span>
                    <Tag
                      color="orange"
                      title={`${t('lockedUntil')} ${new Date(u.lockedUntil).toLocaleString(numberLocale())}`}
                    >
                      {t('lockedUntil')} {new Date(u.lockedUntil).toLocaleTimeString(numberLocale())}
                    </Tag>
                    <Button size="small" onClick={() => unlock(u)}>
                      {t('unlock')}
                    </Button>
                  </span>
                ) : (
                  <Tag color="green">✓</Tag>
                ),
            },
            { title: '', render: (_: unknown, u: AdminUser) => <a onClick={() => open(u)}>{t('edit')}</a> },
          ]}
        />
        <Modal
          open={editing !== null}
          onCancel={() => setEditing(null)}
          onOk={save}
          okText={t('save')}
          cancelText={t('cancel')}
          title={editing === 'new' ? t('addUser') : t('edit')}
          destroyOnHidden
        >
          <Form onKeyDown={keepEnterInField} form={form} layout="vertical">
            <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
              <Input disabled={editing !== 'new'} />
            </Form.Item>
            <Form.Item name="displayName" label={t('displayName')}>
              <Input />
            </Form.Item>
            <Form.Item name="email" label={t('email')}>
              <Input type="email" />
            </Form.Item>
            <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
              <Select options={ROLES.map((r) => ({ value: r, label: tOr(`role_${r}`, r) }))} />
            </Form.Item>
            <Form.Item name="unitId" label={t('unit')} rules={[{ required: role === 'reporter' }]}>
              <UnitSelect allowClear />
            </Form.Item>
            <Form.Item
              name="password"
              label={editing === 'new' ? t('password') : t('newPassword')}
              rules={[{ required: editing === 'new' }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            {editing !== 'new' && (
              <Form.Item name="active" label={t('active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
          </Form>
        </Modal>
      </Card>
      <Outbox />
    </>
  );
}

interface Mail {
  id: number;
  to_address: string;
  subject: string;
  created_at: string;
  sent_at: string | null;
}

/** What the product means to send by e-mail, kept while no mail server is configured. */
function Outbox() {
  const { t } = useT();
  const box = useQuery({
    queryKey: ['outbox'],
    queryFn: () => api.get<{ total: number; items: Mail[] }>('/api/outbox'),
  });
  return (
    <Card title={`${t('outbox')} — ${box.data?.total ?? 0}`} style={{ marginTop: 16 }} size="small">
      <Table
        rowKey="id"
        size="small"
        dataSource={box.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          {
            title: t('when'),
            dataIndex: 'created_at',
            render: (v: string) => new Date(v).toLocaleString(numberLocale()),
          },
          { title: t('email'), dataIndex: 'to_address' },
          { title: t('title'), dataIndex: 'subject' },
        ]}
      />
    </Card>
  );
}
