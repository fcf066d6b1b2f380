/**
 * Seeds a synthetic fleet straight into the database with the bff's own migrations and services, so
 * benchmarks measure the real schema and indexes. One set-based INSERT per table keeps 1 M rows fast.
 */
import { sql } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase } from '../../apps/bff/src/db/client.ts';
import { onboardCustomer } from '../../apps/bff/src/features/customers/customers.service.ts';
import { syncDeviceTypeCatalogue } from '../../apps/bff/src/features/device-types/device-types.service.ts';
import { addUser } from '../../apps/bff/src/features/users/users.service.ts';

export const BENCH_USER = { email: 'bench@bench.local', password: 'Bench-Things-2026' };

export async function openBenchDatabase(target: { url: string } | { dataDir: string }): Promise<Database> {
  const database =
    'url' in target
      ? await openDatabase({ driver: 'postgres', url: target.url })
      : await openDatabase({ driver: 'pglite', dataDir: target.dataDir });
  await migrateDatabase(database, 'url' in target ? target.url : undefined);
  await syncDeviceTypeCatalogue(database.db);
  return database;
}

export async function seedFleet(database: Database, devices: number) {
  const { db } = database;
  const { customerId, projectId, flowId } = await db.transaction(async (tx) => {
    const ids = await onboardCustomer(tx, { name: 'Bench Company', subscription: 'Tailored' });
    await addUser(tx, 'system', ids.customerId, {
      ...BENCH_USER,
      name: 'Bench',
      roles: ['admin', 'manager:admin'],
    });
    return ids;
  });
  // Types, statuses and identifiers cycle through realistic mixes; names are "Device 0000001"…
  await db.execute(sql`
    insert into devices (customer_id, project_id, name, description, device_type_id, enabled, processing_status,
                         network_type, primary_identifier, flow_count, created_at, modified_at)
    select ${customerId}, ${projectId}, 'Device ' || lpad(i::text, 7, '0'), '',
           (array['elsys-ers','generic-lora-preset','own-m2m','generic-internet','generic-lora-programmable','device-simulator'])[1 + i % 6],
           i % 20 <> 0,
           case when i % 20 = 0 then 'DEACTIVATED' when i % 25 = 0 then 'INVENTORY' when i % 10 = 0 then 'NOT_LINKED' else 'ACTIVE' end,
           (array['LORA','LORA','M2M','INTERNET','LORA','INTERNET'])[1 + i % 6],
           upper(substr(md5(i::text), 1, 16)),
           case when i % 10 = 0 then 0 else 1 end,
           now() - make_interval(secs => i), now()
      from generate_series(1, ${devices}) as i`);
  // Last message times spread over 30 days (the insert trigger made every device's activity row).
  await db.execute(sql`
    update device_activity a
       set last_message_at = now() - make_interval(secs => ((substr(d.name, 8)::bigint * 7919) % 2592000)::int)
      from devices d
     where d.id = a.device_id and d.customer_id = ${customerId}`);
  await db.execute(sql`
    insert into device_flows (flow_id, device_id, customer_id)
    select ${flowId}, id, ${customerId} from devices where customer_id = ${customerId} and flow_count = 1`);
  await db.execute(sql`analyze`);
  return { customerId, projectId, flowId };
}

/** The devices table's query — search, two filters, sort, one page and the total — as plain SQL. */
export const TABLE_QUERY = {
  q: 'device 00012',
  deviceTypeId: ['elsys-ers', 'own-m2m'],
  status: ['ACTIVE', 'NOT_LINKED'],
  sort: '-lastMessageAt',
  limit: 50,
};

export function rawTableQueries(customerId: string) {
  const pattern = `%${TABLE_QUERY.q}%`;
  const where = sql`d.customer_id = ${customerId}
      and (lower(d.name) like ${pattern} or lower(d.primary_identifier) like ${pattern})
      and d.device_type_id in ('elsys-ers', 'own-m2m') and d.processing_status in ('ACTIVE', 'NOT_LINKED')`;
  return {
    page: sql`select d.id, d.name, d.description, d.barcode, d.device_type_id, t.name as type_name, t.managed, d.project_id,
                     p.name as project_name, d.enabled, d.processing_status, d.network_type, d.primary_identifier, d.flow_count,
                     array(select f.name from device_flows df join flows f on f.id = df.flow_id where df.device_id = d.id order by lower(f.name) limit 10) as flow_names,
                     nullif(a.last_message_at, '-infinity'::timestamptz) as last_message_at, d.created_at, d.modified_at,
                     array[a.last_message_at::text, d.id::text] as key
                from devices d join device_types t on t.id = d.device_type_id join projects p on p.id = d.project_id
                join device_activity a on a.device_id = d.id
               where ${where}
               order by a.last_message_at desc, d.id desc limit 51`,
    count: sql`select count(*) from devices d where ${where}`,
  };
}

export function tableQueryString(): string {
  const p = new URLSearchParams({
    q: TABLE_QUERY.q,
    deviceTypeId: TABLE_QUERY.deviceTypeId.join(','),
    status: TABLE_QUERY.status.join(','),
    sort: TABLE_QUERY.sort,
    limit: String(TABLE_QUERY.limit),
    includeTotal: 'true',
  });
  return p.toString();
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
