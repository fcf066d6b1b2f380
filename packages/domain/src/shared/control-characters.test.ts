import { describe, expect, it } from 'vitest';
import { firstControlCharacter, replaceControlCharacters } from './control-characters.ts';

describe('control characters in text', () => {
  it('names the first control character, NUL and DEL and C1 included', () => {
    expect(firstControlCharacter('Tracker\u0000A')).toBe('U+0000');
    expect(firstControlCharacter('a\u007Fb')).toBe('U+007F');
    expect(firstControlCharacter('a\u0085b')).toBe('U+0085');
    expect(firstControlCharacter('Boiler room · Ünïcode ✓')).toBeNull();
  });

  it('lets a multi-line field keep tabs and line breaks, but not NUL', () => {
    expect(firstControlCharacter('line 1\r\nline 2\tend', { allowLineBreaks: true })).toBeNull();
    expect(firstControlCharacter('line 1\nline 2')).toBe('U+000A');
    expect(firstControlCharacter('line 1\n\u0000', { allowLineBreaks: true })).toBe('U+0000');
  });

  it('replaces refused characters with U+FFFD and keeps the rest', () => {
    expect(replaceControlCharacters('A\u0000B\u001bC')).toBe('A\uFFFDB\uFFFDC');
    expect(replaceControlCharacters('a\nb\u0000', { allowLineBreaks: true })).toBe('a\nb\uFFFD');
  });
});
