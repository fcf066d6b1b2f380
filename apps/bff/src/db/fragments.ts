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

/** Devices of the `projects` row of the outer query, in total and per network type of their type. */
export const projectDeviceUsage = sql<{ total: number; LORA: number; M2M: number; INTERNET: number }>`(
  select json_build_object(
    'total', count(*),
    'LORA', count(*) filter (where 'LORA' = any(t.network_types)),
    'M2M', count(*) filter (where 'M2M' = any(t.network_types)),
    'INTERNET', count(*) filter (where 'INTERNET' = any(t.network_types)))
  from devices d join device_types t on t.id = d.device_type_id where d.project_id = "projects"."id")`;

/** Destination links of the `projects` row of the outer query (one per flow a destination is in). */
export const projectDestinationLinks = sql<number>`(select count(*)::int from flow_destinations fd join flows f on f.id = fd.flow_id where f.project_id = "projects"."id")`;
