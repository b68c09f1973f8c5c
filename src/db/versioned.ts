import type { RecordStatus } from '../core/workflow.ts';
import type { Db } from './engine.ts';

/** Tables whose rows go through the approval workflow and carry a version for optimistic concurrency. */
export type WorkflowTable = 'communication_session' | 'unit_record' | 'media_assessment';

/** Moves a row to a new status if it is still at `version`; false when someone changed it meanwhile. */
export async function setStatusAt(
  db: Db,
  table: WorkflowTable,
  id: number,
  version: number,
  status: RecordStatus,
  userId: number | null,
): Promise<boolean> {
  const res = await db
    .updateTable(table as 'unit_record')
    .set({ status, version: version + 1, updated_at: new Date(), updated_by: userId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes a row if it is still at `version`; false when someone changed it meanwhile. */
export async function deleteAt(db: Db, table: WorkflowTable, id: number, version: number): Promise<boolean> {
  const res = await db
    .deleteFrom(table as 'unit_record')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
