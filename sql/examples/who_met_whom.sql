-- Who met, visited, hosted or called whom, where and when (CAMEO 04x), once per real-world event?
select
    c.cameo_code,
    a.name as actor_a,
    b.name as actor_b,
    p.name as place,
    c.event_day,
    c.num_articles,
    c.representative_sentence
from event_clusters as c
left join entities as a on a.entity_id = c.actor_a_id
left join entities as b on b.entity_id = c.actor_b_id
left join entities as p on p.entity_id = c.location_id
where c.root_code = '04' and c.actor_a_id is not null and c.actor_b_id is not null
order by c.event_day nulls last, c.num_articles desc
