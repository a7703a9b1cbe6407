-- Downloads per episode: direct media GETs from byte 0 and .torrent fetches, added in batches.
create table download_counts (
    episode_id bigint primary key references episodes (id) on delete cascade,
    direct     bigint not null default 0,
    torrent    bigint not null default 0
);
