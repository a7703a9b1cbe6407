-- Seedcast foundation: people, shows, episodes and resumable uploads.

create table accounts (
    id            bigint generated always as identity primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(255) not null,
    role          varchar(16)  not null check (role in ('ADMIN', 'PRODUCER')),
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now()
);

create table shows (
    id                bigint generated always as identity primary key,
    slug              varchar(64)   not null unique,
    title             varchar(200)  not null,
    description       text          not null default '',
    author            varchar(200)  not null default '',
    language          varchar(16)   not null default 'en',
    category          varchar(100)  not null default '',
    explicit          boolean       not null default false,
    torrent_format    varchar(8)    not null default 'v1' check (torrent_format in ('v1', 'hybrid')),
    artwork_id        uuid,
    artwork_type      varchar(32),
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now(),
    version           integer       not null default 0
);

create table show_producers (
    show_id    bigint not null references shows (id) on delete cascade,
    account_id bigint not null references accounts (id) on delete cascade,
    primary key (show_id, account_id)
);
create index show_producers_account on show_producers (account_id);

create table episodes (
    id              bigint generated always as identity primary key,
    show_id         bigint        not null references shows (id),
    guid            uuid          not null unique,
    title           varchar(300)  not null,
    description     text          not null default '',
    season          integer       check (season > 0),
    episode_number  integer       check (episode_number > 0),
    status          varchar(16)   not null check (status in ('DRAFT', 'SCHEDULED', 'PUBLISHED')),
    publish_at      timestamptz,
    published_at    timestamptz,
    media_id        uuid,
    media_file_name varchar(255),
    media_type      varchar(100),
    media_size      bigint,
    media_sha256    varchar(64),
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    version         integer       not null default 0
);
create index episodes_show_status on episodes (show_id, status, published_at desc);

-- A tus upload in progress. The bytes received so far are the file on disk; this row says what
-- the upload is for and how long it will be.
create table uploads (
    id          uuid          primary key,
    show_id     bigint        not null references shows (id) on delete cascade,
    account_id  bigint        not null references accounts (id) on delete cascade,
    file_name   varchar(255)  not null,
    title       varchar(300)  not null,
    length      bigint        not null check (length > 0),
    media_type  varchar(100),
    episode_id  bigint        references episodes (id),
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now()
);
