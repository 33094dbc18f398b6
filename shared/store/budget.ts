// Budget lines: one partition per project's budget, each line with the spending its costs add by ADD.
import { MAX_BUDGET_LINES, lineBudgetDelta, type BudgetLine } from '../domain/budget';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../domain/errors';
import type { MoneyDelta } from '../domain/money';
import { auditRecord, auditStore, type Actor } from './audit';
import { projectNotFound } from './projects';
import { TABLE_KEYS, beginsWith, type Db, type TxOp } from './db';
import { mustExist, putNew, versionedUpdate } from './expressions';
import { entityOf } from './items';
import { budgetLineKey, budgetLinesOf, phaseKey, projectKey } from './keys';
import { moneyProjections, moneyWrites } from './money';
import { countersMoved, type Projection } from './projections';

export const budgetLineItem = (line: BudgetLine) => ({
  ...budgetLineKey(line.consortiumId, line.projectId, line.id),
  itemType: 'BudgetLine',
  ...line,
});

export const budgetLineNotFound = (id: string) => new NotFoundError(`No budget line ${id} in this project`);

/** The counters on a line that costs move, outside the line's version. */
const SPENDING = ['submittedCents', 'approvedCents'] as const;

/** Moves a line's spending by the cost delta, when the cost's event is sealed. */
export function lineSpendingProjection(line: { consortiumId: string; projectId: string; id: string }, delta: MoneyDelta): Projection[] {
  return countersMoved(budgetLineKey(line.consortiumId, line.projectId, line.id), Object.fromEntries(SPENDING.map((name) => [name, delta[name] ?? 0])));
}

function phaseCheck(db: Db, line: Pick<BudgetLine, 'consortiumId' | 'projectId' | 'phaseId'>): TxOp[] {
  const { phaseId } = line;
  if (!phaseId) return [];
  return [
    {
      write: { ConditionCheck: mustExist(db.tableName, phaseKey(line.consortiumId, line.projectId, phaseId)) },
      onConditionFailed: () => new ValidationError([{ path: 'phaseId', message: `no phase ${phaseId} in this project` }]),
    },
  ];
}

export function budgetRepository(db: Db) {
  const audit = auditStore(db);
  const chainOf = (line: Pick<BudgetLine, 'consortiumId' | 'projectId'>) => ({ consortiumId: line.consortiumId, projectId: line.projectId });

  return {
    async get(consortiumId: string, projectId: string, lineId: string): Promise<BudgetLine> {
      const item = await db.get(budgetLineKey(consortiumId, projectId, lineId));
      if (!item) throw budgetLineNotFound(lineId);
      return entityOf<BudgetLine>(item);
    },

    /** Every line of a project: one Query (lines are bounded by MAX_BUDGET_LINES). */
    async all(consortiumId: string, projectId: string): Promise<BudgetLine[]> {
      const { PK, skPrefix } = budgetLinesOf(consortiumId, projectId);
      const items = await db.queryAll({ on: TABLE_KEYS, partitionValue: PK, sortCondition: beginsWith(skPrefix) });
      return items.map((item) => entityOf<BudgetLine>(item));
    },

    /** Adds a line and its amounts to the project's and partner's budget totals, within the bound on lines. */
    async create(line: BudgetLine, actor: Actor): Promise<BudgetLine> {
      await audit.transact(
        chainOf(line),
        [
          {
            write: { Put: putNew(db.tableName, budgetLineItem(line)) },
            onConditionFailed: () => new ConflictError(`A budget line ${line.id} exists already`),
          },
          {
            write: { ConditionCheck: mustExist(db.tableName, projectKey(line.consortiumId, line.projectId)) },
            onConditionFailed: () => projectNotFound(line.projectId),
          },
          ...phaseCheck(db, line),
          ...moneyWrites(db.tableName, chainOf(line), lineBudgetDelta(undefined, line), line.memberId, {
            attribute: 'budgetLines',
            atMost: MAX_BUDGET_LINES - 1,
            error: () => new ConflictError(`A project has at most ${MAX_BUDGET_LINES} budget lines`),
          }),
        ],
        auditRecord(actor, 'budget_line', line.id, 'create', undefined, line),
      );
      return line;
    },

    /** Writes a changed line if it is still at `before.version`, and moves the totals by the change. */
    async update(before: BudgetLine, after: BudgetLine, expectedVersion: number, actor: Actor): Promise<BudgetLine> {
      if (before.version !== expectedVersion) throw new StaleVersionError('budget line', expectedVersion, before.version);
      const { category, description, grantCents, cofinancingCents, phaseId } = after;
      const updated = { ...after, version: expectedVersion + 1, updatedAt: actor.at };
      await audit.transact(
        chainOf(before),
        [
          {
            write: {
              Update: versionedUpdate({
                tableName: db.tableName,
                key: budgetLineKey(before.consortiumId, before.projectId, before.id),
                expectedVersion,
                set: { category, description, grantCents, cofinancingCents, phaseId },
                remove: [...(phaseId === undefined && before.phaseId ? ['phaseId'] : []), ...(description === undefined && before.description !== undefined ? ['description'] : [])],
                now: actor.at,
              }),
            },
            onConditionFailed: () => new StaleVersionError('budget line'),
          },
          ...(phaseId !== before.phaseId ? phaseCheck(db, after) : []),
        ],
        auditRecord(actor, 'budget_line', before.id, 'update', before, updated),
        moneyProjections(chainOf(before), lineBudgetDelta(before, after), before.memberId),
      );
      return updated;
    },
  };
}

export type BudgetRepository = ReturnType<typeof budgetRepository>;
