// A throw-away PostgreSQL database beside the one DATABASE_URL names, so a run never writes into a
// real database and always starts from an empty schema (its chain is new on every run too).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type ScratchDatabase = { url: string; name: string; serverVersion: string; drop(): Promise<void> };

export async function createScratchDatabase(baseUrl: string): Promise<ScratchDatabase> {
  const name = `medconnect_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  let serverVersion: string;
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    serverVersion = rows[0]?.server_version ?? 'unknown';
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    serverVersion,
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
