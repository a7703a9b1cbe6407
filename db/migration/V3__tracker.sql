-- The tracker's persistent state (issue 4). Info-hashes are 40 lower-case hex digits.

-- Completed downloads per published torrent, flushed in batches so a restart loses at most one flush.
create table swarm_stats (
    info_hash  char(40)    primary key check (info_hash ~ '^[0-9a-f]{40}$'),
    completed  bigint      not null default 0 check (completed >= 0),
    updated_at timestamptz not null default now()
);

-- Foreign info-hashes announced to the tracker, for the admins' review.
create table unknown_torrents (
    info_hash        char(40)    primary key check (info_hash ~ '^[0-9a-f]{40}$'),
    first_seen       timestamptz not null,
    last_seen        timestamptz not null,
    announces        bigint      not null default 0,
    distinct_sources bigint      not null default 0,
    top_sources      text        not null default '',
    clients          text        not null default ''
);
create index unknown_torrents_announces on unknown_torrents (announces desc);

-- Foreign info-hashes an admin blocked: answered with "retry in: never" and a longer interval.
create table blocked_torrents (
    info_hash  char(40)    primary key check (info_hash ~ '^[0-9a-f]{40}$'),
    reason     text        not null default '',
    blocked_at timestamptz not null default now()
);

-- Banned addresses and networks, IPv4 or IPv6, in canonical CIDR form.
create table bans (
    cidr       varchar(50) primary key,
    reason     text        not null default '',
    created_at timestamptz not null default now()
);
