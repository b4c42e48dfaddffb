import { type Kysely, type Transaction } from 'kysely'
import { type Database } from '../../db/schema.js'

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
