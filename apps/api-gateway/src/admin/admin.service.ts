import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { AccessTokenRepository, ClientRepository, CredentialRepository, GalleryRepository, TemplateRepository, type QuotaCounters } from '@bio/db';
import { apiKeyPrefix, newApiKey, newClientId, newClientSecret } from '../crypto/credential-tokens';
import { sha256Hex } from '../crypto/hashing';
import { SecretCipher } from '../crypto/secret-cipher.service';
import { VectorChanges } from '../pipeline/vector-changes.service';
import { QuotaService } from '../quota/quota.service';

export interface NewClientCredentials {
  client_id: string;
  client_secret: string;
  api_key: string;
}

/**
 * What the operator does to clients. New secrets and keys are shown exactly once, in the
 * answer that creates them: only their ciphertext or hash is kept.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly credentials: CredentialRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly quota: QuotaService,
    private readonly cipher: SecretCipher,
    private readonly galleries: GalleryRepository,
    private readonly vectors: VectorChanges,
    private readonly templates: TemplateRepository,
  ) {}

  async createClient(name: string): Promise<NewClientCredentials> {
    const publicId = newClientId();
    const secret = newClientSecret();
    const apiKey = newApiKey();
    await this.clients.create(name, publicId, {
      secret: this.cipher.encrypt(secret, publicId),
      apiKey: { hash: sha256Hex(apiKey), prefix: apiKeyPrefix(apiKey) },
    });
    return { client_id: publicId, client_secret: secret, api_key: apiKey };
  }

  async setQuota(publicId: string, limits: Partial<QuotaCounters>): Promise<QuotaCounters> {
    return this.quota.setLimits(await this.clientId(publicId), limits);
  }

  /** A new secret replaces the old one, and tokens obtained with the old one stop working. */
  async rotateSecret(publicId: string): Promise<{ client_id: string; client_secret: string }> {
    const clientId = await this.clientId(publicId);
    const secret = newClientSecret();
    await this.credentials.addSecret(clientId, this.cipher.encrypt(secret, publicId));
    await this.tokens.revokeAll(clientId);
    return { client_id: publicId, client_secret: secret };
  }

  async rotateApiKey(publicId: string): Promise<{ client_id: string; api_key: string }> {
    const apiKey = newApiKey();
    await this.credentials.addApiKey(await this.clientId(publicId), sha256Hex(apiKey), apiKeyPrefix(apiKey));
    return { client_id: publicId, api_key: apiKey };
  }

  async revokeApiKeys(publicId: string): Promise<{ client_id: string; revoked: number }> {
    return { client_id: publicId, revoked: await this.credentials.revokeApiKeys(await this.clientId(publicId)) };
  }

  /**
   * A disabled client's credentials are refused with CLIENT_DISABLED (ADVANCE's
   * ACCOUNT_DISABLED) while its data stays; enabling it gives them back.
   */
  async setDisabled(publicId: string, disabled: boolean): Promise<{ client_id: string; disabled: boolean }> {
    if (!(await this.clients.setDisabled(await this.clientId(publicId), disabled))) throw new AppError('CLIENT_NOT_FOUND');
    return { client_id: publicId, disabled };
  }

  /** Templates per model id, faces and voices: after a model change, how much is still to be enrolled again. */
  models() {
    return this.templates.countByModel();
  }

  /**
   * Deletes every face and voice of a retired model (they are never compared with the
   * current model's anyway) and gives each client its quota back; users stay, to re-enrol.
   */
  async purgeModel(modelId: string): Promise<{ model_id: string; deleted: number; clients: number }> {
    const { perClient, faceTemplateIds } = await this.templates.purgeModel(modelId);
    for (const [clientId, count] of perClient) await this.quota.release(clientId, 'faces', count);
    // Committed already: a matcher that misses this message reloads from Postgres on the sequence gap.
    if (faceTemplateIds.length > 0) await this.vectors.publish({ op: 'delete-template', templateIds: faceTemplateIds });
    return { model_id: modelId, deleted: [...perClient.values()].reduce((a, b) => a + b, 0), clients: perClient.size };
  }

  /** Deletes the client with all its data; matchers drop its galleries from their indexes. */
  async deleteClient(publicId: string): Promise<{ client_id: string; deleted: true }> {
    const clientId = await this.clientId(publicId);
    const galleries = await this.galleries.list(clientId);
    if (!(await this.clients.delete(clientId))) throw new AppError('CLIENT_NOT_FOUND');
    for (const gallery of galleries) await this.vectors.publish({ op: 'delete-gallery', galleryId: gallery.id });
    return { client_id: publicId, deleted: true };
  }

  private async clientId(publicId: string): Promise<string> {
    const client = await this.clients.findByPublicId(publicId);
    if (!client) throw new AppError('CLIENT_NOT_FOUND', `Client ${publicId} not found`);
    return client.id;
  }
}
