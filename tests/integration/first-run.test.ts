/** The server tells a new installation where to go: /setup first, the board afterwards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';

describe('first run', () => {
  let relay: RelayProcess;

  beforeAll(async () => {
    relay = await startRelay({ env: { ...FAST_ACCOUNTS_ENV, PUBLIC_URL: '' } });
  });
  afterAll(async () => {
    await relay.kill();
  });

  /** The hint follows the "listening" line the helper waits for: wait for it too. */
  async function logged(text: string, from = 0): Promise<string> {
    const deadline = Date.now() + 20_000;
    while (!relay.logs().slice(from).includes(text)) {
      if (Date.now() > deadline) throw new Error(`the server never logged "${text}":\n${relay.logs().slice(from)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return relay.logs().slice(from);
  }

  it('points a new server at /setup on its own port, and at the board once an organisation exists', async () => {
    expect(await logged(`open http://localhost:${relay.port}/setup to create it and its first admin`)).not.toContain('#token=');
    expect((await new ApiClient(relay.httpUrl).setup(DEFAULT_ADMIN)).status).toBe(201);
    const before = relay.logs().length;
    await relay.restart();
    const second = await logged(`open http://localhost:${relay.port}/board to sign in`, before);
    expect(second).not.toContain('/setup');
  });
});
