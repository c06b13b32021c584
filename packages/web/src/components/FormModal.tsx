import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { errorMessage } from '../hooks/useReportError';
import { useI18n } from '../i18n';

// The one pattern for every create/edit dialog: a vertical form inside a modal, submitted by the OK
// button; the server's error lands on the field it names, or in a message when no field matches.

interface Props<V> {
  open: boolean;
  title: ReactNode;
  okText?: string;
  width?: number;
  initialValues?: Partial<V>;
  onCancel: () => void;
  /** Throw (an ApiError) to keep the dialog open; resolve to close it. */
  onSubmit: (values: V) => Promise<void>;
  /** For fields that fill in others (a category's default coop). */
  onValuesChange?: (changed: Partial<V>, form: FormInstance<V>) => void;
  children: ReactNode;
  testId?: string;
}

type NamePath = (string | number)[];

function toNamePath(field: string): NamePath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The deepest registered form field on the path the server named, if any. */
export function findField(form: FormInstance, field: string): NamePath | undefined {
  const known = form.getFieldsError().map((f) => f.name.join('.'));
  const path = toNamePath(field);
  for (let n = path.length; n > 0; n--) {
    if (known.includes(path.slice(0, n).join('.'))) return path.slice(0, n);
  }
  return undefined;
}

export function FormModal<V extends object>(props: Props<V>) {
  const { open, title, okText, width = 560, initialValues, onCancel, onSubmit, onValuesChange, children, testId } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  // Untyped on purpose: server errors name fields by runtime paths that V's type cannot describe.
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  const finish = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (error) {
      const name = error instanceof ApiError && error.field ? findField(form, error.field) : undefined;
      if (name) form.setFields([{ name, errors: [errorMessage(error)] }]);
      else void message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      confirmLoading={saving}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      mask={{ closable: false }}
      style={{ top: 32 }}
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', paddingRight: 8 } }}
      modalRender={(dom) => (
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          clearOnDestroy
          scrollToFirstError
          onFinish={(values) => void finish(values)}
          onValuesChange={onValuesChange && ((changed: Partial<V>) => onValuesChange(changed, form))}
          data-testid={testId}
        >
          {dom}
        </Form>
      )}
    >
      {children}
    </Modal>
  );
}
