/**
 * Admin, OAuth and the access-token guard over HTTP, against a real PostgreSQL database of
 * this file's own (created and dropped here).
 */
import { randomBytes } from 'node:crypto';
import {
  Catch,
  Controller,
  Get,
  Module,
  UseGuards,
  type ArgumentsHost,
  type ExceptionFilter,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Response } from 'express';
import request from 'supertest';
import { AppError } from '@bio/contracts';
import { loadEnv } from '@bio/config';
import { AccessTokenRepository, CredentialRepository } from '@bio/db';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, rawQuery, type TestDatabase } from '../../../../libs/db/test/test-database';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { CurrentClient, type AuthenticatedClient } from '../auth/current-client.decorator';
import { ConfigModule, ENV } from '../config/env.provider';
import { sha256Hex } from '../crypto/hashing';
import { SecretCipher } from '../crypto/secret-cipher.service';
import { DatabaseModule } from '../database/database.module';
import { OAuthModule } from '../oauth/oauth.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { AdminModule } from './admin.module';

const ADMIN_KEY = `admin-${randomBytes(12).toString('hex')}`;

/** Stands in for the gateway's real filter: the code and status are what these tests look at. */
@Catch()
class AppErrorAsJson implements ExceptionFilter {
  catch(thrown: unknown, host: ArgumentsHost): void {
    const error = thrown instanceof AppError ? thrown : new AppError('INTERNAL_ERROR', String(thrown));
    host.switchToHttp().getResponse<Response>().status(error.status).json({ error_code: error.code, message: error.message });
  }
}

@Controller('probe')
@UseGuards(AccessTokenGuard)
class ProbeController {
  @Get()
  whoami(@CurrentClient() client: AuthenticatedClient): AuthenticatedClient {
    return client;
  }
}

@Module({ imports: [AuthModule], controllers: [ProbeController] })
class ProbeModule {}

interface Created {
  client_id: string;
  client_secret: string;
  api_key: string;
}

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('client credentials over HTTP', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const asAdmin = (req: request.Test) => req.set('x-admin-key', ADMIN_KEY);
  const createClient = async (name = 'Riset AI'): Promise<Created> =>
    (await asAdmin(http().post('/admin/clients')).send({ name }).expect(201)).body as Created;
  const tokenFor = async (c: { client_id: string; client_secret: string }): Promise<string> =>
    (await http().post('/oauth/token').send({ grant_type: 'client_credentials', ...c }).expect(200)).body.access_token as string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = loadEnv({
      DATABASE_URL: db.url,
      ADMIN_API_KEY: ADMIN_KEY,
      SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ACCESS_TOKEN_TTL_SECONDS: '120',
      DEFAULT_QUOTA_API_HITS: '500',
    });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, PipelineModule, AdminModule, OAuthModule, ProbeModule] })
      .overrideProvider(ENV)
      .useValue(env)
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new AppErrorAsJson());
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /admin/clients', () => {
    it('needs the admin key', async () => {
      await http().post('/admin/clients').send({ name: 'x' }).expect(401, { error_code: 'UNAUTHORIZED', message: 'Missing or wrong x-admin-key' });
      await http().post('/admin/clients').set('x-admin-key', 'wrong').send({ name: 'x' }).expect(401);
    });

    it('validates the body', async () => {
      const res = await asAdmin(http().post('/admin/clients')).send({ name: '' }).expect(400);
      expect(res.body.error_code).toBe('VALIDATION_FAILED');
    });

    it('answers the credentials once, keeping the secret encrypted and the API key hashed', async () => {
      const created = await createClient();
      expect(created.client_id).toMatch(/^cl_[0-9A-Za-z]{22}$/);
      expect(created.client_secret).toMatch(/^cs_[\w-]{43}$/);
      expect(created.api_key).toMatch(/^ak_[\w-]{43}$/);

      const [client] = await rawQuery<{ id: string }>(db.url, 'SELECT id FROM clients WHERE public_id = $1', [created.client_id]);
      const [secretRow] = await rawQuery<{ ciphertext: Buffer; iv: Buffer; auth_tag: Buffer }>(
        db.url, 'SELECT ciphertext, iv, auth_tag FROM client_secrets WHERE client_id = $1', [client!.id]);
      expect(secretRow!.ciphertext.includes(Buffer.from(created.client_secret))).toBe(false);
      expect(secretRow!.ciphertext.includes(Buffer.from(created.client_secret.slice(3)))).toBe(false);
      const cipher = app.get(SecretCipher, { strict: false });
      expect(cipher.decrypt({ ciphertext: Uint8Array.from(secretRow!.ciphertext), iv: Uint8Array.from(secretRow!.iv), authTag: Uint8Array.from(secretRow!.auth_tag) }, created.client_id))
        .toBe(created.client_secret);

      const keys = await rawQuery<{ key_hash: string; key_prefix: string }>(db.url, 'SELECT key_hash, key_prefix FROM api_keys WHERE client_id = $1', [client!.id]);
      expect(keys).toEqual([{ key_hash: sha256Hex(created.api_key), key_prefix: created.api_key.slice(0, 12) }]);
      const everything = JSON.stringify(await rawQuery(db.url, 'SELECT * FROM clients, client_secrets, api_keys WHERE clients.id = $1', [client!.id]));
      expect(everything).not.toContain(created.client_secret.slice(3));
      expect(everything).not.toContain(created.api_key.slice(3));
    });
  });

  describe('POST /oauth/token', () => {
    let client: Created;
    beforeAll(async () => {
      client = await createClient('OAuth user');
    });

    it('issues a Bearer token for JSON credentials, stored only as its hash', async () => {
      const res = await http()
        .post('/oauth/token')
        .send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret })
        .expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ access_token: expect.stringMatching(/^at_[\w-]{43}$/), token_type: 'Bearer', expires_in: 120 });
      const rows = await rawQuery<{ token_hash: string }>(db.url, 'SELECT token_hash FROM access_tokens WHERE token_hash = $1', [sha256Hex(res.body.access_token)]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(await rawQuery(db.url, 'SELECT * FROM access_tokens'))).not.toContain(res.body.access_token.slice(3));
    });

    it('accepts a form body and HTTP Basic client authentication', async () => {
      await http()
        .post('/oauth/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret })
        .expect(200);
      await http()
        .post('/oauth/token')
        .auth(client.client_id, client.client_secret)
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(200);
    });

    it('refuses a wrong secret and an unknown client alike', async () => {
      const wrong = await http().post('/oauth/token').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: 'cs_nope' }).expect(401);
      const unknown = await http().post('/oauth/token').send({ grant_type: 'client_credentials', client_id: 'cl_unknown', client_secret: client.client_secret }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error_code).toBe('INVALID_CLIENT');
    });

    it('supports only the client-credentials grant', async () => {
      const other = await http().post('/oauth/token').send({ grant_type: 'password', client_id: client.client_id, client_secret: client.client_secret }).expect(400);
      expect(other.body.error_code).toBe('UNSUPPORTED_GRANT_TYPE');
      const missing = await http().post('/oauth/token').send({ client_id: client.client_id, client_secret: client.client_secret }).expect(400);
      expect(missing.body.error_code).toBe('VALIDATION_FAILED');
    });
  });

  describe('AccessTokenGuard', () => {
    let client: Created;
    let token: string;
    beforeAll(async () => {
      client = await createClient('Guarded');
      token = await tokenFor(client);
    });

    it('admits the token in the Accesstoken header, bare or after an oauth/Bearer prefix', async () => {
      for (const value of [token, `oauth ${token}`, `Bearer ${token}`]) {
        const res = await http().get('/probe').set('Accesstoken', value).expect(200);
        expect(res.body).toEqual({ id: expect.any(String), publicId: client.client_id, name: 'Guarded' });
      }
    });

    it('refuses a missing or unknown token with UNAUTHORIZED', async () => {
      expect((await http().get('/probe').expect(401)).body.error_code).toBe('UNAUTHORIZED');
      expect((await http().get('/probe').set('Accesstoken', 'at_unknown').expect(401)).body.error_code).toBe('UNAUTHORIZED');
      expect((await http().get('/probe').set('Authorization', `Bearer ${token}`).expect(401)).body.error_code).toBe('UNAUTHORIZED');
    });

    it('refuses an expired token with TOKEN_EXPIRED', async () => {
      const { id } = await app.get(AuthService, { strict: false }).clientForAccessToken(token);
      const expired = `at_${randomBytes(32).toString('base64url')}`;
      await app.get(AccessTokenRepository).create(id, sha256Hex(expired), new Date(Date.now() - 1000));
      expect((await http().get('/probe').set('Accesstoken', expired).expect(401)).body.error_code).toBe('TOKEN_EXPIRED');
    });
  });

  describe('client administration', () => {
    it('sets quota limits and answers what remains', async () => {
      const client = await createClient();
      const res = await asAdmin(http().put(`/admin/clients/${client.client_id}/quota`)).send({ n_api_hits: 9743, n_face: 346, n_facegallery: 3 }).expect(200);
      expect(res.body).toEqual({ n_api_hits: 9743, n_face: 346, n_facegallery: 3 });
      const partial = await asAdmin(http().put(`/admin/clients/${client.client_id}/quota`)).send({ n_face: 1 }).expect(200);
      expect(partial.body).toEqual({ n_api_hits: 9743, n_face: 1, n_facegallery: 3 });
      expect((await asAdmin(http().put(`/admin/clients/${client.client_id}/quota`)).send({ n_face: -1 }).expect(400)).body.error_code).toBe('VALIDATION_FAILED');
      expect((await asAdmin(http().put(`/admin/clients/${client.client_id}/quota`)).send({}).expect(400)).body.error_code).toBe('VALIDATION_FAILED');
      expect((await asAdmin(http().put('/admin/clients/cl_unknown/quota')).send({ n_face: 1 }).expect(404)).body.error_code).toBe('CLIENT_NOT_FOUND');
    });

    it('rotates the secret: the old one and its tokens stop working', async () => {
      const client = await createClient();
      const oldToken = await tokenFor(client);
      const rotated = await asAdmin(http().post(`/admin/clients/${client.client_id}/rotate-secret`)).expect(200);
      expect(rotated.body).toEqual({ client_id: client.client_id, client_secret: expect.stringMatching(/^cs_/) });
      expect(rotated.body.client_secret).not.toBe(client.client_secret);
      await http().post('/oauth/token').send({ grant_type: 'client_credentials', ...client, api_key: undefined }).expect(401);
      await tokenFor({ client_id: client.client_id, client_secret: rotated.body.client_secret });
      expect((await http().get('/probe').set('Accesstoken', oldToken).expect(401)).body.error_code).toBe('UNAUTHORIZED');
    });

    it('rotates and revokes API keys', async () => {
      const client = await createClient();
      const auth = app.get(AuthService, { strict: false });
      await expect(auth.clientForApiKey(client.api_key)).resolves.toMatchObject({ publicId: client.client_id });
      const rotated = await asAdmin(http().post(`/admin/clients/${client.client_id}/rotate-api-key`)).expect(200);
      expect(rotated.body).toEqual({ client_id: client.client_id, api_key: expect.stringMatching(/^ak_/) });
      await expect(auth.clientForApiKey(client.api_key)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.clientForApiKey(rotated.body.api_key)).resolves.toMatchObject({ publicId: client.client_id });
      await asAdmin(http().delete(`/admin/clients/${client.client_id}/api-keys`)).expect(200, { client_id: client.client_id, revoked: 1 });
      await expect(auth.clientForApiKey(rotated.body.api_key)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await app.get(CredentialRepository).findClientByApiKeyHash(sha256Hex(rotated.body.api_key))).toBeNull();
    });

    it('deletes a client, after which its credentials are unknown', async () => {
      const client = await createClient();
      await asAdmin(http().delete(`/admin/clients/${client.client_id}`)).expect(200, { client_id: client.client_id, deleted: true });
      await http().post('/oauth/token').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).expect(401);
      expect((await asAdmin(http().delete(`/admin/clients/${client.client_id}`)).expect(404)).body.error_code).toBe('CLIENT_NOT_FOUND');
    });
  });
});
