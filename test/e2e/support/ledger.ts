import { Client } from 'pg';

export interface UsageRow {
  endpoint: string;
  trx_id: string | null;
  outcome: string;
  billable: boolean;
  http_status: number;
}

/** The usage ledger of one client (by its public id), in no set order; records are written once each response is sent. */
export async function waitForUsageRows(databaseUrl: string, publicId: string, expected: number): Promise<UsageRow[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await db.query<UsageRow>(
        `SELECT u.endpoint, u.trx_id, u.outcome, u.billable, u.http_status
           FROM usage_records u JOIN clients c ON c.id = u.client_id
          WHERE c.public_id = $1`,
        [publicId],
      );
      if (rows.length >= expected || attempt >= 20) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.end();
  }
}
