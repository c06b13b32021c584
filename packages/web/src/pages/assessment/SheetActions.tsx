import { SHEET_EVENT_LABELS, type Sheet, type SheetEvent } from '@gongyi/domain';
import { App, Button, Popconfirm, Tooltip } from 'antd';
import { useState } from 'react';
import { transitionSheet } from '../../api/assessment';
import { ReasonModal } from '../../components/ReasonModal';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, vocab, type MessageKey } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { CorrectionModal } from './CorrectionModal';

const CONFIRM: Record<Exclude<SheetEvent, 'return'>, MessageKey> = {
  enter_community: 'assessment.confirm.enter_community',
  submit: 'assessment.confirm.submit',
  review: 'assessment.confirm.review',
  lock: 'assessment.confirm.lock',
};

/** The workflow steps this user may take now (the server's allowedEvents), and 更正 after lock. */
export function SheetActions({ sheet, dirty, onSheet }: { sheet: Sheet; dirty: boolean; onSheet: (sheet: Sheet) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const can = useCan();
  const reportError = useReportError();
  const [busy, setBusy] = useState<SheetEvent>();
  const [returning, setReturning] = useState(false);
  const [correcting, setCorrecting] = useState(false);

  const run = async (event: SheetEvent, reason = '') => {
    setBusy(event);
    try {
      const next = await transitionSheet(town.id, sheet.id, event, reason);
      onSheet(next);
      void message.success(t('assessment.sheet.moved', { event: vocab(SHEET_EVENT_LABELS, event, lang) }));
    } finally {
      setBusy(undefined);
    }
  };

  const buttons = sheet.allowedEvents.map((event) => {
    const label = vocab(SHEET_EVENT_LABELS, event, lang);
    if (event === 'return') {
      return (
        <Button key={event} danger onClick={() => setReturning(true)} data-testid="sheet-event-return">
          {label}
        </Button>
      );
    }
    const button = (
      <Button type="primary" loading={busy === event} disabled={dirty} data-testid={`sheet-event-${event}`}>
        {label}
      </Button>
    );
    return dirty ? (
      <Tooltip key={event} title={t('assessment.sheet.saveFirst')}>
        {button}
      </Tooltip>
    ) : (
      <Popconfirm key={event} title={t(CONFIRM[event])} okText={label} cancelText={t('common.cancel')} onConfirm={() => run(event).catch(reportError)}>
        {button}
      </Popconfirm>
    );
  });

  return (
    <>
      {buttons}
      {sheet.state === 'locked' && can('assessment.review') && (
        <Button onClick={() => setCorrecting(true)} data-testid="sheet-correct">
          {t('assessment.correction.open')}
        </Button>
      )}
      <ReasonModal
        open={returning}
        title={t('assessment.return.title')}
        okText={vocab(SHEET_EVENT_LABELS, 'return', lang)}
        intro={t('assessment.return.intro')}
        label={t('assessment.return.reason')}
        onCancel={() => setReturning(false)}
        onSubmit={async (reason) => {
          await run('return', reason);
          setReturning(false);
        }}
        testId="sheet-return-form"
      />
      {correcting && <CorrectionModal sheet={sheet} onClose={() => setCorrecting(false)} onSheet={onSheet} />}
    </>
  );
}
