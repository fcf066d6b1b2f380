import { z } from 'zod';

// Zod probes whether it may compile validators with `new Function` on first use; the portal's
// Content-Security-Policy forbids eval, so the probe shows up as a CSP violation. Its interpreter is
// fast enough for forms: never compile.
z.config({ jitless: true });
