import { ADMIN_KEY, newClient, startStack, type Stack } from './support/stack';
import { waitForUsageRows } from './support/ledger';
import { b64, darkened, deepface, faceless, hugePngHeader, maskedFace, personWithIdCard, tinyFace } from './support/images';

jest.setTimeout(180_000);

/** Real people of the deepface set: one photo enrolled, another photo of the same person probed. */
const PEOPLE = [
  { userId: 'angelina', enrol: 'img1.jpg', probe: 'img2.jpg' },
  { userId: 'p13', enrol: 'img13.jpg', probe: 'img14.jpg' },
  { userId: 'p20', enrol: 'img20.jpg', probe: 'img21.jpg' },
  { userId: 'p16', enrol: 'img16.jpg', probe: 'img17.jpg' },
  { userId: 'p3', enrol: 'img3.jpg', probe: 'img12.jpg' },
  { userId: 'p22', enrol: 'img22.jpg', probe: 'img23.jpg' },
];
/** Someone never enrolled. */
const STRANGER = 'img18.jpg';

describe('face-gallery API end to end (real Postgres, Redis, BullMQ workers and models)', () => {
  let stack: Stack;
  let token: string;
  const auth = () => ({ Accesstoken: token });

  beforeAll(async () => {
    stack = await startStack();
    ({ token } = await newClient(stack, 'Riset.AI'));
  });
  afterAll(async () => stack?.close());

  const post = (path: string, body: object) => stack.http().post(`/face-api/${path}`).set(auth()).send(body);
  const get = (path: string, body: object = {}) => stack.http().get(`/face-api/${path}`).set(auth()).send(body);
  const del = (path: string, body: object) => stack.http().delete(`/face-api/${path}`).set(auth()).send(body);
  const counters = async () => (await get('client/get-counters').expect(200)).body.remaining_limit as Record<string, number>;

  it('refuses calls without a valid access token', async () => {
    const missing = await stack.http().get('/face-api/client/get-counters').expect(401);
    expect(missing.body).toMatchObject({ status: '401', error_code: 'UNAUTHORIZED' });
    await stack.http().get('/face-api/client/get-counters').set('Accesstoken', 'nope').expect(401);
    const bad = await stack.http().post('/oauth/token').send({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' });
    expect(bad.status).toBe(401);
    await stack.http().post('/admin/clients').set('x-admin-key', `${ADMIN_KEY}x`).send({ name: 'x' }).expect(401);
  });

  it('registers the client with a default gallery and starts with the default quota', async () => {
    const registered = await post('client/register', {}).expect(200);
    expect(registered.body).toEqual({ status: '200', status_message: 'Success', facegallery_id: 'riset.ai@default' });
    expect(await counters()).toEqual({ n_api_hits: 10_000, n_face: 1_000, n_facegallery: 10 });
  });

  it('creates, lists and protects galleries', async () => {
    const created = await post('facegallery/create-facegallery', { facegallery_id: 'riset.ai@production', trx_id: 'g1' }).expect(200);
    expect(created.body).toEqual({ status: '200', status_message: 'Success', facegallery_id: 'riset.ai@production' });
    const dup = await post('facegallery/create-facegallery', { facegallery_id: 'riset.ai@production' }).expect(409);
    expect(dup.body.error_code).toBe('GALLERY_EXISTS');
    const listed = await get('facegallery/my-facegalleries').expect(200);
    expect(listed.body.status_message).toBe('Success - FaceGalleries Listed');
    expect([...listed.body.facegallery_id].sort()).toEqual(['riset.ai@default', 'riset.ai@production']);
    expect((await counters()).n_facegallery).toBe(9);
  });

  it('enrols several people and lists them', async () => {
    const before = await counters();
    for (const person of PEOPLE) {
      const res = await post('facegallery/enroll-face', {
        user_id: person.userId,
        user_name: `Name of ${person.userId}`,
        facegallery_id: 'riset.ai@production',
        image: b64(deepface(person.enrol)),
        trx_id: `enrol-${person.userId}`,
      });
      expect(res.body).toEqual({ status: '200', status_message: 'Success' });
    }
    const after = await counters();
    expect(after.n_face).toBe(before.n_face - PEOPLE.length);
    expect(after.n_api_hits).toBe(before.n_api_hits - PEOPLE.length);
    const listed = await get('facegallery/list-faces', { facegallery_id: 'riset.ai@production' }).expect(200);
    expect(listed.body.faces).toHaveLength(PEOPLE.length);
    expect(listed.body.faces).toContainEqual({ user_id: 'angelina', user_name: 'Name of angelina' });
    // The same fields as query parameters.
    const byQuery = await stack.http().get('/face-api/facegallery/list-faces?facegallery_id=riset.ai@production').set(auth()).expect(200);
    expect(byQuery.body.faces).toHaveLength(PEOPLE.length);
  });

  it('replays a repeated trx_id without enrolling twice, and refuses it with another body', async () => {
    const before = await counters();
    const again = await post('facegallery/enroll-face', {
      user_id: 'angelina',
      user_name: 'Name of angelina',
      facegallery_id: 'riset.ai@production',
      image: b64(deepface('img1.jpg')),
      trx_id: 'enrol-angelina',
    }).expect(200);
    expect(again.body).toEqual({ status: '200', status_message: 'Success' });
    expect(await counters()).toEqual(before);
    const other = await post('facegallery/enroll-face', {
      user_id: 'angelina',
      user_name: 'Someone else',
      facegallery_id: 'riset.ai@production',
      image: b64(deepface('img1.jpg')),
      trx_id: 'enrol-angelina',
    }).expect(409);
    expect(other.body.error_code).toBe('DUPLICATE_TRX_ID');
  });

  it('verifies genuine probes and rejects impostors (1:1)', async () => {
    for (const person of PEOPLE) {
      const res = await post('facegallery/verify-face', {
        user_id: person.userId,
        facegallery_id: 'riset.ai@production',
        image: b64(deepface(person.probe)),
      }).expect(200);
      expect(res.body).toMatchObject({ status: '200', user_name: `Name of ${person.userId}`, verified: true, masker: false });
      expect(res.body.similarity).toBeGreaterThanOrEqual(0.75);
    }
    const impostor = await post('facegallery/verify-face', {
      user_id: 'angelina',
      facegallery_id: 'riset.ai@production',
      image: b64(deepface(PEOPLE[1]!.probe)),
    }).expect(200);
    expect(impostor.body.verified).toBe(false);
    expect(impostor.body.similarity).toBeLessThan(0.75);
  });

  it('identifies enrolled people and returns no match for a stranger (1:N, open-set)', async () => {
    for (const person of PEOPLE) {
      const res = await post('facegallery/identify-face', { facegallery_id: 'riset.ai@production', image: b64(deepface(person.probe)) }).expect(200);
      expect(res.body.status_description).toBe('Face Recognition Success');
      expect(res.body.return).toHaveLength(1);
      expect(res.body.return[0]).toMatchObject({ user_id: person.userId, user_name: `Name of ${person.userId}`, mask: 'false' });
      expect(Number(res.body.return[0].confidence_level)).toBeGreaterThanOrEqual(0.75);
    }
    const stranger = await post('facegallery/identify-face', { facegallery_id: 'riset.ai@production', image: b64(deepface(STRANGER)) }).expect(200);
    expect(stranger.body.return).toEqual([]);
  });

  it('compares two images without storing anything', async () => {
    const same = await post('compare-images', { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img4.jpg')) }).expect(200);
    expect(same.body).toMatchObject({ status: '200', verified: true, masker: false });
    const different = await post('compare-images', { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img13.jpg')) }).expect(200);
    expect(different.body.verified).toBe(false);
    expect(different.body.similarity).toBeLessThan(same.body.similarity);
    const masked = await post('compare-images', { source_image: b64(maskedFace()), target_image: b64(deepface('img1.jpg')) }).expect(200);
    expect(masked.body.masker).toBe(true);
  });

  it('enrols from a photo with an ID card only when the two faces match', async () => {
    const card = await personWithIdCard(deepface('img5.jpg'), deepface('img6.jpg'));
    const ok = await post('facegallery/enroll-face-ktp', { user_id: 'ktp1', user_name: 'KTP One', image: b64(card), facegallery_id: 'riset.ai@production' }).expect(200);
    expect(ok.body).toMatchObject({ status: '200', status_message: 'Success', masker: false });
    expect(ok.body.similarity).toBeGreaterThanOrEqual(0.75);
    const forged = await personWithIdCard(deepface('img5.jpg'), deepface('img14.jpg'));
    const refused = await post('facegallery/enroll-face-ktp', { user_id: 'ktp2', user_name: 'KTP Two', image: b64(forged), facegallery_id: 'riset.ai@production' }).expect(422);
    expect(refused.body.error_code).toBe('KTP_MISMATCH');
    const single = await post('facegallery/enroll-face-ktp', { user_id: 'ktp3', user_name: 'KTP Three', image: b64(deepface('img1.jpg')), facegallery_id: 'riset.ai@production' }).expect(422);
    expect(single.body.error_code).toBe('KTP_FACE_NOT_FOUND');
  });

  it('refuses bad images with a clear code and writes nothing', async () => {
    const before = await counters();
    const enrol = (image: string) => post('facegallery/enroll-face', { user_id: 'bad', user_name: 'Bad', facegallery_id: 'riset.ai@production', image });
    const jpeg = deepface('img1.jpg');
    const cases: Array<[string, string, number]> = [
      ['not base64 at all!', 'INVALID_BASE64', 400],
      [b64(Buffer.from('just some text, not an image')), 'UNSUPPORTED_IMAGE_FORMAT', 415],
      [b64(jpeg.subarray(0, Math.floor(jpeg.length / 2))), 'IMAGE_DECODE_FAILED', 400],
      [b64(hugePngHeader()), 'IMAGE_TOO_LARGE', 413],
      [b64(await faceless()), 'NO_FACE', 422],
    ];
    for (const [image, code, status] of cases) {
      const res = await enrol(image);
      expect({ code: res.body.error_code, status: res.status }).toEqual({ code, status });
      expect(res.body.status).toBe(String(status));
    }
    const tooLong = await post('facegallery/enroll-face', { user_id: 'u'.repeat(121), user_name: 'x', image: b64(jpeg) }).expect(400);
    expect(tooLong.body.error_code).toBe('FIELD_TOO_LONG');
    const wrongType = await post('facegallery/enroll-face', { user_id: 12, user_name: 'x', image: 5 }).expect(400);
    expect(wrongType.body.error_code).toBe('VALIDATION_FAILED');
    const malformed = await stack.http().post('/face-api/facegallery/enroll-face').set(auth()).set('Content-Type', 'application/json').send('{"user_id": ').expect(400);
    expect(malformed.body.error_code).toBe('MALFORMED_JSON');
    const oversized = await post('facegallery/enroll-face', { user_id: 'big', user_name: 'x', image: 'A'.repeat(stack.env.BODY_LIMIT_BYTES + 10) }).expect(413);
    expect(oversized.body.error_code).toBe('PAYLOAD_TOO_LARGE');
    expect(await counters()).toEqual(before);
    const listed = await get('facegallery/list-faces', { facegallery_id: 'riset.ai@production' });
    expect(listed.body.faces.map((f: { user_id: string }) => f.user_id)).not.toContain('bad');
  });

  it('refuses a face below the minimum size unless force_register is set', async () => {
    const small = await tinyFace(deepface('img24.jpg'));
    const body = { user_id: 'small', user_name: 'Small', facegallery_id: 'riset.ai@production', image: b64(small) };
    const refused = await post('facegallery/enroll-face', body).expect(422);
    expect(refused.body.error_code).toBe('FACE_TOO_SMALL');
    await post('facegallery/enroll-face', { ...body, force_register: true }).expect(200);
  });

  it('refuses to enrol an underexposed face unless force_register is set', async () => {
    const dark = await darkened(deepface('img24.jpg'));
    const body = { user_id: 'dark', user_name: 'Dark', facegallery_id: 'riset.ai@production', image: b64(dark) };
    const refused = await post('facegallery/enroll-face', body).expect(422);
    expect(refused.body.error_code).toBe('IMAGE_UNDEREXPOSED');
    await post('facegallery/enroll-face', { ...body, force_register: true }).expect(200);
  });

  it('answers 404 for unknown galleries and users, and hides other clients\' galleries', async () => {
    const unknownGallery = await post('facegallery/verify-face', { user_id: 'angelina', facegallery_id: 'nope', image: b64(deepface('img2.jpg')) }).expect(404);
    expect(unknownGallery.body.error_code).toBe('GALLERY_NOT_FOUND');
    const unknownUser = await post('facegallery/verify-face', { user_id: 'ghost', facegallery_id: 'riset.ai@production', image: b64(deepface('img2.jpg')) }).expect(404);
    expect(unknownUser.body.error_code).toBe('USER_NOT_FOUND');
    const other = await newClient(stack, 'Other Corp');
    const foreign = await stack
      .http()
      .post('/face-api/facegallery/identify-face')
      .set('Accesstoken', other.token)
      .send({ facegallery_id: 'riset.ai@production', image: b64(deepface('img2.jpg')) })
      .expect(404);
    expect(foreign.body.error_code).toBe('GALLERY_NOT_FOUND');
  });

  it('deletes a face, gives its quota back and stops matching it', async () => {
    const before = await counters();
    await del('facegallery/delete-face', { user_id: 'p13', facegallery_id: 'riset.ai@production' }).expect(200);
    expect((await counters()).n_face).toBe(before.n_face + 1);
    const gone = await post('facegallery/identify-face', { facegallery_id: 'riset.ai@production', image: b64(deepface('img14.jpg')) }).expect(200);
    expect(gone.body.return).toEqual([]);
    await del('facegallery/delete-face', { user_id: 'p13', facegallery_id: 'riset.ai@production' }).expect(404);
  });

  it('answers 429 QUOTA_EXCEEDED once the API hits are spent, and a refused call costs nothing', async () => {
    const other = await newClient(stack, 'Tiny Quota');
    const call = (path: string, body: object) => stack.http().post(`/face-api/${path}`).set('Accesstoken', other.token).send(body);
    await call('client/register', {}).expect(200);
    const clientId = other.clientId;
    await stack.http().put(`/admin/clients/${clientId}/quota`).set('x-admin-key', ADMIN_KEY).send({ n_api_hits: 1, n_face: 5, n_facegallery: 1 }).expect(200);
    await call('compare-images', { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img2.jpg')) }).expect(200);
    const refused = await call('compare-images', { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img2.jpg')) }).expect(429);
    expect(refused.body).toMatchObject({ status: '429', error_code: 'QUOTA_EXCEEDED' });
  });

  it('writes one usage record per call with its trx_id, outcome and whether it was billable', async () => {
    const other = await newClient(stack, 'Ledger Check');
    const call = (path: string, body: object) => stack.http().post(`/face-api/${path}`).set('Accesstoken', other.token).send(body);
    await call('client/register', {}).expect(200);
    const pair = { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img2.jpg')), trx_id: 'ledger-1' };
    await call('compare-images', pair).expect(200);
    await call('compare-images', pair).expect(200);
    await call('compare-images', { source_image: b64(await faceless()), target_image: b64(deepface('img2.jpg')) }).expect(422);
    const rows = await waitForUsageRows(stack.env.DATABASE_URL, other.clientId, 4);
    // Records are written after each response, so their order is not asserted.
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(expect.arrayContaining([
      { endpoint: 'POST /face-api/client/register', trx_id: null, outcome: 'OK', billable: false, http_status: 200 },
      { endpoint: 'POST /face-api/compare-images', trx_id: 'ledger-1', outcome: 'OK', billable: true, http_status: 200 },
      { endpoint: 'POST /face-api/compare-images', trx_id: 'ledger-1', outcome: 'REPLAY', billable: false, http_status: 200 },
      { endpoint: 'POST /face-api/compare-images', trx_id: null, outcome: 'NO_FACE', billable: false, http_status: 422 },
    ]));
  });

  it('answers 503 with a code when a worker stage is down, and recovers when it is back', async () => {
    await stack.workers.embedder.close();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const res = await post('compare-images', { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img2.jpg')) }).expect(503);
    expect(res.body.error_code).toBe('WORKER_UNAVAILABLE');
    await stack.restartWorker('embedder');
    await post('compare-images', { source_image: b64(deepface('img1.jpg')), target_image: b64(deepface('img2.jpg')) }).expect(200);
  });

  it('reports health of Postgres, Redis and every worker stage', async () => {
    const health = await stack.http().get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
    expect(Object.values(health.body.workers as Record<string, number>).every((n) => n >= 1)).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    const doc = await stack.http().get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/face-api/facegallery/identify-face', '/oauth/token', '/health']));
  });

  it('deletes a gallery and then the whole client registration', async () => {
    await del('facegallery/delete-facegallery', { facegallery_id: 'riset.ai@default' }).expect(409);
    await del('facegallery/delete-facegallery', { facegallery_id: 'riset.ai@production', trx_id: 'gdel' }).expect(200);
    const after = await counters();
    expect(after.n_face).toBe(1_000);
    expect(after.n_facegallery).toBe(10);
    const deleted = await del('client/delete', {}).expect(200);
    expect(deleted.body).toEqual({ status: '200', status_message: 'Success', facegallery_id: [] });
  });
});
