import { formatYuan, PAY_LINE_LABELS, type Slip } from '@gongyi/domain';
import { chineseDocument } from '../../http/pdf.js';

// Payslips (工资条, #7 part 7) as an A4 PDF in Chinese: two workers to a page, one per half, so a
// coop's month prints on half the paper and is cut along the dashed line; a worker with more lines
// than half a page holds takes a whole page. Each line prints with its label, amount and the
// explanation the engine stored. In-kind value is shown apart from cash, never in 实发.
// Text is set with explicit positions and no line breaking except in the explanation column:
// pdfkit's line wrapper is the costliest step, and a batch should print at ≥ 300 pages/s (#7 part 8).

export interface PayslipHeader {
  townName: string;
  coopName: string;
  /** YYYY-MM */
  month: string;
  /** The run's kind as printed (月度发放, 年度考核奖). */
  kindLabel: string;
}

const MARGIN = 36;
const A4 = { width: 595.28, height: 841.89 };
const HALF = A4.height / 2;
const WIDTH = A4.width - MARGIN * 2;
const COLUMNS = { label: MARGIN, amount: MARGIN + 104, amountWidth: 86, explanation: MARGIN + 206 };
const EXPLANATION_WIDTH = A4.width - MARGIN - COLUMNS.explanation;
const ROW = 14;
const HEAD = 62; // title, subtitle, the worker's line and the column heads
const FOOT = 40; // totals and the in-kind note
/** The height a slip may take to share a page: the upper one ends, and the lower one starts, half a margin from the middle. */
const SLOT = HALF - MARGIN * 1.5;

const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const single = { lineBreak: false } as const;

function explanationHeight(doc: PDFKit.PDFDocument, text: string): number {
  return Math.max(ROW, doc.font('regular').fontSize(8).heightOfString(text, { width: EXPLANATION_WIDTH }) + 4);
}

/** Draws one slip from `top`. Rows that would cross the page's foot continue on a new page. */
function drawSlip(doc: PDFKit.PDFDocument, slip: Slip, header: PayslipHeader, top: number, rowHeights: number[]): void {
  doc.font('bold').fontSize(13).text(`${header.townName}公益性岗位工资条`, MARGIN, top, { ...single, width: WIDTH, align: 'center' });
  doc.font('regular').fontSize(9).text(`${header.coopName}\u3000${monthText(header.month)}\u3000${header.kindLabel}`, MARGIN, top + 18, { ...single, width: WIDTH, align: 'center' });
  const days = slip.kind === 'monthly' ? `\u3000在岗天数：${slip.daysInPost} 天` : '';
  doc.fontSize(9.5).text(`姓名：${slip.name}\u3000服务队：${slip.teamName}\u3000日常管理单位：${slip.departmentName}${days}`, MARGIN, top + 34, single);
  let y = top + 50;
  doc.font('bold').fontSize(8.5);
  doc.text('项目', COLUMNS.label, y, single).text('金额', COLUMNS.amount, y, { ...single, width: COLUMNS.amountWidth, align: 'right' }).text('计算说明', COLUMNS.explanation, y, single);
  y += 12;
  doc.moveTo(MARGIN, y - 1).lineTo(A4.width - MARGIN, y - 1).lineWidth(0.5).stroke();
  slip.lines.forEach((line, i) => {
    const height = rowHeights[i]!;
    if (y + height > A4.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
    doc.font('regular').fontSize(8.5).fillColor(line.cash ? 'black' : '#555555');
    doc.text(PAY_LINE_LABELS[line.kind].zh, COLUMNS.label, y + 2, single);
    doc.text(formatYuan(line.amountFen), COLUMNS.amount, y + 2, { ...single, width: COLUMNS.amountWidth, align: 'right' });
    doc.fontSize(8).text(line.explanation, COLUMNS.explanation, y + 2, { width: EXPLANATION_WIDTH });
    y += height;
  });
  doc.fillColor('black').moveTo(MARGIN, y).lineTo(A4.width - MARGIN, y).stroke();
  doc.font('bold').fontSize(9.5).text(`应发合计 ${formatYuan(slip.grossFen)}\u3000扣款合计 ${formatYuan(slip.deductionFen)}\u3000实发金额 ${formatYuan(slip.netFen)}`, MARGIN, y + 6, single);
  if (slip.inKindFen !== 0) doc.font('regular').fontSize(8.5).text(`另有节日实物价值 ${formatYuan(slip.inKindFen)}，不计入现金，不在实发金额内。`, MARGIN, y + 22, single);
}

function cutLine(doc: PDFKit.PDFDocument): void {
  doc.moveTo(MARGIN, HALF).lineTo(A4.width - MARGIN, HALF).dash(4, { space: 3 }).lineWidth(0.5).strokeColor('#999999').stroke().undash().strokeColor('black');
}

/** Every slip of `slips` in one PDF: two to a page where they fit in half a page each. */
export async function payslipsPdf(slips: Slip[], header: PayslipHeader): Promise<Buffer> {
  const { doc, done } = chineseDocument(`${header.townName}工资条 ${monthText(header.month)}`, MARGIN);
  let lowerHalfFree = false;
  for (const slip of slips) {
    const rowHeights = slip.lines.map((l) => explanationHeight(doc, l.explanation));
    const fitsHalf = HEAD + rowHeights.reduce((s, h) => s + h, 0) + FOOT <= SLOT;
    if (fitsHalf && lowerHalfFree) {
      cutLine(doc);
      drawSlip(doc, slip, header, HALF + MARGIN / 2, rowHeights);
      lowerHalfFree = false;
    } else {
      doc.addPage();
      drawSlip(doc, slip, header, MARGIN, rowHeights);
      lowerHalfFree = fitsHalf;
    }
  }
  if (slips.length === 0) {
    doc.addPage();
    doc.font('regular').fontSize(11).text(`${header.coopName} ${monthText(header.month)}：没有可打印的工资条。`, MARGIN, MARGIN, single);
  }
  doc.end();
  return done;
}
