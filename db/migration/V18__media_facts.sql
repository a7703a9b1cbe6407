-- What ffprobe read from an episode's media, when it is installed: facts_state is null when nothing was
-- read (no ffprobe), PENDING while a read is queued or running, KNOWN with the facts, UNREADABLE with the
-- reason in facts_problem. The poster frame is a stored image like a show's artwork.
alter table episodes
    add column facts_state   varchar(16),
    add column duration_ms   bigint,
    add column width         integer,
    add column height        integer,
    add column container     varchar(100),
    add column video_codec   varchar(40),
    add column audio_codec   varchar(40),
    add column poster_id     uuid,
    add column facts_problem varchar(500),
    add constraint episodes_facts_state_check check (facts_state in ('PENDING', 'KNOWN', 'UNREADABLE'));
