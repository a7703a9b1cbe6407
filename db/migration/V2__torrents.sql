-- The torrent engine: uploads remember which torrent format their hashes are for, and every
-- published episode has a signed torrent.

alter table uploads add column torrent_format varchar(8) not null default 'V1'
    check (torrent_format in ('V1', 'HYBRID'));

create table torrents (
    episode_id    bigint       primary key references episodes (id) on delete cascade,
    info_hash     varchar(40)  not null unique,
    info_hash_v2  varchar(64)  unique,
    torrent       bytea        not null,
    published     boolean      not null,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now()
);
create index torrents_published on torrents (published) where published;
