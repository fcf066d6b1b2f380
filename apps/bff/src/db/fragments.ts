import type { Role } from '@openthings/domain';
import { sql } from 'drizzle-orm';

// Subqueries are qualified by hand: Drizzle leaves columns of a single-table select unqualified,
// which inside a subquery would bind them to the subquery's own table.

/** The roles assigned to the `users` row of the outer query, sorted. */
export const userRoles = sql<
  Role[]
>`coalesce((select array_agg(ra.role order by ra.role) from role_assignments ra where ra.user_id = "users"."id"), '{}')`;

/** Number of flows in the `projects` row of the outer query. */
export const projectFlowCount = sql<number>`(select count(*)::int from flows f where f.project_id = "projects"."id")`;

/**
 * Devices of the `projects` row of the outer query, in total and per network type of their type: one
 * row of `project_device_counts` (kept by triggers), however many devices the project has.
 */
export const projectDeviceUsage = sql<{
  total: number;
  LORA: number;
  M2M: number;
  INTERNET: number;
}>`coalesce(
  (select json_build_object('total', u.total, 'LORA', u.lora, 'M2M', u.m2m, 'INTERNET', u.internet)
    from project_device_counts u where u.project_id = "projects"."id"),
  json_build_object('total', 0, 'LORA', 0, 'M2M', 0, 'INTERNET', 0))`;

/** Destination links of the `projects` row of the outer query (one per flow a destination is in). */
export const projectDestinationLinks = sql<number>`(select count(*)::int from flow_destinations fd join flows f on f.id = fd.flow_id where f.project_id = "projects"."id")`;
