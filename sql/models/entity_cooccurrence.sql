-- one row per unordered pair of entities mentioned together: in how many sentences and documents
with doc_entities as (
    select distinct doc_id, entity_id from mentions
),

sentence_entities as (
    select distinct doc_id, sentence_id, entity_id from mentions where sentence_id is not null
),

sentence_pairs as (
    select a.entity_id as entity_a, b.entity_id as entity_b, count(*) as sentences
    from sentence_entities as a
    join sentence_entities as b
        on a.doc_id = b.doc_id and a.sentence_id = b.sentence_id and a.entity_id < b.entity_id
    group by all
),

document_pairs as (
    select a.entity_id as entity_a, b.entity_id as entity_b, count(*) as documents
    from doc_entities as a
    join doc_entities as b on a.doc_id = b.doc_id and a.entity_id < b.entity_id
    group by all
),

final as (
    select
        d.entity_a,
        d.entity_b,
        coalesce(s.sentences, 0) as sentences,
        d.documents
    from document_pairs as d
    left join sentence_pairs as s using (entity_a, entity_b)
)

select * from final
