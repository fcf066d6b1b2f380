import { z } from 'zod';

/**
 * Roles (PRODUCT §1): one per service per user. Within a service the roles are ranked; when a user
 * holds several roles of one service, the lowest wins — so adding a read-only role narrows access.
 */
export const ROLES = [
  'admin',
  'manager:admin',
  'manager:editor',
  'manager:read',
  'creator:admin',
  'creator:read',
  'support:user',
  'finance:read',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export type Service = 'admin' | 'manager' | 'creator' | 'support' | 'finance';

/** Rank within its service: higher may do more. */
const roleInfo: Record<Role, { service: Service; rank: number; label: string }> = {
  admin: { service: 'admin', rank: 1, label: 'Admin' },
  'manager:admin': { service: 'manager', rank: 3, label: 'Manager — Admin' },
  'manager:editor': { service: 'manager', rank: 2, label: 'Manager — Editor' },
  'manager:read': { service: 'manager', rank: 1, label: 'Manager — Read only' },
  'creator:admin': { service: 'creator', rank: 2, label: 'Creator — Admin' },
  'creator:read': { service: 'creator', rank: 1, label: 'Creator — Read only' },
  'support:user': { service: 'support', rank: 1, label: 'Support — User' },
  'finance:read': { service: 'finance', rank: 1, label: 'Finance — Read only' },
};

export function roleLabel(role: Role): string {
  return roleInfo[role].label;
}

/** The role that counts per service: the lowest-ranked one the user holds. */
export function effectiveRoles(roles: readonly Role[]): Role[] {
  const byService = new Map<Service, Role>();
  for (const role of roles) {
    const current = byService.get(roleInfo[role].service);
    if (!current || roleInfo[role].rank < roleInfo[current].rank) byService.set(roleInfo[role].service, role);
  }
  return [...byService.values()].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

/** Manager-managed resources share one rule: read, write (create/modify) and delete. */
const managed = ['devices', 'flows', 'destinations', 'connectivity', 'downlinks'] as const;
const created = ['deviceTypes', 'decoders'] as const;

export const ACTIONS = [
  'users:read',
  'users:manage',
  'apiKeys:manage',
  'projects:read',
  'projects:update',
  ...managed.flatMap((r) => [`${r}:read`, `${r}:write`, `${r}:delete`] as const),
  ...created.flatMap((r) => [`${r}:read`, `${r}:write`] as const),
  'support:read',
  'costs:read',
] as const;
export type Action = (typeof ACTIONS)[number];

type Requirement = { service: Service; minRank: number }[];

const needs = (...reqs: [Service, number][]): Requirement =>
  reqs.map(([service, minRank]) => ({ service, minRank }));

/** Which (service, minimum rank) pairs allow each action; any one of them suffices. */
const rules: Record<Action, Requirement> = {
  'users:read': needs(['admin', 1]),
  'users:manage': needs(['admin', 1]),
  'apiKeys:manage': needs(['admin', 1]),
  // Every member of a customer works inside its projects, so every role may see them.
  'projects:read': needs(['admin', 1], ['manager', 1], ['creator', 1], ['support', 1], ['finance', 1]),
  'projects:update': needs(['admin', 1], ['manager', 2]),
  ...(Object.fromEntries(
    managed.flatMap((r) => [
      [`${r}:read`, needs(['manager', 1])],
      [`${r}:write`, needs(['manager', 2])],
      [`${r}:delete`, needs(['manager', 3])],
    ]),
  ) as Record<`${(typeof managed)[number]}:${'read' | 'write' | 'delete'}`, Requirement>),
  ...(Object.fromEntries(
    created.flatMap((r) => [
      [`${r}:read`, needs(['creator', 1])],
      [`${r}:write`, needs(['creator', 2])],
    ]),
  ) as Record<`${(typeof created)[number]}:${'read' | 'write'}`, Requirement>),
  'support:read': needs(['support', 1]),
  'costs:read': needs(['finance', 1]),
};

/** Who is acting: a signed-in user or an API key, in the customer environment it acts for. */
export interface Actor {
  kind: 'user' | 'apiKey';
  id: string;
  /** The customer whose data this request reads and writes (a reseller's sub-customer when switched). */
  customerId: string;
  /** The customer the user or key belongs to. */
  homeCustomerId: string;
  roles: Role[];
}

/** Anything owned by a customer. */
export interface Subject {
  customerId: string;
}

/**
 * May `actor` do `action` (on `subject`)? Roles decide the action; the subject must belong to the
 * customer the actor acts for — data of one customer is never visible to another.
 */
export function can(actor: Pick<Actor, 'roles' | 'customerId'>, action: Action, subject?: Subject): boolean {
  if (subject && subject.customerId !== actor.customerId) return false;
  const held = effectiveRoles(actor.roles).map((r) => roleInfo[r]);
  return rules[action].some((req) => held.some((h) => h.service === req.service && h.rank >= req.minRank));
}

/** Every action the actor may do, for the portal to hide what it may not. */
export function permissions(actor: Pick<Actor, 'roles' | 'customerId'>): Action[] {
  return ACTIONS.filter((a) => can(actor, a));
}
