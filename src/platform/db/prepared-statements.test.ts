import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../testing/test-database.ts';
import { openDatabase } from './database.ts';

test('a prepared statement survives a migration that changes the table it reads', { skip: process.env.DATABASE_URL ? false : 'PostgreSQL only' }, async () => {
  const database = await createTestDatabase();
  // A second pool, like an older instance during a rolling deploy, with its statements prepared.
  const older = await openDatabase({ databaseUrl: database.url, poolSize: 1 });
  try {
    await older.db.insertInto('instance_setting').values({ name: 'a', value: '1' }).execute();
    const read = () => older.db.selectFrom('instance_setting').selectAll().where('name', '=', 'a').execute();
    assert.equal((await read()).length, 1);
    await sql`ALTER TABLE instance_setting ADD COLUMN note text`.execute(database.db);
    const [row] = await read();
    assert.equal(row?.value, '1');
    assert.ok('note' in (row as object), 'the new column is there: the statement was prepared afresh');
    assert.equal((await read()).length, 1, 'and keeps working');
  } finally {
    await older.close();
    await database.close();
  }
});
