import { describe, expect, it } from 'vitest';
import { activeItem, buildMenu } from './side-menu.ts';

const labels = (groups: ReturnType<typeof buildMenu>) =>
  groups.map((g) => `${g.label}: ${g.items.map((i) => i.label).join(', ')}`);

describe('buildMenu', () => {
  it('shows only groups with pages the user may open', () => {
    expect(labels(buildMenu(['projects:read', 'users:read'], null))).toEqual([
      'Organization: Projects, Users',
    ]);
  });

  it('hides what the user may not do', () => {
    expect(labels(buildMenu(['projects:read'], null))).toEqual(['Organization: Projects']);
    expect(buildMenu([], null)).toEqual([]);
  });

  it('lists devices and connectivity for those who may read them', () => {
    expect(labels(buildMenu(['projects:read', 'devices:read', 'connectivity:read'], null))).toEqual([
      'IoT Devices: All devices, Bulk reports, Device simulator',
      'Connectivity: M2M SIMs, LoRa integrations',
      'Organization: Projects',
    ]);
    expect(labels(buildMenu(['connectivity:read'], null))).toEqual(['Connectivity: M2M SIMs']);
  });

  it('lists LoRa integrations under Connectivity for those who may read devices, SIM rights or not', () => {
    expect(labels(buildMenu(['devices:read'], null))).toEqual([
      'IoT Devices: All devices, Bulk reports, Device simulator',
      'Connectivity: LoRa integrations',
    ]);
    const item = buildMenu(['devices:read'], null)[1]?.items[0];
    expect(item?.to).toBe('/lora/integrations');
  });

  it('lists flows under Data Processing and destinations under Destinations', () => {
    expect(labels(buildMenu(['flows:read', 'destinations:read'], null))).toEqual([
      'Data Processing: Flows',
      'Destinations: All destinations',
    ]);
    expect(labels(buildMenu(['flows:read'], null))).toEqual(['Data Processing: Flows']);
  });

  it('adds the chosen project’s overview', () => {
    const menu = buildMenu(['projects:read'], 'p-1');
    expect(labels(menu)).toEqual(['Organization: Project overview, Projects']);
    expect(menu[0]?.items[0]?.to).toBe('/projects/p-1');
  });
});

describe('activeItem', () => {
  const menu = buildMenu(['projects:read', 'users:read'], 'p-1');

  it('picks the most specific item for the path', () => {
    expect(activeItem(menu, '/projects')?.label).toBe('Projects');
    expect(activeItem(menu, '/projects/p-1')?.label).toBe('Project overview');
    expect(activeItem(menu, '/projects/p-2')?.label).toBe('Projects');
    expect(activeItem(menu, '/users')?.label).toBe('Users');
    expect(activeItem(menu, '/elsewhere')).toBeUndefined();
  });

  it('keeps device pages under their menu item', () => {
    const devices = buildMenu(['devices:read', 'connectivity:read'], null);
    expect(activeItem(devices, '/devices/3f2c')?.label).toBe('All devices');
    expect(activeItem(devices, '/devices/new')?.label).toBe('All devices');
    expect(activeItem(devices, '/devices/bulk-reports/9a1b')?.label).toBe('Bulk reports');
    expect(activeItem(devices, '/connectivity/sims/5e6f')?.label).toBe('M2M SIMs');
    expect(activeItem(devices, '/lora/integrations/7c1d')?.label).toBe('LoRa integrations');
  });
});
