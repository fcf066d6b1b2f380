import { z } from 'zod';

/** Timestamps travel as ISO 8601 strings; inside the bff they are Dates. */
export const Timestamp = z.iso.datetime({ offset: true });
