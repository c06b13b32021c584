import { describe, expect, it } from 'vitest';
import { loginUrl, safeNext } from './next';

describe('the page after signing in', () => {
  it('follows paths of this console, with their query', () => {
    expect(safeNext('/org/teams?page=2&q=河道')).toBe('/org/teams?page=2&q=河道');
    expect(safeNext('/system/users')).toBe('/system/users');
  });

  it('goes home for anything else: missing, other sites, the login page itself, the API', () => {
    for (const raw of [null, undefined, '', 'org/teams', '//evil.example/x', '/\\evil.example', 'https://evil.example', '/login', '/login?next=/x', '/api/auth/logout']) {
      expect(safeNext(raw), String(raw)).toBe('/');
    }
  });

  it('builds the login address that brings the user back', () => {
    expect(loginUrl('/org/teams?page=2')).toBe('/login?next=%2Forg%2Fteams%3Fpage%3D2');
    expect(loginUrl('/')).toBe('/login');
    expect(loginUrl(undefined)).toBe('/login');
  });
});
