-- What did Sergey Lavrov say, in which article?
select d.title, q.text
from quotes as q
join documents as d using (doc_id)
where q.speaker_id = 'sergey-lavrov'
order by d.published_at nulls last, q.start_char
