/**
 * The file `nianbao template` writes, opened in Excel: Excel puts a `<definedName>` with
 * `localSheetId` in that sheet's own names (`worksheet.names`) and one without it in the
 * workbook's (`workbook.names`). The pane recognises a template sheet by its sheet-scoped
 * `NB_` names (they are copied with the sheet), so the file must write them that way.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { createFakeExcel } from '../../src/fake-excel';
import { readActiveSheet } from '../../src/excel/read';
import { getFormat, cellsOf } from '../../src/core/formats/registry';
import { planTemplate } from '../../src/core/template/plan';
import { planWorkbook } from '../../src/core/template/xlsx';
import { readXlsx } from '../../src/core/import/xlsx';

const unescape = (text: string): string => text.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Opens the file's sheets and defined names in the fake, scoped as Excel scopes them. */
function openInFake(bytes: Uint8Array): ReturnType<typeof createFakeExcel> {
  const workbookXml = strFromU8(unzipSync(bytes)['xl/workbook.xml']);
  const sheets = [...workbookXml.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescape(m[1]));
  const fake = createFakeExcel({ sheets });
  for (const m of workbookXml.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)) {
    const name = /name="([^"]*)"/.exec(m[1])![1];
    const local = /localSheetId="(\d+)"/.exec(m[1])?.[1];
    if (name.startsWith('_xlnm.')) continue;
    const scope = local === undefined ? null : fake.workbook.sheet(sheets[Number(local)]).id;
    fake.workbook.addName(name, `=${unescape(m[2])}`, '', scope, 'open');
  }
  return fake;
}

test.each(['2019', '2021'])('a format %s template file opened in Excel is recognised by the pane as a template; the CLI still reads it back', async (formatId) => {
  const format = getFormat(formatId)!;
  const year = formatId === '2019' ? 2020 : 2024;
  const bytes = await planWorkbook(planTemplate(format, { year }));
  const fake = openInFake(bytes);
  const restore = fake.install();
  try {
    const read = await fake.Excel.run((context) => readActiveSheet(context));
    expect(read.template?.format).toBe(formatId);
    expect(Object.keys(read.addresses)).toHaveLength(cellsOf(format).size);
  } finally {
    restore();
  }
  const back = await readXlsx(bytes);
  expect(Object.keys(back.cells ?? {})).toHaveLength(cellsOf(format).size);
});
