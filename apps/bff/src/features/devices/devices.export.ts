import { PassThrough, Readable } from 'node:stream';
import {
  type Actor,
  type DEVICE_COLUMNS,
  type DeviceExportQuery,
  type DeviceListQuery,
  deviceColumnLabels,
  type NetworkType,
  networkTypeLabels,
  type ProcessingStatus,
  processingStatusLabels,
} from '@openthings/domain';
import ExcelJS from 'exceljs';
import type { Deps } from '../../http/types.ts';
import * as repo from './devices.repo.ts';

type Column = (typeof DEVICE_COLUMNS)[number];
const DEFAULT_COLUMNS: Column[] = [
  'name',
  'deviceType',
  'primaryIdentifier',
  'lastMessageAt',
  'project',
  'flowCount',
  'processingStatus',
];
const BATCH = 2000;

/** A spreadsheet would run `=HYPERLINK(...)`, `+cmd`, `-2+3`, `@SUM(...)`: such text gets a leading quote. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(row: repo.DeviceRow, column: Column): string | number | Date | null {
  switch (column) {
    case 'name':
      return row.name;
    case 'deviceType':
      return row.deviceTypeName;
    case 'primaryIdentifier':
      return row.primaryIdentifier;
    case 'lastMessageAt':
      return row.lastMessageAt;
    case 'project':
      return row.projectName;
    case 'flowCount':
      return row.flowCount;
    case 'processingStatus':
      return processingStatusLabels[row.processingStatus as ProcessingStatus];
    case 'description':
      return row.description;
    case 'barcode':
      return row.barcode;
    case 'networkType':
      return row.networkType ? networkTypeLabels[row.networkType as NetworkType] : null;
    case 'createdAt':
      return row.createdAt;
  }
}

function csvField(value: string | number | Date | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value instanceof Date ? value.toISOString() : value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams every device matching the view, in the view's columns and order, as CSV or XLSX. Rows are
 * read in keyset batches, so memory stays flat however many rows match.
 */
export function createDevicesExport({ db, now }: Deps) {
  async function* batches(customerId: string, query: DeviceListQuery) {
    let after: string[] | undefined;
    for (;;) {
      const rows = await repo.exportBatch(db, customerId, query, after, BATCH);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < BATCH) return;
      after = rows.at(-1)!._key;
    }
  }

  return {
    exportDevices(actor: Actor, input: DeviceExportQuery): Response {
      const columns = input.columns?.length ? input.columns : DEFAULT_COLUMNS;
      const { format, columns: _c, ...filters } = input;
      const query: DeviceListQuery = { ...filters, limit: BATCH, cursor: undefined, includeTotal: false };
      const stamp = now().toISOString().slice(0, 16).replace(/[-:T]/g, '');
      const headers = new Headers({
        'content-disposition': `attachment; filename="devices-${stamp}.${format}"`,
        'cache-control': 'no-store',
      });
      if (format === 'csv') {
        headers.set('content-type', 'text/csv; charset=utf-8');
        const source = batches(actor.customerId, query);
        const encoder = new TextEncoder();
        // BOM: Excel reads UTF-8 CSV correctly only with it.
        let first = true;
        const stream = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (first) {
              first = false;
              controller.enqueue(
                encoder.encode(`\uFEFF${columns.map((c) => csvField(deviceColumnLabels[c])).join(',')}\r\n`),
              );
              return;
            }
            const next = await source.next();
            if (next.done) return controller.close();
            const lines = next.value.map((row) => columns.map((c) => csvField(cell(row, c))).join(','));
            controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`));
          },
          async cancel() {
            await source.return(undefined);
          },
        });
        return new Response(stream, { headers });
      }
      headers.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet('Devices', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((c) => ({
        header: deviceColumnLabels[c],
        key: c,
        width: c === 'name' || c === 'description' ? 32 : 22,
        ...(c === 'lastMessageAt' || c === 'createdAt' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
      }));
      sheet.getRow(1).font = { bold: true };
      (async () => {
        try {
          for await (const rows of batches(actor.customerId, query)) {
            for (const row of rows) {
              sheet
                .addRow(
                  columns.map((c) => {
                    const v = cell(row, c);
                    return typeof v === 'string' ? neutralise(v) : v;
                  }),
                )
                .commit();
            }
            // Let the HTTP response drain before reading the next batch.
            if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
          }
          sheet.commit();
          await workbook.commit();
        } catch (error) {
          out.destroy(error as Error);
        }
      })();
      return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { headers });
    },
  };
}

export type DevicesExport = ReturnType<typeof createDevicesExport>;
