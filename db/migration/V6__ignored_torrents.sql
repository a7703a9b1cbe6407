-- Foreign info-hashes an admin has looked at and set aside: hidden from the review list by
-- default. Ignoring changes nothing in the tracker (the hash is still refused and counted).
create table ignored_torrents (
    info_hash   varchar(40)  primary key,
    ignored_by  varchar(64)  not null,
    ignored_at  timestamptz  not null default now()
);
