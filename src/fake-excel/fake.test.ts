/// <reference types="office-js" />
/**
 * The in-memory Excel fake: the load/sync discipline it enforces, the Excel behaviours it models
 * (writes, shifts on row insertion, events, null objects, fault injection) and its test helpers.
 * Everything goes through `fake.Excel` typed as Office.js, as the adapter will.
 */
import { createFakeExcel, FakeExcelMisuse, FakeExcelUnsupported, type FakeExcel } from './index';

/** The `code` of what `fn` throws (synchronously), or 'no error'. */
function thrownCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).name;
  }
  return 'no error';
}

/** The `code` a promise rejects with, or 'resolved'. */
async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).name;
  }
  return 'resolved';
}

/** Does `p` settle within `ms`? */
async function settles(p: Promise<unknown>, ms = 50): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return done;
}

function table(fake: FakeExcel, sheet = 'Sheet1'): void {
  fake.workbook.sheet(sheet).setValues('B2:D4', [
    ['项目', '本年', '上年'],
    ['收到申请', 12, 10],
    ['办结', 11, 9],
  ]);
}

describe('load/sync discipline', () => {
  test('reading a property that was never loaded throws PropertyNotLoaded', async () => {
    const fake = createFakeExcel();
    table(fake);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const range = sheet.getRange('B2:D4');
      expect(thrownCode(() => range.values)).toBe('PropertyNotLoaded');
      expect(thrownCode(() => range.address)).toBe('PropertyNotLoaded');
      expect(thrownCode(() => sheet.name)).toBe('PropertyNotLoaded');
      expect(thrownCode(() => context.workbook.worksheets.items)).toBe('PropertyNotLoaded');
      expect(thrownCode(() => range.format.fill.color)).toBe('PropertyNotLoaded');
      await context.sync();
      // A sync without a load does not load anything either.
      expect(thrownCode(() => range.values)).toBe('PropertyNotLoaded');
    });
  });

  test('load() without sync() is not enough; after the sync the value is there', async () => {
    const fake = createFakeExcel();
    table(fake);
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('B3:D3');
      range.load('values');
      expect(thrownCode(() => range.values)).toBe('PropertyNotLoaded');
      await context.sync();
      expect(range.values).toEqual([['收到申请', 12, 10]]);
      // Only what was loaded.
      expect(thrownCode(() => range.address)).toBe('PropertyNotLoaded');
    });
  });

  test('load accepts the string, array and object forms, and navigation paths', async () => {
    const fake = createFakeExcel();
    table(fake);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const a = sheet.getRange('B2').load('values, address');
      const b = sheet.getRange('C3').load(['formulas', 'rowIndex']);
      const c = sheet.getRange('D4').load({ numberFormat: true, format: { fill: { color: true }, font: { bold: true } } });
      const d = sheet.getRange('B2:D4').load('format/font/name');
      await context.sync();
      expect([a.values, a.address]).toEqual([[['项目']], 'Sheet1!B2']);
      expect([b.formulas, b.rowIndex]).toEqual([[[12]], 2]);
      expect([c.numberFormat, c.format.fill.color, c.format.font.bold]).toEqual([[['General']], '#FFFFFF', false]);
      expect(d.format.font.name).toBe('等线');
      expect(thrownCode(() => d.format.font.bold)).toBe('PropertyNotLoaded');
    });
  });

  test('loading a property the fake does not model fails at the call, not silently', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => range.load('text')).toThrow(FakeExcelUnsupported);
      expect(() => range.load('format/nonsense')).toThrow(FakeExcelUnsupported);
    });
  });

  test('a ClientResult is readable only after the sync (ValueNotLoaded before)', async () => {
    const fake = createFakeExcel({ sheets: ['一', '二', '三'] });
    await fake.Excel.run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(thrownCode(() => count.value)).toBe('ValueNotLoaded');
      await context.sync();
      expect(count.value).toBe(3);
    });
  });

  test('collections: items only after load and sync; load("name") loads the items\' names', async () => {
    const fake = createFakeExcel({ sheets: ['表一', '表二'] });
    await fake.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      expect(thrownCode(() => sheets.items)).toBe('PropertyNotLoaded');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['表一', '表二']);
      expect(thrownCode(() => sheets.items[0].position)).toBe('PropertyNotLoaded');
      const again = context.workbook.worksheets.load('name, position');
      await context.sync();
      expect(again.items.map((s) => [s.name, s.position])).toEqual([
        ['表一', 0],
        ['表二', 1],
      ]);
    });
  });

  test('sync() counts round trips; queued loads share one', async () => {
    const fake = createFakeExcel();
    table(fake);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const ranges = ['B2', 'C3', 'D4'].map((a) => sheet.getRange(a).load('values'));
      await context.sync();
      expect(ranges.map((r) => r.values[0][0])).toEqual(['项目', 12, 9]);
    });
    expect(fake.stats.syncs).toBe(1);
    expect(fake.stats.runs).toBe(1);
  });

  test('Excel.run flushes what the batch left queued, and that flush counts as a sync', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[5]];
    });
    expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe(5);
    expect(fake.stats).toMatchObject({ syncs: 1, implicitSyncs: 1 });
    // Nothing queued: no flush.
    await fake.Excel.run(async () => undefined);
    expect(fake.stats.syncs).toBe(1);
  });

  test('a proxy used after its Excel.run fails; so does a batch that returns no promise', async () => {
    const fake = createFakeExcel();
    let leaked: Excel.Range | null = null;
    await fake.Excel.run(async (context) => {
      leaked = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      await context.sync();
    });
    expect(thrownCode(() => (leaked as unknown as Excel.Range).load('values'))).toBe('InvalidRequestContext');
    const notAsync = (() => undefined) as unknown as (c: Excel.RequestContext) => Promise<void>;
    expect(await rejectionCode(fake.Excel.run(notAsync))).toBe('RunMustReturnPromise');
  });
});

describe('writes', () => {
  test('queued writes apply at sync, in order with loads', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const before = sheet.getRange('A1').load('values');
      sheet.getRange('A1').values = [[42]];
      const after = sheet.getRange('A1').load('values');
      // Not applied yet: the workbook is untouched until the sync.
      expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe('');
      await context.sync();
      expect(before.values).toEqual([['']]);
      expect(after.values).toEqual([[42]]);
    });
  });

  test('a setter keeps the written value on its own proxy (as Office.js does), not what Excel stored', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      range.values = [['12', '=A1*2']];
      expect(range.values).toEqual([['12', '=A1*2']]);
      range.load('values, formulas');
      await context.sync();
      // Excel stores "12" as the number 12; a formula's value is not computed by the fake.
      expect(range.values).toEqual([[12, null]]);
      expect(range.formulas).toEqual([[12, '=A1*2']]);
    });
  });

  test('a 2-D array of the wrong shape is InvalidArgument at sync; earlier operations stay applied', async () => {
    const fake = createFakeExcel();
    const code = await rejectionCode(
      fake.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Sheet1');
        sheet.getRange('A1').values = [[1]];
        sheet.getRange('A2:B2').values = [[1, 2, 3]];
        sheet.getRange('A3').values = [[3]];
        await context.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
    const s = fake.workbook.sheet('Sheet1');
    expect([s.getValue('A1'), s.getValue('A2'), s.getValue('A3')]).toEqual([1, '', '']);
  });

  test('one value fills the range; null entries leave cells alone; "" empties a cell', async () => {
    const fake = createFakeExcel();
    table(fake);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('F1:G2').values = 0 as unknown as unknown[][];
      sheet.getRange('C3:D3').values = [[null, 99]];
      sheet.getRange('B4').values = [['']];
      sheet.getRange('C3:D3').numberFormat = [['0.00', null]];
      await context.sync();
    });
    const s = fake.workbook.sheet('Sheet1');
    expect(s.getValues('F1:G2')).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(s.getValues('B3:D4')).toEqual([
      ['收到申请', 12, 99],
      ['', 11, 9],
    ]);
    expect(fake.snapshot('Sheet1').cells.C3).toEqual({ value: 12, numberFormat: '0.00' });
  });

  test('typed text is read as Excel reads it: numbers, booleans, leading apostrophe, text format', () => {
    const fake = createFakeExcel();
    const s = fake.workbook.sheet('Sheet1');
    s.writeNumberFormat(s.rectOf('E1'), '@', 'test');
    s.setValues('A1:E1', [[' 3.5 ', 'true', "'007", '1,234', '007']]);
    expect(s.getValues('A1:E1')).toEqual([[3.5, true, '007', '1,234', '007']]);
  });

  test('formula cells read null until the test supplies their result', () => {
    const fake = createFakeExcel();
    const s = fake.workbook.sheet('Sheet1');
    s.setValues('A1:A3', [[1], [2], ['=SUM(A1:A2)']]);
    expect(s.getValue('A3')).toBeNull();
    s.setFormulaResults('A3', [[3]]);
    expect(s.getValue('A3')).toBe(3);
    expect(s.getFormulas('A3')).toEqual([['=SUM(A1:A2)']]);
    expect(() => s.setFormulaResults('A1', 5)).toThrow(/holds no formula/);
  });

  test('formats: set and read back; mixed cells read null; borders; sizes', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const head = sheet.getRange('A1:C1');
      head.format.font.bold = true;
      head.format.fill.color = '#ddebf7';
      head.format.horizontalAlignment = fake.Excel.HorizontalAlignment.center;
      head.format.wrapText = true;
      head.format.columnWidth = 80;
      const body = sheet.getRange('A1:C3');
      body.format.borders.getItem('InsideHorizontal').style = 'Continuous';
      body.format.borders.getItem(fake.Excel.BorderIndex.edgeBottom).style = 'Double';
      await context.sync();
      const h = sheet.getRange('A1:C1').load('format/font/bold, format/fill/color, format/horizontalAlignment, format/columnWidth');
      const all = sheet.getRange('A1:C2').load('format/font/bold, format/fill/color');
      const inside = body.format.borders.getItem('InsideHorizontal').load('style');
      const top = body.format.borders.getItem('EdgeTop').load('style');
      await context.sync();
      expect([h.format.font.bold, h.format.fill.color, h.format.horizontalAlignment, h.format.columnWidth]).toEqual([true, '#DDEBF7', 'Center', 80]);
      expect([all.format.font.bold, all.format.fill.color]).toEqual([null, null]);
      expect([inside.style, top.style]).toEqual(['Continuous', 'None']);
    });
  });

  test('merge keeps the top-left value, refuses to split a merged area, and is queryable', async () => {
    const fake = createFakeExcel();
    const s = fake.workbook.sheet('Sheet1');
    s.setValues('A1:C1', [['标题', 'x', 'y']]);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:C1').merge();
      sheet.getRange('A3:B4').merge(true);
      await context.sync();
    });
    expect(s.getValues('A1:C1')).toEqual([['标题', '', '']]);
    expect(s.mergedAreas()).toEqual(['A1:C1', 'A3:B3', 'A4:B4']);
    const code = await rejectionCode(
      fake.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('B1:D1').merge();
        await context.sync();
      }),
    );
    expect(code).toBe('MergedRangeConflict');
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B4').unmerge();
      await context.sync();
    });
    expect(s.mergedAreas()).toEqual([]);
  });

  test('clear: contents keep formats; formats remove merges and conditional formats but not validation', async () => {
    const fake = createFakeExcel();
    const s = fake.workbook.sheet('Sheet1');
    s.setValues('A1:B2', [[1, 2], [3, 4]]);
    fake.user.setFill('Sheet1', 'A1:B2', '#FFFF00');
    fake.user.merge('Sheet1', 'A1:B1');
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      range.dataValidation.rule = { wholeNumber: { formula1: 0, operator: fake.Excel.DataValidationOperator.greaterThan } };
      range.conditionalFormats.add(fake.Excel.ConditionalFormatType.custom).custom.rule.formula = '=A1>1';
      range.clear(fake.Excel.ClearApplyTo.contents);
      await context.sync();
    });
    expect(s.getValues('A1:B2')).toEqual([['', ''], ['', '']]);
    expect(fake.snapshot('Sheet1').cells.A2.format).toEqual({ fill: '#FFFF00' });
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').clear('Formats');
      await context.sync();
    });
    const snap = fake.snapshot('Sheet1');
    expect(snap.merges).toEqual([]);
    expect(snap.conditionalFormats).toEqual([]);
    expect(snap.cells.A1).toEqual({ validation: expect.objectContaining({ rule: { wholeNumber: { formula1: 0, operator: 'GreaterThan' } } }) });
  });
});

describe('rows inserted above a table', () => {
  async function buildTemplate(fake: FakeExcel): Promise<void> {
    table(fake);
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B1:D1').merge();
      sheet.names.add('t_received', sheet.getRange('C3'));
      context.workbook.names.add('t_body', '=Sheet1!$C$3:$D$4');
      const cf = sheet.getRange('C3:D4').conditionalFormats.add(fake.Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = '=AND(N("nianbao")=0,$C$3<$C$4)';
      cf.custom.format.fill.color = '#FFC7CE';
      sheet.getRange('C3:D4').dataValidation.rule = { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
      sheet.getRange('E3').formulas = [['=C3-D3']];
      await context.sync();
    });
  }

  test('user.insertRows shifts cells, merges, names, conditional formats (ranges and formulas) and validation', async () => {
    const fake = createFakeExcel();
    await buildTemplate(fake);
    fake.user.insertRows('Sheet1', 1, 3);
    const s = fake.workbook.sheet('Sheet1');
    expect(s.getValues('B5:D7')).toEqual([
      ['项目', '本年', '上年'],
      ['收到申请', 12, 10],
      ['办结', 11, 9],
    ]);
    expect(s.getFormulas('E6')).toEqual([['=C6-D6']]);
    const snap = fake.snapshot('Sheet1');
    expect(snap.merges).toEqual(['B4:D4']);
    expect(snap.names).toEqual([{ name: 't_received', formula: '=Sheet1!$C$6', comment: '' }]);
    expect(fake.workbookSnapshot().names).toEqual([{ name: 't_body', formula: '=Sheet1!$C$6:$D$7', comment: '' }]);
    expect(snap.conditionalFormats).toEqual([
      {
        type: 'Custom',
        ranges: ['C6:D7'],
        rule: { formula: '=AND(N("nianbao")=0,$C$6<$C$7)' },
        format: { fill: '#FFC7CE' },
        stopIfTrue: false,
      },
    ]);
    expect(snap.cells.C6.validation?.rule).toEqual({ decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(snap.cells.C3).toBeUndefined();
    // And the add-in finds its cells through the names.
    await fake.Excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Sheet1').names.getItem('t_received').getRange().load('address, values');
      await context.sync();
      expect([cell.address, cell.values]).toEqual(['Sheet1!C6', [[12]]]);
    });
  });

  test('rows inserted inside a block grow what spans it; new rows take the formats above and the shared rule', async () => {
    const fake = createFakeExcel();
    await buildTemplate(fake);
    fake.user.insertRows('Sheet1', 4, 1);
    const snap = fake.snapshot('Sheet1');
    expect(fake.workbookSnapshot().names[0].formula).toBe('=Sheet1!$C$3:$D$5');
    expect(snap.conditionalFormats[0].ranges).toEqual(['C3:D5']);
    expect(snap.conditionalFormats[0].rule.formula).toBe('=AND(N("nianbao")=0,$C$3<$C$5)');
    expect(snap.cells.C4).toEqual({ validation: snap.cells.C3.validation });
  });

  test('Range.insert on whole rows through the API does the same, and reports RowInserted', async () => {
    const fake = createFakeExcel();
    await buildTemplate(fake);
    const events: Excel.WorksheetChangedEventArgs[] = [];
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (e) => {
        events.push(e);
      });
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').getRange('1:2').insert(fake.Excel.InsertShiftDirection.down);
      await context.sync();
    });
    await fake.flushEvents();
    expect(fake.snapshot('Sheet1').merges).toEqual(['B3:D3']);
    expect(events.map((e) => [e.changeType, e.address, e.triggerSource])).toEqual([['RowInserted', '1:2', 'ThisLocalAddin']]);
  });

  test('deleting rows moves things up; references into deleted rows become #REF!', async () => {
    const fake = createFakeExcel();
    await buildTemplate(fake);
    fake.user.deleteRows('Sheet1', 3, 1);
    const s = fake.workbook.sheet('Sheet1');
    expect(s.getValues('B3:D3')).toEqual([['办结', 11, 9]]);
    const snap = fake.snapshot('Sheet1');
    expect(snap.names[0].formula).toBe('=Sheet1!#REF!');
    expect(fake.workbookSnapshot().names[0].formula).toBe('=Sheet1!$C$3:$D$3');
    expect(snap.conditionalFormats[0].ranges).toEqual(['C3:D3']);
    expect(snap.conditionalFormats[0].rule.formula).toBe('=AND(N("nianbao")=0,#REF!<$C$3)');
    await fake.Excel.run(async (context) => {
      const n = context.workbook.worksheets.getItem('Sheet1').names.getItem('t_received').load('type, value');
      const r = context.workbook.worksheets.getItem('Sheet1').names.getItem('t_received').getRangeOrNullObject();
      await context.sync();
      expect([n.type, n.value, r.isNullObject]).toEqual(['Error', '#REF!', true]);
    });
  });

  test('renaming a sheet carries formulas, rules and names along', async () => {
    const fake = createFakeExcel({ sheets: ['Sheet1', '汇总'] });
    await buildTemplate(fake);
    fake.workbook.sheet('汇总').setValues('A1', [['=Sheet1!C3+1']]);
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').name = '2023 年报';
      await context.sync();
    });
    expect(fake.workbook.sheet('汇总').getFormulas('A1')).toEqual([["='2023 年报'!C3+1"]]);
    expect(fake.workbookSnapshot().names[0].formula).toBe("='2023 年报'!$C$3:$D$4");
    fake.user.renameSheet('2023 年报', '表一');
    expect(fake.workbook.sheet('汇总').getFormulas('A1')).toEqual([['=表一!C3+1']]);
  });
});

describe('change events', () => {
  test('a user paste is one event for the whole block, with triggerSource Unknown', async () => {
    const fake = createFakeExcel();
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (e) => {
        seen.push(e);
      });
      await context.sync();
    });
    fake.user.setValues('Sheet1', 'B3:D5', [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(seen).toEqual([]); // delivered later, not during the edit
    await fake.flushEvents();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ address: 'B3:D5', changeType: 'RangeEdited', source: 'Local', triggerSource: 'Unknown', type: 'WorksheetChanged' });
    expect(seen[0].worksheetId).toBe(fake.workbook.sheet('Sheet1').id);
  });

  test("the add-in's own writes arrive with triggerSource ThisLocalAddin; single cells carry details", async () => {
    const fake = createFakeExcel();
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (e) => {
        seen.push(e);
      });
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').getRange('C3').values = [[7]];
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A2').format.fill.color = '#FF0000'; // a format: no onChanged
      await context.sync();
    });
    fake.user.setValues('Sheet1', 'C4', 8);
    await fake.flushEvents();
    expect(seen.map((e) => [e.address, e.triggerSource])).toEqual([
      ['C3', 'ThisLocalAddin'],
      ['C4', 'Unknown'],
    ]);
    expect(seen[0].details).toMatchObject({ valueBefore: '', valueAfter: 7, valueTypeAfter: 'Integer' });
  });

  test('handlers register at sync, filter by sheet, can be removed, and vanish with a reload', async () => {
    const fake = createFakeExcel({ sheets: ['表一', '表二'] });
    const seen: string[] = [];
    let registration: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    await fake.Excel.run(async (context) => {
      registration = context.workbook.worksheets.getItem('表一').onChanged.add(async (e) => {
        seen.push(e.address);
      });
      fake.user.setValues('表一', 'A1', 1); // before the sync: not registered yet
      await context.sync();
    });
    fake.user.setValues('表二', 'A1', 1);
    fake.user.setValues('表一', 'A2', 1);
    await fake.flushEvents();
    expect(seen).toEqual(['A2']);
    const result = registration as unknown as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;
    // Office.js's way: run again on the registration's context.
    await fake.Excel.run(result.context, async (context) => {
      result.remove();
      await context.sync();
    });
    expect(fake.listenerCount()).toBe(0);
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async () => undefined);
      await context.sync();
    });
    expect(fake.listenerCount('workbook')).toBe(1);
    fake.control.reloadAddin();
    expect(fake.listenerCount()).toBe(0);
  });

  test('a handler can read the changed range in a new Excel.run; its errors surface in flushEvents', async () => {
    const fake = createFakeExcel();
    const read: unknown[] = [];
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (e) => {
        await fake.Excel.run(async (ctx) => {
          const r = e.getRange(ctx).load('values');
          await ctx.sync();
          read.push(r.values);
        });
      });
      await context.sync();
    });
    fake.user.setValues('Sheet1', 'A1:B1', [[1, 2]]);
    await fake.flushEvents();
    expect(read).toEqual([[[1, 2]]]);

    const broken = createFakeExcel();
    await broken.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async () => {
        throw new Error('handler bug');
      });
      await context.sync();
    });
    broken.user.setValues('Sheet1', 'A1', 1);
    await expect(broken.flushEvents()).rejects.toThrow('handler bug');
  });

  test('before ExcelApi 1.14 events carry no triggerSource; before 1.9 worksheets.onChanged is ApiNotFound', async () => {
    const fake = createFakeExcel({ maxApiVersion: '1.13' });
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (e) => {
        seen.push(e);
      });
      await context.sync();
    });
    fake.user.setValues('Sheet1', 'A1', 1);
    await fake.flushEvents();
    expect(seen[0].triggerSource).toBeUndefined();

    const old = createFakeExcel({ maxApiVersion: '1.8' });
    const code = await rejectionCode(
      old.Excel.run(async (context) => {
        context.workbook.worksheets.onChanged.add(async () => undefined);
        await context.sync();
      }),
    );
    expect(code).toBe('ApiNotFound');
  });
});

describe('fault injection', () => {
  test('a hanging sync never settles', async () => {
    const fake = createFakeExcel();
    fake.control.hangNextSyncs(1);
    const run = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      await context.sync();
    });
    expect(await settles(run)).toBe(false);
    expect(fake.stats.hungSyncs).toBe(1);
    expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe('');
    // The next one goes through.
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[2]];
      await context.sync();
    });
    expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe(2);
  });

  test('failing syncs reject with the chosen code, apply nothing, and discard the queue', async () => {
    const fake = createFakeExcel({ failSyncs: 2 });
    let attempts = 0;
    const write = () =>
      fake.Excel.run(async (context) => {
        attempts += 1;
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[attempts]];
        await context.sync();
      });
    expect(await rejectionCode(write())).toBe('GeneralException');
    expect(await rejectionCode(write())).toBe('GeneralException');
    await write();
    expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe(3);
    expect(fake.stats).toMatchObject({ syncs: 3, failedSyncs: 2 });

    fake.control.failNextSyncs(1, 'RequestAborted', 'network');
    expect(await rejectionCode(write())).toBe('RequestAborted');
  });

  test('cell-edit mode: a plain run fails with InvalidOperationInCellEditMode; delayForCellEdit waits for Enter', async () => {
    const fake = createFakeExcel();
    fake.user.startCellEdit();
    const write = (value: number) => async (context: Excel.RequestContext) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[value]];
      await context.sync();
    };
    expect(await rejectionCode(fake.Excel.run(write(1)))).toBe('InvalidOperationInCellEditMode');
    const waiting = fake.Excel.run({ delayForCellEdit: true }, write(2));
    expect(await settles(waiting)).toBe(false);
    fake.user.endCellEdit();
    await waiting;
    expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe(2);
  });
});

describe('null objects', () => {
  test('getItemOrNullObject: isNullObject is known after the sync (not before), properties of a null object refuse to be read', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('不存在');
      const present = context.workbook.worksheets.getItemOrNullObject('Sheet1').load('name');
      missing.load('name');
      expect(thrownCode(() => missing.isNullObject)).toBe('PropertyNotLoaded');
      await context.sync();
      expect([missing.isNullObject, present.isNullObject, present.name]).toEqual([true, false, 'Sheet1']);
      expect(() => missing.name).toThrow(FakeExcelMisuse);
    });
  });

  test('getItem of something missing is ItemNotFound at sync', async () => {
    const fake = createFakeExcel();
    const code = await rejectionCode(
      fake.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('不存在').load('name');
        await context.sync();
      }),
    );
    expect(code).toBe('ItemNotFound');
  });

  test('getUsedRangeOrNullObject is null on an empty sheet; getUsedRange answers A1', async () => {
    const fake = createFakeExcel({ sheets: ['空', '表'] });
    table(fake, '表');
    fake.user.setFill('表', 'F9', '#FFFF00');
    await fake.Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const empty = sheets.getItem('空').getUsedRangeOrNullObject();
      const emptyPlain = sheets.getItem('空').getUsedRange().load('address');
      const used = sheets.getItem('表').getUsedRangeOrNullObject().load('address');
      const valuesOnly = sheets.getItem('表').getUsedRange(true).load('address');
      await context.sync();
      expect([empty.isNullObject, emptyPlain.address, used.address, valuesOnly.address]).toEqual([true, '空!A1', '表!B2:F9', '表!B2:D4']);
    });
  });

  test('worksheet custom properties: add, overwrite, null object for a missing key; ApiNotFound before 1.12', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const props = context.workbook.worksheets.getItem('Sheet1').customProperties;
      props.add('nianbao.template', '2021');
      props.add('NIANBAO.template', '2021-v2');
      const hit = props.getItemOrNullObject('nianbao.template').load('key, value');
      const miss = props.getItemOrNullObject('other').load('value');
      props.load('items/key');
      await context.sync();
      expect([hit.isNullObject, hit.key, hit.value, miss.isNullObject]).toEqual([false, 'nianbao.template', '2021-v2', true]);
      expect(props.items.map((p) => p.key)).toEqual(['nianbao.template']);
    });
    expect(fake.snapshot('Sheet1').customProperties).toEqual({ 'nianbao.template': '2021-v2' });

    const old = createFakeExcel({ maxApiVersion: '1.11' });
    const code = await rejectionCode(
      old.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').customProperties.add('k', 'v');
        await context.sync();
      }),
    );
    expect(code).toBe('ApiNotFound');
  });
});

describe('workbook, worksheets and names', () => {
  test('worksheets: add, look up by name or id, rename through a held proxy, activate and select', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const added = context.workbook.worksheets.add('表一').load('id, name');
      const auto = context.workbook.worksheets.add().load('name');
      await context.sync();
      expect(auto.name).toBe('Sheet2');
      const byId = context.workbook.worksheets.getItem(added.id).load('name');
      await context.sync();
      expect(byId.name).toBe('表一');
      added.name = '表 一';
      added.getRange('B2').values = [[1]]; // the proxy still reaches the renamed sheet
      added.activate();
      added.getRange('B2:C3').select();
      await context.sync();
      const active = context.workbook.worksheets.getActiveWorksheet().load('name');
      const selected = context.workbook.getSelectedRange().load('address');
      await context.sync();
      expect([active.name, selected.address]).toEqual(['表 一', "'表 一'!B2:C3"]);
    });
    expect(fake.workbookSnapshot()).toMatchObject({ sheets: ['Sheet1', '表 一', 'Sheet2'], activeSheet: '表 一', selection: "'表 一'!B2:C3" });
    const dup = await rejectionCode(
      fake.Excel.run(async (context) => {
        context.workbook.worksheets.add('sheet1');
        await context.sync();
      }),
    );
    expect(dup).toBe('ItemAlreadyExists');
  });

  test('names: workbook- and worksheet-scoped, a Range or a formula, getRange, duplicates refused', async () => {
    const fake = createFakeExcel({ sheets: ['表一', '表二'] });
    table(fake, '表一');
    await fake.Excel.run(async (context) => {
      const one = context.workbook.worksheets.getItem('表一');
      context.workbook.names.add('全表', one.getRange('B2:D4'), '整张表');
      one.names.add('收到', '=表一!$C$3');
      context.workbook.worksheets.getItem('表二').names.add('收到', '=表一!$C$4');
      await context.sync();
      const wb = context.workbook.names.getItem('全表').load('name, type, value, formula, comment, scope');
      const scoped = one.names.getItem('收到').getRange().load('values');
      const other = context.workbook.worksheets.getItem('表二').names.getItem('收到').getRange().load('values');
      const notInWorkbookScope = context.workbook.names.getItemOrNullObject('收到');
      const byName = one.getRange('收到').load('address');
      context.workbook.names.load('items/name');
      await context.sync();
      expect([wb.name, wb.type, wb.value, wb.formula, wb.comment, wb.scope]).toEqual(['全表', 'Range', '表一!$B$2:$D$4', '=表一!$B$2:$D$4', '整张表', 'Workbook']);
      expect([scoped.values, other.values, notInWorkbookScope.isNullObject, byName.address]).toEqual([[[12]], [[11]], true, '表一!C3']);
      expect(context.workbook.names.items.map((n) => n.name)).toEqual(['全表']);
    });
    const dup = await rejectionCode(
      fake.Excel.run(async (context) => {
        context.workbook.names.add('全表', '=表一!$A$1');
        await context.sync();
      }),
    );
    expect(dup).toBe('ItemAlreadyExists');
    const bad = await rejectionCode(
      fake.Excel.run(async (context) => {
        context.workbook.names.add('A1', '=表一!$A$1');
        await context.sync();
      }),
    );
    expect(bad).toBe('InvalidArgument');
  });

  test('range navigation: getCell, getOffsetRange, getResizedRange, intersection, entire row', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const base = context.workbook.worksheets.getItem('Sheet1').getRange('B2:D4');
      const got = [
        base.getCell(1, 2),
        base.getOffsetRange(2, 1),
        base.getResizedRange(1, -1),
        base.getIntersection('C3:F9'),
        base.getEntireRow(),
        base.getLastCell(),
        context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(1, 1, 3, 3),
      ].map((r) => r.load('address'));
      const none = base.getIntersectionOrNullObject('F9');
      await context.sync();
      expect(got.map((r) => r.address)).toEqual(['Sheet1!D3', 'Sheet1!C4:E6', 'Sheet1!B2:C5', 'Sheet1!C3:D4', 'Sheet1!2:4', 'Sheet1!D4', 'Sheet1!B2:D4']);
      expect(none.isNullObject).toBe(true);
    });
    const outside = await rejectionCode(
      fake.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').getOffsetRange(-1, 0).load('address');
        await context.sync();
      }),
    );
    expect(outside).toBe('InvalidArgument');
  });
});

describe('conditional formats and data validation', () => {
  test('custom conditional formats: add, read back, count, range, delete; clearAll only inside the range', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const mine = sheet.getRange('C3:D4').conditionalFormats.add(fake.Excel.ConditionalFormatType.custom);
      mine.custom.rule.formula = '=AND(N("nianbao")=0,C3<0)';
      mine.custom.format.fill.color = '#FFC7CE';
      mine.custom.format.font.color = '#9C0006';
      const users = sheet.getRange('A1:F10').conditionalFormats.add('Custom');
      users.custom.rule.formula = '=A1>100';
      await context.sync();
      const list = sheet.getRange('C3').conditionalFormats.load('items/type, items/custom/rule/formula, items/custom/format/fill/color');
      const count = sheet.getRange('C3').conditionalFormats.getCount();
      const range = mine.getRange().load('address');
      await context.sync();
      expect(list.items.map((cf) => [cf.type, cf.custom.rule.formula, cf.custom.format.fill.color])).toEqual([
        ['Custom', '=A1>100', null],
        ['Custom', '=AND(N("nianbao")=0,C3<0)', '#FFC7CE'],
      ]);
      expect([count.value, range.address]).toEqual([2, 'Sheet1!C3:D4']);
      mine.delete();
      await context.sync();
    });
    expect(fake.snapshot('Sheet1').conditionalFormats.map((cf) => cf.ranges)).toEqual([['A1:F10']]);
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:F2').conditionalFormats.clearAll();
      await context.sync();
    });
    expect(fake.snapshot('Sheet1').conditionalFormats.map((cf) => cf.ranges)).toEqual([['A3:F10']]);
  });

  test('data validation: rule, type, valid, invalid cells, clear; a typed entry breaking a Stop rule is refused', async () => {
    const fake = createFakeExcel();
    const s = fake.workbook.sheet('Sheet1');
    s.setValues('A1:A3', [[1], [2], [3]]);
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3');
      range.dataValidation.rule = { wholeNumber: { formula1: 0, operator: fake.Excel.DataValidationOperator.greaterThanOrEqualTo } };
      range.dataValidation.errorAlert = { message: '请填写非负整数', showAlert: true, style: 'Stop', title: '年报助手' };
      const dv = range.dataValidation.load('type, valid, rule');
      await context.sync();
      expect([dv.type, dv.valid, dv.rule]).toEqual(['WholeNumber', true, { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } }]);
    });
    expect(fake.user.type('Sheet1', 'A2', -5)).toBe(false);
    expect(s.getValue('A2')).toBe(2);
    expect(fake.user.type('Sheet1', 'A2', 7)).toBe(true);
    fake.user.setValues('Sheet1', 'A3', 2.5); // a paste bypasses validation
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3');
      const bad = range.dataValidation.getInvalidCellsOrNullObject().load('address');
      const valid = range.dataValidation.load('valid');
      await context.sync();
      expect([bad.isNullObject, bad.address, valid.valid]).toEqual([false, 'Sheet1!A3', null]);
      range.dataValidation.clear();
      const after = range.dataValidation.load('type');
      await context.sync();
      expect(after.type).toBe('None');
    });
  });
});

describe('snapshots and Office', () => {
  test('a highlight made with conditional formats leaves the user content snapshot equal; a fill write does not', async () => {
    const fake = createFakeExcel();
    table(fake);
    fake.user.setFill('Sheet1', 'C3', '#FFFF00');
    const before = fake.snapshot('Sheet1');
    await fake.Excel.run(async (context) => {
      const cf = context.workbook.worksheets.getItem('Sheet1').getRange('C3:D4').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=AND(N("nianbao")=0,C3>C4)';
      cf.custom.format.fill.color = '#FFC7CE';
      await context.sync();
    });
    const after = fake.snapshot('Sheet1');
    expect({ ...after, conditionalFormats: [] }).toEqual({ ...before, conditionalFormats: [] });
    expect(after.conditionalFormats).toHaveLength(1);
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C3').format.fill.color = '#FFC7CE';
      await context.sync();
    });
    expect(fake.snapshot('Sheet1').cells.C3).not.toEqual(before.cells.C3);
  });

  test('Office: onReady, host, language, requirement sets against a configurable maximum', async () => {
    const fake = createFakeExcel();
    const info = await fake.Office.onReady();
    expect(info).toEqual({ host: 'Excel', platform: 'PC' });
    expect(fake.Office.HostType.Excel).toBe('Excel');
    expect(fake.Office.context.displayLanguage).toBe('zh-CN');
    const supported = fake.Office.context.requirements.isSetSupported;
    expect([supported('ExcelApi', '1.14'), supported('ExcelApi', '1.9'), supported('ExcelApi', '1.15'), supported('WordApi', '1.1')]).toEqual([true, true, false, false]);
    const web = createFakeExcel({ maxApiVersion: '1.17', platform: 'OfficeOnline' });
    expect(web.Office.context.requirements.isSetSupported('ExcelApi', '1.17')).toBe(true);
    expect(web.Office.context.platform).toBe('OfficeOnline');
  });

  test('enums are the string values Office.js uses', () => {
    const { Excel: X } = createFakeExcel();
    expect([
      X.ConditionalFormatType.custom,
      X.DataValidationType.wholeNumber,
      X.DataValidationOperator.greaterThanOrEqualTo,
      X.EventTriggerSource.thisLocalAddin,
      X.InsertShiftDirection.down,
      X.DeleteShiftDirection.up,
      X.BorderIndex.insideHorizontal,
      X.BorderLineStyle.continuous,
      X.HorizontalAlignment.center,
      X.ErrorCodes.invalidOperationInCellEditMode,
    ]).toEqual(['Custom', 'WholeNumber', 'GreaterThanOrEqualTo', 'ThisLocalAddin', 'Down', 'Up', 'InsideHorizontal', 'Continuous', 'Center', 'InvalidOperationInCellEditMode']);
  });

  test('install() puts Excel and Office on globalThis for code that uses the globals, and restores them', async () => {
    const fake = createFakeExcel();
    const restore = fake.install();
    try {
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['全局']];
        await context.sync();
      });
      expect(Office.context.displayLanguage).toBe('zh-CN');
    } finally {
      restore();
    }
    expect('Excel' in globalThis).toBe(false);
    expect(fake.workbook.sheet('Sheet1').getValue('A1')).toBe('全局');
  });
});

/** Excel behaviours the adapter must cope with, as the fake reproduces them (sources in README.md). */
describe("real Excel's awkward behaviours", () => {
  test('loading custom rules fails for the whole collection when any format is another type (office-js #2180); types load fine', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:A5').conditionalFormats.add('Custom').custom.rule.formula = '=A1>1';
      sheet.getRange('B1:B5').conditionalFormats.add('ColorScale');
      await context.sync();
    });
    const failing = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange().conditionalFormats.load('items/type,items/custom/rule/formula');
      await context.sync();
    });
    expect(await rejectionCode(failing)).toBe('InvalidOperation');
    const types = await fake.Excel.run(async (context) => {
      const formats = context.workbook.worksheets.getItem('Sheet1').getRange().conditionalFormats.load('items/type');
      await context.sync();
      return formats.items.map((f) => f.type);
    });
    expect(types).toEqual(['ColorScale', 'Custom']);
  });

  test('rules made to share one range the way Excel breaks them (#5222): type readable, rule and delete ItemNotFound', async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('C1:C3');
      range.conditionalFormats.add('Custom').custom.rule.formula = '=C1>1';
      range.conditionalFormats.add('Custom').custom.rule.formula = '=C1<0';
      await context.sync();
    });
    expect(fake.control.breakConditionalFormats('Sheet1', 'C1:C3')).toBe(2);
    const remove = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange().conditionalFormats.getItemAt(0).delete();
      await context.sync();
    });
    expect(await rejectionCode(remove)).toBe('ItemNotFound');
    expect(fake.snapshot('Sheet1').conditionalFormats).toHaveLength(2);
  });

  test('a copied sheet keeps cells, names (scoped to the copy) and rules, but not its custom properties (#5486)', async () => {
    const fake = createFakeExcel({ sheets: ['2023年度报表'] });
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('2023年度报表');
      sheet.getRange('B2').values = [[7]];
      sheet.names.add('NB_x', sheet.getRange('B2'));
      sheet.customProperties.add('nianbao.format', '2021');
      sheet.getRange('B2').conditionalFormats.add('Custom').custom.rule.formula = '=B2<0';
      await context.sync();
    });
    const copy = fake.user.copySheet('2023年度报表');
    expect(copy).toBe('2023年度报表 (2)');
    const snap = fake.snapshot(copy);
    expect(snap.cells.B2.value).toBe(7);
    expect(snap.names).toEqual([{ name: 'NB_x', formula: "='2023年度报表 (2)'!$B$2", comment: '' }]);
    expect(snap.conditionalFormats.map((cf) => cf.rule.formula)).toEqual(['=B2<0']);
    expect(snap.customProperties).toEqual({});
    expect(fake.snapshot('2023年度报表').customProperties).toEqual({ 'nianbao.format': '2021' });
  });

  test('onActivated fires for a switch by the user or by activate(), not for the sheet already active; select() needs its sheet active (#5118)', async () => {
    const fake = createFakeExcel({ sheets: ['甲', '乙'] });
    const seen: string[] = [];
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.onActivated.add(async (e) => void seen.push(e.worksheetId));
      await context.sync();
    });
    const [a, b] = fake.workbook.sheets.map((s) => s.id);
    fake.user.activate('乙');
    fake.user.activate('乙');
    await fake.flushEvents();
    const selectElsewhere = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('甲').getRange('A2').select();
      await context.sync();
    });
    expect(await rejectionCode(selectElsewhere)).toBe('InvalidOperation');
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('甲');
      sheet.activate();
      sheet.getRange('A2').select();
      await context.sync();
    });
    await fake.flushEvents();
    expect(seen).toEqual([b, a]);
    expect(fake.workbookSnapshot().selection).toBe('甲!A2');
  });
});

describe("Excel on the web's limits and lost answers", () => {
  test('a response over 5 MB fails the sync with ResponsePayloadSizeLimitExceeded; a smaller read of the same sheet works', async () => {
    const fake = createFakeExcel();
    const text = '一段很长的文字'.repeat(20);
    fake.workbook.sheet('Sheet1').setValues('A1:B20000', Array.from({ length: 20_000 }, () => [text, text]));
    const whole = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B20000').load('values');
      await context.sync();
    });
    expect(await rejectionCode(whole)).toBe('ResponsePayloadSizeLimitExceeded');
    const part = await fake.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B100').load('values');
      await context.sync();
      return range.values.length;
    });
    expect(part).toBe(100);
  });

  test('a lost answer: the operations apply and fire their events, the sync never settles', async () => {
    const fake = createFakeExcel();
    fake.control.loseNextResponses(1, { after: 1 });
    const first = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      await context.sync();
    });
    await first;
    const lost = fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A2').values = [[2]];
      await context.sync();
    });
    expect(await settles(lost)).toBe(false);
    expect(fake.workbook.sheet('Sheet1').getValues('A1:A2')).toEqual([[1], [2]]);
  });
});
