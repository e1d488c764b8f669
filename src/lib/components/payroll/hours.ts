/** Minutes as decimal hours for payroll tables ("42.50"), the way pay stubs show them. */
export function hours(minutes: number): string {
  return (minutes / 60).toFixed(2);
}
