/** The formulas as the dashboard's tooltips state them (../shared/KPI.md, word for word where it gives one). */
export const FORMULAS = {
  openByStatus: 'jobs not completed, settled or cancelled, counted by current status',
  createdVsCompleted: 'jobs created per day vs jobs first completed per day (organisation time zone)',
  firstTimeFix: 'jobs resolved on the first visit ÷ resolved jobs, × 100 (not first-time: more than one on-site visit or a callback links to it; cancelled and no-fault maintenance excluded)',
  callbackRate: 'callback jobs created in the period ÷ jobs completed in the period, × 100',
  jobDuration: 'mean of on-site time per completed job (sum of on-site time)',
  timeToResolve: 'mean of (completed − created) per completed job',
  responseTime: 'mean of (first on site − created) per job',
  withinSla: 'jobs on site by their SLA due ÷ jobs with an SLA due, × 100',
  invoiceLag: 'mean of (invoice issued − job completed), in days',
  notInvoiced: 'completed jobs not yet invoiced',
  revenuePerCall: 'invoiced subtotal after discounts, before tax ÷ number of invoiced jobs (zero-billed warranty/callback jobs excluded)',
  utilisation: 'billable hours (on-site + billable travel) ÷ available hours (working hours − time off − holidays), × 100',
  revenueCredit: 'invoice subtotal split between the job’s technicians in proportion to their on-site hours',
  grossProfit: 'revenue − parts cost − labour cost − other expenses; margin = profit ÷ revenue × 100',
  receivables: 'issued invoices’ balance due, aged by days past due (no terms = due on issue)',
  dso: 'receivables at period end ÷ invoiced revenue in the period × days in the period',
  owedVsPaid: 'total issued, total paid against it, total outstanding, for invoices issued in the period'
} as const;
