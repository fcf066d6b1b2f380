import { PassThrough, Readable } from 'node:stream';

export type Cell = string | number | Date | null;

export interface ExportColumn {
  label: string;
  /** Dates get a date format in Excel and ISO 8601 in CSV. */
  date?: boolean;
  wide?: boolean;
}

/** A spreadsheet would run `=HYPERLINK(...)`, `+cmd`, `-2+3`, `@SUM(...)`: such text gets a leading quote. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value instanceof Date ? value.toISOString() : value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Reads a whole result in keyset batches: `fetch` returns the rows after the given sort keys (the
 * `_key` of the last row), until a short batch ends it. Each batch is mapped to export rows.
 */
export async function* keysetBatches<Row extends { _key: string[] }>(
  fetch: (after: string[] | undefined, size: number) => Promise<Row[]>,
  map: (row: Row) => Cell[],
  size = 2000,
): AsyncGenerator<Cell[][]> {
  let after: string[] | undefined;
  for (;;) {
    const batch = await fetch(after, size);
    if (batch.length === 0) return;
    yield batch.map(map);
    if (batch.length < size) return;
    after = batch.at(-1)!._key;
  }
}

/**
 * A table download as a stream: `rows` yields batches (read one at a time, so memory stays flat however
 * many rows there are), written as CSV (UTF-8 with BOM, formula-safe) or XLSX (exceljs' streaming
 * writer). The browser just downloads it.
 */
export function exportResponse(input: {
  format: 'csv' | 'xlsx';
  fileName: string;
  sheetName: string;
  columns: ExportColumn[];
  rows: AsyncGenerator<Cell[][]>;
}): Response {
  const { columns, rows } = input;
  const headers = new Headers({
    'content-disposition': `attachment; filename="${input.fileName}.${input.format}"`,
    'cache-control': 'no-store',
  });
  if (input.format === 'csv') {
    headers.set('content-type', 'text/csv; charset=utf-8');
    const encoder = new TextEncoder();
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (first) {
          first = false;
          // The BOM: Excel reads UTF-8 CSV correctly only with it.
          controller.enqueue(encoder.encode(`\uFEFF${columns.map((c) => csvField(c.label)).join(',')}\r\n`));
          return;
        }
        const next = await rows.next();
        if (next.done) return controller.close();
        controller.enqueue(
          encoder.encode(`${next.value.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`),
        );
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    return new Response(stream, { headers });
  }
  headers.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const out = new PassThrough();
  (async () => {
    try {
      // Loaded on the first XLSX download: exceljs is large, and most processes never write one.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(input.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((c, i) => ({
        header: c.label,
        key: String(i),
        width: c.wide ? 32 : 22,
        ...(c.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
      }));
      sheet.getRow(1).font = { bold: true };
      for await (const batch of rows) {
        for (const row of batch)
          sheet.addRow(row.map((v) => (typeof v === 'string' ? neutralise(v) : v))).commit();
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
}
