import type { Action } from '@openthings/domain';
import {
  IconAntennaBars5,
  IconBuildingBroadcastTower,
  IconCpu,
  IconDeviceMobile,
  IconFolders,
  IconLayoutDashboard,
  IconListCheck,
  type IconProps,
  IconRoute,
  IconSend,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export interface MenuItem {
  label: string;
  to: string;
  icon: ComponentType<IconProps>;
  /** Hidden unless the user may do this. */
  permission: Action;
}

export interface MenuGroup {
  label: string;
  items: MenuItem[];
}

/**
 * The side menu follows the IoT building blocks, in this order. A group lists only pages that exist
 * and that the user may open; a group left empty is not shown.
 */
const GROUPS = [
  'IoT Devices',
  'Connectivity',
  'Data Processing',
  'Destinations',
  'Organization',
  'Support',
] as const;
type GroupLabel = (typeof GROUPS)[number];

function pages(projectId: string | null): Record<GroupLabel, MenuItem[]> {
  return {
    'IoT Devices': [
      { label: 'All devices', to: '/devices', icon: IconCpu, permission: 'devices:read' },
      { label: 'Bulk reports', to: '/devices/bulk-reports', icon: IconListCheck, permission: 'devices:read' },
      { label: 'Device simulator', to: '/simulator', icon: IconDeviceMobile, permission: 'devices:read' },
    ],
    Connectivity: [
      {
        label: 'M2M SIMs',
        to: '/connectivity/sims',
        icon: IconAntennaBars5,
        permission: 'connectivity:read',
      },
      // Integrations carry device data, so the API lets whoever may see devices see them.
      {
        label: 'LoRa integrations',
        to: '/lora/integrations',
        icon: IconBuildingBroadcastTower,
        permission: 'devices:read',
      },
    ],
    'Data Processing': [{ label: 'Flows', to: '/flows', icon: IconRoute, permission: 'flows:read' }],
    Destinations: [
      { label: 'All destinations', to: '/destinations', icon: IconSend, permission: 'destinations:read' },
    ],
    Organization: [
      ...(projectId
        ? [
            {
              label: 'Project overview',
              to: `/projects/${projectId}`,
              icon: IconLayoutDashboard,
              permission: 'projects:read' as const,
            },
          ]
        : []),
      { label: 'Projects', to: '/projects', icon: IconFolders, permission: 'projects:read' },
      { label: 'Users', to: '/users', icon: IconUsers, permission: 'users:read' },
    ],
    Support: [],
  };
}

/** The menu for a user's permissions; with a chosen project it narrows to that project. */
export function buildMenu(permissions: readonly Action[], projectId: string | null): MenuGroup[] {
  const all = pages(projectId);
  return GROUPS.map((label) => ({
    label,
    items: all[label].filter((item) => permissions.includes(item.permission)),
  })).filter((group) => group.items.length > 0);
}

/** The item for the current path: the longest `to` that the path is at or under. */
export function activeItem(groups: readonly MenuGroup[], pathname: string): MenuItem | undefined {
  let best: MenuItem | undefined;
  for (const item of groups.flatMap((g) => g.items)) {
    const matches = pathname === item.to || pathname.startsWith(`${item.to}/`);
    if (matches && (!best || item.to.length > best.to.length)) best = item;
  }
  return best;
}
