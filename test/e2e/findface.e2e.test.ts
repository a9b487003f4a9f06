import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newClient, startStack, type Stack } from './support/stack';
import { deepface, faceless, tinyFace } from './support/images';

jest.setTimeout(180_000);

/** Photos the local "public" server hands out by URL, as static.findface.pro does in the reference's examples. */
const SERVED: Record<string, string> = { '/sample.jpg': 'img1.jpg', '/sample2.jpg': 'img2.jpg', '/sample-multiface.jpg': 'couple.jpg' };

describe('FindFace-style v1 (seed 003) end to end (real Postgres, Redis, BullMQ workers and models)', () => {
  let stack: Stack;
  let apiKey: string;
  let photoServer: Server;
  let photoHost: string;

  beforeAll(async () => {
    photoServer = createServer((req, res) => {
      const name = SERVED[req.url ?? ''];
      if (name) res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(deepface(name));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => photoServer.listen(0, '127.0.0.1', resolve));
    photoHost = `localhost:${String((photoServer.address() as AddressInfo).port)}`;
    // The local server is on loopback: only the explicit test setting lets the allow-listed host through.
    stack = await startStack({ FINDFACE_PHOTO_URL_ALLOWLIST: 'localhost', FINDFACE_PHOTO_URL_ALLOW_PRIVATE: 'true' });
    ({ apiKey } = await newClient(stack, 'findface-client'));
  });
  afterAll(async () => {
    await stack?.close();
    await new Promise((resolve) => photoServer?.close(resolve));
  });

  const auth = () => ({ Authorization: `Token ${apiKey}` });
  const url = (path: string) => `http://${photoHost}${path}`;
  const post = (path: string) => stack.http().post(path).set(auth());
  const expectBox = (box: Record<string, number>) => {
    expect(Object.keys(box).sort()).toEqual(['x1', 'x2', 'y1', 'y2']);
    expect(box.x2!).toBeGreaterThan(box.x1!);
    expect(box.y2!).toBeGreaterThan(box.y1!);
    expect(box.x2! - box.x1!).toBeGreaterThanOrEqual(50);
  };

  describe('authentication and errors', () => {
    it('refuses a missing, unknown or Bearer-style token with 401 AUTH_FAILED', async () => {
      for (const header of [undefined, 'Token ak_unknown', `Bearer ${'x'}`]) {
        const req = stack.http().post('/v1/detect/').send({ photo: url('/sample.jpg') });
        const res = await (header ? req.set('Authorization', header) : req);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AUTH_FAILED');
        expect(typeof res.body.reason).toBe('string');
      }
    });

    it('answers a body that is not JSON with 400 MALFORMED_JSON', async () => {
      const res = await post('/v1/detect/').set('Content-Type', 'application/json').send('{"photo": ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it('answers a missing photo, a bad flag and a non-image with 400 BAD_PARAM naming param and value', async () => {
      expect((await post('/v1/detect/').send({})).body).toMatchObject({ code: 'BAD_PARAM', param: 'photo' });
      expect((await post('/v1/detect/').send({ photo: url('/sample.jpg'), gender: 'maybe' })).body).toMatchObject({
        code: 'BAD_PARAM',
        param: 'gender',
        value: 'maybe',
      });
      const text = await post('/v1/detect/').attach('photo', Buffer.from('not an image'), 'photo.jpg');
      expect(text.status).toBe(400);
      expect(text.body).toMatchObject({ code: 'BAD_PARAM', param: 'photo' });
    });

    it('refuses a photo URL from a host that is not allow-listed', async () => {
      const res = await post('/v1/detect/').send({ photo: 'http://169.254.169.254/latest/meta-data/' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: 'BAD_PARAM',
        reason: 'Photo URLs from this host are not accepted; upload the photo instead',
        param: 'photo',
        value: 'http://169.254.169.254/latest/meta-data/',
      });
    });
  });

  describe('POST /v1/detect', () => {
    it("answers the reference's example (photo by URL, JSON) with faces as x1, y1, x2, y2", async () => {
      const res = await post('/v1/detect/').send({ photo: url('/sample.jpg') });
      expect(res.status).toBe(200);
      expect(res.body.faces).toHaveLength(1);
      expectBox(res.body.faces[0]);
    });

    it('takes the photo as a multipart upload, and parameters as form fields and in the query string', async () => {
      const upload = await post('/v1/detect/').attach('photo', deepface('couple.jpg'), 'couple.jpg').field('age', 'true');
      expect(upload.status).toBe(200);
      expect(upload.body.faces.length).toBeGreaterThanOrEqual(2);
      for (const face of upload.body.faces) expect(typeof face.age).toBe('number');
      const form = await post('/v1/detect/').type('form').send({ photo: url('/sample.jpg'), gender: 'true' });
      expect(form.body.faces[0].gender).toMatch(/^(male|female)$/);
      const query = await post(`/v1/detect/?photo=${encodeURIComponent(url('/sample.jpg'))}&emotions=true`);
      expect(query.status).toBe(200);
      expect(query.body.faces[0].emotions.length).toBeGreaterThanOrEqual(1);
    });

    it("answers the gender, age and emotions example with those fields only when asked", async () => {
      const res = await post('/v1/detect/').send({ photo: url('/sample.jpg'), emotions: true, gender: true, age: true });
      const [face] = res.body.faces;
      expectBox({ x1: face.x1, y1: face.y1, x2: face.x2, y2: face.y2 });
      expect(face.gender).toMatch(/^(male|female)$/);
      expect(face.age).toBeGreaterThan(10);
      expect(face.age).toBeLessThan(80);
      expect(Array.isArray(face.emotions)).toBe(true);
      for (const label of face.emotions) expect(typeof label).toBe('string');
      const plain = await post('/v1/detect/').send({ photo: url('/sample.jpg') });
      expect(plain.body.faces[0]).not.toHaveProperty('gender');
    });

    it('answers no faces for a faceless photo, and ignores a face smaller than 50x50', async () => {
      expect((await post('/v1/detect/').attach('photo', await faceless(), 'plain.jpg')).body).toEqual({ faces: [] });
      expect((await post('/v1/detect/').attach('photo', await tinyFace(deepface('img1.jpg')), 'tiny.jpg')).body).toEqual({ faces: [] });
    });
  });
});
