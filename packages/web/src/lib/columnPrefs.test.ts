import { afterEach, describe, expect, it } from 'vitest';
import { readHiddenColumns, writeHiddenColumns } from './columnPrefs';

const KNOWN = ['idNumber', 'sex', 'age', 'team'];

afterEach(() => localStorage.clear());

describe('column preferences', () => {
  it('round-trips the hidden columns of a table', () => {
    writeHiddenColumns('workers', ['sex', 'team']);
    expect(readHiddenColumns('workers', KNOWN)).toEqual(['sex', 'team']);
    expect(readHiddenColumns('teams', KNOWN)).toEqual([]);
  });

  it('drops columns that no longer exist and ignores damaged storage', () => {
    localStorage.setItem('gongyi.columns.workers', JSON.stringify(['sex', 'gone']));
    expect(readHiddenColumns('workers', KNOWN)).toEqual(['sex']);
    localStorage.setItem('gongyi.columns.workers', '{not json');
    expect(readHiddenColumns('workers', KNOWN)).toEqual([]);
    localStorage.setItem('gongyi.columns.workers', '"sex"');
    expect(readHiddenColumns('workers', KNOWN)).toEqual([]);
  });

  it('forgets the choice when every column is shown again', () => {
    writeHiddenColumns('workers', ['sex']);
    writeHiddenColumns('workers', []);
    expect(localStorage.getItem('gongyi.columns.workers')).toBeNull();
  });
});
