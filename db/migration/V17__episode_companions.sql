-- What goes with an episode besides its media: Podcasting 2.0 chapters (JSON) and a transcript
-- (WebVTT, SRT converted on the way in). Small texts, kept in the database so every node serves
-- them; a row exists only while one of them does.
create table episode_companions (
    episode_id bigint      primary key references episodes (id) on delete cascade,
    chapters   text,
    transcript text,
    updated_at timestamptz not null default now()
);
