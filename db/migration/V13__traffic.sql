-- What BitTorrent saved: bytes per episode by where they went, added in batches by the traffic module.
-- One row per episode per time bucket (seedcast.traffic.bucket, an hour by default) in which something moved,
-- pruned after seedcast.traffic.retention; the per-episode totals outlive the pruning.
create table traffic_buckets (
    episode_id               bigint      not null references episodes (id) on delete cascade,
    bucket_start             timestamptz not null,
    seed_bytes               bigint      not null default 0,
    webseed_bittorrent_bytes bigint      not null default 0,
    webseed_plain_bytes      bigint      not null default 0,
    fan_bytes                bigint      not null default 0,
    primary key (episode_id, bucket_start)
);

-- the charts of all episodes and the pruning read by time
create index traffic_buckets_by_start on traffic_buckets (bucket_start);

create table traffic_totals (
    episode_id               bigint primary key references episodes (id) on delete cascade,
    seed_bytes               bigint not null default 0,
    webseed_bittorrent_bytes bigint not null default 0,
    webseed_plain_bytes      bigint not null default 0,
    fan_bytes                bigint not null default 0
);
