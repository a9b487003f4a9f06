import { defineConfig } from 'prisma/config';

// Read without env() so that `prisma generate` (which needs no database) works without DATABASE_URL.
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(url ? { datasource: { url } } : {}),
});
