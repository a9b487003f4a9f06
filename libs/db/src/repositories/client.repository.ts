import type { PrismaClient } from '../prisma-client';
import type { EncryptedSecret } from './credential.repository';
import type { QuotaCounters } from './quota.repository';

/** Who a request acts for, as authentication hands it on. */
export interface ClientIdentity {
  id: string;
  publicId: string;
  name: string;
}

export interface ClientRecord extends ClientIdentity {
  registeredAt: Date | null;
  disabledAt: Date | null;
}

/** A client as one of its credentials finds it: who it is, and whether an operator disabled it. */
export interface CredentialHolder {
  client: ClientIdentity;
  disabled: boolean;
}

/** What a credential lookup selects of its client, for `holderOf`. */
export const holderFields = { id: true, publicId: true, name: true, disabledAt: true } as const;

export function holderOf({ disabledAt, ...client }: ClientIdentity & { disabledAt: Date | null }): CredentialHolder {
  return { client, disabled: disabledAt !== null };
}

/** Credentials a client is born with, written in the same transaction as the client itself. */
export interface InitialCredentials {
  secret: EncryptedSecret;
  apiKey: { hash: string; prefix: string };
}

const identity = { id: true, publicId: true, name: true } as const;

export class ClientRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly defaultLimits: QuotaCounters,
  ) {}

  /** The client, its quota row at the default limits and its first credentials, all or nothing. */
  async create(name: string, publicId: string, credentials?: InitialCredentials): Promise<ClientIdentity> {
    return this.prisma.client.create({
      data: {
        name,
        publicId,
        quota: {
          create: {
            apiHitsLimit: this.defaultLimits.n_api_hits,
            faceLimit: this.defaultLimits.n_face,
            galleryLimit: this.defaultLimits.n_facegallery,
          },
        },
        ...(credentials && {
          secrets: { create: credentials.secret },
          apiKeys: { create: { keyHash: credentials.apiKey.hash, keyPrefix: credentials.apiKey.prefix } },
        }),
      },
      select: identity,
    });
  }

  async findByPublicId(publicId: string): Promise<ClientRecord | null> {
    return this.prisma.client.findUnique({ where: { publicId }, select: { ...identity, registeredAt: true, disabledAt: true } });
  }

  /** Keeps the first registration time when client/register is called again. */
  async markRegistered(clientId: string): Promise<void> {
    await this.prisma.client.updateMany({ where: { id: clientId, registeredAt: null }, data: { registeredAt: new Date() } });
  }

  async unregister(clientId: string): Promise<void> {
    await this.prisma.client.updateMany({ where: { id: clientId }, data: { registeredAt: null } });
  }

  /** Disables or re-enables the client; false when it does not exist. A second disable keeps the first time. */
  async setDisabled(clientId: string, disabled: boolean): Promise<boolean> {
    if (!disabled) return (await this.prisma.client.updateMany({ where: { id: clientId }, data: { disabledAt: null } })).count > 0;
    await this.prisma.client.updateMany({ where: { id: clientId, disabledAt: null }, data: { disabledAt: new Date() } });
    return (await this.prisma.client.count({ where: { id: clientId } })) > 0;
  }

  /** Removes the client with everything it owns; its usage records stay, detached, for billing. */
  async delete(clientId: string): Promise<boolean> {
    const { count } = await this.prisma.client.deleteMany({ where: { id: clientId } });
    return count > 0;
  }
}
