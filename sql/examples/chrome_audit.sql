-- What did the cleaner remove, and why? (the audit trail of every dropped line)
select reason, count(*) as lines, count(distinct doc_id) as documents, any_value(text) as example
from removed_chrome
group by reason
order by lines desc
