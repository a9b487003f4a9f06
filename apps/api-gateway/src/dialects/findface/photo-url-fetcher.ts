import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Env } from '@bio/config';
import { ENV } from '../../config/env.provider';
import { badParam } from './findface-bad-param';

/** A slow or stalled server must not hold a request (and its worker slot) for long. */
const FETCH_TIMEOUT_MS = 10_000;

/** Addresses a public photo can never live at: loopback, private, link-local, CGNAT, multicast, unspecified. */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

function isNonPublic(address: string): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  // An IPv4-mapped IPv6 address reaches the IPv4 host it embeds.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? NON_PUBLIC.check(mapped, 'ipv4') : NON_PUBLIC.check(address, family);
}

/**
 * Fetches a `photo` given as a URL, as the FindFace reference allows, without becoming a
 * way into the network behind us: only allow-listed hosts, only public addresses (checked
 * on the resolved address, which is then the one connected to, so DNS cannot swap it),
 * no redirects (the reference wants direct URLs), and bounded in size and time.
 */
@Injectable()
export class PhotoUrlFetcher {
  constructor(@Inject(ENV) private readonly env: Env) {}

  async fetch(url: string, param: string): Promise<Buffer> {
    const target = this.allowedUrl(url, param);
    const address = await this.publicAddress(target.hostname.replace(/^\[|\]$/g, ''), url, param);
    const pinned: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address, family: isIP(address) }]);
      else callback(null, address, isIP(address));
    };
    const response = await this.get(target, pinned, url, param);
    if (response.statusCode !== 200) {
      response.destroy();
      const redirect = response.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400;
      throw badParam(param, url, redirect ? 'Photo URL redirects; a direct URL is required' : `Photo URL answered HTTP ${String(response.statusCode)}`);
    }
    return this.body(response, url, param);
  }

  private allowedUrl(url: string, param: string): URL {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw badParam(param, url, 'Photo is neither an uploaded file nor a URL');
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw badParam(param, url, 'Photo URL must be http or https');
    if (target.username || target.password) throw badParam(param, url, 'Photo URL must be public (no credentials)');
    if (!this.env.FINDFACE_PHOTO_URL_ALLOWLIST.includes(target.hostname.toLowerCase())) {
      throw badParam(param, url, 'Photo URLs from this host are not accepted; upload the photo instead');
    }
    return target;
  }

  private async publicAddress(host: string, url: string, param: string): Promise<string> {
    let addresses: Array<{ address: string }>;
    try {
      addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
    } catch {
      throw badParam(param, url, 'Photo URL host does not resolve');
    }
    // Every address must be public: otherwise a host could answer with a private one on the next lookup.
    if (addresses.length === 0 || (!this.env.FINDFACE_PHOTO_URL_ALLOW_PRIVATE && addresses.some((a) => isNonPublic(a.address)))) {
      throw badParam(param, url, 'Photo URL host resolves to a non-public address');
    }
    return addresses[0]!.address;
  }

  private get(target: URL, pinned: LookupFunction, url: string, param: string): Promise<IncomingMessage> {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(target, { method: 'GET', lookup: pinned, timeout: FETCH_TIMEOUT_MS, headers: { accept: 'image/*' } }, resolve);
      req.on('timeout', () => req.destroy(badParam(param, url, 'Photo URL did not answer in time')));
      req.on('error', (err) => reject(err instanceof Error && err.name === 'AppError' ? err : badParam(param, url, 'Photo URL could not be fetched')));
      req.end();
    });
  }

  private body(response: IncomingMessage, url: string, param: string): Promise<Buffer> {
    const maxBytes = this.env.IMAGE_MAX_BYTES;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const timer = setTimeout(() => response.destroy(badParam(param, url, 'Photo URL did not answer in time')), FETCH_TIMEOUT_MS);
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) response.destroy(badParam(param, url, `Photo exceeds ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks));
      });
      response.on('error', (err) => {
        clearTimeout(timer);
        reject(err.name === 'AppError' ? err : badParam(param, url, 'Photo URL could not be fetched'));
      });
    });
  }
}
