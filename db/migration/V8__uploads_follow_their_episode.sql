-- A finished upload's row names its episode. Deleting the episode must take that row with it
-- (the default NO ACTION made every tus-uploaded episode undeletable). The upload also records
-- the media id it is being moved to before the move, so a finalisation that fails half-way is
-- retried from what is on disk instead of losing the bytes; and it gets an optimistic-lock
-- version so a write racing a termination cannot resurrect the row.

alter table uploads drop constraint uploads_episode_id_fkey;
alter table uploads add constraint uploads_episode_id_fkey
    foreign key (episode_id) references episodes (id) on delete cascade;

alter table uploads add column media_id uuid;
alter table uploads add column version integer not null default 0;

create index uploads_account_unfinished on uploads (account_id) where episode_id is null;
