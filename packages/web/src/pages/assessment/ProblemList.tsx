import type { Sheet } from '@gongyi/domain';
import { Alert, Typography } from 'antd';
import { fieldLabel, type CellMap } from '../../features/assessment/SheetGrid';
import { useI18n } from '../../i18n';

const SHOWN = 6;

/** The cells refused so far, by worker and column, above the grid (each is also red in the grid, its message on hover). */
export function ProblemList({ sheet, problems }: { sheet: Sheet; problems: CellMap }) {
  const { t, lang } = useI18n();
  const names = new Map(sheet.entries.map((e) => [e.personId, e.name]));
  const items = Object.entries(problems).flatMap(([personId, cells]) =>
    Object.entries(cells).map(([field, message]) => ({ key: `${personId}|${field}`, name: names.get(personId) ?? '', field, message })),
  );
  if (items.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 8 }}
      title={t('assessment.sheet.problems', { count: items.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="sheet-problems">
          {items.slice(0, SHOWN).map((p) => (
            <li key={p.key}>
              <Typography.Text strong>{p.name}</Typography.Text>
              {p.name && ' · '}
              {fieldLabel(p.field, sheet.template.indicators, t, lang)}
              {t('common.colon')}
              {p.message}
            </li>
          ))}
          {items.length > SHOWN && <li>{t('assessment.sheet.moreProblems', { count: items.length - SHOWN })}</li>}
        </ul>
      }
    />
  );
}
