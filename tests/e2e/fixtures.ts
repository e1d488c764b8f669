/** Fixtures shared by the browser tests: jobs people would really type, and unique customers. */
import type { NewJob } from './pages/board-page';

let counter = 0;

/** A job whose customer name is unique in this test run, so tests can find exactly their jobs. */
export function aJob(overrides: Partial<NewJob> = {}): NewJob {
  counter += 1;
  return {
    customerName: `Northwind Dental ${process.pid}-${counter}`,
    siteAddress: `${10 + counter} Market Street, Springfield`,
    problem: 'Rooftop unit short-cycling; compressor trips after five minutes.',
    type: 'repair',
    priority: 'normal',
    ...overrides
  };
}
