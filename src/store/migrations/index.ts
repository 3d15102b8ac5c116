import { migration001 } from './001-core.ts';
import { migration002 } from './002-images-and-vectors.ts';
import { migration003 } from './003-personality-and-jobs.ts';
import { migration004 } from './004-persons.ts';
import { migration005 } from './005-retired-memories.ts';
import { migration006 } from './006-job-order.ts';
import { migration007 } from './007-user-generation.ts';
import { migration008 } from './008-turn-external-id.ts';
import { migration009 } from './009-job-interruptions.ts';
import { migration010 } from './010-turn-stamp.ts';
import { migration011 } from './011-memory-stamp.ts';
import { migration012 } from './012-no-full-text.ts';
import { migration013 } from './013-recall-views.ts';
import { migration014 } from './014-memory-index-entries.ts';
import { migration015 } from './015-memory-row-stamp.ts';
import { migration016 } from './016-memory-views.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';
export { migrate } from './migrate.ts';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016];
