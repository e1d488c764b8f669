/**
 * Stock locations are derived, not stored: a warehouse per office (`wh:<officeId>`) and a
 * truck per technician (`truck:<technicianId>`). Nothing to create or keep in step when a
 * technician joins, and two offline offices can never create the same location twice. A
 * location of someone no longer on the board still sums its ledger entries (shown by its id).
 */
export type LocationKind = 'warehouse' | 'truck';

export interface StockLocation {
  id: string;
  kind: LocationKind;
  /** The office (warehouse) or technician (truck) it belongs to. */
  ownerId: string;
  name: string;
  /** The office whose warehouse restocks it (a truck's technician's office). */
  officeId: string | null;
}

export const warehouseId = (officeId: string): string => `wh:${officeId}`;
export const truckId = (technicianId: string): string => `truck:${technicianId}`;

export function parseLocationId(id: string): { kind: LocationKind; ownerId: string } | null {
  if (id.startsWith('wh:') && id.length > 3) return { kind: 'warehouse', ownerId: id.slice(3) };
  if (id.startsWith('truck:') && id.length > 6) return { kind: 'truck', ownerId: id.slice(6) };
  return null;
}

/** Every location of the board: warehouses by office name, then active technicians' trucks. */
export function stockLocations(
  offices: readonly { id: string; name: string; code: string }[],
  technicians: readonly { id: string; name: string; officeId: string | null; active: boolean }[]
): StockLocation[] {
  const warehouses = [...offices]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((o): StockLocation => ({ id: warehouseId(o.id), kind: 'warehouse', ownerId: o.id, name: `${o.name} warehouse (${o.code})`, officeId: o.id }));
  const trucks = technicians
    .filter((t) => t.active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t): StockLocation => ({ id: truckId(t.id), kind: 'truck', ownerId: t.id, name: `${t.name}'s truck`, officeId: t.officeId }));
  return [...warehouses, ...trucks];
}

/** The name to show for a location id, also for locations no longer in the directory. */
export function locationName(id: string, locations: readonly StockLocation[]): string {
  return locations.find((l) => l.id === id)?.name ?? id;
}
