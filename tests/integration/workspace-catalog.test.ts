/**
 * The workspace opens the `catalog` room for every role that may read it (DESIGN §2): a
 * dispatcher's price-book change reaches a technician's workspace live, the technician's copy
 * is read-only (no migration or edit is sent), and a wallboard opens no catalog at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/domain/access/roles';
import type { Workspace } from '../../src/lib/sync/workspace';
import { TEST_NOW } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { until } from './support/clients';
import { openWorkspace } from './support/workspaces';

describe('the workspace and the catalog room', () => {
  let relay: RelayProcess;
  const open: Workspace[] = [];

  async function workspace(role: Role, sub: string): Promise<Workspace> {
    const ws = await openWorkspace(relay, 'catalog-ws', role, sub);
    open.push(ws);
    return ws;
  }

  beforeAll(async () => {
    relay = await startRelay();
  });

  afterAll(async () => {
    for (const ws of open) ws.destroy();
    await relay.kill('SIGTERM');
  });

  it('syncs a dispatcher’s price book to a technician, whose copy stays read-only', async () => {
    const dispatcher = await workspace('dispatcher', 'dee');
    const technician = await workspace('technician', 'tom');
    expect(dispatcher.canWriteCatalog).toBe(true);
    expect(technician.canWriteCatalog).toBe(false);
    const saved = dispatcher.catalog!.save('services', { code: 'TUNE', name: 'Tune-up', rate: '89' }, undefined, new Date(TEST_NOW));
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await until(() => technician.catalog?.services.get(saved.value.id)?.rateCents === 8900, 'the service on the technician’s device');
    await until(() => dispatcher.catalogConnection!.monitor.state.unconfirmed === 0, 'the relay to confirm the dispatcher’s change');
    // The dispatcher's copy was migrated (and that reached the technician); the technician wrote nothing.
    expect(technician.catalogConnection!.doc.getMap('meta').get('kind')).toBe('catalog');
    expect(technician.catalogConnection!.migrate()).toBeNull();
    expect(technician.catalogConnection!.monitor.state.unconfirmed).toBe(0);
  });

  it('opens no catalog for a wallboard', async () => {
    const wall = await workspace('wallboard', 'wall');
    expect(wall.catalog).toBeNull();
    expect(wall.catalogConnection).toBeNull();
  });
});
