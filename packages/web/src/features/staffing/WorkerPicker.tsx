import type { PostVersion, WorkerRow } from '@gongyi/domain';
import { Form, Select, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { isAbort } from '../../api/client';
import { listWorkers } from '../../api/workers';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

/** A worker with the post in force: what an exit or a transfer starts from. */
export interface WorkerOnPost {
  personId: string;
  name: string;
  post: PostVersion;
}

export function onPost(row: { personId: string; name: string; post: PostVersion | null }): WorkerOnPost | undefined {
  return row.post ? { personId: row.personId, name: row.name, post: row.post } : undefined;
}

/** Finds an active worker by name on the server (the roster is paged), for a form field. */
export function WorkerPicker({ value, onChange, id }: { value?: string; onChange?: (personId: string, worker: WorkerOnPost) => void; id?: string }) {
  const { t } = useI18n();
  const town = useTown();
  const reportError = useReportError();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<WorkerRow[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      listWorkers(town.id, { q: q || undefined, status: 'active', page: 1, pageSize: 20 }, controller.signal).then(
        (page) => {
          setRows(page.items);
          setLoading(false);
        },
        (error: unknown) => {
          if (isAbort(error)) return;
          setLoading(false);
          reportError(error);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [town.id, q, reportError]);

  return (
    <Select<string>
      id={id}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('staffing.pickWorker')}
      loading={loading}
      notFoundContent={loading ? t('app.loading') : t('staffing.pickWorkerNone')}
      options={rows.map((w) => ({
        value: w.personId,
        label: `${w.name} · ${w.post?.teamName ?? '—'} · ${w.idNumberMasked.slice(-4)}`,
      }))}
      onChange={(personId) => {
        const row = rows.find((w) => w.personId === personId);
        const worker = row && onPost(row);
        if (worker) onChange?.(personId, worker);
      }}
      data-testid="worker-picker"
    />
  );
}

/** 人员: the form's personId, picked by name; `onPick` hears the worker with their post. */
export function PickWorkerField({ onPick }: { onPick?: (worker: WorkerOnPost, form: FormInstance) => void }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  return (
    <Form.Item name="personId" label={t('staffing.worker')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('staffing.worker') }) }]}>
      <WorkerPicker onChange={(_id, worker) => onPick?.(worker, form)} />
    </Form.Item>
  );
}
