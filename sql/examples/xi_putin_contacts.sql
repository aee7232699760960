-- Xi–Putin contacts over time: events between the two per month and quad class
select month, quad_class, events, mentions, round(mean_goldstein, 2) as mean_goldstein
from dyad_timeline
where least(actor_a_id, actor_b_id) = 'vladimir-putin' and greatest(actor_a_id, actor_b_id) = 'xi-jinping'
order by month nulls last, quad_class
