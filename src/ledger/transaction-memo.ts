import type { Db, Trx } from './db-types.js'

/**
 * Answers kept for the rest of one transaction, for a listener that asks the same question at
 * every change of a long transaction (is the workspace connected, which contests run now): the
 * first change of a transaction reads, the others reuse. Kept with the transaction object, so they
 * go with it; asked outside a transaction, it reads every time.
 */
export function transactionMemo<Answer>(): (
  trx: Trx | Db,
  key: string,
  read: () => Promise<Answer>,
) => Promise<Answer> {
  const byTransaction = new WeakMap<Trx | Db, Map<string, Promise<Answer>>>()
  return (trx, key, read) => {
    if (!trx.isTransaction) return read()
    let answers = byTransaction.get(trx)
    if (!answers) byTransaction.set(trx, (answers = new Map()))
    let answer = answers.get(key)
    if (!answer) answers.set(key, (answer = read()))
    return answer
  }
}
