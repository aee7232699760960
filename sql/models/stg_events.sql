-- one row per event, with the keys that cluster events across articles (a view)
with coded as (
    select
        e.event_id,
        e.doc_id,
        e.sentence_id,
        e.cameo_code,
        substr(e.cameo_code, 1, 2) as root_code,
        e.quad_class,
        e.goldstein,
        e.actor1_id,
        e.actor2_id,
        least(coalesce(e.actor1_id, ''), coalesce(e.actor2_id, '')) as actor_a,
        greatest(coalesce(e.actor1_id, ''), coalesce(e.actor2_id, '')) as actor_b,
        coalesce(e.location_id, '') as place_id,
        coalesce(e.event_date, d.published_at) as event_day,
        e.date_precision,
        e.confidence,
        d.source_name,
        d.published_at,
        d.ingested_at
    from events as e
    join documents as d using (doc_id)
),

final as (
    select
        *,
        date_precision in ('day', 'reported') as is_day_precise,
        date_trunc('month', event_day)::date as event_month
    from coded
)

select * from final
