-- one row per unordered actor pair per month per quad class: events (clusters), mentions, mean Goldstein
with clusters as (
    select * from event_clusters where actor_a_id is not null and actor_b_id is not null
),

final as (
    select
        actor_a_id,
        actor_b_id,
        date_trunc('month', event_day)::date as month,
        quad_class,
        count(*) as events,
        sum(num_mentions) as mentions,
        avg(goldstein) as mean_goldstein
    from clusters
    group by all
)

select * from final
