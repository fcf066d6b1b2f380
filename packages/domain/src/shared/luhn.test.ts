import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from './luhn.ts';

describe('Luhn', () => {
  it.each([
    ['357292748642776', true], // IMEI from the reference API documentation
    ['490154203237518', true], // IMEI example of the GSMA format
    ['490154203237517', false],
    ['89310410106543789305', true], // 20-digit ICCID
    ['89310410106543789306', false],
    ['79927398713', true], // the classic Luhn example
    ['', false],
    ['12a4', false],
  ])('%s → %s', (digits, ok) => {
    expect(luhnValid(digits)).toBe(ok);
  });

  it('completes a number with its check digit', () => {
    expect(luhnCheckDigit('35729274864277')).toBe('6');
    expect(luhnValid(`8931041010654378930${luhnCheckDigit('8931041010654378930')}`)).toBe(true);
  });
});
