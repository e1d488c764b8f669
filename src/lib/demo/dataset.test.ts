import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_DATASET_URL, DemoDatasetError, fetchDemoDataset, parseDemoDataset, parseDemoDatasetText } from './dataset';

const text = fs.readFileSync(new URL('../../../static/demo/sf-demo-dataset.json', import.meta.url), 'utf8');

function failure(run: () => unknown): DemoDatasetError {
  try {
    run();
  } catch (error) {
    if (error instanceof DemoDatasetError) return error;
    throw error;
  }
  throw new Error('expected a DemoDatasetError');
}

describe('the shipped demo dataset', () => {
  it('parses and stays small enough to fetch on first run', () => {
    const dataset = parseDemoDatasetText(text);
    expect(dataset.requests.length).toBe(1500);
    expect(dataset.units.length).toBeGreaterThanOrEqual(25);
    expect(dataset.permits.length).toBe(300);
    expect(dataset.source.licence).toBe('ODC-PDDL-1.0');
    expect(Buffer.byteLength(text)).toBeLessThan(600 * 1024);
  });

  it('rejects a truncated file as not JSON, with what to do', () => {
    const error = failure(() => parseDemoDatasetText(text.slice(0, 1000)));
    expect(error.reason).toBe('not-json');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('rejects something that is not a demo dataset, or another version of one', () => {
    expect(failure(() => parseDemoDataset({ hello: 'world' })).reason).toBe('wrong-format');
    const json = JSON.parse(text) as Record<string, unknown>;
    const future = failure(() => parseDemoDataset({ ...json, version: 99 }));
    expect(future.reason).toBe('wrong-format');
    expect(future.message).toMatch(/version 99/);
  });

  it('names the first broken field of a damaged file', () => {
    const json = JSON.parse(text) as { requests: Array<Record<string, unknown>> };
    json.requests[3] = { ...json.requests[3], lat: 51.5 };
    const error = failure(() => parseDemoDataset(json));
    expect(error.reason).toBe('invalid');
    expect(error.message).toContain('requests.3.lat');
  });
});

describe('fetchDemoDataset', () => {
  it('downloads and validates the file from the app', async () => {
    const urls: string[] = [];
    const fake = (async (url: string) => {
      urls.push(url);
      return new Response(text, { status: 200 });
    }) as typeof fetch;
    expect((await fetchDemoDataset(fake)).requests).toHaveLength(1500);
    expect(urls).toEqual([DEMO_DATASET_URL]);
  });

  it('reports a missing file or a network failure as unavailable', async () => {
    const missing = (async () => new Response('not found', { status: 404 })) as typeof fetch;
    await expect(fetchDemoDataset(missing)).rejects.toMatchObject({ reason: 'unavailable', message: expect.stringContaining('HTTP 404') });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(fetchDemoDataset(offline)).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
