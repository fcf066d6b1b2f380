import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, can, effectiveRoles, permissions, ROLES, type Role } from './roles.ts';

const manager = (level: 'read' | 'write' | 'delete') =>
  ['devices', 'flows', 'destinations', 'connectivity', 'downlinks'].map((r) => `${r}:${level}` as Action);

/** The role table of PRODUCT §1, written out: every action each single role may do. */
const expected: Record<Role, Action[]> = {
  admin: ['users:read', 'users:manage', 'apiKeys:manage', 'projects:read', 'projects:update'],
  'manager:admin': [
    'projects:read',
    'projects:update',
    ...manager('read'),
    ...manager('write'),
    ...manager('delete'),
  ],
  'manager:editor': ['projects:read', 'projects:update', ...manager('read'), ...manager('write')],
  'manager:read': ['projects:read', ...manager('read')],
  'creator:admin': [
    'projects:read',
    'deviceTypes:read',
    'deviceTypes:write',
    'decoders:read',
    'decoders:write',
  ],
  'creator:read': ['projects:read', 'deviceTypes:read', 'decoders:read'],
  'support:user': ['projects:read', 'support:read'],
  'finance:read': ['projects:read', 'costs:read'],
};

const actor = (roles: Role[]) => ({ roles, customerId: 'c1' });

describe('can()', () => {
  it.each(ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const)))(
    '%s → %s follows the role table',
    (role, action) => {
      expect(can(actor([role]), action)).toBe(expected[role].includes(action));
    },
  );

  it('allows nothing without roles', () => {
    expect(permissions(actor([]))).toEqual([]);
  });

  it("refuses every action on another customer's subject", () => {
    const all = actor(['admin', 'manager:admin', 'creator:admin', 'support:user', 'finance:read']);
    for (const action of ACTIONS) {
      expect(can(all, action, { customerId: 'c1' })).toBe(true);
      expect(can(all, action, { customerId: 'c2' })).toBe(false);
    }
  });

  it('lets the lowest role of a service win', () => {
    expect(effectiveRoles(['manager:admin', 'manager:read'])).toEqual(['manager:read']);
    expect(can(actor(['manager:admin', 'manager:read']), 'devices:delete')).toBe(false);
    expect(can(actor(['manager:admin', 'manager:editor']), 'devices:delete')).toBe(false);
    expect(can(actor(['manager:admin', 'manager:editor']), 'devices:write')).toBe(true);
    expect(can(actor(['creator:admin', 'creator:read']), 'decoders:write')).toBe(false);
  });

  it('combines roles of different services', () => {
    const roles: Role[] = ['admin', 'manager:read', 'finance:read'];
    expect(effectiveRoles(roles)).toEqual(['admin', 'manager:read', 'finance:read']);
    const p = permissions(actor(roles));
    expect(p).toContain('users:manage');
    expect(p).toContain('devices:read');
    expect(p).not.toContain('devices:write');
    expect(p).toContain('costs:read');
    // Admin of the customer may edit projects even when its Manager role is read-only.
    expect(p).toContain('projects:update');
  });
});
