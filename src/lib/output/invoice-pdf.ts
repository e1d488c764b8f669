/**
 * Draws a `DocumentLayout` (domain/billing/document-layout.ts) as a PDF with jsPDF and
 * jspdf-autotable, in the browser, offline. Import this module with `import()` only when a
 * PDF is asked for: jsPDF is large and most visits never need it.
 *
 * The PDF is written without stream compression, so its text (number, totals) stays readable
 * in the file; an invoice is a page or two, so the size does not matter.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { pdfText, type DocumentLayout } from '../domain/billing/document-layout';
import { logoBox, type LogoType } from '../domain/catalog/logo';

const MARGIN = 40;
/** The logo's box in points (about 5.6 × 1.7 cm), above the organisation's name. */
const LOGO_MAX = { width: 160, height: 48 };

/** The organisation's logo (checked at upload: domain/catalog/logo.ts). */
export interface PdfLogo {
  bytes: Uint8Array;
  type: LogoType;
}

/** The PDF of `layout` as a Blob (`application/pdf`), with the logo on top when there is one. */
export function invoicePdf(layout: DocumentLayout, logo: PdfLogo | null = null): Blob {
  const pdf = new jsPDF({ unit: 'pt', format: 'a4', compress: false });
  const width = pdf.internal.pageSize.getWidth();
  const t = pdfText;
  pdf.setProperties({ title: t(`${layout.title} ${layout.number}`), creator: 'Fieldboard' });

  // Logo (top left), then the organisation below it (left) and the document's title and meta (right).
  const format = logo?.type === 'image/png' ? 'PNG' : 'JPEG';
  const size = logo ? pdf.getImageProperties(logo.bytes) : null;
  const box = size ? logoBox(size.width, size.height, LOGO_MAX.width, LOGO_MAX.height) : null;
  if (logo && box && box.width > 0) pdf.addImage(logo.bytes, format, MARGIN, MARGIN, box.width, box.height);
  const y = MARGIN + (box && box.width > 0 ? box.height + 8 : 0);
  pdf.setFont('helvetica', 'bold').setFontSize(14);
  pdf.text(t(layout.organisation[0] ?? ''), MARGIN, y + 10);
  pdf.setFont('helvetica', 'normal').setFontSize(9);
  layout.organisation.slice(1).forEach((line, i) => pdf.text(t(line), MARGIN, y + 26 + i * 12));
  pdf.setFont('helvetica', 'bold').setFontSize(18);
  pdf.text(t(layout.title), width - MARGIN, MARGIN + 10, { align: 'right' });
  pdf.setFont('helvetica', 'normal').setFontSize(9);
  layout.meta.forEach(([label, value], i) => pdf.text(t(`${label}: ${value}`), width - MARGIN, MARGIN + 26 + i * 12, { align: 'right' }));

  const top = Math.max(y + 26 + (layout.organisation.length - 1) * 12, MARGIN + 26 + layout.meta.length * 12) + 16;
  pdf.setFont('helvetica', 'bold').setFontSize(10);
  pdf.text(layout.customerLabel ?? 'Bill to', MARGIN, top);
  pdf.setFont('helvetica', 'normal');
  layout.customer.forEach((line, i) => pdf.text(t(line), MARGIN, top + 14 + i * 12));

  autoTable(pdf, {
    startY: top + 14 + layout.customer.length * 12 + 10,
    margin: { left: MARGIN, right: MARGIN },
    head: [['Description', 'Qty', 'Unit price', 'Amount']],
    body: layout.lines.map((line) => [t(line.explanation ? `${line.description}\n${line.explanation}` : line.description), t(line.quantity), t(line.unitPrice), t(line.amount)]),
    foot: [...layout.totals, ...(layout.balance !== null ? ([['Balance due', layout.balance]] as [string, string][]) : [])].map(([label, value]) => [{ content: t(label), colSpan: 3, styles: { halign: 'right' as const } }, t(value)]),
    styles: { font: 'helvetica', fontSize: 9, cellPadding: 4 },
    headStyles: { fillColor: [60, 60, 60] },
    footStyles: { fillColor: [245, 245, 245], textColor: [20, 20, 20] },
    columnStyles: { 1: { halign: 'right', cellWidth: 60 }, 2: { halign: 'right', cellWidth: 80 }, 3: { halign: 'right', cellWidth: 80 } },
    showFoot: 'lastPage'
  });

  if (layout.payBy) {
    const finalY = (pdf as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable?.finalY ?? top;
    pdf.setFontSize(10);
    pdf.text(pdf.splitTextToSize(t(layout.payBy), width - 2 * MARGIN) as string[], MARGIN, finalY + 24);
  }
  return pdf.output('blob');
}
