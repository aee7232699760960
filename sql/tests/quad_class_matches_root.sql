-- events whose quad class disagrees with their CAMEO root (01-05, 06-08, 09-13, 14-20)
select event_id, cameo_code, quad_class
from events
where quad_class <> case
    when cast(substr(cameo_code, 1, 2) as integer) <= 5 then 1
    when cast(substr(cameo_code, 1, 2) as integer) <= 8 then 2
    when cast(substr(cameo_code, 1, 2) as integer) <= 13 then 3
    else 4
end
