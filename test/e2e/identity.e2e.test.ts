import sharp from 'sharp';
import { newClient, startStack, type Stack } from './support/stack';
import { waitForUsageRows } from './support/ledger';
import { b64, deepface, faceless, hugePngHeader } from './support/images';

jest.setTimeout(180_000);

/** Small enough that an oversized body is cheap to send, large enough for a face just over the document's 5 MB. */
const BODY_LIMIT_BYTES = 8_000_000;
/** The document's example USER_ID. */
const EXAMPLE_USER_ID = 'f7eab18f-e5d3-4dac-9d4d-cfb969ef848e';
/** img1, img2 and img4 show one person (deepface's master.csv); img13 another; img18 is never enrolled. */
const STRANGER = 'img18.jpg';

const problem = (status: number, title: string, detail: string) => ({
  status,
  title,
  detail,
  type: `https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${status}`,
});
const NOT_FOUND = problem(404, 'Not Found', 'Server cannot find the requested resource.');
const badRequest = (errors: string[]) => ({ ...problem(400, 'Bad Request', 'Invalid request.'), errors });

describe('identity users API (seed 002) end to end (real Postgres, Redis, BullMQ workers and models)', () => {
  let stack: Stack;
  let apiKey: string;
  let token: string;
  let publicId: string;

  beforeAll(async () => {
    stack = await startStack({ BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });
    ({ apiKey, token, clientId: publicId } = await newClient(stack, 'identity-client'));
    await stack.http().post('/face-api/client/register').set('Accesstoken', token).expect(200);
  });
  afterAll(async () => stack?.close());

  const key = () => ({ 'x-api-key': apiKey, 'Content-Type': 'application/json' });
  const enrol = (userId: string, photo: Buffer) => stack.http().post(`/users/${userId}`).set(key()).send({ face: b64(photo) });
  const search = (body: Record<string, unknown>) => stack.http().post('/users/search').set(key()).send(body);
  const unenrol = (userId: string) => stack.http().delete(`/users/${userId}`).set('x-api-key', apiKey);
  const counters = async () =>
    (await stack.http().get('/face-api/client/get-counters').set('Accesstoken', token).expect(200)).body.remaining_limit as Record<string, number>;
  const expectProblem = (res: { status: number; headers: Record<string, string>; body: unknown }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('refuses a missing or unknown x-api-key, and an access token in its place, with 401 problem+json', async () => {
    const missing = await stack.http().post('/users/search').send({ face: b64(deepface('img1.jpg')) });
    expectProblem(missing, 401);
    expect(missing.body).toEqual({ ...problem(401, 'Unauthorized', 'Missing or invalid API key.'), errors: ['missing x-api-key header'] });
    expectProblem(await stack.http().delete('/users/someone').set('x-api-key', 'ak_unknown'), 401);
    expectProblem(await stack.http().delete('/users/someone').set('Accesstoken', token), 401);
  });

  it("enrols the document's example USER_ID with 200 OK and no body", async () => {
    const before = await counters();
    const res = await enrol(EXAMPLE_USER_ID, deepface('img1.jpg'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(await counters()).toEqual({ ...before, n_api_hits: before.n_api_hits - 1, n_face: before.n_face - 1 });
  });

  it('refuses the same USER_ID again with the documented 400 "provided userId already exists", spending nothing', async () => {
    const before = await counters();
    const res = await enrol(EXAMPLE_USER_ID, deepface('img2.jpg'));
    expectProblem(res, 400);
    expect(res.body).toEqual(badRequest(['provided userId already exists']));
    expect(await counters()).toEqual(before);
  });

  it('refuses a photo without a face with the documented 400 "no face detected in the provided image"', async () => {
    const before = await counters();
    const res = await enrol('faceless-user', await faceless());
    expectProblem(res, 400);
    expect(res.body).toEqual(badRequest(['no face detected in the provided image']));
    expect(await counters()).toEqual(before);
  });

  it("finds the enrolled person with the document's search request, in exactly its response shape", async () => {
    const res = await search({ face: b64(deepface('img2.jpg')), threshold: 75.5 });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['matches']);
    expect(res.body.matches).toHaveLength(1);
    const [match] = res.body.matches as Array<{ userId: string; similarity: number }>;
    expect(Object.keys(match!)).toEqual(['userId', 'similarity']);
    expect(match!.userId).toBe(EXAMPLE_USER_ID);
    expect(match!.similarity).toBeGreaterThanOrEqual(80);
    expect(match!.similarity).toBeLessThanOrEqual(100);
    // Without threshold the default 80 applies.
    const byDefault = await search({ face: b64(deepface('img2.jpg')) }).expect(200);
    expect(byDefault.body).toEqual(res.body);
  });

  it('answers a stranger with the documented 404 "user not found"', async () => {
    const res = await search({ face: b64(deepface(STRANGER)) });
    expectProblem(res, 404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it('returns every user at or above the threshold, best first', async () => {
    await enrol('same-person-2', deepface('img2.jpg')).expect(200);
    await enrol('other-person', deepface('img13.jpg')).expect(200);
    const genuine = (await search({ face: b64(deepface('img4.jpg')) }).expect(200)).body.matches as Array<{ userId: string; similarity: number }>;
    expect(genuine.map((m) => m.userId).sort()).toEqual([EXAMPLE_USER_ID, 'same-person-2'].sort());
    expect(genuine[0]!.similarity).toBeGreaterThanOrEqual(genuine[1]!.similarity);
    // At threshold 0 everyone enrolled is a candidate, still best first, the other person last.
    const everyone = (await search({ face: b64(deepface('img4.jpg')), threshold: 0 }).expect(200)).body.matches as Array<{ similarity: number; userId: string }>;
    expect(everyone).toHaveLength(3);
    expect(everyone.map((m) => m.similarity)).toEqual([...everyone.map((m) => m.similarity)].sort((a, b) => b - a));
    expect(everyone[2]!.userId).toBe('other-person');
    expect(everyone[2]!.similarity).toBeLessThan(80);
  });

  it('reads threshold on 0..100: a genuine match passes at its own similarity and is excluded just above it', async () => {
    const probe = b64(deepface('img2.jpg'));
    const all = (await search({ face: probe, threshold: 0 }).expect(200)).body.matches as Array<{ userId: string; similarity: number }>;
    // same-person-2 is this very photo; the example user is another photo of the same person.
    expect(all[0]!.userId).toBe('same-person-2');
    const genuine = all.find((m) => m.userId === EXAMPLE_USER_ID)!;
    expect(genuine.similarity).toBeGreaterThanOrEqual(80);
    expect(genuine.similarity).toBeLessThan(all[0]!.similarity);
    const atIt = (await search({ face: probe, threshold: genuine.similarity }).expect(200)).body.matches as Array<{ userId: string }>;
    expect(atIt.map((m) => m.userId)).toEqual(['same-person-2', EXAMPLE_USER_ID]);
    const justAbove = (await search({ face: probe, threshold: genuine.similarity + 0.01 }).expect(200)).body.matches as Array<{ userId: string }>;
    expect(justAbove.map((m) => m.userId)).toEqual(['same-person-2']);
  });

  it('unenrols with 200 OK and no body, then answers the documented 404; delete costs nothing', async () => {
    const before = await counters();
    const res = await unenrol('same-person-2');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(await counters()).toEqual({ ...before, n_face: before.n_face + 1 });
    const again = await unenrol('same-person-2');
    expectProblem(again, 404);
    expect(again.body).toEqual(NOT_FOUND);
    const matches = (await search({ face: b64(deepface('img4.jpg')) }).expect(200)).body.matches as Array<{ userId: string }>;
    expect(matches.map((m) => m.userId)).toEqual([EXAMPLE_USER_ID]);
  });

  it('keeps identity users in the default gallery, where the native API sees them', async () => {
    const listed = await stack.http().get('/face-api/facegallery/list-faces').set('Accesstoken', token).expect(200);
    expect((listed.body.faces as Array<{ user_id: string }>).map((f) => f.user_id).sort()).toEqual([EXAMPLE_USER_ID, 'other-person'].sort());
  });

  it('refuses bad input with a 4xx problem+json that says what was wrong, never a 5xx', async () => {
    const jpeg = deepface('img1.jpg');
    const webp = await sharp(jpeg).rotate().resize({ width: 400 }).webp().toBuffer();
    const overFiveMb = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 - jpeg.length + 1)]);
    const post = (path: string) => stack.http().post(path).set('x-api-key', apiKey);
    const cases: Array<[string, ReturnType<typeof post>, number, RegExp]> = [
      ['malformed base64', post('/users/u1').send({ face: 'not base64!!' }), 400, /^face is not valid base64$/],
      ['not an image', post('/users/u1').send({ face: b64(Buffer.from('plain text, not an image')) }), 400, /^face is not a JPEG or PNG image$/],
      ['WEBP (the document names JPEG and PNG)', post('/users/u1').send({ face: b64(webp) }), 400, /^face is not a JPEG or PNG image$/],
      ['truncated JPEG', post('/users/u1').send({ face: b64(jpeg.subarray(0, Math.floor(jpeg.length / 2))) }), 400, /decode|corrupt|truncated/i],
      ['huge PNG header', post('/users/search').send({ face: b64(hugePngHeader()) }), 400, /pixel/i],
      ['face over 5 MB', post('/users/u1').send({ face: b64(overFiveMb) }), 400, /^face exceeds 5242880 bytes$/],
      ['121-character USER_ID', post(`/users/${'u'.repeat(121)}`).send({ face: b64(jpeg) }), 400, /^userId exceeds 120 characters$/],
      ['USER_ID with a space', post('/users/a%20b').send({ face: b64(jpeg) }), 400, /^userId: /],
      ['missing face', post('/users/u1').send({}), 400, /^face: /],
      ['face of the wrong type', post('/users/search').send({ face: 42 }), 400, /^face: /],
      ['threshold as a string', post('/users/search').send({ face: b64(jpeg), threshold: '80' }), 400, /^threshold: /],
      ['threshold over 100', post('/users/search').send({ face: b64(jpeg), threshold: 101 }), 400, /^threshold: /],
      ['threshold under 0', post('/users/search').send({ face: b64(jpeg), threshold: -1 }), 400, /^threshold: /],
      ['malformed JSON', post('/users/search').set('Content-Type', 'application/json').send('{"face": "abc",'), 400, /malformed json/i],
      ['a JSON array', post('/users/search').send([{ face: b64(jpeg) }]), 400, /expected object/i],
      ['body over the limit', post('/users/search').send({ face: 'A'.repeat(BODY_LIMIT_BYTES + 10) }), 413, /byte limit/],
    ];
    for (const [name, req, status, error] of cases) {
      const res = await req;
      expect({ name, status: res.status, type: res.headers['content-type'] }).toEqual({ name, status, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(res.body).toMatchObject({ status, type: `https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${status}` });
      expect(res.body.errors).toEqual([expect.stringMatching(error)]);
    }
  });

  it('answers an unknown path under /users with the documented 404', async () => {
    const res = await stack.http().get('/users/search').set('x-api-key', apiKey);
    expectProblem(res, 404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it('bills enrol and search (also a search that matches nobody) and not delete or refusals, in the usage ledger', async () => {
    const rows = await waitForUsageRows(stack.env.DATABASE_URL, publicId, 1);
    const identity = rows.filter((r) => r.endpoint.includes(' /users'));
    const billed = (endpoint: RegExp) => identity.filter((r) => endpoint.test(r.endpoint)).map((r) => [r.http_status, r.outcome, r.billable]);
    expect(billed(/^POST \/users\/f7eab18f/)).toEqual(expect.arrayContaining([
      [200, 'OK', true],
      [400, 'USER_EXISTS', false],
    ]));
    expect(billed(/^POST \/users\/search$/)).toEqual(expect.arrayContaining([
      [200, 'OK', true],
      [404, 'USER_NOT_FOUND', true],
      [400, 'VALIDATION_FAILED', false],
    ]));
    expect(billed(/^DELETE /)).toEqual(expect.arrayContaining([
      [200, 'OK', false],
      [404, 'USER_NOT_FOUND', false],
    ]));
    expect(identity.filter((r) => r.http_status >= 500)).toEqual([]);
  });
});
