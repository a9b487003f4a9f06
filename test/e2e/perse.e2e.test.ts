import { Client } from 'pg';
import sharp from 'sharp';
import { newClient, startStack, type Stack } from './support/stack';
import { darkened, deepface, faceless, hugePngHeader } from './support/images';

jest.setTimeout(180_000);

/** Small enough that a real photo can exceed it, so the upload limit is exercised with real bytes. */
const IMAGE_MAX_BYTES = 3_000_000;

describe('seed 001 face API end to end (real Postgres, Redis, BullMQ workers and models)', () => {
  let stack: Stack;
  let token: string;
  let publicId: string;
  const bearer = () => ({ Authorization: `Bearer ${token}` });
  const consent = (req: ReturnType<ReturnType<Stack['http']>['post']>, value = 'true') => req.field('client_declaration_enduser_consent', value);
  const detect = (image: Buffer, name = 'photo.jpg') => consent(stack.http().post('/face/detect').set(bearer())).attach('image_file', image, name);
  const enrol = (image: Buffer) => consent(stack.http().post('/enrollment/users').set(bearer())).attach('image_file', image, 'photo.jpg');
  const compareWithUser = (image: Buffer, userToken: string) =>
    consent(stack.http().post('/face/compare').set(bearer())).field('user_token', userToken).attach('image_file', image, 'probe.jpg');
  const listed = async () => (await stack.http().get('/enrollment/users').set(bearer()).expect(200)).body as { user_tokens: string[]; total_users: number };
  const counters = async () =>
    (await stack.http().get('/face-api/client/get-counters').set('Accesstoken', token).expect(200)).body.remaining_limit as Record<string, number>;

  beforeAll(async () => {
    stack = await startStack({ IMAGE_MAX_BYTES: String(IMAGE_MAX_BYTES) });
    ({ token, clientId: publicId } = await newClient(stack, 'perse-client'));
  });
  afterAll(async () => stack?.close());

  it('refuses calls without a valid Bearer token (401) in the dialect\'s error form', async () => {
    const missing = await stack.http().post('/face/detect').field('client_declaration_enduser_consent', 'true').expect(401);
    expect(missing.body).toMatchObject({ code: 'unauthorized' });
    await stack.http().get('/enrollment/users').set('Authorization', 'Bearer nope').expect(401);
  });

  it('detects every face of a group photo with landmarks, box, metrics, liveness and thresholds', async () => {
    const res = await detect(deepface('couple.jpg')).expect(200);
    const body = res.body;
    expect(body.total_faces).toBeGreaterThanOrEqual(2);
    expect(body.faces).toHaveLength(body.total_faces);
    for (const face of body.faces) {
      expect(Object.keys(face.landmarks).sort()).toEqual(['left_ear', 'left_eye', 'mouth', 'nose', 'right_ear', 'right_eye']);
      const [left, top, right, bottom, width, height] = face.bounding_box as number[];
      expect(right! - left!).toBeCloseTo(width!, 0);
      expect(bottom! - top!).toBeCloseTo(height!, 0);
      for (const key of ['underexposure', 'overexposure', 'sharpness', 'color']) {
        expect(face.face_metrics[key]).toBeGreaterThanOrEqual(0);
        expect(face.face_metrics[key]).toBeLessThanOrEqual(1);
      }
      expect(face.face_metrics.rotation).toBeGreaterThanOrEqual(0);
      expect(face.face_metrics.rotation).toBeLessThanOrEqual(360);
      expect(face.liveness_score).toBeGreaterThanOrEqual(0);
      expect(face.liveness_score).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(body.default_thresholds).sort()).toEqual(['color', 'liveness', 'overexposure', 'rotation', 'sharpness', 'underexposure']);
    expect(Object.keys(body.image_metrics).sort()).toEqual(['color', 'overexposure', 'sharpness', 'underexposure']);
    expect(body.time_taken).toBeGreaterThan(0);
  });

  it('reports a darkened copy of a good photo as underexposed past the threshold', async () => {
    const good = (await detect(deepface('img1.jpg')).expect(200)).body;
    const dark = (await detect(await darkened(deepface('img1.jpg'))).expect(200)).body;
    const threshold = good.default_thresholds.underexposure;
    expect(good.faces[0].face_metrics.underexposure).toBeLessThan(threshold);
    expect(dark.faces[0].face_metrics.underexposure).toBeGreaterThanOrEqual(threshold);
  });

  it('adds age, gender and emotions per face when attributes=true, and only then', async () => {
    const plain = (await detect(deepface('img1.jpg')).expect(200)).body;
    expect(plain.faces[0]).not.toHaveProperty('attributes');
    // img1.jpg shows a woman in her thirties.
    const described = (await detect(deepface('img1.jpg')).field('attributes', 'true').expect(200)).body;
    const { age, gender, gender_score: genderScore, emotions } = described.faces[0].attributes;
    expect(gender).toBe('female');
    expect(genderScore).toBeGreaterThan(0.5);
    expect(age).toBeGreaterThan(18);
    expect(age).toBeLessThan(55);
    expect(Object.keys(emotions).sort()).toEqual(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
    expect(Object.values(emotions as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  });

  it('answers a photo without a face with total_faces 0', async () => {
    const res = await detect(await faceless()).expect(200);
    expect(res.body).toMatchObject({ total_faces: 0, faces: [] });
  });

  it('compares two images: the same person above the similarity threshold, different people below', async () => {
    const compare = (a: string, b: string) =>
      consent(stack.http().post('/face/compare').set(bearer())).attach('image_file1', deepface(a), a).attach('image_file2', deepface(b), b);
    const same = (await compare('img1.jpg', 'img2.jpg').expect(200)).body;
    expect(Object.keys(same).sort()).toEqual(['default_thresholds', 'liveness_score', 'similarity', 'time_taken']);
    expect(same.similarity).toBeGreaterThanOrEqual(same.default_thresholds.similarity);
    expect(same.liveness_score).toBeGreaterThanOrEqual(0);
    const different = (await compare('img1.jpg', 'img18.jpg').expect(200)).body;
    expect(different.similarity).toBeLessThan(different.default_thresholds.similarity);
    const noFace = await consent(stack.http().post('/face/compare').set(bearer()))
      .attach('image_file1', deepface('img1.jpg'), 'a.jpg')
      .attach('image_file2', await faceless(), 'b.jpg')
      .expect(422);
    expect(noFace.body.code).toBe('no_face');
  });

  it('matches photos turned by a quarter or half turn, and EXIF-rotated JPEGs, against an upright photo', async () => {
    const upright = deepface('img2.jpg');
    const copies = [
      ...[90, 180, 270].map((angle) => sharp(deepface('img1.jpg')).rotate(angle).jpeg({ quality: 92 }).toBuffer()),
      // Pixels turned 90 degrees anticlockwise, with EXIF orientation 6 telling viewers to turn them back.
      sharp(deepface('img1.jpg')).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer(),
    ];
    for (const copy of await Promise.all(copies)) {
      const res = await consent(stack.http().post('/face/compare').set(bearer()))
        .attach('image_file1', copy, 'turned.jpg')
        .attach('image_file2', upright, 'upright.jpg')
        .expect(200);
      expect(res.body.similarity).toBeGreaterThanOrEqual(res.body.default_thresholds.similarity);
    }
  });

  it('enrols, lists, compares against, updates and deletes a user by user_token', async () => {
    const before = await counters();
    const enrolled = (await enrol(deepface('img1.jpg')).expect(200)).body;
    expect(enrolled.user_token).toMatch(/^[1-9]\d{14}$/);
    expect(enrolled.time_taken).toBeGreaterThan(0);
    const userToken = enrolled.user_token as string;
    expect(await listed()).toMatchObject({ user_tokens: [userToken], total_users: 1 });

    const genuine = (await compareWithUser(deepface('img2.jpg'), userToken).expect(200)).body;
    expect(genuine.similarity).toBeGreaterThanOrEqual(genuine.default_thresholds.similarity);

    // Updating replaces the face: the first person no longer matches, the new one does.
    const updated = await consent(stack.http().put(`/enrollment/users/${userToken}`).set(bearer())).attach('image_file', deepface('img13.jpg'), 'new.jpg').expect(200);
    expect(updated.body.user_token).toBe(userToken);
    const old = (await compareWithUser(deepface('img2.jpg'), userToken).expect(200)).body;
    expect(old.similarity).toBeLessThan(old.default_thresholds.similarity);
    const current = (await compareWithUser(deepface('img14.jpg'), userToken).expect(200)).body;
    expect(current.similarity).toBeGreaterThanOrEqual(current.default_thresholds.similarity);
    expect((await counters()).n_face).toBe(before.n_face - 1);

    const removed = await stack.http().delete(`/enrollment/users/${userToken}`).set(bearer()).expect(200);
    expect(Object.keys(removed.body)).toEqual(['time_taken']);
    expect((await stack.http().delete(`/enrollment/users/${userToken}`).set(bearer()).expect(404)).body.code).toBe('user_not_found');
    expect((await compareWithUser(deepface('img2.jpg'), userToken).expect(404)).body.code).toBe('user_not_found');
    expect(await listed()).toEqual(expect.objectContaining({ user_tokens: [], total_users: 0 }));
    expect((await counters()).n_face).toBe(before.n_face);
    // enrol, three compares and the update are billable; list, delete and the refused compare are not.
    expect((await counters()).n_api_hits).toBe(before.n_api_hits - 5);
  });

  it('refuses enrolment of a face too dark, of no face and of an unknown user_token update, and writes nothing', async () => {
    const before = await counters();
    const dark = await enrol(await darkened(deepface('img1.jpg'))).expect(422);
    expect(dark.body.code).toBe('image_underexposed');
    expect((await enrol(await faceless()).expect(422)).body.code).toBe('no_face');
    const unknown = await consent(stack.http().put('/enrollment/users/123456789012345').set(bearer())).attach('image_file', deepface('img1.jpg'), 'a.jpg').expect(404);
    expect(unknown.body.code).toBe('user_not_found');
    expect((await listed()).total_users).toBe(0);
    expect(await counters()).toEqual(before);
  });

  it('refuses bad requests with 400, 413 and 415 and their codes', async () => {
    const jpeg = deepface('img1.jpg');
    const cases: Array<[ReturnType<ReturnType<Stack['http']>['post']>, number, string]> = [
      [stack.http().post('/face/detect').set(bearer()).send({ image_file: 'abc', client_declaration_enduser_consent: true }), 415, 'unsupported_media_type'],
      [stack.http().post('/face/detect').set(bearer()).attach('image_file', jpeg, 'a.jpg'), 400, 'consent_required'],
      [detect(jpeg).field('client_declaration_enduser_consent', 'false'), 400, 'validation_failed'],
      [consent(stack.http().post('/face/detect').set(bearer()), 'false').attach('image_file', jpeg, 'a.jpg'), 400, 'consent_required'],
      [consent(stack.http().post('/face/detect').set(bearer())), 400, 'validation_failed'],
      [detect(Buffer.from('plain text, not an image'), 'a.txt'), 415, 'unsupported_image_format'],
      [detect(jpeg.subarray(0, Math.floor(jpeg.length / 2))), 400, 'image_decode_failed'],
      [detect(hugePngHeader(), 'huge.png'), 413, 'image_too_large'],
      [detect(Buffer.concat([jpeg, Buffer.alloc(IMAGE_MAX_BYTES)])), 413, 'image_too_large'],
      [consent(stack.http().post('/face/detect').set(bearer())).attach('photo', jpeg, 'a.jpg'), 400, 'validation_failed'],
      [consent(stack.http().post('/face/compare').set(bearer())).attach('image_file1', jpeg, 'a.jpg'), 400, 'validation_failed'],
      [compareWithUser(jpeg, 'not-digits'), 400, 'validation_failed'],
      [consent(stack.http().put(`/enrollment/users/${'9'.repeat(16)}`).set(bearer())).attach('image_file', jpeg, 'a.jpg'), 400, 'validation_failed'],
    ];
    for (const [req, status, code] of cases) {
      const res = await req;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
  });

  it('records the consent declaration with every usage record', async () => {
    const db = new Client({ connectionString: stack.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ endpoint: string; consent: boolean | null; billable: boolean; outcome: string }>(
        `SELECT u.endpoint, u.consent, u.billable, u.outcome FROM usage_records u JOIN clients c ON c.id = u.client_id
          WHERE c.public_id = $1 AND u.dialect = 'perse'`,
        [publicId],
      );
      const successes = rows.filter((r) => r.outcome === 'OK' && !r.endpoint.startsWith('GET') && !r.endpoint.startsWith('DELETE'));
      expect(successes.length).toBeGreaterThan(5);
      expect(successes.every((r) => r.consent === true && r.billable)).toBe(true);
      expect(rows.some((r) => r.outcome === 'CONSENT_REQUIRED' && r.consent === false)).toBe(true);
    } finally {
      await db.end();
    }
  });
});
