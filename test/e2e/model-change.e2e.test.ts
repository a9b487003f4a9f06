import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPERATOR_MODEL_ENV, writeOperatorFaceModel } from '../../apps/embedder/test/support/operator-face-model';
import { loadEnv } from '@bio/config';
import { ADMIN_KEY, newClient, startStack, type Stack } from './support/stack';
import { b64, deepface } from './support/images';

jest.setTimeout(300_000);

const repoRoot = path.resolve(__dirname, '../..');
/**
 * The operator's model's calibration, as bench/accuracy/face-verification.ts --configured-only
 * measured it for that network (faces/celebrities, full pipeline). The model id in the file is
 * the one the embedder gives the file written here.
 */
const CALIBRATION_FIXTURE = path.join(__dirname, 'fixtures/operator-model-calibration.json');

/**
 * The re-enrolment path after an operator changes the face model: templates of the old model
 * are never compared with the new one's; verify says so with REENROLMENT_REQUIRED, the
 * client enrols a photo again, and the old model's templates are purged by the operator.
 */
describe('changing the face model (FACE_EMBED_MODEL_PATH) end to end (real Postgres, Redis, BullMQ workers and models)', () => {
  let stack: Stack;
  let token: string;
  let operator: { file: string; modelId: string };
  const auth = () => ({ Accesstoken: token });
  const post = (p: string, body: object) => stack.http().post(`/face-api/${p}`).set(auth()).send(body);
  const admin = () => ({ 'x-admin-key': ADMIN_KEY });
  const verify = (image: string) => post('facegallery/verify-face', { user_id: 'angelina', image: b64(deepface(image)) });
  const identify = (image: string) => post('facegallery/identify-face', { image: b64(deepface(image)) });
  const models = async () => (await stack.http().get('/admin/models').set(admin()).expect(200)).body as { faces: Array<{ modelId: string; templates: number }> };
  const nFace = async () => (await stack.http().get('/face-api/client/get-counters').set(auth()).expect(200)).body.remaining_limit.n_face as number;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'model-change-'));
    operator = writeOperatorFaceModel(dir);
    const calibrations = path.join(dir, 'calibration');
    const shipped = path.join(repoRoot, 'models/calibration');
    mkdirSync(calibrations);
    for (const name of readdirSync(shipped)) copyFileSync(path.join(shipped, name), path.join(calibrations, name));
    const fixture = JSON.parse(readFileSync(CALIBRATION_FIXTURE, 'utf8')) as { modelId: string };
    writeFileSync(path.join(calibrations, 'operator-model.json'), JSON.stringify({ ...fixture, modelId: operator.modelId }));
    stack = await startStack({ CALIBRATION_DIR: calibrations });
    ({ token } = await newClient(stack, 'model-change'));
    await post('client/register', {}).expect(200);
  });
  afterAll(async () => stack?.close());

  it('keeps old templates out of comparisons after the switch, asks for re-enrolment, and works again once a photo is enrolled', async () => {
    await post('facegallery/enroll-face', { user_id: 'angelina', user_name: 'Angelina', image: b64(deepface('img1.jpg')) }).expect(200);
    expect((await verify('img2.jpg').expect(200)).body.verified).toBe(true);
    const [shipped] = (await models()).faces;
    expect(shipped).toMatchObject({ templates: 1 });

    const { FACE_EMBED_MODEL_PATH, FACE_EMBED_CHANNEL_ORDER, FACE_EMBED_INPUT_MEAN, FACE_EMBED_INPUT_STD } = loadEnv({
      ...process.env,
      ...OPERATOR_MODEL_ENV,
      FACE_EMBED_MODEL_PATH: operator.file,
    });
    await stack.restartWorker('embedder', { FACE_EMBED_MODEL_PATH, FACE_EMBED_CHANNEL_ORDER, FACE_EMBED_INPUT_MEAN, FACE_EMBED_INPUT_STD });
    const stale = await verify('img2.jpg').expect(409);
    expect(stale.body).toMatchObject({ status: '409', error_code: 'REENROLMENT_REQUIRED' });
    expect((await identify('img2.jpg').expect(200)).body.return).toEqual([]);

    await post('facegallery/enroll-face', { user_id: 'angelina', user_name: 'Angelina', image: b64(deepface('img1.jpg')) }).expect(200);
    const fresh = await verify('img2.jpg').expect(200);
    expect(fresh.body).toMatchObject({ verified: true });
    expect((await identify('img2.jpg').expect(200)).body.return).toEqual([expect.objectContaining({ user_id: 'angelina' })]);
    expect(((await verify('img13.jpg').expect(200)).body as { verified: boolean }).verified).toBe(false);
    expect((await models()).faces).toEqual(
      expect.arrayContaining([{ modelId: shipped!.modelId, templates: 1 }, { modelId: operator.modelId, templates: 1 }]),
    );

    const before = await nFace();
    const purged = await stack.http().delete('/admin/models').query({ model_id: shipped!.modelId }).set(admin()).expect(200);
    expect(purged.body).toEqual({ model_id: shipped!.modelId, deleted: 1, clients: 1 });
    expect(await nFace()).toBe(before + 1);
    expect((await models()).faces).toEqual([{ modelId: operator.modelId, templates: 1 }]);
    expect((await verify('img2.jpg').expect(200)).body.verified).toBe(true);
    expect((await stack.http().delete('/admin/models').query({ model_id: 'x'.repeat(121) }).set(admin())).status).toBe(400);
  });
});
