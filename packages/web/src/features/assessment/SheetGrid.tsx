import { LEAVE_TYPE_LABELS, type Entry, type Indicator, type LeaveType, type Sheet } from '@gongyi/domain';
import { Tag, Tooltip } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useI18n, vocab, type Translate } from '../../i18n';
import { GradeTag } from './display';
import { cellApplies, cellEditable, cellText, isBlock, liveTotals, parseBlock, planPaste, storedValue, tenthsText, type Field, type GridColumn, type PastePlan } from './sheetGrid';
import './SheetGrid.css';

// The monthly sheet as a spreadsheet (#6 part 5): one row per worker, arrows/Tab/Enter move, typing
// replaces the cell, a block pasted from Excel or WPS fills rightwards and downwards. Rows are
// memoised and the cell being typed in keeps its own state, so a keystroke re-renders one input,
// not the sheet; 100 rows stay quick.

/** personId → field → text (typed cells not yet saved, or messages about cells). */
export type CellMap = Record<string, Record<Field, string>>;

interface Props {
  sheet: Sheet;
  columns: GridColumn[];
  drafts: CellMap;
  problems: CellMap;
  leaveOpen: boolean;
  onToggleLeave: () => void;
  /** Typed or pasted text for cells (only cells this user may type in). */
  onCells: (cells: CellMap) => void;
  onPasted: (plan: PastePlan) => void;
  /** Ctrl+S. */
  onSave: () => void;
}

interface Active {
  row: number;
  col: number;
}

export function SheetGrid({ sheet, columns, drafts, problems, leaveOpen, onToggleLeave, onCells, onPasted, onSave }: Props) {
  const { t, lang } = useI18n();
  const [active, setActive] = useState<Active | null>(null);
  const entries = sheet.entries;
  // Handlers read the latest props through a ref, so the memoised rows keep stable callbacks.
  const latest = useRef({ entries, columns, active, onCells, onPasted, onSave });
  latest.current = { entries, columns, active, onCells, onPasted, onSave };

  const move = useCallback((dRow: number, dCol: number, wrap = false) => {
    setActive((a) => {
      const { entries: rows, columns: cols } = latest.current;
      if (!a || cols.length === 0) return a;
      let row = a.row + dRow;
      let col = a.col + dCol;
      if (wrap && col >= cols.length) [row, col] = [row + 1, 0];
      if (wrap && col < 0) [row, col] = [row - 1, cols.length - 1];
      return { row: Math.max(0, Math.min(rows.length - 1, row)), col: Math.max(0, Math.min(cols.length - 1, col)) };
    });
  }, []);

  const commit = useCallback((row: number, col: number, text: string) => {
    const { entries: rows, columns: cols, onCells: apply } = latest.current;
    const entry = rows[row];
    const column = cols[col];
    if (entry && column && cellEditable(entry, column)) apply({ [entry.personId]: { [column.field]: text.trim() } });
  }, []);

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        latest.current.onSave();
        return;
      }
      const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (e.key === 'Tab') {
        e.preventDefault();
        move(0, e.shiftKey ? -1 : 1, true);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        move(e.shiftKey ? -1 : 1, 0);
      } else if (step[e.key]) {
        e.preventDefault();
        move(...step[e.key]!);
      }
    },
    [move],
  );

  const onPaste = useCallback((e: ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain');
    const { active: at, entries: rows, columns: cols, onCells: apply, onPasted } = latest.current;
    if (!at || !isBlock(text)) return; // one value: the cell's own input takes it
    e.preventDefault();
    const plan = planPaste(parseBlock(text), rows, cols, at);
    apply(plan.cells);
    onPasted(plan);
  }, []);

  const activate = useCallback((row: number, col: number) => setActive({ row, col }), []);

  const groups = useMemo(() => headerGroups(columns, leaveOpen, t), [columns, leaveOpen, t]);

  return (
    <div className="sheet-grid" onPaste={onPaste} data-testid="sheet-grid">
      <table>
        <thead>
          <tr className="sheet-grid-groups">
            <th rowSpan={2} className="sheet-grid-sticky sheet-grid-name">
              {t('assessment.grid.name')}
            </th>
            <th rowSpan={2} style={{ minWidth: 84 }}>
              {t('assessment.grid.community')}
            </th>
            <th rowSpan={2} style={{ minWidth: 52 }}>
              {t('assessment.grid.daysDue')}
            </th>
            {groups.map((g) => (
              <th key={g.key} colSpan={g.span} className={`sheet-grid-group-${g.key}`}>
                {g.key === 'attendance' ? (
                  <>
                    {g.label}
                    <a className="sheet-grid-toggle" onClick={onToggleLeave} data-testid="sheet-leave-toggle">
                      {leaveOpen ? t('assessment.grid.leaveCollapse') : t('assessment.grid.leaveExpand')}
                    </a>
                  </>
                ) : (
                  g.label
                )}
              </th>
            ))}
            <th colSpan={3}>{t('assessment.grid.result')}</th>
          </tr>
          <tr className="sheet-grid-titles">
            {columns.map((c, i) => (
              <ColumnTitleCells key={c.field} column={c} leaveOpen={leaveOpen} afterAbsence={i === 1} t={t} lang={lang} />
            ))}
            <th style={{ minWidth: 48 }} title={t('assessment.grid.deductionHelp')}>
              {t('assessment.grid.deduction')}
            </th>
            <th style={{ minWidth: 56 }}>{t('assessment.grid.total')}</th>
            <th style={{ minWidth: 72 }}>{t('assessment.grid.grade')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            <GridRow
              key={entry.personId}
              index={i}
              sheet={sheet}
              entry={entry}
              columns={columns}
              leaveOpen={leaveOpen}
              draft={drafts[entry.personId]}
              problems={problems[entry.personId]}
              activeCol={active?.row === i ? active.col : -1}
              onActivate={activate}
              onKey={onKey}
              onCommit={commit}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnTitleCells({ column, leaveOpen, afterAbsence, t, lang }: { column: GridColumn; leaveOpen: boolean; afterAbsence: boolean; t: Translate; lang: 'zh' | 'en' }) {
  return (
    <>
      <th style={{ minWidth: column.kind === 'points' ? 92 : 58 }} className={column.editable ? undefined : 'sheet-grid-readonly-title'}>
        {columnLabel(column, t, lang)}
        {column.indicator && <div className="sheet-grid-points">{t('assessment.grid.points', { points: column.indicator.pointsTenths / 10 })}</div>}
        {column.community && (
          <Tag color="purple" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
            {t('assessment.grid.byCommunity')}
          </Tag>
        )}
      </th>
      {afterAbsence && !leaveOpen && <th style={{ minWidth: 52 }}>{t('assessment.grid.leaveTotal')}</th>}
    </>
  );
}

export function columnLabel(column: GridColumn, t: Translate, lang: 'zh' | 'en'): string {
  return column.indicator ? column.indicator.name : fieldLabel(column.field, [], t, lang);
}

/** A cell's field in words, as a message list names it (personId: the whole row). */
export function fieldLabel(field: Field, indicators: readonly Indicator[], t: Translate, lang: 'zh' | 'en'): string {
  if (field.startsWith('scores.')) return indicators.find((i) => i.id === field.slice(7))?.name ?? field.slice(7);
  if (field.startsWith('leave.')) return vocab(LEAVE_TYPE_LABELS, field.slice(6) as LeaveType, lang);
  if (field === 'daysWorked') return t('assessment.grid.daysWorked');
  if (field === 'absenceDays') return t('assessment.grid.absenceDays');
  if (field === 'peopleServed') return t('assessment.grid.peopleServed');
  return t('assessment.grid.row');
}

function headerGroups(columns: GridColumn[], leaveOpen: boolean, t: Translate) {
  const label = { attendance: t('assessment.grid.attendance'), served: t('assessment.grid.served'), business: t('assessment.grid.business'), conduct: t('assessment.grid.conduct') };
  const groups: { key: keyof typeof label; label: string; span: number }[] = [];
  for (const c of columns) {
    const key = c.group === 'leave' ? 'attendance' : c.group;
    const last = groups[groups.length - 1];
    if (last?.key === key) last.span++;
    else groups.push({ key, label: label[key], span: 1 });
  }
  const attendance = groups.find((g) => g.key === 'attendance');
  if (attendance && !leaveOpen) attendance.span++; // the leave total
  return groups;
}

interface RowProps {
  index: number;
  sheet: Sheet;
  entry: Entry;
  columns: GridColumn[];
  leaveOpen: boolean;
  draft: Record<Field, string> | undefined;
  problems: Record<Field, string> | undefined;
  activeCol: number;
  onActivate: (row: number, col: number) => void;
  onKey: (e: KeyboardEvent) => void;
  onCommit: (row: number, col: number, text: string) => void;
}

const GridRow = memo(function GridRow({ index, sheet, entry, columns, leaveOpen, draft, problems, activeCol, onActivate, onKey, onCommit }: RowProps) {
  const totals = liveTotals(sheet, entry, draft);
  const leaveTotal = Object.values(entry.leave).reduce<number>((s, v) => s + (v ?? 0), 0);
  return (
    <tr data-testid={`sheet-row-${index}`} data-person={entry.personId}>
      <td className="sheet-grid-sticky sheet-grid-name" title={entry.name}>
        <span className="sheet-grid-index">{index + 1}</span>
        {entry.name}
      </td>
      <td className="sheet-grid-ro sheet-grid-text">{entry.communityName ?? ''}</td>
      <td className="sheet-grid-ro">{entry.daysDue}</td>
      {columns.map((column, col) => {
        const text = draft?.[column.field] ?? cellText(storedValue(entry, column.field), column.field);
        const cell = (
          <Cell
            key={column.field}
            text={text}
            field={column.field}
            applies={cellApplies(entry, column)}
            editable={cellEditable(entry, column)}
            dirty={draft?.[column.field] !== undefined}
            problem={problems?.[column.field]}
            active={activeCol === col}
            onActivate={() => onActivate(index, col)}
            onKey={onKey}
            onCommit={(value) => onCommit(index, col, value)}
          />
        );
        return col === 1 && !leaveOpen ? [cell, <td key="leave-total" className="sheet-grid-ro">{leaveTotal || ''}</td>] : cell;
      })}
      <td className="sheet-grid-ro">{totals.deductionTenths ? `−${tenthsText(totals.deductionTenths)}` : ''}</td>
      <td
        className="sheet-grid-ro sheet-grid-total"
        data-testid="sheet-total"
        title={totals.totalTenths === null ? undefined : `${tenthsText(totals.unitTenths)}${totals.communityTenths === null ? '' : ` + ${tenthsText(totals.communityTenths)}`}${totals.deductionTenths ? ` − ${tenthsText(totals.deductionTenths)}` : ''}`}
      >
        {tenthsText(totals.totalTenths)}
      </td>
      <td className="sheet-grid-ro">
        <GradeTag grade={totals.grade} />
      </td>
    </tr>
  );
});

interface CellProps {
  text: string;
  field: Field;
  applies: boolean;
  editable: boolean;
  dirty: boolean;
  problem: string | undefined;
  active: boolean;
  onActivate: () => void;
  onKey: (e: KeyboardEvent) => void;
  onCommit: (text: string) => void;
}

function Cell({ text, field, applies, editable, dirty, problem, active, onActivate, onKey, onCommit }: CellProps) {
  const className = [
    'sheet-grid-cell',
    editable ? '' : 'sheet-grid-ro',
    applies ? '' : 'sheet-grid-na',
    dirty ? 'sheet-grid-dirty' : '',
    problem ? 'sheet-grid-problem' : '',
    active ? 'sheet-grid-active' : '',
  ].join(' ');
  const content = active ? (
    editable ? (
      <CellEditor key={text} text={text} onKey={onKey} onCommit={onCommit} />
    ) : (
      <ReadonlyFocus text={text} onKey={onKey} />
    )
  ) : (
    text
  );
  return (
    <td
      className={className}
      data-field={field}
      data-problem={problem}
      // No default: the browser would move focus to the page after the new cell's input took it.
      onMouseDown={
        active
          ? undefined
          : (e) => {
              e.preventDefault();
              onActivate();
            }
      }
    >
      {problem ? (
        <Tooltip title={problem} color="red" open={active ? true : undefined} placement="top">
          <div className="sheet-grid-inner">{content}</div>
        </Tooltip>
      ) : (
        <div className="sheet-grid-inner">{content}</div>
      )}
    </td>
  );
}

/** The active cell one can type in: keeps its own text until Enter, Tab, an arrow or leaving commits it. */
function CellEditor({ text, onKey, onCommit }: { text: string; onKey: (e: KeyboardEvent) => void; onCommit: (text: string) => void }) {
  const [value, setValue] = useState(text);
  const ref = useRef<HTMLInputElement>(null);
  const committed = useRef(text);
  useEffect(() => {
    const input = ref.current;
    input?.focus({ preventScroll: true });
    input?.select();
    input?.closest('td')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, []);
  // The text as typed, readable after the input has left the page.
  const typed = useRef(text);
  typed.current = value;
  const flush = () => {
    if (typed.current !== committed.current) {
      committed.current = typed.current;
      onCommit(typed.current);
    }
  };
  // Clicking another cell unmounts this one without a blur: what was typed is kept all the same.
  const flushOnUnmount = useRef(flush);
  flushOnUnmount.current = flush;
  useEffect(() => () => flushOnUnmount.current(), []);
  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (e.key === 'Escape') {
      setValue(committed.current);
      requestAnimationFrame(() => input.select());
      return;
    }
    if (e.key === 'ArrowLeft' && !all && input.selectionStart !== 0) return;
    if (e.key === 'ArrowRight' && !all && input.selectionEnd !== input.value.length) return;
    if (['Enter', 'Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's')) flush();
    onKey(e);
  };
  return <input ref={ref} className="sheet-grid-input" value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={keyDown} onBlur={flush} inputMode="decimal" aria-label="cell" />;
}

function ReadonlyFocus({ text, onKey }: { text: string; onKey: (e: KeyboardEvent) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.closest('td')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, []);
  return (
    <div ref={ref} tabIndex={-1} onKeyDown={onKey} className="sheet-grid-focus">
      {text}
    </div>
  );
}
