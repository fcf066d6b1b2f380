import { describe, expect, it } from 'vitest';
import { DeviceNameSchema } from '../devices/devices.schemas.ts';
import { DescriptionSchema } from '../projects/projects.schemas.ts';
import { ViewStateSchema } from '../views/views.schemas.ts';
import { storedText, storedTextProblem } from './text.ts';

const messages = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message);

describe('stored text', () => {
  it('refuses NUL, other control characters and lone surrogates, naming what it found', () => {
    expect(storedTextProblem('Boiler room · Ünïcode ✓ 😀')).toBeNull();
    expect(storedTextProblem('Tracker\u0000A')).toBe('may not hold control characters (U+0000); remove it');
    expect(storedTextProblem('a\u001b[31mred')).toMatch(/U\+001B/);
    expect(storedTextProblem('a\u0085b')).toMatch(/U\+0085/);
    expect(storedTextProblem('x\ud800')).toMatch(/lone UTF-16 surrogate/);
    expect(storedTextProblem('\udc00x')).toMatch(/lone UTF-16 surrogate/);
  });

  it('lets a multi-line field keep tabs and line breaks, never NUL', () => {
    expect(storedTextProblem('line 1\r\nline 2\tend', { multiLine: true })).toBeNull();
    expect(storedTextProblem('line 1\nline 2')).toMatch(/U\+000A/);
    expect(storedTextProblem('line 1\n\u0000', { multiLine: true })).toMatch(/U\+0000/);
  });

  it('is a zod string the field chains its own rules onto, with the label in the message', () => {
    const name = storedText('The name').trim().min(1, 'Enter a name').max(5);
    expect(name.parse('  ab ')).toBe('ab');
    expect(messages(name.safeParse('a\u0000b'))).toEqual([
      'The name may not hold control characters (U+0000); remove it',
    ]);
    expect(name.safeParse('abcdef').success).toBe(false);
  });

  it('guards the names, descriptions and view state the API stores', () => {
    expect(messages(DeviceNameSchema.safeParse('Tracker\u0000A'))).toEqual([
      'The name may not hold control characters (U+0000); remove it',
    ]);
    expect(DescriptionSchema.parse('First line\nsecond line')).toBe('First line\nsecond line');
    expect(DescriptionSchema.safeParse('x\ud800').success).toBe(false);
    expect(ViewStateSchema.safeParse({ filters: { 'status\u0000': 'ACTIVE' } }).success).toBe(false);
    expect(ViewStateSchema.safeParse({ filters: { status: ['ACTIVE', '\u0000'] } }).success).toBe(false);
    expect(ViewStateSchema.safeParse({ filters: { status: ['ACTIVE'] }, q: 'boiler' }).success).toBe(true);
  });
});
