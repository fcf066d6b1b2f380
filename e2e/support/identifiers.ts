/** The Luhn check digit of `digits` (what IMEIs and ICCIDs end with). */
function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A valid IMEI no run has used before: a test TAC, then time and randomness, then the check digit. */
export function uniqueImei(): string {
  const body = `35999${String(Date.now()).slice(-6)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return body + luhnDigit(body);
}

/** The same IMEI with a wrong check digit. */
export function withWrongCheckDigit(imei: string): string {
  const last = Number(imei.at(-1));
  return imei.slice(0, -1) + String((last + 1) % 10);
}
