-- Every change an admin or producer made through the pages or the API: who, what, when, from where.
create table audit_log (
    id      bigserial    primary key,
    at      timestamptz  not null,
    actor   varchar(64)  not null,
    method  varchar(8)   not null,
    path    varchar(500) not null,
    detail  varchar(1000) not null default '',
    status  integer      not null,
    address varchar(64)  not null
);
create index audit_log_at on audit_log (at desc);
