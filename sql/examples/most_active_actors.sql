-- The most active actors: events as source or target, and their main partners
select name, events_as_source, events_as_target, mentions, top_partners
from actor_activity
where events_as_source + events_as_target > 0
order by events_as_source + events_as_target desc, mentions desc
limit 10
