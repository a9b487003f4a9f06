import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_KEY, newClient, startStack, type Stack } from './support/stack';
import { deepface, faceless, tinyFace } from './support/images';

jest.setTimeout(180_000);

/** Photos the local "public" server hands out by URL, as static.findface.pro does in the reference's examples. */
const SERVED: Record<string, string> = { '/sample.jpg': 'img1.jpg', '/sample2.jpg': 'img2.jpg', '/sample-multiface.jpg': 'couple.jpg' };

describe('FindFace-style v1 (seed 003) end to end (real Postgres, Redis, BullMQ workers and models)', () => {
  let stack: Stack;
  let apiKey: string;
  let clientId: string;
  let token: string;
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
    ({ apiKey, clientId, token } = await newClient(stack, 'findface-client'));
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

  describe('POST /v1/verify', () => {
    it("answers the reference's example (two URLs of one person) with verified, bboxes and confidence on 0..1", async () => {
      const res = await post('/v1/verify/').send({ photo1: url('/sample.jpg'), photo2: url('/sample2.jpg') });
      expect(res.status).toBe(200);
      expect(res.body.verified).toBe(true);
      expect(res.body.results).toHaveLength(1);
      const [pair] = res.body.results;
      expect(Object.keys(pair).sort()).toEqual(['bbox1', 'bbox2', 'confidence', 'verified']);
      expectBox(pair.bbox1);
      expectBox(pair.bbox2);
      expect(pair.confidence).toBeGreaterThanOrEqual(0.75);
      expect(pair.confidence).toBeLessThanOrEqual(1);
      expect(pair.verified).toBe(true);
    });

    it('does not verify two different people (uploads), at the default 0.75 or the low preset', async () => {
      for (const threshold of [undefined, 'low']) {
        const req = post('/v1/verify/').attach('photo1', deepface('img1.jpg'), 'a.jpg').attach('photo2', deepface('img13.jpg'), 'b.jpg');
        const res = await (threshold ? req.field('threshold', threshold) : req);
        expect(res.status).toBe(200);
        expect(res.body.verified).toBe(false);
        expect(res.body.results[0].confidence).toBeLessThan(0.569);
      }
    });

    it('answers confidences without verdicts for threshold none, and honours strict, medium and a number', async () => {
      const none = await post('/v1/verify/').send({ photo1: url('/sample.jpg'), photo2: url('/sample2.jpg'), threshold: 'none' });
      expect(none.body).not.toHaveProperty('verified');
      expect(none.body.results[0]).not.toHaveProperty('verified');
      const confidence = none.body.results[0].confidence as number;
      for (const [threshold, expected] of [['strict', confidence >= 0.7834], ['medium', confidence >= 0.6616], [confidence + 0.01, false], [confidence - 0.01, true]] as const) {
        const res = await post('/v1/verify/').send({ photo1: url('/sample.jpg'), photo2: url('/sample2.jpg'), threshold });
        expect(res.body.verified).toBe(expected);
      }
      const bad = await post('/v1/verify/').send({ photo1: url('/sample.jpg'), photo2: url('/sample2.jpg'), threshold: 'lenient' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'BAD_PARAM', param: 'threshold', value: 'lenient' });
    });

    it('verifies all faces with mf_selector all, refuses several with reject, and takes bbox1 in either form', async () => {
      const all = await post('/v1/verify/').send({ photo1: url('/sample-multiface.jpg'), photo2: url('/sample.jpg'), mf_selector: 'all' });
      expect(all.status).toBe(200);
      expect(all.body.results.length).toBeGreaterThanOrEqual(2);
      expect(all.body.verified).toBe(false);
      const reject = await post('/v1/verify/').send({ photo1: url('/sample-multiface.jpg'), photo2: url('/sample.jpg'), mf_selector: 'reject' });
      expect(reject.status).toBe(400);
      expect(reject.body).toMatchObject({ code: 'BAD_PARAM', param: 'photo1', reason: expect.stringMatching(/^Too many faces: \d+$/) });
      expect(reject.body.faces.length).toBeGreaterThanOrEqual(2);
      const second = all.body.results[1].bbox1 as Record<string, number>;
      const asArray = [second.x1, second.y1, second.x2, second.y2];
      for (const bbox1 of [[second], JSON.stringify(asArray)]) {
        const res = await post('/v1/verify/').send({ photo1: url('/sample-multiface.jpg'), photo2: url('/sample.jpg'), bbox1 });
        expect(res.status).toBe(200);
        expect(res.body.results).toHaveLength(1);
        expect(res.body.results[0].bbox1).toEqual(second);
      }
    });

    it('refuses a photo without a face with BAD_PARAM naming it', async () => {
      const res = await post('/v1/verify/').attach('photo1', deepface('img1.jpg'), 'a.jpg').attach('photo2', await faceless(), 'b.jpg');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'BAD_PARAM', param: 'photo2' });
    });
  });

  describe('/v1/galleries', () => {
    it('lists default, creates a gallery (201), refuses a bad name, and deletes it (204)', async () => {
      expect((await stack.http().get('/v1/galleries/').set(auth())).body).toEqual({ results: ['default'] });
      expect((await post('/v1/galleries/testgal')).status).toBe(201);
      expect((await stack.http().get('/v1/galleries/').set(auth())).body.results.sort()).toEqual(['default', 'testgal']);
      const bad = await post('/v1/galleries/bad.name');
      expect(bad.body).toMatchObject({ code: 'BAD_PARAM', param: 'gallery', value: 'bad.name' });
      expect((await stack.http().delete('/v1/galleries/testgal').set(auth())).status).toBe(204);
      expect((await stack.http().delete('/v1/galleries/testgal').set(auth())).body).toMatchObject({ code: 'GALLERY_NOT_FOUND' });
      expect((await stack.http().get('/v1/galleries/').set(auth())).body).toEqual({ results: ['default'] });
    });
  });

  describe('/v1/face, /v1/faces/gallery and /v1/identify', () => {
    const faceKeys = ['galleries', 'id', 'meta', 'photo', 'photo_hash', 'thumbnail', 'timestamp', 'x1', 'x2', 'y1', 'y2'];
    let samBerry: Record<string, unknown>;
    // supertest listens on a new port per request: the thumbnail's host differs, its path does not.
    const samePath = (face: Record<string, unknown>) => ({ ...face, thumbnail: new URL(face.thumbnail as string).pathname });

    beforeAll(async () => {
      await post('/v1/galleries/gal1').expect(201);
      await post('/v1/galleries/niceppl').expect(201);
    });

    it("adds the reference's example face (meta, galleries) and answers the face object", async () => {
      const res = await post('/v1/face/').send({ meta: 'Sam Berry', photo: url('/sample.jpg'), galleries: ['gal1', 'niceppl'] });
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(1);
      samBerry = res.body.results[0];
      expect(Object.keys(samBerry).sort()).toEqual(faceKeys);
      expect(samBerry).toMatchObject({ meta: 'Sam Berry', photo: url('/sample.jpg'), galleries: ['default', 'gal1', 'niceppl'] });
      expect(typeof samBerry.id).toBe('number');
      expect(new Date(samBerry.timestamp as string).toISOString()).toBe(samBerry.timestamp);
      expect(samBerry.photo_hash).toMatch(/^[0-9a-f]{64}$/);
      expectBox({ x1: samBerry.x1, y1: samBerry.y1, x2: samBerry.x2, y2: samBerry.y2 } as Record<string, number>);
    });

    it('serves the thumbnail URL as a small JPEG, and the same photo gives the same photo_hash', async () => {
      const path = new URL(samBerry.thumbnail as string).pathname;
      const thumb = await stack.http().get(path).set(auth());
      expect(thumb.status).toBe(200);
      expect(thumb.headers['content-type']).toMatch(/^image\/jpeg/);
      expect((thumb.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      const again = await post('/v1/face/').attach('photo', deepface('img1.jpg'), 'sample.jpg').field('meta', 'Sam Berry');
      expect(again.body.results[0].photo_hash).toBe(samBerry.photo_hash);
      expect(again.body.results[0].galleries).toEqual(['default']);
    });

    it('gets a face by id and lists a gallery', async () => {
      expect(samePath((await stack.http().get(`/v1/face/id/${String(samBerry.id)}/`).set(auth())).body)).toEqual(samePath(samBerry));
      const listed = await stack.http().get('/v1/faces/gallery/niceppl/').set(auth());
      expect(listed.body.results.map(samePath)).toEqual([samePath(samBerry)]);
    });

    it("refuses the reference's multi-face example with mf_selector reject: 400 with the faces", async () => {
      const res = await post('/v1/face/').send({ mf_selector: 'reject', photo: url('/sample-multiface.jpg') });
      expect(res.status).toBe(400);
      expect(res.body.reason).toMatch(/^Too many faces: \d+$/);
      expect(res.body.faces.length).toBeGreaterThanOrEqual(2);
    });

    it("identifies the reference's example (n 10) in a gallery, keyed by the probe bbox, best first", async () => {
      const res = await post('/v1/identify/').send({ n: 10, photo: url('/sample2.jpg'), gallery: 'niceppl' });
      expect(res.status).toBe(200);
      const entries = Object.entries(res.body.results as Record<string, Array<{ confidence: number; face: { id: number } }>>);
      expect(entries).toHaveLength(1);
      const [key, matches] = entries[0]!;
      expect(key).toMatch(/^\[\d+, \d+, \d+, \d+\]$/);
      expect(matches).toHaveLength(1);
      expect(samePath(matches[0]!.face)).toEqual(samePath(samBerry));
      expect(matches[0]!.confidence).toBeGreaterThanOrEqual(0.75);
      const stranger = await post('/v1/identify/').attach('photo', deepface('img13.jpg'), 'x.jpg').field('gallery', 'niceppl');
      expect(Object.values(stranger.body.results)).toEqual([[]]);
      const none = await post('/v1/identify/').attach('photo', deepface('img13.jpg'), 'x.jpg').field('threshold', 'none').field('n', '5');
      expect((Object.values(none.body.results)[0] as unknown[]).length).toBe(2);
    });

    it('adds every face with mf_selector all or the face a bbox points at, and identifies each face of a photo', async () => {
      const all = await post('/v1/face/').send({ photo: url('/sample-multiface.jpg'), mf_selector: 'all', meta: 'couple', galleries: ['gal1'] });
      expect(all.status).toBe(200);
      const couple = all.body.results as Array<Record<string, number>>;
      expect(couple.length).toBeGreaterThanOrEqual(2);
      expect(new Set(couple.map((f) => f.id)).size).toBe(couple.length);
      expect(new Set(couple.map((f) => f.x1)).size).toBe(couple.length);
      const second = couple[1]!;
      const pointed = await post('/v1/face/').send({ photo: url('/sample-multiface.jpg'), bbox: JSON.stringify([second.x1, second.y1, second.x2, second.y2]), meta: 'pointed' });
      expect(pointed.status).toBe(200);
      expect(pointed.body.results).toHaveLength(1);
      expect(pointed.body.results[0]).toMatchObject({ x1: second.x1, y1: second.y1, x2: second.x2, y2: second.y2, galleries: ['default'] });

      const found = await post('/v1/identify/').send({ photo: url('/sample-multiface.jpg'), gallery: 'gal1', mf_selector: 'all' });
      expect(found.status).toBe(200);
      const keyed = found.body.results as Record<string, Array<{ confidence: number; face: Record<string, number> }>>;
      expect(Object.keys(keyed)).toHaveLength(couple.length);
      for (const face of couple) {
        const hits = keyed[`[${face.x1}, ${face.y1}, ${face.x2}, ${face.y2}]`]!;
        expect(hits[0]!.face.id).toBe(face.id);
        expect(hits[0]!.confidence).toBeGreaterThan(0.95);
      }
      const one = await post('/v1/identify/').send({ photo: url('/sample-multiface.jpg'), gallery: 'gal1', bbox: [second] });
      expect(Object.keys(one.body.results)).toEqual([`[${second.x1}, ${second.y1}, ${second.x2}, ${second.y2}]`]);
    });

    it('updates a face with PUT: new meta everywhere, joins and leaves galleries without the photo, keeps default', async () => {
      const path = `/v1/face/id/${String(samBerry.id)}/`;
      const moved = await stack.http().put(path).set(auth()).send({ meta: 'Samuel Berry', galleries: ['gal1'] });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: samBerry.id, meta: 'Samuel Berry', galleries: ['default', 'gal1'], photo_hash: samBerry.photo_hash });
      expect((await stack.http().get('/v1/faces/gallery/niceppl/').set(auth())).body).toEqual({ results: [] });
      // couple.jpg shows the same woman, so gal1 holds her twice now: what matters is which face objects are found.
      const found = async (gallery: string) => {
        const res = await post('/v1/identify/').send({ photo: url('/sample2.jpg'), gallery, n: 10 });
        return (Object.values(res.body.results)[0] as Array<{ face: { id: number; meta: string } }>).map((m) => m.face);
      };
      expect(await found('gal1')).toContainEqual(expect.objectContaining({ id: samBerry.id, meta: 'Samuel Berry' }));

      // Back into niceppl by a form field: its template is copied there from default, and gal1 loses it.
      const back = await stack.http().put(path).set(auth()).type('form').send({ galleries: JSON.stringify(['niceppl']) });
      expect(back.body).toMatchObject({ meta: 'Samuel Berry', galleries: ['default', 'niceppl'] });
      expect((await found('niceppl')).map((f) => f.id)).toEqual([samBerry.id]);
      expect((await found('gal1')).map((f) => f.id)).not.toContain(samBerry.id);

      const unknown = await stack.http().put(path).set(auth()).send({ galleries: ['nosuch'] });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'GALLERY_NOT_FOUND' });
      const long = await stack.http().put(path).set(auth()).send({ meta: 'x'.repeat(1025) });
      expect(long.body).toMatchObject({ code: 'BAD_PARAM', param: 'meta' });
      expect((await stack.http().put('/v1/face/id/999999/').set(auth()).send({ meta: 'a' })).status).toBe(404);
      expect(samePath((await stack.http().get(path).set(auth())).body)).toEqual(samePath({ ...samBerry, meta: 'Samuel Berry', galleries: ['default', 'niceppl'] }));

      // Room for one more face only: the first join succeeds, the second is refused, and the first is undone.
      await post('/v1/galleries/extra').expect(201);
      const remaining = (await stack.http().get('/face-api/client/get-counters').set('Accesstoken', token)).body.remaining_limit.n_face as number;
      const quota = (nFace: number) => stack.http().put(`/admin/clients/${clientId}/quota`).set('x-admin-key', ADMIN_KEY).send({ n_face: nFace }).expect(200);
      await quota(stack.env.DEFAULT_QUOTA_FACES - remaining + 1);
      const full = await stack.http().put(path).set(auth()).send({ galleries: ['gal1', 'extra'] });
      expect(full.status).toBe(429);
      expect(full.body).toMatchObject({ code: 'QUOTA_EXCEEDED' });
      expect((await stack.http().get(path).set(auth())).body.galleries).toEqual(['default', 'niceppl']);
      expect((await stack.http().get('/face-api/client/get-counters').set('Accesstoken', token)).body.remaining_limit.n_face).toBe(1);
      await quota(stack.env.DEFAULT_QUOTA_FACES);
    });

    it('lists all faces newest first in pages, faces by meta, and every meta with its count', async () => {
      const first = await stack.http().get('/v1/faces/?limit=2').set(auth());
      expect(first.status).toBe(200);
      expect(first.body.results).toHaveLength(2);
      const ids: number[] = first.body.results.map((f: { id: number }) => f.id);
      expect(ids[0]).toBeGreaterThan(ids[1]!);
      let next = first.body.next_page as string | null;
      while (next) {
        const page = await stack.http().get(new URL(next).pathname + new URL(next).search).set(auth());
        ids.push(...page.body.results.map((f: { id: number }) => f.id));
        next = page.body.next_page;
      }
      const everyOne = await stack.http().get('/v1/faces/').set(auth());
      expect(everyOne.body.next_page).toBeNull();
      expect(ids).toEqual(everyOne.body.results.map((f: { id: number }) => f.id));
      expect(ids).toContain(samBerry.id);

      const byMeta = await stack.http().get(`/v1/face/meta/${encodeURIComponent('Samuel Berry')}/`).set(auth());
      expect(byMeta.body.results.map((f: { id: number }) => f.id)).toEqual([samBerry.id]);
      const metas = (await stack.http().get('/v1/meta/').set(auth())).body.results as Array<{ meta: string; count: number }>;
      expect(metas).toEqual(expect.arrayContaining([{ meta: 'Samuel Berry', count: 1 }, { meta: 'Sam Berry', count: 1 }, { meta: 'pointed', count: 1 }]));
      expect(metas.find((m) => m.meta === 'couple')!.count).toBeGreaterThanOrEqual(2);
      expect((await stack.http().get('/v1/faces/?limit=0').set(auth())).body).toMatchObject({ code: 'BAD_PARAM', param: 'limit' });
    });

    it('deletes a face (204): it leaves its galleries and is 404 after', async () => {
      expect((await stack.http().delete(`/v1/face/id/${String(samBerry.id)}/`).set(auth())).status).toBe(204);
      expect((await stack.http().get(`/v1/face/id/${String(samBerry.id)}/`).set(auth())).status).toBe(404);
      expect((await stack.http().get('/v1/faces/gallery/niceppl/').set(auth())).body).toEqual({ results: [] });
      expect((await stack.http().get('/v1/face/id/abc/').set(auth())).body).toMatchObject({ code: 'BAD_PARAM', param: 'id' });
      // Past the id column's range is a refused parameter, not a database error.
      const huge = await stack.http().get('/v1/face/id/99999999999/').set(auth());
      expect([huge.status, huge.body.code, huge.body.param]).toEqual([400, 'BAD_PARAM', 'id']);
      expect((await stack.http().get('/v1/faces/?max_id=99999999999').set(auth())).body).toMatchObject({ code: 'BAD_PARAM', param: 'max_id' });
    });
  });
});
