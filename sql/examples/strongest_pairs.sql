-- Which entities appear together most often (same sentence), with names?
select a.name as entity_a, b.name as entity_b, c.sentences, c.documents
from entity_cooccurrence as c
join entities as a on a.entity_id = c.entity_a
join entities as b on b.entity_id = c.entity_b
where a.label in ('PER', 'ORG') and b.label in ('PER', 'ORG')
order by c.sentences desc, c.documents desc, entity_a, entity_b
limit 10
