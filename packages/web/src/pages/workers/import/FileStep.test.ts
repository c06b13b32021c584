import { describe, expect, it } from 'vitest';
import { fileProblem, MAX_BYTES } from './FileStep';

describe('a file chosen for import', () => {
  it('must be .xlsx or .csv, not empty, at most 20 MB', () => {
    expect(fileProblem({ name: '花名册.xlsx', size: 1000 })).toBeUndefined();
    expect(fileProblem({ name: 'ROSTER.CSV', size: 1000 })).toBeUndefined();
    expect(fileProblem({ name: '花名册.xls', size: 1000 })).toBe('type');
    expect(fileProblem({ name: '花名册.xlsx.exe', size: 1000 })).toBe('type');
    expect(fileProblem({ name: '花名册.xlsx', size: 0 })).toBe('empty');
    expect(fileProblem({ name: '花名册.xlsx', size: MAX_BYTES })).toBeUndefined();
    expect(fileProblem({ name: '花名册.xlsx', size: MAX_BYTES + 1 })).toBe('size');
  });
});
