-- one row per entity: when it was first and last seen, how often, its events and its main partners
with seen as (
    select
        m.entity_id,
        min(coalesce(d.published_at, d.ingested_at::date)) as first_seen,
        max(coalesce(d.published_at, d.ingested_at::date)) as last_seen,
        count(*) as mentions,
        count(distinct m.doc_id) as documents
    from mentions as m
    join documents as d using (doc_id)
    group by m.entity_id
),

as_source as (
    select actor1_id as entity_id, count(*) as events_as_source from events group by all
),

as_target as (
    select actor2_id as entity_id, count(*) as events_as_target from events where actor2_id is not null group by all
),

partner_counts as (
    select actor1_id as entity_id, actor2_id as partner_id, count(*) as events
    from events where actor2_id is not null group by all
    union all
    select actor2_id, actor1_id, count(*) from events where actor2_id is not null group by all
),

partners as (
    select p.entity_id, list(coalesce(e.name, p.partner_id) order by p.events desc, e.name)[1:5] as top_partners
    from (select entity_id, partner_id, sum(events) as events from partner_counts group by all) as p
    left join entities as e on e.entity_id = p.partner_id
    group by p.entity_id
),

final as (
    select
        e.entity_id,
        e.name,
        e.label,
        e.country_code,
        s.first_seen,
        s.last_seen,
        coalesce(s.mentions, 0) as mentions,
        coalesce(s.documents, 0) as documents,
        coalesce(src.events_as_source, 0) as events_as_source,
        coalesce(tgt.events_as_target, 0) as events_as_target,
        coalesce(p.top_partners, []) as top_partners
    from entities as e
    left join seen as s using (entity_id)
    left join as_source as src using (entity_id)
    left join as_target as tgt using (entity_id)
    left join partners as p using (entity_id)
)

select * from final
