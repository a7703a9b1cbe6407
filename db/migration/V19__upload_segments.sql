-- With SEEDCAST_STORAGE=s3 an upload in progress lives in the bucket, one object per segment, so
-- any web node can continue it. The offset a client resumes from is the upload's row: a segment
-- counts once its row is committed together with the new offset, in one transaction that only
-- succeeds from the offset its writer started at (two nodes cannot both append). On the
-- filesystem the part file's size stays the offset and these stay empty.

alter table uploads add column received bigint not null default 0;

create table upload_segments (
    upload_id    uuid    not null references uploads (id) on delete cascade,
    start_offset bigint  not null,
    end_offset   bigint  not null check (end_offset > start_offset),
    object_name  text    not null,
    primary key (upload_id, start_offset)
);
