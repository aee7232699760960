-- How role phrases ("le président russe", "le chef de la diplomatie chinoise") were resolved, by article date
select m.surface, e.name as resolved_to, d.published_at, count(*) as mentions
from mentions as m
join entities as e using (entity_id)
join documents as d using (doc_id)
where m.method = 'role'
group by all
order by d.published_at nulls last, mentions desc
