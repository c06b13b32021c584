import { EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { revealField, type RevealField } from '../../api/workers';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';

/** How long a revealed number stays on screen. */
export const REVEAL_SECONDS = 30;

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

interface Props {
  workerId: string;
  field: RevealField;
  masked: string | null;
}

/**
 * A masked number (310***********123X) with 查看 for users allowed to reveal it: the full value
 * shows for 30 seconds, with a note that the server has recorded the look in the audit log.
 */
export function RevealValue({ workerId, field, masked }: Props) {
  const { t } = useI18n();
  const town = useTown();
  const canReveal = useCan()('worker.reveal');
  const reportError = useReportError();
  const [revealed, setRevealed] = useState<{ value: string; left: number }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => setRevealed((r) => (r && r.left > 1 ? { ...r, left: r.left - 1 } : undefined)), 1000);
    return () => clearTimeout(timer);
  }, [revealed]);

  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;

  const reveal = async () => {
    setBusy(true);
    try {
      const answer = await revealField(town.id, workerId, field);
      if (answer.value) setRevealed({ value: answer.value, left: REVEAL_SECONDS });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  if (revealed) {
    return (
      <Flex align="center" gap={8} wrap data-testid={`revealed-${field}`}>
        <Typography.Text strong copyable style={MONO}>
          {revealed.value}
        </Typography.Text>
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('workers.revealAudited', { seconds: revealed.left })}
        </Typography.Text>
        <Button size="small" type="link" onClick={() => setRevealed(undefined)}>
          {t('workers.hide')}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex align="center" gap={4} wrap>
      <span style={MONO}>{masked}</span>
      {canReveal && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={busy}
          onClick={() => void reveal()}
          title={t('workers.revealHint')}
          data-testid={`reveal-${field}`}
        >
          {t('workers.reveal')}
        </Button>
      )}
    </Flex>
  );
}
