import type { Sheet } from '@gongyi/domain';
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveEntries, uploadSheetXlsx, type SaveEntriesResult } from '../../api/assessment';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, type Translate } from '../../i18n';
import { columnLabel, type CellMap } from './SheetGrid';
import { cellText, checkCell, rowsToSave, settleSave, storedValue, type GridColumn, type LocalProblem, type PastePlan, type Scorer } from './sheetGrid';

// The sheet page's typing state: drafts (typed, not saved), messages on cells (the browser's own
// and the server's), saving, uploading the filled-in xlsx. The grid itself only shows them.

export function localMessage(p: LocalProblem, column: GridColumn, t: Translate): string {
  switch (p.kind) {
    case 'nan':
      return t(p.cell === 'points' ? 'assessment.cell.nanPoints' : p.cell === 'count' ? 'assessment.cell.nanCount' : 'assessment.cell.nanDays', { label: p.label });
    case 'negative':
      return t(column.kind === 'points' ? 'assessment.cell.negativePoints' : 'assessment.cell.negative', { label: p.label });
    case 'above_points':
      return t('assessment.cell.abovePoints', { label: p.label, points: p.points, value: p.value });
    case 'not_tenths':
      return t('assessment.cell.notTenths', { label: p.label });
    case 'not_half_days':
      return t('assessment.cell.notHalfDays', { label: p.label });
    case 'not_integer':
      return t('assessment.cell.notInteger', { label: p.label });
    case 'above_due':
      return t('assessment.cell.aboveDue', { value: p.value, due: p.due });
  }
}

export interface SheetEditing {
  drafts: CellMap;
  problems: CellMap;
  dirtyCount: number;
  problemCount: number;
  saving: boolean;
  onCells: (cells: CellMap) => void;
  onPasted: (plan: PastePlan) => void;
  save: () => Promise<void>;
  upload: (file: File) => Promise<void>;
}

export function useSheetEditing(townId: string, sheet: Sheet | undefined, columns: GridColumn[], editor: Scorer | null, onSheet: (sheet: Sheet) => void): SheetEditing {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [drafts, setDrafts] = useState<CellMap>({});
  const [problems, setProblems] = useState<CellMap>({});
  const [saving, setSaving] = useState(false);
  const byField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);
  const byPerson = useMemo(() => new Map((sheet?.entries ?? []).map((e) => [e.personId, e])), [sheet]);
  const state = useRef({ drafts, problems });
  state.current = { drafts, problems };

  // Another sheet: start clean.
  const sheetId = sheet?.id;
  useEffect(() => {
    setDrafts({});
    setProblems({});
  }, [sheetId]);

  const problemOf = useCallback(
    (personId: string, field: string, text: string) => {
      const column = byField.get(field);
      const entry = byPerson.get(personId);
      if (!column || !entry) return null;
      const p = checkCell(column, text, entry.daysDue, columnLabel(column, t, lang));
      return p ? localMessage(p, column, t) : null;
    },
    [byField, byPerson, t, lang],
  );

  const onCells = useCallback(
    (cells: CellMap) => {
      const nextDrafts = { ...state.current.drafts };
      const nextProblems = { ...state.current.problems };
      for (const [personId, fields] of Object.entries(cells)) {
        const entry = byPerson.get(personId);
        if (!entry) continue;
        const draft = { ...nextDrafts[personId] };
        const messages = { ...nextProblems[personId] };
        for (const [field, text] of Object.entries(fields)) {
          if (text === cellText(storedValue(entry, field), field)) delete draft[field];
          else draft[field] = text;
          const problem = problemOf(personId, field, text);
          if (problem) messages[field] = problem;
          else delete messages[field];
        }
        if (Object.keys(draft).length > 0) nextDrafts[personId] = draft;
        else delete nextDrafts[personId];
        if (Object.keys(messages).length > 0) nextProblems[personId] = messages;
        else delete nextProblems[personId];
      }
      // Ctrl+S right after the last cell reads the ref before React renders again.
      state.current = { drafts: nextDrafts, problems: nextProblems };
      setDrafts(nextDrafts);
      setProblems(nextProblems);
    },
    [byPerson, problemOf],
  );

  const onPasted = useCallback(
    (plan: PastePlan) => {
      void message.info(t(plan.skipped > 0 ? 'assessment.sheet.pastedSkipped' : 'assessment.sheet.pasted', { rows: plan.rows, columns: plan.columns, skipped: plan.skipped }));
    },
    [message, t],
  );

  const settle = useCallback(
    (sent: Parameters<typeof settleSave>[2], result: SaveEntriesResult) => {
      const next = settleSave(state.current.drafts, state.current.problems, sent, result);
      setDrafts(next.drafts);
      setProblems(next.problems);
      onSheet(result.sheet);
      if (result.problems.length > 0) void message.warning(t('assessment.sheet.savedWithProblems', { saved: result.saved, problems: result.problems.length }));
      else void message.success(t('assessment.sheet.saved', { saved: result.saved }));
    },
    [message, onSheet, t],
  );

  const save = useCallback(async () => {
    if (!sheet || !editor) return;
    const rows = rowsToSave(state.current.drafts, (personId, field) => problemOf(personId, field, state.current.drafts[personId]?.[field] ?? '') !== null);
    if (rows.length === 0) {
      void message.info(t(Object.keys(state.current.drafts).length > 0 ? 'assessment.sheet.nothingValid' : 'assessment.sheet.nothingToSave'));
      return;
    }
    setSaving(true);
    try {
      settle(rows, await saveEntries(townId, sheet.id, rows, editor === 'community'));
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  }, [sheet, editor, problemOf, message, t, settle, townId, reportError]);

  const upload = useCallback(
    async (file: File) => {
      if (!sheet) return;
      setSaving(true);
      try {
        settle([], await uploadSheetXlsx(townId, sheet.id, file, editor === 'community'));
      } catch (error) {
        reportError(error);
      } finally {
        setSaving(false);
      }
    },
    [sheet, settle, townId, reportError, editor],
  );

  const count = (map: CellMap) => Object.values(map).reduce((n, cells) => n + Object.keys(cells).length, 0);
  return { drafts, problems, dirtyCount: count(drafts), problemCount: count(problems), saving, onCells, onPasted, save, upload };
}
