// SQL fragments shared by the memory repository and search: a memory row plus its newest embedding's model.

/**
 * MEMORY_SELECT for statements that read many of one user's memories (user id = $1): the same newest embedding per
 * memory, from one pass over the user's memory embeddings joined by hash, instead of an index probe per memory
 * (10k memories: ~0.1 s of a cold list on PGlite, even when the user has no embeddings at all).
 */
export const MEMORY_LIST_SELECT = `
  select m.*, e.model as embedding_model, e.dimensions as embedding_dimensions
  from memories m
  left join (
    select distinct on (target_id) target_id, model, dimensions from embeddings
    where user_id = $1 and target = 'memories'
    order by target_id, created_at desc, model
  ) e on e.target_id = m.id`;

export const MEMORY_SELECT = `
  select m.*, e.model as embedding_model, e.dimensions as embedding_dimensions
  from memories m
  left join lateral (
    select model, dimensions from embeddings e
    where e.user_id = m.user_id and e.target = 'memories' and e.target_id = m.id
    order by e.created_at desc, e.model limit 1
  ) e on true`;

/**
 * Time filter on a memory (the rule of retrieval/time-filter.ts): it passes when it was said in [$from, $to)
 * (valid_from) or its event period [event_from, event_to) overlaps the range; an event with no end is an instant.
 * Parameters: $from, $to.
 */
export function memoryRangeCondition(from: string, to: string): string {
  const said = `((${from}::timestamptz is null or m.valid_from >= ${from}) and (${to}::timestamptz is null or m.valid_from < ${to}))`;
  const about = `(m.event_from is not null
        and (${from}::timestamptz is null or coalesce(m.event_to, m.event_from) > ${from} or m.event_from >= ${from})
        and (${to}::timestamptz is null or m.event_from < ${to}))`;
  return `(${said} or ${about})`;
}

export const INSERT_MEMORY = `
  insert into memories (user_id, id, type, key, content, keywords, detail, source_turn_ids, source_regions,
    event_from, event_to, valid_from, valid_to, status, superseded_by, superseded_by_turn_id, lineage_id, version,
    created_at, updated_at, stamp)
  values ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8::text[], $9::jsonb, $10, $11, $12, $13, $14, $15, $16, $17, $18,
    $19, $20, $21)`;
