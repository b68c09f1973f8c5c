import { Alert, App, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';

/** A kind's colour, by severity: discrimination high, stereotype medium, described practice and possible low. */
const KIND_COLOUR = { discrimination: 'red', stereotype: 'orange', described: 'gold', possible: 'default' } as const;

export interface ScreenFinding {
  rule: string | null;
  category: 'discrimination' | 'stereotype' | 'described' | 'possible';
  location: string;
  start: number | null;
  end: number | null;
  text?: string;
  excerpt?: string;
  message: string;
  law: string | null;
  suggestion: string | null;
}

/** One finding: where, what kind, the exact words, why (with the law) and a suggested rewording. */
export function FindingItem({ f, extra }: { f: ScreenFinding; extra?: React.ReactNode }) {
  const { t } = useT();
  return (
    <List.Item actions={extra ? [extra] : []} data-testid="finding">
      <List.Item.Meta
        title={
          <Space wrap>
            <b>{f.location}</b>
            <Tag color={KIND_COLOUR[f.category]} title={t(`${f.category}Hint`)}>
              {t(f.category)}
            </Tag>
            {f.rule && <Typography.Text type="secondary">{f.rule}</Typography.Text>}
          </Space>
        }
        description={
          <>
            <Typography.Paragraph style={{ margin: 0 }}>
              <mark>{f.text ?? f.excerpt}</mark>
            </Typography.Paragraph>
            <Typography.Paragraph style={{ margin: 0 }}>{f.message}</Typography.Paragraph>
            {f.law && (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('law')}: {f.law}
              </Typography.Paragraph>
            )}
            {f.suggestion && (
              <Typography.Paragraph type="success" style={{ margin: 0 }}>
                {t('suggestion')}: {f.suggestion}
              </Typography.Paragraph>
            )}
          </>
        }
      />
    </List.Item>
  );
}

/** Anyone signed in pastes a text (a convention, a draft article) and sees what may discriminate or stereotype. */
export function ScreenPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ units: number; findings: ScreenFinding[] } | null>(null);
  const run = async () => {
    try {
      setResult(await api.post<{ units: number; findings: ScreenFinding[] }>('/api/screen', { text }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card title={t('screen')}>
      <Alert type="info" showIcon title={t('screenHelp')} style={{ marginBottom: 12 }} />
      <Input.TextArea
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        id="screen-text"
        aria-label={t('screen')}
      />
      <Button type="primary" onClick={run} disabled={!text.trim()} style={{ marginTop: 12 }} data-testid="screen-run">
        {t('screenRun')}
      </Button>
      {result && (
        <List
          header={
            <b data-testid="screen-summary">
              {`${result.findings.length} ` + `${t('findingsIn')} ${result.units} ${t('parts')}`}
            </b>
          }
          dataSource={result.findings}
          renderItem={(f) => <FindingItem f={f} />}
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  );
}
