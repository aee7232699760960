-- one row per entity per day per source (day and month are NULL when the article's date is unknown)
with doc_mentions as (
    select doc_id, entity_id from mentions
),

doc_dates as (
    select doc_id, published_at, coalesce(source_name, 'unknown') as source_name from documents
),

entity_names as (
    select entity_id, name, label from entities
),

final as (
    select
        m.entity_id,
        e.name,
        e.label,
        d.published_at as day,
        date_trunc('month', d.published_at)::date as month,
        d.source_name,
        count(*) as mentions,
        count(distinct m.doc_id) as documents
    from doc_mentions as m
    join doc_dates as d using (doc_id)
    join entity_names as e using (entity_id)
    group by all
)

select * from final
