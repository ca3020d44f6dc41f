// Opens the database: PGlite in a directory (or in memory) when no URL is given, PostgreSQL otherwise.
// Both speak the same Drizzle schema and run the same migrations; nothing above this file knows which.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything a repository function can run its statements on. */
export type Executor = Database | Transaction;

/** Rows of a raw SQL query; PGlite and node-postgres both answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

/** A unique-constraint violation (SQLSTATE 23505), however deep the driver wrapped it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export type DatabaseHandle = {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Try to become the one relayer leader (advisory lock held on a dedicated session). */
  tryLeadership(lockKey: number): Promise<boolean>;
  /** The raw PGlite instance, for backups (`dumpDataDir`); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string | undefined }; // undefined = in memory

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('url' in options) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const unlock = dataDir ? lockDataDir(join(dataDir, '..', 'db.lock')) : () => undefined;
  try {
    const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    return {
      db,
      kind: 'pglite',
      pglite: client,
      // One process owns the directory (see the lock above), so it is always the leader.
      tryLeadership: () => Promise.resolve(true),
      async close() {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
  });
  pool.on('error', () => undefined); // a broken idle connection is replaced on next use
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  await migratePg(drizzlePg(pool, { schema }), { migrationsFolder });
  let leaderSession: pg.PoolClient | undefined;
  return {
    db,
    kind: 'postgres',
    async tryLeadership(lockKey) {
      if (leaderSession) return true;
      const session = await pool.connect();
      const { rows } = await session.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
        lockKey,
      ]);
      if (rows[0]?.locked) {
        leaderSession = session;
        session.on('error', () => {
          leaderSession = undefined;
        });
        return true;
      }
      session.release();
      return false;
    },
    async close() {
      leaderSession?.release();
      await pool.end();
    },
  };
}
