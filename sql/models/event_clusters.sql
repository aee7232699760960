-- one row per real-world event: events from any article with the same CAMEO root, unordered actor pair, place and compatible date
with staged as (
    select * from stg_events
),

day_clusters as (
    -- events dated to the day (or to their publication day) anchor the clusters
    select distinct root_code, actor_a, actor_b, place_id, event_day
    from staged
    where is_day_precise
),

assigned as (
    -- a month-, season- or year-precise event joins the earliest day cluster of the same month
    -- (or year), and otherwise forms a cluster of its own at its precision
    select
        s.*,
        coalesce(
            case when s.is_day_precise then s.event_day end,
            (
                select min(c.event_day)
                from day_clusters as c
                where c.root_code = s.root_code
                  and c.actor_a = s.actor_a
                  and c.actor_b = s.actor_b
                  and c.place_id = s.place_id
                  and (
                      (s.date_precision in ('month', 'season') and date_trunc('month', c.event_day) = s.event_month)
                      or (s.date_precision = 'year' and year(c.event_day) = year(s.event_day))
                  )
            )
        ) as cluster_day
    from staged as s
),

keyed as (
    select
        *,
        case
            when cluster_day is not null then strftime(cluster_day, '%Y-%m-%d')
            when date_precision = 'year' then strftime(event_day, '%Y')
            else strftime(event_month, '%Y-%m')
        end as date_key
    from assigned
),

final as (
    select
        md5(concat_ws('|', root_code, actor_a, actor_b, place_id, coalesce(date_key, ''))) as cluster_id,
        root_code,
        mode(cameo_code) as cameo_code,
        min(quad_class) as quad_class,
        avg(goldstein) as goldstein,
        nullif(actor_a, '') as actor_a_id,
        nullif(actor_b, '') as actor_b_id,
        nullif(place_id, '') as location_id,
        date_key,
        -- the cluster's day when it has one: a month-precise member (dated to the 1st) must not pull it
        coalesce(min(cluster_day), min(event_day)) as event_day,
        count(*) as num_mentions,
        count(distinct doc_id) as num_articles,
        count(distinct coalesce(source_name, 'unknown')) as num_sources,
        min(coalesce(published_at, ingested_at::date)) as first_seen,
        arg_max(event_id, confidence) as representative_event_id
    from keyed
    group by root_code, actor_a, actor_b, place_id, date_key
)

select
    f.*,
    s.text as representative_sentence
from final as f
join events as e on e.event_id = f.representative_event_id
join sentences as s on s.doc_id = e.doc_id and s.sentence_id = e.sentence_id
