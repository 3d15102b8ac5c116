// GET /v1/users/:user/persons: the people recognised in the user's photos (face clusters), named or not, each with
// the faces that joined it (the photo and the box), so a page can show who they are. Centroids stay server-side.
// PUT /v1/users/:user/persons/:id {"name": "…" | null} names (unnames) one: a search by the name then finds them.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Person, PersonFace } from '../../memory/types.ts';
import { respond } from '../present.ts';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { jsonBody } from '../validate.ts';

/** Enough faces to recognise someone by; the count says how many there are in all. */
const FACES_PER_PERSON = 6;

const nameBody = z.object({ name: z.string().trim().min(1, 'a name needs a letter; send null to unname').max(200).nullable() }).strict();

const present = ({ userId: _owner, centroid: _centroid, ...person }: Person) => person;

export function personRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    // The faces come unpacked from the store (a few per person), newest photo first: the face a person has now.
    const [persons, found] = await Promise.all([persona.persons.list(user.internal), persona.persons.faces(user.internal, FACES_PER_PERSON)]);
    const faces = new Map<string, Omit<PersonFace, 'personId'>[]>();
    for (const { personId, ...face } of found) {
      const list = faces.get(personId) ?? [];
      list.push(face);
      faces.set(personId, list);
    }
    return respond(c, user, { persons: persons.map((person) => ({ ...present(person), faces: faces.get(person.id) ?? [] })) });
  });
  app.put('/:id', async (c) => {
    const user = userOf(c);
    const body = await jsonBody(c, nameBody);
    const report = await persona.persons.name(user.internal, c.req.param('id'), body.name === null ? null : body.name.trim());
    return respond(c, user, { person: present(report.person), turnIds: report.turnIds });
  });
  return app;
}
