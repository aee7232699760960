-- the clusters account for every event exactly once
select (select count(*) from events) as events, (select coalesce(sum(num_mentions), 0) from event_clusters) as clustered
where (select count(*) from events) <> (select coalesce(sum(num_mentions), 0) from event_clusters)
