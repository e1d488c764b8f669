import { describe, expect, it } from 'vitest';
import { OnHand } from './ledger';
import { jobPartNeeds, netUsedByJob, technicianNeeds } from './needs';
import { stockMoveSchema, type StockMove } from './stock-move';

let seq = 0;
function move(fields: Partial<StockMove> & Pick<StockMove, 'kind' | 'qty'>): StockMove {
  seq++;
  return stockMoveSchema.parse({ id: `m${String(seq).padStart(3, '0')}`, partId: 'cap', sku: 'CAP-45', description: 'Capacitor', at: new Date(Date.UTC(2026, 5, 10, 12, seq)).toISOString(), by: 'u1', ...fields });
}
const CATALOG = new Map([
  ['cap', { partId: 'cap', sku: 'CAP-45', description: 'Capacitor', unit: 'each' }],
  ['filter', { partId: 'filter', sku: 'FLT-20', description: 'Filter 20x25', unit: 'each' }]
]);
const describePart = (id: string) => CATALOG.get(id);
const plan = [{ partId: 'filter', sku: 'FLT-20', description: 'Filter (plan snapshot)', unit: 'each', qty: 2 }];

describe('jobPartNeeds', () => {
  it("uses the job's required parts once set, described from the price book", () => {
    expect(jobPartNeeds({ cap: 1, filter: 3 }, [], undefined, describePart)).toEqual([
      { partId: 'cap', sku: 'CAP-45', description: 'Capacitor', unit: 'each', qty: 1 },
      { partId: 'filter', sku: 'FLT-20', description: 'Filter 20x25', unit: 'each', qty: 3 }
    ]);
  });

  it("falls back to the PM plan's parts only when the job's parts were never set", () => {
    expect(jobPartNeeds(undefined, plan, undefined, () => undefined)).toEqual(plan);
    // A dispatcher removed the plan's filter for this visit: 0 is a decision, not "unset".
    expect(jobPartNeeds({ filter: 0 }, plan, undefined, describePart)).toEqual([]);
  });

  it('subtracts what the ledger already used on the job (uses less returns), never below nothing', () => {
    const moves = [
      move({ kind: 'use', qty: 2, from: 'truck:tess', jobId: 'j1' }),
      move({ kind: 'return', qty: 1, to: 'truck:tess', jobId: 'j1' }),
      move({ kind: 'use', qty: 5, from: 'truck:tess', jobId: 'j2' }),
      move({ kind: 'use', qty: 1, from: 'truck:tess', partId: 'filter', jobId: 'j2' })
    ];
    const used = netUsedByJob(moves);
    expect(used.get('j1')).toEqual(new Map([['cap', 1]]));
    expect(jobPartNeeds({ cap: 3 }, [], used.get('j1'), describePart)).toEqual([{ partId: 'cap', sku: 'CAP-45', description: 'Capacitor', unit: 'each', qty: 2 }]);
    expect(jobPartNeeds({ cap: 3, filter: 2 }, [], used.get('j2'), describePart).map((n) => [n.partId, n.qty])).toEqual([['filter', 1]]);
  });

  it('names a part nobody can describe by its id', () => {
    expect(jobPartNeeds({ ghost: 1 }, [], undefined, () => undefined)).toEqual([{ partId: 'ghost', sku: 'ghost', description: 'Part not in the price book', unit: 'each', qty: 1 }]);
  });

  it('feeds the truck check: the shortfall against the truck becomes the transfer', () => {
    const onHand = new OnHand([move({ kind: 'receive', qty: 10, to: 'wh:north', unitCostCents: 500, supplier: 'A' }), move({ kind: 'transfer', qty: 1, from: 'wh:north', to: 'truck:tess' })]);
    const required: Record<string, Record<string, number> | undefined> = { j1: { cap: 2 }, j2: undefined };
    const partsFor = (jobId: string) => jobPartNeeds(required[jobId], jobId === 'j2' ? [{ ...CATALOG.get('cap')!, qty: 1 }] : [], undefined, describePart);
    const [tess] = technicianNeeds([{ technicianId: 'tess', jobId: 'j1' }, { technicianId: 'tess', jobId: 'j2' }], partsFor, () => 'north', onHand);
    expect(tess!.lines).toEqual([{ ...CATALOG.get('cap')!, qty: 3, onTruck: 1, short: 2, inWarehouse: 9 }]);
    expect(tess!.transfer).toEqual([{ ...CATALOG.get('cap')!, qty: 2 }]);
  });
});
