-- mentions that cross the boundary of the sentence they point to
select m.mention_id
from mentions as m
join sentences as s using (doc_id, sentence_id)
where m.start_char < s.start_char or m.end_char > s.end_char
