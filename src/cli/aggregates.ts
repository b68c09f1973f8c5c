import { AppError } from '../core/errors.ts';
import { SYSTEM_ACTOR } from '../modules/context.ts';
import { aggregateDifferences, rebuildAggregates } from '../modules/indicators/aggregates.ts';
import { withCtx } from './runtime.ts';

/**
 * `bdg aggregates verify`: recomputes the indicator aggregates from the raw rows and lists every difference
 * (exit code 3 when there is one); `bdg aggregates rebuild`: recomputes them in one transaction.
 */
export async function aggregatesCommand(sub: string | undefined, json: boolean): Promise<void> {
  if (sub !== 'verify' && sub !== 'rebuild') throw new AppError('VALIDATION', 'Dùng: bdg aggregates verify|rebuild');
  await withCtx(async (ctx) => {
    if (sub === 'rebuild') {
      const groups = await rebuildAggregates(ctx.db, SYSTEM_ACTOR);
      if (json) console.log(JSON.stringify({ rebuilt: groups }));
      else
        for (const [t, n] of Object.entries(groups))
          console.log(
            t === 'media_assessment'
              ? `Đã ghi lại số đợt giám sát cần cho từng mức của ${n} bản tự đánh giá (các bản khác đã đúng).`
              : `Đã tính lại ${t}: ${n} nhóm.`,
          );
      return;
    }
    const differences = await aggregateDifferences(ctx.db);
    if (json) console.log(JSON.stringify({ differences }));
    else if (differences.length === 0) console.log('Số liệu tổng hợp khớp với dữ liệu gốc: 0 chênh lệch.');
    else {
      console.log(`${differences.length} chênh lệch giữa số liệu tổng hợp và dữ liệu gốc:`);
      for (const d of differences)
        console.log(
          `  ${d.table} ${JSON.stringify(d.key)}: lưu ${JSON.stringify(d.stored)}, tính lại ` +
            `${JSON.stringify(d.recomputed)}`,
        );
      console.log('Chạy `bdg aggregates rebuild` để tính lại.');
    }
    if (differences.length > 0) process.exitCode = 3;
  });
}
