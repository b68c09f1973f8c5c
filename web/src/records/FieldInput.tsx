import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { api, type FieldInfo, type Period, type UnitRecord } from '../api.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useT } from '../i18n.tsx';
import { numberLocale, decimalSign } from '../format.ts';

/**
 * The input of one field of a record type, chosen by its kind. Form.Item hands it value/onChange (or
 * checked for a switch), which go to the input as they are.
 */
/**
 * Thousands grouped as the language on screen writes them (1.500.000, 1,500,000); a minus sign is kept, so that the
 * server refuses the value.
 */
const groupedThousands = {
  formatter: (v: number | string | undefined) =>
    v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString(numberLocale()),
  parser: (v: string | undefined) =>
    (v ? (v.trim().startsWith('-') ? -1 : 1) * Number(v.replace(/\D/gu, '')) : '') as 0,
};

function Control({
  f,
  id,
  asOf,
  ...io
}: {
  f: FieldInfo;
  id: string;
  asOf?: string | undefined;
  value?: never;
  onChange?: never;
  checked?: never;
}) {
  const { t, label } = useT();
  const periods = useQuery({
    queryKey: ['periods'],
    enabled: f.name === 'period',
    queryFn: () => api.get<{ periods: Period[]; current: string | null }>('/api/reports/periods'),
  });
  const linked = useQuery({
    queryKey: ['records', f.recordType, 'all'],
    enabled: f.kind === 'record',
    queryFn: () => api.get<{ items: UnitRecord[] }>(`/api/records/${f.recordType}?limit=500`),
  });
  const options = Object.entries(f.list ?? {}).map(([value, l]) => ({ value, label: label(l) }));
  switch (f.kind) {
    case 'longtext':
      return <Input.TextArea {...io} rows={3} id={id} maxLength={5000} />;
    case 'date':
      return (
        <DatePicker
          {...io}
          format="DD/MM/YYYY"
          style={{ width: '100%' }}
          id={id}
          disabledDate={f.future ? undefined : (d) => d.isAfter(dayjs(), 'day')}
        />
      );
    // no min or max on these controls: antd would silently change a value out of range when the field loses
    // focus (120 became 100); the server refuses it with the reason instead
    case 'int':
    case 'money':
      return (
        <InputNumber
          {...io}
          precision={0}
          style={{ width: '100%' }}
          id={id}
          // a year is written as a year (2026, not 2.026); other numbers group thousands with dots (1.500.000)
          {...(f.year ? {} : groupedThousands)}
        />
      );
    case 'score':
      return <InputNumber {...io} step={0.5} style={{ width: '100%' }} id={id} decimalSeparator={decimalSign()} />;
    case 'bool':
      return <Switch {...io} id={id} checkedChildren={t('yes')} unCheckedChildren={t('no')} />;
    case 'code':
      return (
        <Select {...io} options={options} id={id} showSearch={{ optionFilterProp: 'label' }} allowClear={!f.required} />
      );
    case 'codes':
      return <Select {...io} mode="multiple" options={options} id={id} showSearch={{ optionFilterProp: 'label' }} />;
    case 'unit':
      return <UnitSelect {...io} id={id} asOf={asOf} allowClear={!f.required} />;
    case 'record':
      return (
        <Select
          {...io}
          id={id}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(linked.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title} — ${r.unitName}` }))}
        />
      );
    default:
      // the latest periods first: a unit reports on the current one
      if (f.name === 'period') {
        return (
          <Select
            {...io}
            id={id}
            showSearch={{ optionFilterProp: 'label' }}
            options={[...(periods.data?.periods ?? [])]
              .reverse()
              .map((p) => ({ value: p.key, label: `${label(p)} (${p.key})` }))}
          />
        );
      }
      return <Input {...io} id={id} maxLength={500} />;
  }
}

/** A field with its label, its input, and for a group a list of items each with the group's fields. */
export function FieldInput({ f, asOf }: { f: FieldInfo; asOf?: string | undefined }) {
  const { t, label } = useT();
  if (f.kind === 'group') {
    return (
      <Form.Item label={label(f)}>
        <Form.List name={f.name}>
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Card
                  key={item.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`${label(f)} ${i + 1}`}
                  extra={
                    <a onClick={() => remove(item.name)} data-testid={`rf-remove-${f.name}-${i}`}>
                      {t('removeItem')}
                    </a>
                  }
                >
                  <Row gutter={12}>
                    {(f.fields ?? []).map((sub) => (
                      <Col key={sub.name} xs={24} md={sub.kind === 'text' || sub.kind === 'longtext' ? 12 : 6}>
                        <Form.Item
                          htmlFor={`rf-${f.name}-${i}-${sub.name}`}
                          name={[item.name, sub.name]}
                          label={label(sub)}
                          rules={sub.required ? [{ required: true }] : []}
                          valuePropName={sub.kind === 'bool' ? 'checked' : 'value'}
                          initialValue={sub.kind === 'bool' ? false : undefined}
                        >
                          <Control f={sub} id={`rf-${f.name}-${i}-${sub.name}`} asOf={asOf} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
              ))}
              <Button onClick={() => add()} data-testid={`rf-add-${f.name}`}>
                {t('addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    );
  }
  return (
    <Form.Item
      htmlFor={`rf-${f.name}`}
      name={f.name}
      label={label(f)}
      rules={f.required ? [{ required: true }] : []}
      valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
    >
      <Control f={f} id={`rf-${f.name}`} asOf={asOf} />
    </Form.Item>
  );
}
