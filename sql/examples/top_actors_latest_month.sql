-- Who was mentioned most in the latest month with dated articles?
select name, label, sum(mentions) as mentions, sum(documents) as documents
from mention_counts
where month = (select max(month) from mention_counts)
group by name, label
order by mentions desc, name
limit 10
