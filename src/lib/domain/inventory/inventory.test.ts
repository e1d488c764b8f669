import { describe, expect, it } from 'vitest';
import { averageCosts, blendAverage, partsCostByJob } from './average-cost';
import { OnHand, ledgerParts, partHistory, pickableParts } from './ledger';
import { lowStock, purchaseList, purchaseListCsv, NO_SUPPLIER } from './reorder';
import { effectiveSettings, type StockSetting } from './stock-settings';
import { moveShapeProblem, parseCents, stockMoveSchema, type StockMove } from './stock-move';
import { technicianNeeds } from './needs';

let seq = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 5, 10, 12, minute)).toISOString();
function move(fields: Partial<StockMove> & Pick<StockMove, 'kind' | 'qty'>, minute = seq): StockMove {
  seq++;
  return stockMoveSchema.parse({ id: `m${String(seq).padStart(3, '0')}`, partId: 'cap', sku: 'CAP-45', description: 'Capacitor 45/5', at: at(minute), by: 'u1', ...fields });
}
const WH = 'wh:north';
const TRUCK = 'truck:tess';

describe('stock ledger', () => {
  it('sums receipts, transfers, uses, returns and adjustments per location, never clamping', () => {
    const moves = [
      move({ kind: 'receive', qty: 10, to: WH, unitCostCents: 1200, supplier: 'Ferguson' }),
      move({ kind: 'transfer', qty: 4, from: WH, to: TRUCK }),
      move({ kind: 'use', qty: 6, from: TRUCK, jobId: 'j1' }),
      move({ kind: 'return', qty: 1, to: TRUCK, jobId: 'j1' }),
      move({ kind: 'adjust', qty: -2, to: WH, reason: 'count' })
    ];
    const onHand = new OnHand(moves);
    expect(onHand.at(WH, 'cap')).toBe(4);
    expect(onHand.at(TRUCK, 'cap')).toBe(-1);
    expect(onHand.negatives()).toEqual([{ locationId: TRUCK, partId: 'cap', qty: -1, negative: true }]);
    expect(onHand.total('cap')).toBe(3);
  });

  it('refuses entries whose fields do not fit their kind', () => {
    expect(moveShapeProblem({ kind: 'transfer', qty: 1, from: WH, to: WH, unitCostCents: null, reason: '' })).toMatch(/two different/);
    expect(moveShapeProblem({ kind: 'receive', qty: 1, from: null, to: WH, unitCostCents: null, reason: '' })).toMatch(/unit cost/);
    expect(moveShapeProblem({ kind: 'adjust', qty: 3, from: null, to: WH, unitCostCents: null, reason: '' })).toMatch(/reason/);
    expect(moveShapeProblem({ kind: 'use', qty: 0, from: TRUCK, to: null, unitCostCents: null, reason: '', jobId: 'j' })).toMatch(/at least 1/);
    expect(stockMoveSchema.safeParse({ id: 'x', kind: 'use', partId: 'p', qty: 2, from: TRUCK, at: at(0), by: 'u' }).success).toBe(false);
  });

  it('keeps the latest snapshot and supplier of each part, and its history newest first with running levels', () => {
    const moves = [move({ kind: 'receive', qty: 5, to: WH, unitCostCents: 900, supplier: 'Ferguson' }), move({ kind: 'receive', qty: 5, to: WH, unitCostCents: 1000, supplier: 'Grainger', description: 'Capacitor 45/5 MFD' })];
    expect(ledgerParts(moves)).toEqual([{ partId: 'cap', sku: 'CAP-45', description: 'Capacitor 45/5 MFD', unit: 'each', lastSupplier: 'Grainger', lastUnitCostCents: 1000 }]);
    expect(partHistory(moves, 'cap').map((r) => r.after[WH])).toEqual([10, 5]);
  });

  it('parses typed money into cents', () => {
    expect(parseCents('12.5')).toBe(1250);
    expect(parseCents('$1,204.99')).toBe(120499);
    expect(parseCents('12.345')).toBeNull();
    expect(parseCents('abc')).toBeNull();
  });
});

describe('moving-average cost', () => {
  it('blends receipts by quantity, rounding half-up to cents', () => {
    expect(blendAverage(1000, 10, 10, 1300)).toBe(1150);
    expect(blendAverage(1000, 2, 1, 1001)).toBe(1000); // 1000.33 → 1000
    expect(blendAverage(1000, 1, 1, 1001)).toBe(1001); // 1000.5 → 1001
  });

  it('is unchanged by uses and transfers, and a receipt onto empty or negative stock sets the cost', () => {
    const moves = [
      move({ kind: 'receive', qty: 10, to: WH, unitCostCents: 1000, supplier: 'A' }, 1),
      move({ kind: 'receive', qty: 10, to: WH, unitCostCents: 1300, supplier: 'A' }, 2),
      move({ kind: 'transfer', qty: 5, from: WH, to: TRUCK }, 3),
      move({ kind: 'use', qty: 25, from: TRUCK, jobId: 'j1' }, 4)
    ];
    expect(averageCosts(moves).get('cap')).toEqual({ averageCents: 1150, onHand: -5 });
    const more = [...moves, move({ kind: 'receive', qty: 10, to: WH, unitCostCents: 2000, supplier: 'A' }, 5)];
    expect(averageCosts(more).get('cap')).toEqual({ averageCents: 2000, onHand: 5 });
  });

  it('blends a return at the cost it carries, and at the current average when it carries none', () => {
    const base = [move({ kind: 'receive', qty: 4, to: WH, unitCostCents: 1000, supplier: 'A' }, 1), move({ kind: 'use', qty: 2, from: WH, jobId: 'j1' }, 2)];
    const costed = [...base, move({ kind: 'return', qty: 2, to: WH, jobId: 'j1', unitCostCents: 1600 }, 3)];
    expect(averageCosts(costed).get('cap')).toEqual({ averageCents: 1300, onHand: 4 });
    const uncosted = [...base, move({ kind: 'return', qty: 2, to: WH, jobId: 'j1' }, 3)];
    expect(averageCosts(uncosted).get('cap')).toEqual({ averageCents: 1000, onHand: 4 });
  });

  it('gives the same average whatever order the entries arrive in', () => {
    const moves = [
      move({ kind: 'receive', qty: 3, to: WH, unitCostCents: 700, supplier: 'A' }, 1),
      move({ kind: 'receive', qty: 7, to: WH, unitCostCents: 1100, supplier: 'A' }, 2),
      move({ kind: 'return', qty: 1, to: WH, jobId: 'j', unitCostCents: 990 }, 3)
    ];
    expect(averageCosts([...moves].reverse())).toEqual(averageCosts(moves));
  });
});

describe('reorder suggestions', () => {
  const setting = (fields: Partial<StockSetting>, minute: number): StockSetting => ({ id: `s${minute}`, locationId: WH, partId: 'cap', reorderPoint: 5, reorderQty: 10, supplier: '', at: at(minute), by: 'u', byName: '', ...fields });

  it('lists locations below their reorder point with the reorder quantity, or enough to reach the point', () => {
    const moves = [
      move({ kind: 'receive', qty: 4, to: WH, unitCostCents: 1000, supplier: 'Ferguson' }, 1),
      move({ kind: 'receive', qty: 1, to: 'wh:south', partId: 'filter', sku: 'FLT-16', description: 'Filter', unitCostCents: 500, supplier: 'Grainger' }, 2),
      move({ kind: 'use', qty: 3, from: TRUCK, jobId: 'j' }, 3)
    ];
    const settings = effectiveSettings([
      setting({ reorderPoint: 2 }, 1),
      setting({ reorderPoint: 5, reorderQty: 10 }, 2), // later: wins
      setting({ locationId: 'wh:south', partId: 'filter', reorderPoint: 1, reorderQty: 6 }, 3),
      setting({ locationId: TRUCK, reorderPoint: 20, reorderQty: 2, supplier: 'Johnstone' }, 4)
    ]);
    const parts = new Map(ledgerParts(moves).map((p) => [p.partId, p]));
    const lines = lowStock(new OnHand(moves), settings.values(), parts, averageCosts(moves));
    expect(lines.map((l) => [l.locationId, l.onHand, l.suggestedQty, l.supplier])).toEqual([
      [TRUCK, -3, 23, 'Johnstone'],
      [WH, 4, 10, 'Ferguson']
    ]);
    const orders = purchaseList(lines);
    expect(orders.map((o) => [o.supplier, o.estimatedCents])).toEqual([
      ['Ferguson', 10_000],
      ['Johnstone', 23_000]
    ]);
    const csv = purchaseListCsv(orders, (id) => (id === WH ? 'North warehouse' : 'Tess, truck'));
    expect(csv.split('\r\n')).toEqual([
      'supplier,sku,description,unit,location,on_hand,reorder_point,order_qty,unit_cost,line_total',
      'Ferguson,CAP-45,Capacitor 45/5,each,North warehouse,4,5,10,10.00,100.00',
      'Johnstone,CAP-45,Capacitor 45/5,each,"Tess, truck",-3,20,23,10.00,230.00'
    ]);
  });

  it('groups parts with no known supplier last', () => {
    const lines = lowStock(new OnHand([]), [setting({ partId: 'ghost' }, 1)], new Map(), new Map());
    expect(purchaseList(lines).map((o) => o.supplier)).toEqual([NO_SUPPLIER]);
    expect(lines[0]).toMatchObject({ onHand: 0, suggestedQty: 10, unitCostCents: null });
  });
});

describe("tomorrow's needs", () => {
  it('sums the parts of a technician’s visits and transfers only the shortfall from their office warehouse', () => {
    const moves = [move({ kind: 'receive', qty: 9, to: WH, unitCostCents: 100, supplier: 'A' }, 1), move({ kind: 'transfer', qty: 1, from: WH, to: TRUCK }, 2)];
    const cap = { partId: 'cap', sku: 'CAP-45', description: 'Capacitor', unit: 'each' };
    const needs = technicianNeeds(
      [
        { technicianId: 'tess', jobId: 'j1' },
        { technicianId: 'tess', jobId: 'j2' },
        { technicianId: 'raj', jobId: 'j3' }
      ],
      (jobId) => (jobId === 'j3' ? [] : [{ ...cap, qty: 2 }]),
      () => 'north',
      new OnHand(moves)
    );
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({ technicianId: 'tess', truckId: TRUCK, warehouseId: WH, jobIds: ['j1', 'j2'] });
    expect(needs[0]!.lines).toEqual([{ ...cap, qty: 4, onTruck: 1, short: 3, inWarehouse: 8 }]);
    expect(needs[0]!.transfer).toEqual([{ ...cap, qty: 3 }]);
  });
});

describe('parts cost by job', () => {
  it('costs each use at the average when it was used and credits returns', () => {
    const moves = [
      move({ kind: 'receive', qty: 2, to: WH, unitCostCents: 1000, supplier: 'A' }, 1),
      move({ kind: 'use', qty: 1, from: WH, jobId: 'j1' }, 2),
      move({ kind: 'receive', qty: 1, to: WH, unitCostCents: 2200, supplier: 'A' }, 3),
      move({ kind: 'use', qty: 2, from: WH, jobId: 'j2' }, 4),
      move({ kind: 'return', qty: 1, to: WH, jobId: 'j2' }, 5)
    ];
    // j1: 1 × 10.00. Then the average is (1·1000 + 1·2200)/2 = 1600: j2 uses 2 × 16.00 and returns 1 × 16.00.
    expect(partsCostByJob(moves)).toEqual(new Map([['j1', 1000], ['j2', 1600]]));
  });
});

describe('pickableParts', () => {
  it('offers every price-book part under its catalogue id, keeps ledger-only parts, and prefers the ledger\u2019s last receipt', () => {
    const ledger = [
      { partId: 'cat-fm', sku: 'FM-220', description: 'Fan motor', unit: 'each', lastSupplier: 'Ferguson', lastUnitCostCents: 8200 },
      { partId: 'part-old', sku: 'OLD-1', description: 'Discontinued valve', unit: 'each', lastSupplier: '', lastUnitCostCents: null }
    ];
    const catalog = [
      { id: 'cat-fm', sku: 'FM-220', description: 'Condenser fan motor', unit: 'each', costCents: 8000, supplier: 'Johnstone' },
      { id: 'cat-cap', sku: 'CAP-45', description: 'Run capacitor 45/5', unit: 'each', costCents: 1250, supplier: 'Johnstone' }
    ];
    expect(pickableParts(ledger, catalog).map((p) => [p.partId, p.description, p.lastSupplier, p.lastUnitCostCents])).toEqual([
      ['cat-cap', 'Run capacitor 45/5', 'Johnstone', 1250],
      ['cat-fm', 'Condenser fan motor', 'Ferguson', 8200],
      ['part-old', 'Discontinued valve', '', null]
    ]);
  });
});
