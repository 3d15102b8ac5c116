import { createHash } from 'node:crypto';
import { InvalidInputError, NotFoundError, PayloadTooLargeError, StoreError } from '../../errors/index.ts';
import type { EmbeddingVector, ImageAnalysis, PersonFace, StoredImage } from '../../memory/types.ts';
import type { ImageRepository } from '../memory-store.ts';
import { toImage, toPersonFace } from '../rows.ts';
import { requireUserRow, type StoreContext } from '../store-context.ts';
import { checkId, imageAnalysisSchema, imageMetaSchema, parseInput, sha256Schema } from '../validation.ts';
import { writeEmbedding } from './embedding-writer.ts';

export class SqlImageRepository implements ImageRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async put(userId: string, bytes: Uint8Array, meta: { mime: string; width: number; height: number }): Promise<StoredImage> {
    checkId(userId, 'user id');
    const checked = parseInput(imageMetaSchema, meta, 'image metadata');
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new InvalidInputError('Invalid image: expected non-empty bytes (a Uint8Array).');
    if (bytes.length > this.#context.limits.maxImageBytes) throw new PayloadTooLargeError('image bytes', bytes.length, this.#context.limits.maxImageBytes, { setting: 'PERSONAVLM_MAX_IMAGE_BYTES (vision.maxImageBytes)' });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.#context.db.transaction(async (tx) => {
      // The user must exist (recordTurn ensures it in the turn's transaction): a crop stored after delete-user
      // must fail, not bring the user back. Held until commit, so delete-user waits for the bytes below.
      await requireUserRow(tx, userId);
      // Bytes before the row commits: a row always has its bytes; a failure in between rolls the row back and
      // leaves at most an orphan blob, which content addressing makes harmless and delete-user removes.
      await this.#context.blobs.put(userId, sha256, bytes);
      await tx.query(
        `insert into images (user_id, sha256, mime, width, height, bytes) values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id, sha256) do nothing`,
        [userId, sha256, checked.mime, checked.width, checked.height, bytes.length],
      );
      const rows = await tx.query('select * from images where user_id = $1 and sha256 = $2', [userId, sha256]);
      return toImage(rows[0]!);
    });
  }

  async get(userId: string, sha256: string): Promise<StoredImage | null> {
    checkId(userId, 'user id');
    parseInput(sha256Schema, sha256, 'image sha256');
    const rows = await this.#context.db.query('select * from images where user_id = $1 and sha256 = $2', [userId, sha256]);
    return rows[0] ? toImage(rows[0]) : null;
  }

  async readBytes(userId: string, sha256: string): Promise<Uint8Array> {
    if (!(await this.get(userId, sha256))) throw new NotFoundError('image', sha256);
    const bytes = await this.#context.blobs.get(userId, sha256);
    if (!bytes) {
      throw new StoreError(`The bytes of image ${sha256} are missing from the blob store although its row exists. Check the blob directory (blobDir) is the one this database was written with.`, { details: { userId, sha256 } });
    }
    return bytes;
  }

  async list(userId: string): Promise<StoredImage[]> {
    checkId(userId, 'user id');
    const rows = await this.#context.db.query('select * from images where user_id = $1 order by created_at, sha256', [userId]);
    return rows.map(toImage);
  }

  async personFaces(userId: string, perPerson: number): Promise<PersonFace[]> {
    checkId(userId, 'user id');
    if (!Number.isInteger(perPerson) || perPerson < 1) throw new InvalidInputError(`perPerson must be a positive integer, got ${perPerson}.`);
    // The faces are unpacked in the database: a user with thousands of photos sends back a few rows per person,
    // not every analysis with its face descriptors.
    const rows = await this.#context.db.query(
      `select person_id, sha256, width, height, box, score from (
         select f.face ->> 'personId' as person_id, i.sha256, i.width, i.height, f.face -> 'box' as box,
                (f.face ->> 'score')::float8 as score,
                row_number() over (partition by f.face ->> 'personId' order by i.created_at desc, i.sha256 desc, f.ord) as n
           from images i
           cross join lateral jsonb_array_elements(coalesce(i.analysis -> 'faces', '[]'::jsonb)) with ordinality as f(face, ord)
          where i.user_id = $1 and f.face ->> 'personId' is not null
       ) ranked
       where n <= $2
       order by person_id, n`,
      [userId, perPerson],
    );
    return rows.map(toPersonFace);
  }

  async setAnalysis(userId: string, sha256: string, analysis: ImageAnalysis): Promise<void> {
    checkId(userId, 'user id');
    parseInput(sha256Schema, sha256, 'image sha256');
    const checked = parseInput(imageAnalysisSchema, analysis, 'image analysis');
    const rows = await this.#context.db.query(
      'update images set analysis = $3::jsonb where user_id = $1 and sha256 = $2 returning 1',
      [userId, sha256, JSON.stringify(checked)],
    );
    if (rows.length === 0) throw new NotFoundError('image', sha256);
  }

  async setEmbedding(userId: string, sha256: string, embedding: EmbeddingVector): Promise<void> {
    checkId(userId, 'user id');
    parseInput(sha256Schema, sha256, 'image sha256');
    await writeEmbedding(this.#context, userId, 'images', sha256, embedding);
  }
}
