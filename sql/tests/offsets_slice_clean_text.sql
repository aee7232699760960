-- sentences and mentions whose offsets do not slice documents.clean_text to their own text
select 'sentence' as kind, s.doc_id, s.start_char, s.end_char
from sentences as s
join documents as d using (doc_id)
where s.start_char < 0 or s.end_char > length(d.clean_text) or s.start_char >= s.end_char
   or substr(d.clean_text, s.start_char + 1, s.end_char - s.start_char) <> s.text
union all
select 'mention', m.doc_id, m.start_char, m.end_char
from mentions as m
join documents as d using (doc_id)
where m.start_char < 0 or m.end_char > length(d.clean_text) or m.start_char >= m.end_char
   or substr(d.clean_text, m.start_char + 1, m.end_char - m.start_char) <> m.surface
