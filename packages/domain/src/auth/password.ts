import { z } from 'zod';

const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/] as const;

/** Number of character classes (upper, lower, digit, special) present. */
export function characterClasses(value: string): number {
  return classes.filter((re) => re.test(value)).length;
}

/** User passwords: 10–100 characters and at least three of upper, lower, digit, special. */
export const PasswordSchema = z
  .string()
  .min(10, 'The password must be at least 10 characters')
  .max(100, 'The password must be at most 100 characters')
  .refine((v) => characterClasses(v) >= 3, {
    message: 'The password needs at least three of: uppercase, lowercase, digit, special character',
  });

/** Device and destination shared secrets: ≥ 32 characters with all four classes. */
export const SharedSecretSchema = z
  .string()
  .min(32, 'The shared secret must be at least 32 characters')
  .max(256, 'The shared secret must be at most 256 characters')
  .refine((v) => characterClasses(v) === 4, {
    message: 'The shared secret needs uppercase, lowercase, digit and special characters',
  });
