import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import { keepEnterInField } from './formProtection.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** The signed-in user changes their own password: the current one, the new one twice. */
export function ChangePasswordButton() {
  const { t } = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const close = () => {
    form.resetFields();
    setOpen(false);
  };
  const save = async (v: Values) => {
    setSaving(true);
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('passwordChanged'));
      close();
    } catch (e) {
      if (e instanceof ApiError && e.body.fields)
        form.setFields(
          Object.entries(e.body.fields).map(([name, err]) => ({ name: name as keyof Values, errors: [err] })),
        );
      else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="change-password">
        {t('changePassword')}
      </Button>
      <Modal
        open={open}
        title={t('changePassword')}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('changePassword')}
        cancelText={t('cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} onKeyDown={keepEnterInField}>
          <Form.Item
            htmlFor="pw-current"
            name="currentPassword"
            label={t('currentPassword')}
            rules={[{ required: true }]}
          >
            <Input.Password id="pw-current" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            htmlFor="pw-new"
            name="newPassword"
            label={t('ownNewPassword')}
            extra={t('passwordRules')}
            rules={[{ required: true }]}
          >
            <Input.Password id="pw-new" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            htmlFor="pw-repeat"
            name="repeat"
            label={t('repeatPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwordsDiffer'))),
              }),
            ]}
          >
            <Input.Password id="pw-repeat" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
