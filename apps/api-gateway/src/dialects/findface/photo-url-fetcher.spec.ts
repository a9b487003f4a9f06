import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { envSchema } from '@bio/config';
import { AppError } from '@bio/contracts';
import { PhotoUrlFetcher } from './photo-url-fetcher';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

function fetcher(settings: Record<string, string>): PhotoUrlFetcher {
  return new PhotoUrlFetcher(envSchema.parse({ IMAGE_MAX_BYTES: '2048', ...settings }));
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; param: unknown }> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message, param: err.details?.param };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('PhotoUrlFetcher (no server-side request forgery)', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/photo.jpg') res.end(JPEG);
      else if (req.url === '/redirect') res.writeHead(302, { location: 'http://example.com/photo.jpg' }).end();
      else if (req.url === '/huge') res.end(Buffer.alloc(4096));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const url = (path: string, host = 'localhost') => `http://${host}:${port}${path}`;

  it('refuses every URL when no allow-list is configured', async () => {
    expect(await refusal(fetcher({}).fetch(url('/photo.jpg'), 'photo'))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Photo URLs from this host are not accepted; upload the photo instead',
      param: 'photo',
    });
  });

  it('refuses an allow-listed host that resolves to loopback (127.0.0.1), and a literal private address', async () => {
    const allowListed = fetcher({ FINDFACE_PHOTO_URL_ALLOWLIST: 'localhost,127.0.0.1,10.0.0.7' });
    for (const target of [url('/photo.jpg'), url('/photo.jpg', '127.0.0.1'), 'http://10.0.0.7/photo.jpg']) {
      expect((await refusal(allowListed.fetch(target, 'photo1'))).message).toBe('Photo URL host resolves to a non-public address');
    }
  });

  it('refuses non-http schemes, credentials in the URL and text that is no URL', async () => {
    const allowListed = fetcher({ FINDFACE_PHOTO_URL_ALLOWLIST: 'localhost' });
    expect((await refusal(allowListed.fetch('file:///etc/passwd', 'photo'))).message).toBe('Photo URL must be http or https');
    expect((await refusal(allowListed.fetch(`http://u:p@localhost:${port}/photo.jpg`, 'photo'))).message).toMatch(/no credentials/);
    expect((await refusal(allowListed.fetch('not a url', 'photo'))).message).toBe('Photo is neither an uploaded file nor a URL');
  });

  describe('with the explicit test setting that lets a local server through', () => {
    const local = () => fetcher({ FINDFACE_PHOTO_URL_ALLOWLIST: 'localhost', FINDFACE_PHOTO_URL_ALLOW_PRIVATE: 'true' });

    it('fetches the photo of an allow-listed host', async () => {
      expect(await local().fetch(url('/photo.jpg'), 'photo')).toEqual(JPEG);
    });

    it('does not follow a redirect, and refuses an error status and a body over the size limit', async () => {
      expect((await refusal(local().fetch(url('/redirect'), 'photo'))).message).toBe('Photo URL redirects; a direct URL is required');
      expect((await refusal(local().fetch(url('/missing'), 'photo'))).message).toBe('Photo URL answered HTTP 404');
      expect((await refusal(local().fetch(url('/huge'), 'photo'))).message).toBe('Photo exceeds 2048 bytes');
    });

    it('still refuses a host that is not allow-listed', async () => {
      expect((await refusal(local().fetch(url('/photo.jpg', '127.0.0.1'), 'photo'))).message).toMatch(/not accepted/);
    });
  });
});
