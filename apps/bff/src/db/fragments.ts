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
