/**
 * The portal's pages, as data: `router.tsx` gives each path its page (the compiler checks that every
 * path has one), and the e2e suite's accessibility and phone-size gates visit every path — a page
 * added here is covered the day it is added. Plain strings, so Node imports it without the pages.
 * `:name` segments are filled by the e2e suite with real ids.
 */

/** Pages without the portal's frame; `login` is the only one open without a session. */
export const standalonePaths = ['login', 'simulator/:deviceId'] as const;

/** Pages inside the signed-in frame (menu and header), relative to `/`. */
export const framePaths = [
  'projects',
  'projects/:projectId',
  'devices',
  'devices/new',
  'devices/bulk',
  'devices/bulk-reports',
  'devices/bulk-reports/:reportId',
  'devices/:deviceId',
  'connectivity/sims',
  'connectivity/sims/:simId',
  'lora/integrations',
  'lora/integrations/:integrationId',
  'simulator',
  'flows',
  'flows/:flowId',
  'destinations',
  'destinations/new',
  'destinations/:destinationId',
  'destinations/:destinationId/edit',
  'users',
] as const;

/** What any other address shows, inside the frame (the gates visit it at a made-up address). */
export const notFoundPath = '*';

export type StandalonePath = (typeof standalonePaths)[number];
export type FramePath = (typeof framePaths)[number];
