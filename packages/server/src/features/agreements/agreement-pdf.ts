import { PAY_SCHEME_LABELS, type Agreement } from '@gongyi/domain';
import { chineseDocument } from '../../http/pdf.js';

// The work agreement (上岗协议, R6) as an A4 PDF in Chinese: the coop (甲方) and the worker (乙方)
// as parties, the supervising department as witness (鉴证), post, term, pay scheme, the team's
// duties and signature blocks. One page per agreement, so a batch prints in one file. Fonts and
// the document come from http/pdf.ts (STACK.md).

export interface PrintableAgreement extends Agreement {
  teamDuties: string;
  sex: string;
  birthDate: string;
  /** The ID number as printed: in clear for a grant that may reveal it, masked otherwise. */
  idNumberPrinted: string;
}

const chineseDate = (d: string | null) => (d ? `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '____年__月__日');

function clauses(a: PrintableAgreement): [string, string][] {
  return [
    ['第一条\u3000岗位', `乙方在甲方下属“${a.teamName}”从事${a.duty || '公益性岗位'}工作，日常管理单位为${a.managingDepartmentName}，接受其日常管理与考核。`],
    ['第二条\u3000期限', `本协议期限自${chineseDate(a.termStart)}起至${chineseDate(a.termEnd)}止。期满经年度考核合格的，可以续签；考核不合格的，不再续签。`],
    ['第三条\u3000待遇', `乙方报酬按${PAY_SCHEME_LABELS[a.payScheme].zh}执行：${a.payScheme === 'legacy' ? '保留本人原有工资待遇' : '按镇公益性岗位薪酬政策执行，月收入不低于本市最低工资标准'}，由甲方按月发放；福利与年终奖按有关规定执行。`],
    ['第四条\u3000职责', a.teamDuties ? `服务队职责：${a.teamDuties}。乙方应遵守服务队经批准的管理制度，服从调度。` : '乙方应遵守服务队经批准的管理制度，服从调度，完成岗位职责。'],
    ['第五条\u3000考核', '乙方接受日常管理单位与所在村（居）委会的月度考核和年度考核，考核结果与报酬挂钩。'],
    ['第六条\u3000解除', '乙方辞职应提前告知甲方；乙方严重违反管理制度的，经主管部门批准，甲方可以解除本协议。'],
    ['第七条\u3000其他', `本协议一式三份，甲方、乙方、鉴证单位各执一份，经${a.supervisingDepartmentName}鉴证、甲方备案后生效。`],
  ];
}

function renderPage(doc: PDFKit.PDFDocument, a: PrintableAgreement, townName: string): void {
  const left = 64;
  const width = doc.page.width - left * 2;
  doc.font('bold').fontSize(20).text(`${townName}公益性岗位上岗协议`, left, 64, { width, align: 'center' });
  doc.font('regular').fontSize(10).text(a.filingNumber ? `备案编号：${a.filingNumber}\u3000备案日期：${chineseDate(a.filedOn)}` : '备案编号：（待备案）', left, 100, { width, align: 'right' });
  doc.moveDown(1.2).fontSize(11);
  const party = (label: string, value: string) => doc.font('bold').text(label, { continued: true }).font('regular').text(value);
  party('甲方（用人单位）：', a.coopName);
  party('乙方（从业人员）：', `${a.name}\u3000性别：${a.sex === 'male' ? '男' : '女'}\u3000出生日期：${chineseDate(a.birthDate)}`);
  party('乙方身份证号码：', a.idNumberPrinted);
  party('鉴证单位（主管部门）：', a.supervisingDepartmentName);
  doc.moveDown(0.6).text('根据镇政府关于公益性岗位人员管理的规定，甲乙双方经协商一致，订立本协议。', { width, lineGap: 2 });
  for (const [title, body] of clauses(a)) {
    doc.moveDown(0.4).font('bold').text(title, { width }).font('regular').text(body, { width, lineGap: 2 });
  }
  // The signature blocks sit at the foot of the page, below the text, and never spill onto a new page.
  const y = Math.min(Math.max(doc.y + 28, doc.page.height - 190), doc.page.height - doc.page.margins.bottom - 76);
  const col = width / 3;
  const block = (i: number, title: string, sign: string, date: string | null) => {
    const x = left + i * col;
    doc.font('bold').fontSize(11).text(title, x, y, { width: col - 12 });
    doc.font('regular').text(sign, x, y + 22, { width: col - 12 });
    doc.text(`日期：${chineseDate(date)}`, x, y + 58, { width: col - 12 });
  };
  block(0, '甲方（盖章）', '法定代表人或委托代理人：', a.signedOn);
  block(1, '乙方（签字）', '', a.signedOn);
  block(2, '鉴证单位（盖章）', '经办人：', a.witnessedOn);
}

/** Renders one page per agreement into a PDF buffer. */
export function agreementsPdf(agreements: PrintableAgreement[], townName: string): Promise<Buffer> {
  const { doc, done } = chineseDocument(`${townName}公益性岗位上岗协议`, 64);
  for (const a of agreements) {
    doc.addPage();
    renderPage(doc, a, townName);
  }
  doc.end();
  return done;
}
