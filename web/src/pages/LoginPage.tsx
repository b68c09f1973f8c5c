import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ApiError, setCsrfToken, type User } from '../api.ts';
import { useT } from '../i18n.tsx';

export function LoginPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ csrfToken: string; user: User }>('/api/auth/login', v);
      setCsrfToken(r.csrfToken);
      qc.setQueryData(['me'], r.user);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <main className="login-card">
        <h1>{t('appName')}</h1>
        <p className="login-tagline">{t('tagline')}</p>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item htmlFor="login-username" name="username" label={t('username')} rules={[{ required: true }]}>
            <Input autoComplete="username" id="login-username" />
          </Form.Item>
          <Form.Item htmlFor="login-password" name="password" label={t('password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
        <p style={{ marginTop: 16, marginBottom: 0 }}>
          <a href="#/cong-khai" data-testid="portal-link">
            {t('ptPortalLink')}
          </a>
        </p>
      </main>
    </div>
  );
}
