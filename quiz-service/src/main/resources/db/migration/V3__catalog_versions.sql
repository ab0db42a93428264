-- Every authoring change takes the next catalog version; a quiz row carries the version of its last change.
-- Cached copies (Redis, and each instance's local copy) carry the version they were read at, so a copy read
-- before a change can never overwrite the eviction that change made (QuizCache: put-if-newer, tombstones).
create table catalog (
    id      smallint primary key check (id = 1),
    version bigint   not null
);

insert into catalog (id, version) values (1, 1);

alter table quiz add column version bigint not null default 1;
