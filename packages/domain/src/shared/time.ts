import { z } from 'zod';
import { STORABLE_TIME_MAX, STORABLE_TIME_MIN } from './storable.ts';

/** Timestamps travel as ISO 8601 strings; inside the bff they are Dates. */
export const Timestamp = z.iso.datetime({ offset: true });

/** The first and last instant a date parameter may name: what PostgreSQL and JavaScript both hold. */
export const TIMESTAMP_MIN = new Date(STORABLE_TIME_MIN * 1000);
export const TIMESTAMP_MAX = new Date(STORABLE_TIME_MAX * 1000 + 999);

export const TIMESTAMP_RANGE_MESSAGE = 'Use a date-time from the year 1 to the year 9999 (UTC)';

/**
 * A date-time a client sends (a filter such as `createdSince`, a replay's `since`): ISO 8601 with an
 * offset, as a Date within years 1–9999 UTC. `0000-01-01T00:00:00Z` is valid ISO 8601 and a valid
 * JavaScript Date, but no PostgreSQL timestamp, so it is refused here rather than by the database.
 */
export const TimestampQuery = z.iso
  .datetime({ offset: true, message: 'Use an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })
  .transform((s) => new Date(s))
  .pipe(z.date().min(TIMESTAMP_MIN, TIMESTAMP_RANGE_MESSAGE).max(TIMESTAMP_MAX, TIMESTAMP_RANGE_MESSAGE));
