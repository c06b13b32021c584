import type { PayLine, Slip } from '@gongyi/domain';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { payslipsPdf } from './payslip-pdf.js';

// Payslips read back from the PDF: the worker, each line with its explanation, net pay, in-kind
// value apart from cash, two slips to a page and a long slip on a page of its own.

const line = (kind: PayLine['kind'], amountFen: number, explanation: string, cash = true): PayLine => ({ kind, amountFen, cash, rule: 'R13', explanation });

function sampleSlip(name: string, extra: PayLine[] = []): Slip {
  const lines = [
    line('base', 120_000, '基本工资 = 1200.00（服务队标准）'),
    line('performance', 51_600, '绩效奖 = 600.00 × 86.0 / 100'),
    line('high_temperature', 25_000, '高温费 = 250.00（全年上限 1000.00，已发 500.00）'),
    line('in_kind', 10_000, '中秋实物（2026-09-25，全年上限 300.00）', false),
    line('deduction', -25_000, '个人社保缴费（城镇职工社保）'),
    ...extra,
  ];
  const cash = lines.filter((l) => l.cash);
  const grossFen = cash.filter((l) => l.kind !== 'deduction').reduce((s, l) => s + l.amountFen, 0);
  const deductionFen = -cash.filter((l) => l.kind === 'deduction').reduce((s, l) => s + l.amountFen, 0);
  return {
    runId: 'run-1',
    month: '2026-09',
    kind: 'monthly',
    personId: `p-${name}`,
    name,
    teamId: 't1',
    teamName: '社区保安队',
    departmentId: 'd1',
    departmentName: '派出所',
    daysInPost: 30,
    grossFen,
    deductionFen,
    netFen: grossFen - deductionFen,
    inKindFen: 10_000,
    lines,
  };
}

const HEADER = { townName: '小昆山镇', coopName: '小昆山镇社会事务服务社', month: '2026-09', kindLabel: '月度发放' };

async function read(pdf: Buffer) {
  const result = await new PDFParse({ data: new Uint8Array(pdf) }).getText();
  return { pages: result.total, text: result.text.replace(/\s+/g, '') };
}

describe('payslip PDF (#7 part 7)', () => {
  it('prints the worker, each line with its explanation, gross, deduction and net, and in-kind value as not cash', async () => {
    const { pages, text } = await read(await payslipsPdf([sampleSlip('张晓梅')], HEADER));
    expect(pages).toBe(1);
    expect(text).toContain('小昆山镇公益性岗位工资条');
    expect(text).toContain('2026年9月');
    expect(text).toContain('张晓梅');
    expect(text).toContain('社区保安队');
    expect(text).toContain('在岗天数：30天');
    expect(text).toContain('绩效奖=600.00×86.0/100');
    expect(text).toContain('应发合计¥1,966.00');
    expect(text).toContain('扣款合计¥250.00');
    expect(text).toContain('实发金额¥1,716.00');
    expect(text).toContain('节日实物（不计现金）');
    expect(text).toContain('不计入现金');
  });

  it('puts two slips on a page, and a slip too long for half a page on a page of its own', async () => {
    expect((await read(await payslipsPdf(['甲', '乙', '丙', '丁'].map((n) => sampleSlip(n)), HEADER))).pages).toBe(2);
    const corrections = Array.from({ length: 20 }, (_, i) => line('adjustment', 100, `更正：第 ${i + 1} 项，八月考勤录入有误补发`));
    const { pages, text } = await read(await payslipsPdf([sampleSlip('甲'), sampleSlip('乙', corrections), sampleSlip('丙')], HEADER));
    expect(pages).toBe(3);
    expect(text).toContain('更正：第20项');
  });

  it('says so when there is nothing to print', async () => {
    expect((await read(await payslipsPdf([], HEADER))).text).toContain('没有可打印的工资条');
  });
});
