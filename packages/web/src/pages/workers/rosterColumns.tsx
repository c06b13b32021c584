import { PAY_SCHEME_LABELS, type WorkerRow } from '@gongyi/domain';
import { Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { ChoosableColumn } from '../../components/ColumnChooser';
import { FlagTags, OrDash, StatusTag } from '../../features/workers/display';
import { ageOn } from '../../features/workers/workerLogic';
import { vocab, type Lang, type MessageKey, type Translate } from '../../i18n';

export const ROSTER_SORTS = ['name', 'team', 'startDate', 'status', 'birthDate'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
/** The server's order when the URL asks for none. */
export const ROSTER_DEFAULT_SORT = { field: 'name', order: 'asc' } as const satisfies { field: RosterSort; order: 'asc' | 'desc' };

export const ROSTER_COLUMN_KEYS = [
  'name',
  'idNumber',
  'sex',
  'age',
  'team',
  'category',
  'department',
  'community',
  'payScheme',
  'status',
  'flags',
  'startDate',
] as const;
type ColumnKey = (typeof ROSTER_COLUMN_KEYS)[number];

const TITLES: Record<ColumnKey, MessageKey> = {
  name: 'workers.col.name',
  idNumber: 'workers.col.idNumber',
  sex: 'workers.col.sex',
  age: 'workers.col.age',
  team: 'workers.col.team',
  category: 'workers.col.category',
  department: 'workers.col.department',
  community: 'workers.col.community',
  payScheme: 'workers.col.payScheme',
  status: 'workers.col.status',
  flags: 'workers.col.flags',
  startDate: 'workers.col.startDate',
};

/** The column chooser's list: every column but the name can be hidden. */
export function choosableColumns(t: Translate): ChoosableColumn[] {
  return ROSTER_COLUMN_KEYS.map((key) => ({ key, title: t(TITLES[key]), fixed: key === 'name' }));
}

interface Options {
  t: Translate;
  lang: Lang;
  today: string;
  sortOrderOf: (field: RosterSort) => 'ascend' | 'descend' | null;
  /** A department's short name (the full name shows on hover). */
  shortName: (id: string, name: string) => string;
}

/** The roster table (#4 part 5). Sorting is the server's: the column keys are its sort names. */
export function rosterColumns({ t, lang, today, sortOrderOf, shortName }: Options): TableColumnsType<WorkerRow> {
  const sortable = (key: RosterSort) => ({ key, sorter: true, sortOrder: sortOrderOf(key), sortDirections: ['ascend', 'descend'] as ('ascend' | 'descend')[] });
  const title = (key: ColumnKey) => t(TITLES[key]);
  return [
    {
      title: title('name'),
      ...sortable('name'),
      width: 104,
      fixed: 'start',
      render: (_, w) => (
        <Link to={`/workers/${encodeURIComponent(w.personId)}`} onClick={(e) => e.stopPropagation()}>
          {w.name}
        </Link>
      ),
    },
    {
      title: title('idNumber'),
      key: 'idNumber',
      width: 176,
      render: (_, w) => <span style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}>{w.idNumberMasked}</span>,
    },
    { title: title('sex'), key: 'sex', width: 64, render: (_, w) => t(w.sex === 'male' ? 'workers.male' : 'workers.female') },
    {
      title: title('age'),
      ...sortable('birthDate'),
      key: 'age',
      width: 148,
      render: (_, w) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {t('workers.ageYears', { age: ageOn(w.birthDate, today) })}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {w.birthDate}
          </Typography.Text>
        </span>
      ),
    },
    { title: title('team'), ...sortable('team'), width: 136, render: (_, w) => <OrDash value={w.post?.teamName} /> },
    { title: title('category'), key: 'category', width: 104, render: (_, w) => <OrDash value={w.post?.categoryName} /> },
    {
      title: title('department'),
      key: 'department',
      width: 128,
      render: (_, w) =>
        w.post ? <span title={w.post.managingDepartmentName}>{shortName(w.post.managingDepartmentId, w.post.managingDepartmentName)}</span> : <OrDash value={null} />,
    },
    { title: title('community'), key: 'community', width: 104, render: (_, w) => <OrDash value={w.post?.communityName} /> },
    {
      title: title('payScheme'),
      key: 'payScheme',
      width: 128,
      render: (_, w) => (w.post ? vocab(PAY_SCHEME_LABELS, w.post.payScheme, lang) : <OrDash value={null} />),
    },
    { title: title('status'), ...sortable('status'), width: 84, render: (_, w) => (w.post ? <StatusTag status={w.post.status} from={w.post.validFrom} /> : <OrDash value={null} />) },
    { title: title('flags'), key: 'flags', width: 232, render: (_, w) => <FlagTags flags={w.flags} /> },
    { title: title('startDate'), ...sortable('startDate'), width: 112, render: (_, w) => <OrDash value={w.post?.startDate} /> },
  ];
}
